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

# Words of chamber names that are not a state's name: "Ärztekammer
# Nordrhein" and "Ärztekammer Westfalen-Lippe" are both Nordrhein-Westfalen,
# "Sächsische Landesärztekammer" is Sachsen.
_CHAMBER_WORDS = {
    "Nordrhein": Region.NW,
    "Westfalen": Region.NW,
    "NRW": Region.NW,
    "Bayerische": Region.BY,
    "Sächsische": Region.SN,
    "Niedersächsische": Region.NI,
    "Hessische": Region.HE,
    "Thüringer": Region.TH,
    "Brandenburgische": Region.BB,
    "Saarländische": Region.SL,
    "Bremer": Region.HB,
}
# A state's name and the words, longest first: the most specific match wins,
# so "Sachsen-Anhalt" is not taken for "Sachsen" nor "Niedersachsen" for it.
_NAMES: list[tuple[str, Region]] = sorted(
    [(state.label, state) for state in Region] + list(_CHAMBER_WORDS.items()),
    key=lambda pair: len(pair[0]),
    reverse=True,
)


def state_in(name: str) -> str:
    """The federal state a chamber's name holds ("Landesärztekammer
    Thüringen" → TH, "Ärztekammer Sachsen-Anhalt" → ST), else ""."""
    for part, state in _NAMES:
        if part in name:
            return state.value
    return ""


def state_for(group: BalintGroup) -> str:
    """The federal state suggested for a group: the state in its chamber's
    name (``state_in``), else none."""
    return state_in(group.chamber.name if group.chamber is not None else "")


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
