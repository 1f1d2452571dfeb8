"""Public holidays and school holidays that a planned date may fall on.

Both come from the maintained ``holidays`` package (public holidays of the
whole country and of each federal state; school holidays per state as its
"school" category), never from a hand-written list. The group's state is not
stored on the group: the planner asks for it, suggested from the group's
chamber (``state_for``).
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import translation

from balintkreis.core.regions import Region
from balintkreis.groups.models import BalintGroup

# Chamber names that do not contain the state's name.
_CHAMBER_STATES = {"Nordrhein": Region.NW, "Westfalen": Region.NW}


def state_for(group: BalintGroup) -> str:
    """The federal state suggested for a group: the state in its chamber's
    name ("Landesärztekammer Thüringen" → TH), else none."""
    name = group.chamber.name if group.chamber_id else ""
    for state in Region:
        if state.label in name:
            return state.value
    for part, state in _CHAMBER_STATES.items():
        if part in name:
            return state.value
    return ""


def _language() -> str:
    return "de" if (translation.get_language() or "de").startswith("de") else "en_US"


@lru_cache(maxsize=256)
def _calendar(
    state: str, year: int, category: str, language: str
) -> holidays.HolidayBase:
    return holidays.Germany(
        subdiv=state or None, years=year, categories=(category,), language=language
    )


def public_holiday(day: datetime.date, *, state: str = "") -> str:
    """The name of the public holiday on ``day`` (nationwide, or in the
    state), or ""."""
    names = _calendar(state, day.year, holidays.PUBLIC, _language()).get_list(day)
    return "; ".join(names)


def school_holiday(day: datetime.date, *, state: str) -> str:
    """The name of the school holidays of ``state`` on ``day``, or ""
    (school holidays differ by state; without a state there are none)."""
    if not state:
        return ""
    names = _calendar(state, day.year, holidays.SCHOOL, _language()).get_list(day)
    return "; ".join(names)


def school_holidays_known(year: int, *, state: str) -> bool:
    """Whether the package knows the state's school holidays of that year
    (they are published a few years ahead only)."""
    return bool(state) and bool(_calendar(state, year, holidays.SCHOOL, _language()))
