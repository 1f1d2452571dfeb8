"""The personal Balint record: entries from outside the platform, their
encrypted certificate scans, and the targets a person has chosen.

Sessions on the platform are not copied here: they are the person's counted
attendance (meetings/credit.py), read when the record is shown.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.meetings.models import Meeting
from balintkreis.record import targets


class OutsideEntryQuerySet(models.QuerySet["OutsideEntry"]):
    def pending(self) -> "OutsideEntryQuerySet":
        return self.filter(status=OutsideEntry.Status.SELF_REPORTED)

    def for_confirmer(self, user: User) -> "OutsideEntryQuerySet":
        """Entries ``user`` may confirm: all for the secretariat, those
        naming them for a recognised leader; never their own."""
        if user.is_secretariat:
            rows = self.all()
        elif user.is_leader:
            rows = self.filter(confirming_leader=user)
        else:
            return self.none()
        return rows.exclude(user=user)

    def naming(self, leader: User) -> "OutsideEntryQuerySet":
        """Entries that name ``leader`` as the confirming leader, never the
        leader's own (the leader's home counts them)."""
        return self.filter(confirming_leader=leader).exclude(user=leader)


class OutsideEntry(models.Model):
    """Balint work outside the platform: a certificate of another provider,
    a study conference or large group, a leader seminar, supervised leading
    of one's own group (DOMAIN.md 5, 6, R8). Self-reported until the
    secretariat or the recognised leader it names confirms it against the
    uploaded document."""

    class Kind(models.TextChoices):
        GROUP = targets.GROUP, _("Balint group")
        STUDY_CONFERENCE = targets.STUDY_CONFERENCE, _("Study conference")
        LARGE_GROUP = targets.LARGE_GROUP, _("Large group")
        LEADER_SEMINAR = targets.LEADER_SEMINAR, _("Leader seminar")
        SUPERVISED_LEADING = (
            targets.SUPERVISED_LEADING,
            _("Supervised leading of my own group"),
        )

    class Status(models.TextChoices):
        SELF_REPORTED = "self_reported", _("self-reported")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="outside_entries",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    started_on = models.DateField(_("first date"))
    ended_on = models.DateField(
        _("last date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a single day."),
    )
    double_sessions = models.PositiveSmallIntegerField(
        _("double sessions"),
        validators=[MinValueValidator(1), MaxValueValidator(300)],
        help_text=_("One double session is 90 minutes (2 units)."),
    )
    mode = models.CharField(
        _("mode"),
        max_length=20,
        choices=Meeting.Format.choices,
        default=Meeting.Format.IN_PERSON,
    )
    title = models.CharField(
        _("group or event"),
        max_length=200,
        help_text=_("For example: Balintgruppe Dr. Muster, Erfurt"),
    )
    leader_name = models.CharField(_("leader"), max_length=200)
    leader_recognition = models.CharField(
        _("leader's recognition"),
        max_length=200,
        blank=True,
        help_text=_("For example: DBG-anerkannt; anerkannt von der LÄK Thüringen"),
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    vnr = models.CharField(_("VNR"), max_length=19, blank=True)
    confirming_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader on this platform who may confirm it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outside_entries_to_confirm",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SELF_REPORTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        _("confirmed or rejected at"), null=True, blank=True
    )
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OutsideEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("outside entry")
        verbose_name_plural = _("outside entries")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="record_entry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="self_reported") | Q(decided_at__isnull=True),
                name="record_entry_undecided_has_no_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on:%d.%m.%Y}: {self.title}"

    @property
    def last_on(self) -> datetime.date:
        return self.ended_on or self.started_on

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_editable(self) -> bool:
        """The person may change it until somebody confirmed it."""
        return self.status != self.Status.CONFIRMED

    @property
    def is_online(self) -> bool:
        return self.mode == Meeting.Format.ONLINE


class EntryDocument(models.Model):
    """The scanned certificate of an outside entry, encrypted at rest with
    the field key (core/crypto.py). Read only through ``record.documents``,
    which checks who may and writes the audit log."""

    entry = models.OneToOneField(
        OutsideEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="document",
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    # Fernet token of the base64 of the file: never the plain bytes.
    encrypted_content = models.TextField(_("encrypted content"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate scan")
        verbose_name_plural = _("certificate scans")

    def __str__(self) -> str:
        return self.filename


class ChosenTarget(models.Model):
    """A qualification the person aims for (record/targets.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="chosen_targets",
    )
    key = models.CharField(_("target"), max_length=40)
    training_started_on = models.DateField(
        _("start of the leader training"),
        null=True,
        blank=True,
        help_text=_(
            "DBG leader training: participation before this date counts as "
            "“before”, from this date as “during” the training."
        ),
    )
    chosen_at = models.DateTimeField(_("chosen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("chosen target")
        verbose_name_plural = _("chosen targets")
        ordering = ["chosen_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="record_target_once")
        ]

    def __str__(self) -> str:
        return self.key
