"""The adviser's rules: which Balint group gets a person to their goal, and
how long it takes (issue 19 item 4).

Pure: every function takes what it needs (the answers, the goal's
requirement from ``record.targets`` through ``adviser/goals.py``, the
catalogue's groups with their planned dates) and makes no query, so the
edge cases are unit-tested without a database (``tests/test_advice.py``).

The answer never claims more than DOMAIN.md knows: a requirement carries its
source and whether it is confirmed, and the page says "bitte bei Ihrer Kammer
prüfen" where it is not.
"""

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.progress import add_months

# An average month, for turning dates into "double sessions per month".
MONTH_DAYS = 30.44
# Planned dates further ahead than this are not used for the pace.
PACE_HORIZON_DAYS = 366
# Dates per month of a rhythm, when a group has too few planned dates; block
# Saturdays are usually monthly (DOMAIN.md section 6).
DATES_PER_MONTH: dict[str, float] = {
    BalintGroup.Rhythm.WEEKLY: 52 / 12,
    BalintGroup.Rhythm.BIWEEKLY: 26 / 12,
    BalintGroup.Rhythm.MONTHLY: 1.0,
    BalintGroup.Rhythm.BLOCK: 1.0,
}
# CME (DOMAIN.md section 4): a 90-minute double session is 2 FE. Physicians:
# category C, 1 point per FE + 1 per event up to 4 h = 3 (the chamber's
# Bescheid wins, so the group's own value is used). Psychotherapists: 1 point
# per FE (PTK Bayern) = 2.
PSYCHOTHERAPIST_POINTS_PER_DOUBLE_SESSION = 2


class Profession(models.TextChoices):
    PHYSICIAN = "physician", gettext_lazy("Physician")
    PSYCHOTHERAPIST = "pp", gettext_lazy("Psychological psychotherapist")
    CHILD_PSYCHOTHERAPIST = (
        "kjp",
        gettext_lazy("Child and adolescent psychotherapist (KJP)"),
    )
    OTHER = "other", gettext_lazy("Other profession")


class Specialty(models.TextChoices):
    GENERAL_PRACTICE = "general", gettext_lazy("General practice (Allgemeinmedizin)")
    GYNAECOLOGY = "gynaecology", gettext_lazy("Gynaecology and obstetrics")
    PAEDIATRICS = "paediatrics", gettext_lazy("Paediatrics")
    PSYCHIATRY = "psychiatry", gettext_lazy("Psychiatry and psychotherapy")
    PSYCHOSOMATICS = (
        "psychosomatics",
        gettext_lazy("Psychosomatic medicine and psychotherapy"),
    )
    INTERNAL = "internal", gettext_lazy("Internal medicine")
    OTHER = "other", gettext_lazy("Other specialty")


class Goal(models.TextChoices):
    PSGV = "psgv", gettext_lazy("Psychosomatische Grundversorgung (PSGV)")
    SPECIALIST = "specialist", gettext_lazy("Balint part of my specialist training")
    PSYCHOTHERAPY = "psychotherapy", gettext_lazy("Zusatz-Weiterbildung Psychotherapie")
    CME = "cme", gettext_lazy("CME points")
    LEADER = "leader", gettext_lazy("Becoming a Balint group leader")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("in person")
    ONLINE = "online", gettext_lazy("online")
    BOTH = "both", gettext_lazy("both")


PHYSICIAN_GOALS = {Goal.PSGV, Goal.SPECIALIST, Goal.PSYCHOTHERAPY}
PSYCHOTHERAPISTS = {Profession.PSYCHOTHERAPIST, Profession.CHILD_PSYCHOTHERAPIST}


@dataclass(frozen=True)
class Answers:
    """What the person told the adviser (the form's cleaned data)."""

    profession: str
    goal: str
    specialty: str = ""
    in_training: bool = False
    completed: int = 0
    mode: str = Mode.BOTH
    region: str = ""
    city: str = ""
    weekdays: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Requirement:
    """What a goal needs, as the adviser uses it (built from record.targets)."""

    title: str
    # None: no number is known (DOMAIN.md: unconfirmed).
    double_sessions: int | None
    # What it needs, in plain German, one line each.
    lines: tuple[str, ...]
    source: str
    confirmed: bool
    # The PSGV rules of the Kursbuch (R6): a series in one closed group under
    # one fixed leader, spread over a minimum span, at most this share online,
    # first and last date in person.
    min_span_days: int = 0
    max_online_percent: int | None = None
    one_series: bool = False
    # DBG leader training: double sessions before the training starts; the
    # rest must fall during it.
    before_training: int = 0

    @property
    def needs_presence(self) -> bool:
        """A purely online group cannot deliver this goal alone."""
        return self.max_online_percent is not None and self.max_online_percent < 100


@dataclass(frozen=True)
class PlannedDate:
    """One upcoming, not cancelled meeting of a group."""

    on: datetime.date
    double_sessions: int
    is_online: bool


@dataclass(frozen=True)
class Pace:
    """How fast a group delivers double sessions."""

    per_month: float
    # True: computed from the group's planned dates; False: from its rhythm.
    from_dates: bool
    # Share of the planned double sessions that are online, in percent
    # (None: no dates planned).
    online_percent: int | None = None
    first_is_online: bool = False
    # Double sessions on one date (block Saturdays: 3).
    per_date: int = 1
    # The first date a newcomer can join: the next entry date of the group,
    # else its next planned date (None: nothing planned).
    joins_on: datetime.date | None = None


@dataclass(frozen=True)
class OwnSeries:
    """A signed-in person's running series in a platform group (from their
    record): it continues there instead of starting anew (R6)."""

    double_sessions: int
    first_on: datetime.date


@dataclass
class Match:
    """One catalogue group that fits, with what it means for the goal."""

    group: BalintGroup
    pace: Pace
    is_nearby: bool
    # Months until the goal at this pace (None: no number known), and the
    # month it would be reached, counted from the day the person joins.
    months: int | None = None
    reached_on: datetime.date | None = None
    # DBG leader training: the double sessions still missing before the
    # training starts, and the months they take here.
    before_training: int = 0
    months_before_training: int | None = None
    cme_points_per_year: int | None = None
    notes: list[str] = field(default_factory=list)
    # The person's running series in this group (signed in, PSGV-like goal).
    own_series: OwnSeries | None = None


@dataclass
class Advice:
    """The whole answer: what the goal needs and which groups fit."""

    answers: Answers
    requirement: Requirement | None
    on: datetime.date
    # Paragraphs in plain German, before the groups.
    explanations: list[str] = field(default_factory=list)
    # Double sessions still needed: in the person's current series, and in a
    # new group (where an earlier series does not carry over).
    remaining: int | None = None
    remaining_in_new_group: int | None = None
    matches: list[Match] = field(default_factory=list)
    # Groups with free places left out only because they are purely online.
    online_only_left_out: int = 0
    cme_points_per_double_session: int | None = None


def pace_of(
    group: BalintGroup,
    planned: Sequence[PlannedDate],
    *,
    today: datetime.date,
    entry_dates: Sequence[datetime.date] = (),
) -> Pace:
    """Double sessions per month from the group's planned dates within a year:
    the sessions of all dates but the last, over the days from the first to
    the last (so "every two weeks" gives 26/12 whatever the window). With
    fewer than two planned dates, the group's rhythm decides. A newcomer
    joins on the group's next entry date, or else its next planned date."""
    horizon = today + datetime.timedelta(days=PACE_HORIZON_DAYS)
    dates = sorted((d for d in planned if today <= d.on <= horizon), key=lambda d: d.on)
    total = sum(d.double_sessions for d in dates)
    online_percent = (
        round(100 * sum(d.double_sessions for d in dates if d.is_online) / total)
        if total
        else None
    )
    entries = sorted(d for d in entry_dates if d >= today)
    joins_on = entries[0] if entries else (dates[0].on if dates else None)
    first = next((d for d in dates if joins_on is None or d.on >= joins_on), None)
    per_date = max(1, group.sessions_per_date)
    span = (dates[-1].on - dates[0].on).days if len(dates) >= 2 else 0
    if span > 0:
        per_month = sum(d.double_sessions for d in dates[:-1]) * MONTH_DAYS / span
    else:
        per_month = DATES_PER_MONTH.get(group.rhythm, 1.0) * per_date
    return Pace(
        per_month=per_month,
        from_dates=span > 0,
        online_percent=online_percent,
        first_is_online=first is not None and first.is_online,
        per_date=per_date,
        joins_on=joins_on,
    )


def months_for(
    double_sessions: int, pace: Pace, *, min_span_days: int = 0
) -> int | None:
    """Whole months until ``double_sessions`` more at ``pace``; never less
    than the minimum span (PSGV: the series spans at least 6 months)."""
    if double_sessions <= 0:
        return 0
    if pace.per_month <= 0:
        return None
    # The first date starts the count, so the months run between the first
    # and the last date.
    after_first = max(0, double_sessions - pace.per_date)
    by_pace = math.ceil(round(after_first / pace.per_month, 6))
    by_span = math.ceil(min_span_days / MONTH_DAYS) if min_span_days else 0
    return max(by_pace, by_span, 1)


def format_fits(group: BalintGroup, answers: Answers) -> bool:
    """In person excludes purely online groups, online excludes purely in-person
    groups; hybrid groups fit both."""
    if answers.mode == Mode.IN_PERSON:
        return group.format != BalintGroup.Format.ONLINE
    if answers.mode == Mode.ONLINE:
        return group.format != BalintGroup.Format.IN_PERSON
    return True


def _normalised(city: str) -> str:
    return " ".join(city.casefold().split())


def is_nearby(group: BalintGroup, answers: Answers) -> bool:
    """The group meets in the person's city (an online group is near anyone)."""
    if group.format == BalintGroup.Format.ONLINE:
        return True
    return bool(answers.city) and _normalised(group.city) == _normalised(answers.city)


def place_fits(group: BalintGroup, answers: Answers, *, state: str) -> bool:
    """Where the group meets suits the person: online groups anywhere; the
    others in the person's city, or in their federal state (``state`` is the
    group's, "" when unknown). Without city and state every group fits."""
    if group.format == BalintGroup.Format.ONLINE:
        return True
    if not answers.city and not answers.region:
        return True
    if is_nearby(group, answers):
        return True
    return bool(answers.region) and state == answers.region


def weekday_fits(group: BalintGroup, answers: Answers) -> bool:
    """A group without a fixed weekday (blocks) fits any choice."""
    return (
        not answers.weekdays
        or group.weekday is None
        or group.weekday in answers.weekdays
    )


def counts_toward(group: BalintGroup, answers: Answers) -> bool:
    """The group is recognised for the goal (the catalogue's two flags); a
    physicians' goal asked for by another profession does not apply."""
    if answers.profession != Profession.PHYSICIAN:
        return True
    if answers.goal == Goal.PSGV:
        return group.counts_for_psgv
    if answers.goal in (Goal.SPECIALIST, Goal.PSYCHOTHERAPY):
        return group.counts_for_specialist_training
    return True


def remaining_for(requirement: Requirement, answers: Answers) -> int | None:
    """Double sessions still needed after those already completed. With a
    part before the training (DBG: 35 of 105), what is done counts toward
    that part only; the rest must fall during the training."""
    if requirement.double_sessions is None:
        return None
    if requirement.before_training:
        before = max(0, requirement.before_training - answers.completed)
        return before + requirement.double_sessions - requirement.before_training
    return max(0, requirement.double_sessions - answers.completed)


def cme_points_per_double_session(group: BalintGroup, answers: Answers) -> int:
    """Physicians: the chamber's points of the group (category C, usually 3);
    psychotherapists: 1 point per FE, 2 per double session (DOMAIN.md 4)."""
    if answers.profession in PSYCHOTHERAPISTS:
        return PSYCHOTHERAPIST_POINTS_PER_DOUBLE_SESSION
    return group.points_per_session


def advise(
    answers: Answers,
    requirement: Requirement | None,
    groups: Iterable[tuple[BalintGroup, str, Pace]],
    *,
    today: datetime.date,
    own_series: Mapping[int, OwnSeries] | None = None,
) -> Advice:
    """The answer for ``answers``. ``groups`` are the catalogue's listed
    groups with their federal state ("" when unknown) and pace; only groups
    with free places that fit format, place, weekday and goal are kept,
    nearby ones first, then the one that gets the person there first
    (joining on its next entry date). For a goal that needs presence
    (PSGV), purely online groups are left out and counted (R6: at most half
    online, first and last date in person). ``own_series`` (group id → the
    person's running series there) continues a series instead of starting
    one, and keeps the group even when it has no free place."""
    own_series = own_series or {}
    advice = Advice(answers=answers, requirement=requirement, on=today)
    if requirement is not None:
        advice.remaining = remaining_for(requirement, answers)
        advice.remaining_in_new_group = (
            requirement.double_sessions if requirement.one_series else advice.remaining
        )
    advice.explanations = explanations_for(answers, requirement)
    for group, state, pace in groups:
        own = own_series.get(group.pk)
        if (group.free_places <= 0 and own is None) or not counts_toward(
            group, answers
        ):
            continue
        if not (
            format_fits(group, answers)
            and place_fits(group, answers, state=state)
            and weekday_fits(group, answers)
        ):
            continue
        if (
            requirement is not None
            and requirement.needs_presence
            and group.format == BalintGroup.Format.ONLINE
        ):
            advice.online_only_left_out += 1
            continue
        match = _match(group, pace, answers, requirement, advice)
        if own is not None and requirement is not None and requirement.one_series:
            _continue_series(match, own, requirement, advice.on)
        advice.matches.append(match)
    advice.matches.sort(
        key=lambda m: (
            m.own_series is None,
            not m.is_nearby,
            m.reached_on or datetime.date.max,
            m.months if m.months is not None else math.inf,
            m.group.title,
        )
    )
    if answers.goal == Goal.CME or requirement is None:
        points = {m.group.points_per_session for m in advice.matches}
        advice.cme_points_per_double_session = (
            PSYCHOTHERAPIST_POINTS_PER_DOUBLE_SESSION
            if answers.profession in PSYCHOTHERAPISTS
            else (points.pop() if len(points) == 1 else None)
        )
    return advice


def _match(
    group: BalintGroup,
    pace: Pace,
    answers: Answers,
    requirement: Requirement | None,
    advice: Advice,
) -> Match:
    match = Match(group=group, pace=pace, is_nearby=is_nearby(group, answers))
    points = cme_points_per_double_session(group, answers)
    match.cme_points_per_year = round(12 * pace.per_month * points)
    if requirement is None or advice.remaining_in_new_group is None:
        return match
    match.months = months_for(
        advice.remaining_in_new_group, pace, min_span_days=requirement.min_span_days
    )
    if match.months:
        match.reached_on = add_months(pace.joins_on or advice.on, match.months)
    if requirement.before_training:
        match.before_training = max(0, requirement.before_training - answers.completed)
        match.months_before_training = months_for(match.before_training, pace)
    if requirement.needs_presence:
        match.notes += presence_notes(group, pace, requirement)
    return match


def _continue_series(
    match: Match, own: OwnSeries, requirement: Requirement, today: datetime.date
) -> None:
    """The person stays in their group: what is missing there, and no sooner
    than the series' minimum span from its first date (R6)."""
    needed = requirement.double_sessions or 0
    left = max(0, needed - own.double_sessions)
    span_ends = own.first_on + datetime.timedelta(days=requirement.min_span_days)
    months_by_span = max(0, math.ceil((span_ends - today).days / MONTH_DAYS))
    by_pace = months_for(left, match.pace) if left else 0
    match.own_series = own
    match.months = None if by_pace is None else max(by_pace, months_by_span)
    match.reached_on = add_months(today, match.months) if match.months else None
    match.notes.insert(
        0,
        _(
            "Your series in this group has %(done)d double sessions: here you "
            "still need %(left)d."
        )
        % {"done": own.double_sessions, "left": left},
    )


def presence_notes(
    group: BalintGroup, pace: Pace, requirement: Requirement
) -> list[str]:
    """What to watch in a hybrid group for the PSGV rules (R6)."""
    notes: list[str] = []
    if group.format != BalintGroup.Format.HYBRID:
        return notes
    limit = requirement.max_online_percent or 0
    if pace.online_percent is not None and pace.online_percent > limit:
        notes.append(
            _(
                "%(share)d %% of the planned double sessions are online; at most "
                "%(limit)d %% count. Please agree with the leader which dates you "
                "attend in person."
            )
            % {"share": pace.online_percent, "limit": limit}
        )
    if pace.first_is_online:
        notes.append(
            _(
                "The next date is online: your first counted date must be in "
                "person, so start on an in-person date."
            )
        )
    if not notes:
        notes.append(
            _(
                "Hybrid: attend the first and the last date of your series in "
                "person and at most half of them online."
            )
        )
    return notes


def explanations_for(answers: Answers, requirement: Requirement | None) -> list[str]:
    """The plain-German paragraphs before the groups."""
    texts: list[str] = []
    is_physician = answers.profession == Profession.PHYSICIAN
    if answers.goal in PHYSICIAN_GOALS and not is_physician:
        texts += _not_for_your_profession(answers)
    if requirement is not None and requirement.needs_presence:
        texts += _presence_texts(answers)
    if answers.goal in (Goal.PSGV, Goal.SPECIALIST) and is_physician:
        texts += _psgv_in_training_texts(answers)
    if answers.goal == Goal.CME:
        texts += _cme_texts(answers)
    if answers.goal == Goal.LEADER:
        texts += _leader_texts(answers)
    if (
        requirement is not None
        and requirement.one_series
        and answers.completed
        and requirement.double_sessions is not None
    ):
        texts.append(_series_text(answers.completed, requirement.double_sessions))
    return texts


def _series_text(done: int, needed: int) -> str:
    """Earlier double sessions and the series rule (R6)."""
    if done >= needed:
        return _(
            "With %(done)d double sessions in one series you have the number. "
            "Whether the series counts (span, online share, first and last "
            "date in person) your certificate or your Balint record shows."
        ) % {"done": done}
    return _(
        "Your %(done)d double sessions count toward the series in the group "
        "where you attended them, under the same leader: there you still need "
        "%(left)d. In a new group the series starts anew."
    ) % {"done": done, "left": needed - done}


def _not_for_your_profession(answers: Answers) -> list[str]:
    if answers.profession in PSYCHOTHERAPISTS:
        return [
            _(
                "Psychosomatische Grundversorgung, the specialist trainings and "
                "the Zusatz-Weiterbildung Psychotherapie are qualifications of "
                "physicians. For you, Balint groups count as CME of your "
                "Psychotherapeutenkammer: 1 point per 45-minute unit, so 2 "
                "points per double session (please check with your chamber)."
            ),
            _(
                "And Balint groups lead to the DBG training as a Balint group "
                "leader, open to psychological psychotherapists and KJP with a "
                "completed psychodynamic (TP/PA) training: the same 105 double "
                "sessions as for physicians, with a logbook."
            ),
        ]
    return [
        _(
            "Psychosomatische Grundversorgung, the specialist trainings and the "
            "Zusatz-Weiterbildung Psychotherapie are qualifications of "
            "physicians. Whether Balint groups count for your profession, your "
            "chamber or professional body can tell you; the groups are open to "
            "you as a participant."
        )
    ]


def _presence_texts(answers: Answers) -> list[str]:
    texts = [
        _(
            "Online groups alone are not enough for PSGV: at most half of the "
            "double sessions may be online, the first and the last must be in "
            "person, in one closed group under one fixed leader. So the adviser "
            "shows groups that meet in person or hybrid."
        )
    ]
    if answers.mode == Mode.ONLINE:
        texts.append(
            _(
                "You asked for online groups: a hybrid group is the closest fit, "
                "because some of its dates are online."
            )
        )
    return texts


def _psgv_in_training_texts(answers: Answers) -> list[str]:
    if answers.specialty not in (
        Specialty.GENERAL_PRACTICE,
        Specialty.GYNAECOLOGY,
        Specialty.PAEDIATRICS,
    ):
        return []
    return [
        _(
            "The 80-hour PSGV course, with its 15 Balint double sessions, is "
            "part of the specialist training in your field (Allgemeinmedizin, "
            "Frauenheilkunde und Geburtshilfe, Kinder- und Jugendmedizin)."
        )
    ]


def _cme_texts(answers: Answers) -> list[str]:
    if answers.profession in PSYCHOTHERAPISTS:
        return [
            _(
                "Psychotherapeutenkammer: a Balint group is a reflective event "
                "(category C), 1 point per 45-minute unit, so 2 points per double "
                "session (source: PTK Bayern; please check with your chamber)."
            )
        ]
    if answers.profession == Profession.OTHER:
        return [
            _(
                "Whether and how your professional body credits Balint groups, "
                "please ask it; for physicians a double session gives 3 points."
            )
        ]
    return [
        _(
            "Balint groups are category C: 1 point per 45-minute unit plus 1 "
            "per event of up to 4 hours, so usually 3 points per double session. "
            "The chamber's decision for the group counts; each group below shows "
            "its points. You need 250 points in 5 years (source: Muster-"
            "Fortbildungsordnung, Bundesärztekammer)."
        )
    ]


def _leader_texts(answers: Answers) -> list[str]:
    if answers.profession in PSYCHOTHERAPISTS:
        return [
            _(
                "Prerequisite for psychological psychotherapists and KJP: the "
                "approbation with a completed psychodynamic (TP/PA) training; "
                "registration with the DBG after the first leader seminar, and a "
                "logbook (source: DBG)."
            )
        ]
    if answers.profession == Profession.OTHER:
        return [
            _(
                "The DBG trains physicians and psychotherapists as Balint group "
                "leaders; please ask the DBG whether your qualification admits "
                "you."
            )
        ]
    if answers.specialty in (Specialty.PSYCHIATRY, Specialty.PSYCHOSOMATICS):
        prerequisite = _(
            "Prerequisite: your Facharzt in psychiatry and psychotherapy or "
            "psychosomatic medicine (or the Zusatzbezeichnung Psychotherapie or "
            "Psychoanalyse) and 3 years of professional experience after it "
            "(source: DBG)."
        )
    else:
        prerequisite = _(
            "Prerequisite: the Zusatzbezeichnung Psychotherapie or Psychoanalyse, "
            "or a Facharzt in psychosomatic medicine, psychiatry and "
            "psychotherapy or child and adolescent psychiatry and psychotherapy, "
            "and 3 years of professional experience after it (source: DBG)."
        )
    texts = [prerequisite]
    if answers.in_training:
        texts.append(
            _(
                "You are still in training: the participation before the leader "
                "training can start now, the training itself after the "
                "qualification."
            )
        )
    return texts
