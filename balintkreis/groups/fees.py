"""The fee rule: price per double session by group size, per session and per term.

The seed text says the fee "depends on group size and duration"; so the fee is
computed from the group's fee schedule, never typed into the group.
"""

from dataclasses import dataclass
from decimal import Decimal

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
