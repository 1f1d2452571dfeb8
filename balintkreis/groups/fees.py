"""The fee rule: price per double session by group size, per session and per term.

The seed text says the fee "depends on group size and duration"; so the fee is
computed from the group's fee schedule, never typed into the group.

Someone entering a running term pays only for what is still ahead
(``entry_fee``): the double sessions of the planned, not cancelled meetings
from the entry date on, at most one term's worth, so never more than the term
fee. Every path into a group (leader's acceptance, accepted waiting-list
offer, automatic acceptance) and every page showing it use that one function.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from balintkreis.groups.models import BalintGroup, FeeSchedule, FeeTier


@dataclass(frozen=True)
class Fee:
    """What one participant pays in a group."""

    per_session: Decimal
    per_term: Decimal
    term_sessions: int
    term_label: str


def tier_for(schedule: FeeSchedule, size: int) -> FeeTier | None:
    """The tier whose size range contains ``size``; the lowest one if they overlap.

    Iterates ``schedule.tiers.all()`` so a prefetched list costs no query.
    """
    fitting = [t for t in schedule.tiers.all() if t.min_size <= size <= t.max_size]
    return min(fitting, key=lambda t: t.min_size, default=None)


def fee_for(group: BalintGroup) -> Fee | None:
    """Fee per double session and per term for ``group``, or None ("on request").

    The size is the planned group size (``capacity``), so the price does not
    change while members come and go during a term.
    """
    if group.fee_schedule is None:
        return None
    tier = tier_for(group.fee_schedule, group.capacity)
    if tier is None:
        return None
    return Fee(
        per_session=tier.price_per_session,
        per_term=tier.price_per_session * group.term_sessions,
        term_sessions=group.term_sessions,
        term_label=group.term_label,
    )


@dataclass(frozen=True)
class EntryFee:
    """What a person entering on ``entry_on`` pays for the running term."""

    entry_on: datetime.date
    sessions: int
    amount: Decimal
    term_fee: Decimal
    term_sessions: int

    @property
    def is_prorated(self) -> bool:
        return self.amount < self.term_fee


def planned_double_sessions(group: BalintGroup, *, entry_on: datetime.date) -> int:
    """Double sessions of the group's planned meetings from ``entry_on`` on."""
    day_starts = timezone.make_aware(
        datetime.datetime.combine(entry_on, datetime.time.min)
    )
    total = group.meetings.filter(
        is_cancelled=False, starts_at__gte=day_starts
    ).aggregate(total=Sum("double_sessions"))["total"]
    return total or 0


def entry_fee(
    group: BalintGroup,
    *,
    entry_on: datetime.date,
    remaining_sessions: int | None = None,
) -> EntryFee | None:
    """The fee for entering ``group`` on ``entry_on``, or None ("on request").

    Counted from the planned meetings from the entry date on, unless the
    leader gives ``remaining_sessions``; capped at one term. When no meeting
    is planned yet from that date, the whole term is charged.
    """
    fee = fee_for(group)
    if fee is None:
        return None
    if remaining_sessions is None:
        remaining_sessions = planned_double_sessions(group, entry_on=entry_on)
        if remaining_sessions == 0:
            remaining_sessions = fee.term_sessions
    sessions = min(max(remaining_sessions, 0), fee.term_sessions)
    amount = (fee.per_session * sessions).quantize(Decimal("0.01"))
    return EntryFee(
        entry_on=entry_on,
        sessions=sessions,
        amount=min(amount, fee.per_term),
        term_fee=fee.per_term,
        term_sessions=fee.term_sessions,
    )
