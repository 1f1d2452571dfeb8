"""The adviser's questions answered from a signed-in person's profile and
Balint record, so they only check and send (issue 19 item 4).

The double sessions come from the record app (``record/sessions.py`` reads
platform dates and outside entries, ``record/evaluation.py`` counts them
toward a target): for a target the person chose there, what counts toward
it (PSGV: the best valid series); otherwise every counted double session.
"""

import datetime

from balintkreis.accounts.models import User
from balintkreis.adviser.advice import Goal, OwnSeries, Profession, Specialty
from balintkreis.meetings import days_off
from balintkreis.record import evaluation, sessions, targets
from balintkreis.record.models import ChosenTarget

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


# A target of the record as the adviser's goal and specialty ("": keep the
# profile's specialty).
GOALS: dict[str, tuple[str, str]] = {
    targets.PSGV: (Goal.PSGV, ""),
    targets.PSGV_KV: (Goal.PSGV, ""),
    targets.FACHARZT_ALLGEMEINMEDIZIN: (Goal.SPECIALIST, Specialty.GENERAL_PRACTICE),
    targets.FACHARZT_GYNAEKOLOGIE: (Goal.SPECIALIST, Specialty.GYNAECOLOGY),
    targets.FACHARZT_KINDERHEILKUNDE: (Goal.SPECIALIST, Specialty.PAEDIATRICS),
    targets.FACHARZT_PSYCHIATRIE: (Goal.SPECIALIST, Specialty.PSYCHIATRY),
    targets.FACHARZT_PSYCHOSOMATIK: (Goal.SPECIALIST, Specialty.PSYCHOSOMATICS),
    targets.FACHARZT_PSYCHOSOMATIC_CONTENT: (Goal.SPECIALIST, ""),
    targets.ZUSATZ_PSYCHOTHERAPIE: (Goal.PSYCHOTHERAPY, ""),
    targets.DBG_LEADER: (Goal.LEADER, ""),
}


def counted_for(
    user: User, key: str, *, chosen: ChosenTarget | None = None
) -> evaluation.Progress:
    """The person's record measured against one target (the record app's
    rule, with their chamber's values and their training start)."""
    counted = sessions.sessions_for(
        sessions.platform_rows(user), sessions.outside_entries(user)
    )
    target = targets.get(key, sessions.chamber_of(user))
    started = chosen.training_started_on if chosen else None
    return evaluation.evaluate(target, counted, training_started_on=started)


def initial_for(user: User) -> dict[str, object]:
    """The form's initial answers for a signed-in person: the profile, and
    the first target chosen in the record with what counts toward it."""
    initial: dict[str, object] = {
        "profession": PROFESSIONS.get(user.profession, ""),
        "specialty": specialty_from(user.specialty),
        "in_training": "yes" if user.profession == User.Profession.TRAINEE else "no",
        "region": days_off.state_in(user.chamber.name if user.chamber else ""),
    }
    chosen = next(
        (c for c in ChosenTarget.objects.filter(user=user) if c.key in GOALS), None
    )
    if chosen is None:
        counted = sessions.sessions_for(
            sessions.platform_rows(user), sessions.outside_entries(user)
        )
        initial["completed"] = sum(s.double_sessions for s in counted)
        return initial
    goal, specialty = GOALS[chosen.key]
    initial["goal"] = goal
    if specialty:
        initial["specialty"] = specialty
    initial["completed"] = counted_for(user, chosen.key, chosen=chosen).credited
    return initial


def record_progress(user: User, key: str | None) -> evaluation.Progress | None:
    """What the person's record counts toward the target of their answer,
    with the training start of the target if they chose it; None without a
    target."""
    if key is None:
        return None
    chosen = ChosenTarget.objects.filter(user=user, key=key).first()
    return counted_for(user, key, chosen=chosen)


PLATFORM_GROUP = "platform-"


def own_series(progress: evaluation.Progress | None) -> dict[int, OwnSeries]:
    """The person's latest series in each platform group, by group id, from
    the record's progress toward a PSGV-like target (empty otherwise)."""
    if progress is None or not progress.target.one_group_one_leader:
        return {}
    found: dict[int, OwnSeries] = {}
    latest: dict[int, datetime.date] = {}
    every = ([progress.series] if progress.series else []) + progress.other_series
    for series in every:
        if not series.group_key.startswith(PLATFORM_GROUP) or not series.sessions:
            continue
        group_id = int(series.group_key.removeprefix(PLATFORM_GROUP))
        first, last = series.first_on, series.last_on
        if first is None or last is None:
            continue
        if group_id not in latest or last > latest[group_id]:
            latest[group_id] = last
            found[group_id] = OwnSeries(double_sessions=series.credited, first_on=first)
    return found
