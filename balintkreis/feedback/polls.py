"""Group votes with anonymous ballots.

``PollVoter`` records THAT a member voted, ``Ballot`` WHAT was voted. Neither
has a timestamp; both have random keys. Insertion order could still link
them through storage metadata (SQLite rowid, PostgreSQL ctid/xmin), so each
vote rewrites all ballots of the poll in a random order in the same
transaction: afterwards every ballot carries the same write metadata and a
random position.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.feedback.models import Ballot, Poll, PollChoice, PollVoter
from balintkreis.feedback.permissions import is_member_of
from balintkreis.groups.models import BalintGroup

DEFAULT_QUESTION = "In Präsenz, online oder hybrid weiterarbeiten?"
DEFAULT_CHOICES = ["In Präsenz", "Online", "Hybrid"]
_shuffle = random.SystemRandom().shuffle


def open_poll(
    group: BalintGroup,
    *,
    question: str,
    choices: list[str],
    by: settings.AUTH_USER_MODEL,
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
    return poll


def vote(poll: Poll, *, voter: settings.AUTH_USER_MODEL, choice_id: int) -> None:
    """Cast one anonymous vote; a member votes once per poll."""
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
        choices = list(
            Ballot.objects.filter(poll=locked).values_list("choice_id", flat=True)
        )
        choices.append(choice_id)
        _shuffle(choices)
        Ballot.objects.filter(poll=locked).delete()
        Ballot.objects.bulk_create(Ballot(poll=locked, choice_id=c) for c in choices)


def close_poll(
    poll: Poll,
    *,
    by: settings.AUTH_USER_MODEL,
    now: datetime.datetime | None = None,
) -> Poll:
    changed = Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
        closed_at=now or timezone.now()
    )
    if not changed:
        raise RuleError(_("This poll is already closed."))
    poll.refresh_from_db()
    audit.record(by, "feedback.poll.closed", poll)
    return poll


@dataclass
class Result:
    label: str
    votes: int
    percent: int


def results(poll: Poll) -> list[Result]:
    """Votes per answer; only for closed polls."""
    if poll.is_open:
        return []
    rows = poll.choices.annotate(votes=Count("ballots")).order_by("position")
    total = sum(row.votes for row in rows) or 1
    return [
        Result(label=row.label, votes=row.votes, percent=round(100 * row.votes / total))
        for row in rows
    ]
