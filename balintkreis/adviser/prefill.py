"""The adviser's questions answered from a signed-in person's profile and
record, so they only check and send (issue 19 item 4)."""

from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.adviser.advice import Profession, Specialty
from balintkreis.core.regions import Region
from balintkreis.meetings import progress

# Words of the free-text specialty in the profile, in checking order.
SPECIALTY_WORDS: tuple[tuple[str, str], ...] = (
    ("psychosom", Specialty.PSYCHOSOMATICS),
    ("psychiat", Specialty.PSYCHIATRY),
    ("allgemein", Specialty.GENERAL_PRACTICE),
    ("hausarzt", Specialty.GENERAL_PRACTICE),
    ("gyn", Specialty.GYNAECOLOGY),
    ("frauen", Specialty.GYNAECOLOGY),
    ("kinder", Specialty.PAEDIATRICS),
    ("pädiat", Specialty.PAEDIATRICS),
    ("innere", Specialty.INTERNAL),
    ("internist", Specialty.INTERNAL),
)

PROFESSIONS: dict[str, str] = {
    User.Profession.PHYSICIAN: Profession.PHYSICIAN,
    User.Profession.TRAINEE: Profession.PHYSICIAN,
    User.Profession.PSYCHOTHERAPIST: Profession.PSYCHOTHERAPIST,
    User.Profession.PSYCHOLOGIST: Profession.OTHER,
}


def specialty_from(text: str) -> str:
    """The adviser's specialty for the profile's free text ("" if none)."""
    lowered = text.casefold()
    if not lowered.strip():
        return ""
    for word, specialty in SPECIALTY_WORDS:
        if word in lowered:
            return specialty
    return Specialty.OTHER


def region_from(chamber_name: str) -> str:
    """The federal state in a chamber's name ("" if none)."""
    for state in Region:
        if state.label in chamber_name:
            return state.value
    return ""


def completed_double_sessions(user: User) -> int:
    """Double sessions the person attended on the platform that count (R3),
    in every group and series."""
    return sum(
        p.double_sessions + p.earlier_double_sessions
        for p in progress.for_person(user, now=timezone.now())
    )


def initial_for(user: User) -> dict[str, object]:
    """The form's initial answers for a signed-in person."""
    return {
        "profession": PROFESSIONS.get(user.profession, ""),
        "specialty": specialty_from(user.specialty),
        "in_training": "yes" if user.profession == User.Profession.TRAINEE else "no",
        "region": region_from(user.chamber.name if user.chamber else ""),
        "completed": completed_double_sessions(user),
    }
