import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class PresenterFeedback(models.Model):
    """Feedback of the member who presented a case; only leaders read it.

    The leader names the presenter (a request); the presenter fills it in.
    """

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="presenter_feedback",
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenter"),
        on_delete=models.CASCADE,
        related_name="presenter_feedback",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    held_by_group = models.PositiveSmallIntegerField(
        _("held by the group"), null=True, blank=True, validators=SCALE
    )
    held_by_leadership = models.PositiveSmallIntegerField(
        _("held by the leadership"), null=True, blank=True, validators=SCALE
    )
    what_helped = models.TextField(_("what helped"), blank=True)
    what_was_hard = models.TextField(_("what was hard"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("presenter feedback")
        verbose_name_plural = _("presenter feedback")
        ordering = ["meeting", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "presenter"], name="feedback_once_per_presenter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.presenter}"


class LeaderNote(models.Model):
    """A leader's private note on a meeting: readable only by its author."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="leader_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="leader_notes",
    )
    text = models.TextField(_("note"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("leader's note")
        verbose_name_plural = _("leaders' notes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"], name="leader_note_once_per_author"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.author}"


class Poll(models.Model):
    """A group vote; results are shown once it is closed."""

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="polls",
    )
    question = models.CharField(_("question"), max_length=200)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.question

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollChoice(models.Model):
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="choices"
    )
    label = models.CharField(_("answer"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["poll", "position"]

    def __str__(self) -> str:
        return self.label


class PollVoter(models.Model):
    """THAT a member voted. Random key and no time: nothing orders or links it
    to a ballot (see feedback/polls.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="voters"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="poll_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.poll}: {self.user}"


class SealedBallot(models.Model):
    """A vote cast in an open poll: the choice encrypted with the field key.

    Written in the same transaction as the ``PollVoter`` row, so it must not
    be readable: whoever copies the database or its WAL sees only ciphertext.
    Every vote re-seals all ballots of the poll under new random keys in a
    random order; closing the poll turns them into ``Ballot`` rows all at
    once (feedback/polls.py, docs/security.md).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll,
        verbose_name=_("poll"),
        on_delete=models.CASCADE,
        related_name="sealed_ballots",
    )
    sealed = models.TextField(_("sealed choice"))

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self) -> str:
        return str(self.pk)


class Ballot(models.Model):
    """WHAT was voted, counted when the poll closed: no person, no time, a
    random key, and all ballots of a poll written in one transaction."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="ballots"
    )
    choice = models.ForeignKey(
        PollChoice,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.choice)
