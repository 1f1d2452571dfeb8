"""Group votes with anonymous ballots (issue 11 item 9, docs/security.md).

``PollVoter`` records THAT a member voted, ``SealedBallot`` WHAT was voted,
encrypted with the field key while the poll is open. Both rows are written in
one transaction (a member votes exactly once), so the choice must not be
readable there: a copy of the database or of its WAL shows who voted and a
ciphertext. Each vote re-seals all ballots of the poll under new random keys
in a random order, so a single snapshot does not say which ciphertext is the
newest. Only ``close_poll`` writes readable ``Ballot`` rows, all of them in
one transaction and in random order, and only when at least
``POLL_MIN_VOTES`` (k) people voted: a reader of the files then learns the
counts of at least k voters at once, never one person's choice. Results are
shown only for polls closed that way.

What an operator who holds the field key can still learn while a poll is
open is written down in docs/security.md.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit, crypto
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.feedback.models import (
    Ballot,
    Poll,
    PollChoice,
    PollVoter,
    SealedBallot,
)
from balintkreis.feedback.permissions import is_member_of
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Meeting
from balintkreis.notifications import outbox

DEFAULT_QUESTION = "In Präsenz, online oder hybrid weiterarbeiten?"
DEFAULT_CHOICES = ["In Präsenz", "Online", "Hybrid"]
_shuffle = random.SystemRandom().shuffle


def open_poll(
    group: BalintGroup,
    *,
    question: str,
    choices: list[str],
    by: User,
    now: datetime.datetime | None = None,
) -> Poll:
    labels = [c.strip() for c in choices if c.strip()]
    if len(labels) < 2:
        raise RuleError(_("A poll needs at least two answers."))
    if len(set(labels)) != len(labels):
        raise RuleError(_("Each answer may appear only once."))
    with transaction.atomic():
        poll = Poll.objects.create(
            group=group,
            question=question,
            opened_by=by,
            opened_at=now or timezone.now(),
        )
        PollChoice.objects.bulk_create(
            PollChoice(poll=poll, label=label, position=index)
            for index, label in enumerate(labels)
        )
        audit.record(by, "feedback.poll.opened", poll)
        _tell_members(poll)
    return poll


def _tell_members(poll: Poll) -> int:
    """Mail the group's active members that a vote is open (in their language)."""
    group = poll.group
    voters = (
        Membership.objects.active_on(timezone.localdate())
        .filter(group=group, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    url = absolute_url("feedback:polls", group.slug)
    told = 0
    for membership in voters:
        outbox.enqueue(
            to=membership.user,
            template="feedback/email/poll_opened",
            context={"group": group, "poll": poll, "url": url},
            key=f"feedback.poll_opened.{poll.pk}.{membership.user_id}",
        )
        told += 1
    return told


class TooFewVotes(RuleError):
    def __init__(self, minimum: int) -> None:
        super().__init__(
            _(
                "The vote can only be closed once at least %(minimum)s members "
                "have voted, so that no single vote can be recognised."
            )
            % {"minimum": minimum}
        )


class UnreadableBallot(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The sealed ballots cannot be read with the configured key. "
                "Please ask the operator to check FIELD_ENCRYPTION_KEY."
            )
        )


def min_votes() -> int:
    """k: the fewest votes a poll is closed and counted with."""
    return max(settings.POLL_MIN_VOTES, 1)


def _seal(poll: Poll, choice_id: int) -> str:
    # Fixed width, so every ciphertext has the same length whatever the id.
    return crypto.encrypt(f"{poll.pk:012d}{choice_id:012d}")


def _unseal(poll: Poll, sealed: str) -> int:
    plain = crypto.decrypt(sealed)
    if len(plain) != 24 or not plain.isdigit() or int(plain[:12]) != poll.pk:
        raise UnreadableBallot
    return int(plain[12:])


def vote(poll: Poll, *, voter: User, choice_id: int) -> None:
    """Cast one anonymous vote; a member votes once per poll.

    The choice is stored sealed; all sealed ballots of the poll are re-sealed
    and rewritten in random order, so neither storage order (SQLite rowid,
    PostgreSQL ctid) nor the token's time says which one is new. Nothing
    that can be counted changes before the poll is closed.
    """
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if not locked.is_open:
            raise RuleError(_("This poll is closed."))
        if not is_member_of(voter, locked.group):
            raise RuleError(_("Only members of the group can vote."))
        if not PollChoice.objects.filter(poll=locked, pk=choice_id).exists():
            raise RuleError(_("Please choose one of the answers."))
        try:
            with transaction.atomic():
                PollVoter.objects.create(poll=locked, user=voter)
        except IntegrityError:
            raise RuleError(_("You have already voted in this poll.")) from None
        pool = SealedBallot.objects.filter(poll=locked)
        choices = [
            _unseal(locked, sealed) for sealed in pool.values_list("sealed", flat=True)
        ]
        choices.append(choice_id)
        _shuffle(choices)
        pool.delete()
        SealedBallot.objects.bulk_create(
            SealedBallot(poll=locked, sealed=_seal(locked, c)) for c in choices
        )


def close_poll(
    poll: Poll,
    *,
    by: User,
    now: datetime.datetime | None = None,
) -> Poll:
    """Close the poll and count all its sealed ballots in one batch.

    Refused with fewer than k votes: otherwise a leader could close after
    the first vote and read that person's choice from the result. A closed
    poll is never opened again (``closed_at`` is set once, here).
    """
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if not locked.is_open:
            raise RuleError(_("This poll is already closed."))
        pool = SealedBallot.objects.filter(poll=locked)
        sealed = list(pool.values_list("sealed", flat=True))
        counted = Ballot.objects.filter(poll=locked).count()
        if len(sealed) + counted < min_votes():
            raise TooFewVotes(min_votes())
        choices = [_unseal(locked, value) for value in sealed]
        _shuffle(choices)
        pool.delete()
        Ballot.objects.bulk_create(Ballot(poll=locked, choice_id=c) for c in choices)
        locked.closed_at = now or timezone.now()
        locked.save(update_fields=["closed_at"])
        audit.record(by, "feedback.poll.closed", locked)
    return locked


def end_without_result(
    poll: Poll,
    *,
    by: User,
    now: datetime.datetime | None = None,
) -> Poll:
    """End a poll that did not reach k votes, without counting anything.

    The sealed ballots are deleted unread, so ending early never reveals a
    choice; without this a poll that never reaches k votes would stay open
    forever. Refused once k people voted: then ``close_poll`` counts.
    """
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if not locked.is_open:
            raise RuleError(_("This poll is already closed."))
        if locked.sealed_ballots.count() + locked.ballots.count() >= min_votes():
            raise RuleError(
                _("Enough members have voted: please close the vote with its result.")
            )
        locked.sealed_ballots.all().delete()
        locked.closed_at = now or timezone.now()
        locked.save(update_fields=["closed_at"])
        audit.record(by, "feedback.poll.ended_without_result", locked)
    return locked


def can_close(poll: Poll) -> bool:
    """Whether enough people voted for ``close_poll`` (for the button)."""
    votes = poll.sealed_ballots.count() + poll.ballots.count()
    return poll.is_open and votes >= min_votes()


@dataclass
class Result:
    label: str
    votes: int
    percent: int


def results(poll: Poll) -> list[Result]:
    """Votes per answer; only for polls closed with at least k votes."""
    if poll.is_open:
        return []
    rows = poll.choices.annotate(votes=Count("ballots")).order_by("position")
    total = sum(row.votes for row in rows)
    if total < min_votes():
        return []
    return [
        Result(label=row.label, votes=row.votes, percent=round(100 * row.votes / total))
        for row in rows
    ]


# The answers of the default format vote, as meeting formats (issue 15 item 7);
# "Hybrid" preselects nothing: the leader chooses per meeting or for all.
_FORMAT_OF_ANSWER = {
    DEFAULT_CHOICES[0]: Meeting.Format.IN_PERSON,
    DEFAULT_CHOICES[1]: Meeting.Format.ONLINE,
}


def is_format_vote(poll: Poll) -> bool:
    return poll.question == DEFAULT_QUESTION


def winning_format(results: list[Result]) -> str:
    """The meeting format of a closed format vote's clear winner, or ""."""
    ranked = sorted(results, key=lambda row: row.votes, reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0].votes == ranked[1].votes):
        return ""
    return _FORMAT_OF_ANSWER.get(ranked[0].label, "")
