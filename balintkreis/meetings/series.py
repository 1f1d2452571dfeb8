"""Planning a series of meetings (R7) and warning about PSGV risks (R6, R10).

Dates are computed as local dates and times in Europe/Berlin and only then
made aware, so 18:00 stays 18:00 across daylight-saving changes.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.regions import Region
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import days_off
from balintkreis.meetings.models import Meeting

MAX_MEETINGS_PER_SERIES = 60
# A block Saturday has a 15-minute break between its double sessions.
BREAK_MINUTES = 15


class Rhythm:
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    BLOCK = "block"


class SeriesError(RuleError):
    pass


@dataclass(frozen=True)
class SeriesPlan:
    rhythm: str
    first_on: datetime.date
    count: int
    start_time: datetime.time
    double_sessions: int = 1
    session_minutes: int = 90
    format: str = Meeting.Format.IN_PERSON
    place: str = ""
    nth: int = 1  # monthly/block: 1..4 = n-th weekday of the month, -1 = last


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The n-th (1..4) or last (-1) ``weekday`` of a month."""
    if nth == -1:
        next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
        day = next_month - datetime.timedelta(days=1)
        return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (nth - 1))


def dates(plan: SeriesPlan) -> list[datetime.date]:
    """The local dates of a series, starting on or after ``first_on``."""
    if plan.rhythm in (Rhythm.WEEKLY, Rhythm.BIWEEKLY):
        step = 7 if plan.rhythm == Rhythm.WEEKLY else 14
        return [
            plan.first_on + datetime.timedelta(days=step * i) for i in range(plan.count)
        ]
    weekday = 5 if plan.rhythm == Rhythm.BLOCK else plan.first_on.weekday()
    result: list[datetime.date] = []
    year, month = plan.first_on.year, plan.first_on.month
    while len(result) < plan.count:
        day = nth_weekday(year, month, weekday, plan.nth)
        if day >= plan.first_on:
            result.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def duration_for(plan: SeriesPlan) -> int:
    n = plan.double_sessions
    return n * plan.session_minutes + (n - 1) * BREAK_MINUTES


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day, time, tzinfo=tz)


def _check(plan: SeriesPlan) -> None:
    if not 1 <= plan.count <= MAX_MEETINGS_PER_SERIES:
        raise SeriesError(
            _("A series has between 1 and %(max)d dates.")
            % {"max": MAX_MEETINGS_PER_SERIES}
        )
    if plan.format == Meeting.Format.IN_PERSON and not plan.place:
        raise SeriesError(_("Please enter the place of the in-person meetings."))


def _unsaved(group: BalintGroup, plan: SeriesPlan) -> list[Meeting]:
    duration = duration_for(plan)
    return [
        Meeting(
            group=group,
            starts_at=local_datetime(day, plan.start_time),
            duration_minutes=duration,
            double_sessions=plan.double_sessions,
            format=plan.format,
            place=plan.place,
        )
        for day in dates(plan)
    ]


def plan_series(group: BalintGroup, *, plan: SeriesPlan, by: object) -> list[Meeting]:
    """Create the meetings of a series; refuses more than 60 at once (R7)."""
    _check(plan)
    meetings = _unsaved(group, plan)
    with transaction.atomic():
        for meeting in meetings:
            meeting.full_clean()
        created = Meeting.objects.bulk_create(meetings)
        audit.record(
            by,
            "meetings.series.planned",
            group,
            data={"count": len(created), "rhythm": plan.rhythm},
        )
    return created


@dataclass(frozen=True)
class PreviewDate:
    """One date of a planned series, with what the leader should know."""

    meeting: Meeting
    notes: list[str]


@dataclass(frozen=True)
class Preview:
    dates: list[PreviewDate]
    warnings: list[str]  # about the whole series (PSGV, school holidays unknown)

    @property
    def noted(self) -> int:
        return sum(1 for d in self.dates if d.notes)


def _rhythm_weekday(group: BalintGroup, plan: SeriesPlan) -> int | None:
    """The weekday the group meets on: Saturday for block series, else the
    group's weekday (none when the group has no fixed weekday)."""
    if plan.rhythm == Rhythm.BLOCK:
        return 5
    return group.weekday


def preview(group: BalintGroup, *, plan: SeriesPlan, state: str = "") -> Preview:
    """The dates a plan would create, with a note on every date that falls on a
    public holiday, in the school holidays of ``state``, on another weekday
    than the group's rhythm, or on a day that already has a meeting; and the
    PSGV warnings for the group's schedule with these dates (R6, R10).

    Creates nothing; raises ``SeriesError`` like ``plan_series``.
    """
    _check(plan)
    meetings = _unsaved(group, plan)
    weekday = _rhythm_weekday(group, plan)
    existing = planned(group)
    taken = {m.local_date for m in existing}
    rows = []
    for meeting in meetings:
        day = meeting.local_date
        notes = []
        if holiday := days_off.public_holiday(day, state=state):
            notes.append(_("Public holiday: %(name)s") % {"name": holiday})
        if school := days_off.school_holiday(day, state=state):
            notes.append(
                _("School holidays (%(state)s): %(name)s")
                % {"state": Region(state).label, "name": school}
            )
        if weekday is not None and day.weekday() != weekday:
            notes.append(
                _("A %(day)s, but the group meets on %(weekday)s.")
                % {
                    "day": date_format(day, "l"),
                    "weekday": str(BalintGroup.Weekday(weekday).label),
                }
            )
        if day in taken:
            notes.append(_("The group already has a meeting on this day."))
        rows.append(PreviewDate(meeting=meeting, notes=notes))
    warnings = []
    unknown = sorted(
        {
            m.local_date.year
            for m in meetings
            if state
            and not days_off.school_holidays_known(m.local_date.year, state=state)
        }
    )
    if unknown:
        warnings.append(
            _(
                "The school holidays of %(state)s in %(years)s are not published "
                "yet; please check these dates yourself."
            )
            % {"state": Region(state).label, "years": ", ".join(map(str, unknown))}
        )
    if not state:
        warnings.append(
            _(
                "Without a federal state only nationwide public holidays are "
                "checked, and no school holidays."
            )
        )
    combined = sorted(existing + meetings, key=lambda m: m.starts_at)
    return Preview(dates=rows, warnings=warnings + warnings_for(combined))


def warnings_for(meetings: list[Meeting]) -> list[str]:
    """Plain German warnings when a schedule puts PSGV credit at risk (R6, R10).

    ``meetings`` are the planned, not cancelled meetings in date order.
    """
    result: list[str] = []
    target = settings.PSGV_TARGET_DOUBLE_SESSIONS
    total = 0
    for meeting in meetings:
        total += meeting.double_sessions
        if total >= target:
            span = (meeting.local_date - meetings[0].local_date).days
            if span < settings.PSGV_MIN_SPAN_DAYS:
                result.append(
                    _(
                        "The first %(target)d double sessions fall within %(days)d "
                        "days. For Psychosomatische Grundversorgung they must span at "
                        "least %(min)d days (no crash courses)."
                    )
                    % {
                        "target": target,
                        "days": span,
                        "min": settings.PSGV_MIN_SPAN_DAYS,
                    }
                )
            break
    if meetings and meetings[0].is_online:
        result.append(_("The first meeting is planned online; it should be in person."))
    if meetings and meetings[-1].is_online:
        result.append(_("The last meeting is planned online; it should be in person."))
    result += _online_warnings(meetings)
    return result


def longest_sitting(meeting: Meeting) -> int:
    """Minutes of one uninterrupted sitting of a meeting (R10).

    The planner puts a break of ``BREAK_MINUTES`` between double sessions,
    so a sitting is the length without the breaks, shared by the sessions.
    """
    n = meeting.double_sessions
    return -(-(meeting.duration_minutes - (n - 1) * BREAK_MINUTES) // n)


def _online_warnings(meetings: list[Meeting]) -> list[str]:
    """R6/R10: at most half of the double sessions online, and no online
    sitting longer than 90 minutes (per session, not only in total)."""
    result: list[str] = []
    total = sum(m.double_sessions for m in meetings)
    online = sum(m.double_sessions for m in meetings if m.is_online)
    limit = settings.PSGV_MAX_ONLINE_PERCENT
    if total and online * 100 > total * limit:
        result.append(
            _(
                "%(online)d of %(total)d planned double sessions are online; for "
                "Psychosomatische Grundversorgung at most %(percent)d %% may be "
                "online."
            )
            % {"online": online, "total": total, "percent": limit}
        )
    too_long = [m for m in meetings if m.is_online and longest_sitting(m) > 90]
    if too_long:
        result.append(
            _(
                "%(count)d online meetings have a session longer than 90 minutes "
                "(longest: %(minutes)d minutes without a break). Online, each "
                "session may last at most 90 minutes."
            )
            % {
                "count": len(too_long),
                "minutes": max(longest_sitting(m) for m in too_long),
            }
        )
    return result


def planned(group: BalintGroup) -> list[Meeting]:
    return list(group.meetings.filter(is_cancelled=False).order_by("starts_at"))


def upcoming(group: BalintGroup) -> list[Meeting]:
    return list(group.meetings.upcoming(now=timezone.now()))
