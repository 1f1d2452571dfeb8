"""CME points (DOMAIN.md R5). The chamber's Bescheid wins; the category C
calculator only suggests a value: points = FE + extra, FE = 45 minutes
(a 90-minute double session = 2 FE), extra = 1 per event unit of up to
4 hours, at most 2 per day – per person, across all meetings of that day.

``points_by_meeting(user, meetings)`` is the one place that turns a person's
attendance into points; certificates and the progress page call it. Only
attendance that counts for CME (``meetings/credit.py``) earns points.
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from balintkreis.accounts.models import User
from balintkreis.cme.models import EventNumber
from balintkreis.meetings.models import Attendance, Meeting

MINUTES_PER_UNIT = 45  # one Fortbildungseinheit (FE)
EXTRA_UNIT_MINUTES = 240  # one extra point per event unit of up to 4 hours
MAX_EXTRA_PER_DAY = 2


def extra_units(*, double_sessions: int) -> int:
    """Extra points one event of ``double_sessions`` earns before the day cap."""
    return math.ceil(2 * double_sessions * MINUTES_PER_UNIT / EXTRA_UNIT_MINUTES)


@dataclass(frozen=True)
class DayMeeting:
    """One counted meeting of a person on one day, in the order it started."""

    key: int
    double_sessions: int
    vnr: str = ""  # the covering VNR, "" when none
    awarded: int | None = None  # the VNR's points per date (Bescheid)


def points_for_day(meetings: Sequence[DayMeeting]) -> dict[int, int]:
    """Points per meeting for one person's meetings of one local day (R5).

    Without a VNR: 2 FE per double session plus the event's extra points,
    taken in order of start until the day's 2 extra points are used up – a
    block Saturday (3 double sessions) gives 6 + 2 = 8, three separate
    90-minute meetings give 3 + 3 + 2 = 8. A VNR's points of the Bescheid win,
    once per date and VNR (the EIV books a VNR once per date); its meeting
    still uses up extra points of the day, so the total never exceeds what the
    calculator allows for the uncovered meetings.
    """
    extra_left = MAX_EXTRA_PER_DAY
    seen_vnrs: set[str] = set()
    result: dict[int, int] = {}
    for meeting in meetings:
        extra = min(extra_left, extra_units(double_sessions=meeting.double_sessions))
        extra_left -= extra
        if meeting.awarded is None:
            result[meeting.key] = 2 * meeting.double_sessions + extra
        elif meeting.vnr in seen_vnrs:
            result[meeting.key] = 0
        else:
            seen_vnrs.add(meeting.vnr)
            result[meeting.key] = meeting.awarded
    return result


def suggest(*, double_sessions: int) -> int:
    """Suggested category C points for one date with ``double_sessions``."""
    [points] = points_for_day(
        [DayMeeting(key=0, double_sessions=double_sessions)]
    ).values()
    return points


def event_numbers_for(meetings: Iterable[Meeting]) -> dict[int, EventNumber | None]:
    """The VNR that covers each meeting, in one query: own VNR before term VNR."""
    meetings = list(meetings)
    group_ids = {m.group_id for m in meetings}
    own: dict[int, EventNumber] = {}
    terms: dict[int, list[EventNumber]] = {}
    for number in (
        EventNumber.objects.filter(group_id__in=group_ids)
        .select_related("chamber")
        .order_by("pk")
    ):
        if number.meeting_id is not None:
            own.setdefault(number.meeting_id, number)
        else:
            terms.setdefault(number.group_id, []).append(number)
    result: dict[int, EventNumber | None] = {}
    for meeting in meetings:
        day = meeting.local_date
        term = [
            e
            for e in terms.get(meeting.group_id, [])
            if e.valid_from <= day <= e.valid_until
        ]
        result[meeting.pk] = own.get(meeting.pk) or (term[0] if term else None)
    return result


def points_for(meeting: Meeting, event_number: EventNumber | None) -> int:
    """Points of one meeting taken on its own: the VNR's, else the suggestion.

    For a person use ``points_by_meeting``: it applies the day cap across
    all their meetings of a day.
    """
    if event_number is not None:
        return event_number.points
    return suggest(double_sessions=meeting.double_sessions)


def points_by_meeting(user: User, meetings: Iterable[Meeting]) -> dict[int, int]:
    """Points ``user`` earned per meeting (0 where the attendance does not
    count for CME), with the per-day cap across every meeting of that person
    on the same local day, in any group (R5). Two queries plus the VNRs."""
    wanted = {m.pk: m for m in meetings}
    if not wanted:
        return {}
    days = {m.local_date for m in wanted.values()}
    first = min(days) - datetime.timedelta(days=1)
    last = max(days) + datetime.timedelta(days=2)
    counted = [
        a.meeting
        for a in Attendance.objects.counting()
        .filter(
            user=user,
            meeting__is_cancelled=False,
            meeting__starts_at__date__gte=first,
            meeting__starts_at__date__lt=last,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "meeting_id")
        if a.meeting.local_date in days
    ]
    numbers = event_numbers_for(counted)
    by_day: dict[datetime.date, list[DayMeeting]] = {}
    for meeting in counted:
        number = numbers[meeting.pk]
        by_day.setdefault(meeting.local_date, []).append(
            DayMeeting(
                key=meeting.pk,
                double_sessions=meeting.double_sessions,
                vnr=number.vnr if number else "",
                awarded=number.points if number else None,
            )
        )
    earned: dict[int, int] = {}
    for day_meetings in by_day.values():
        earned.update(points_for_day(day_meetings))
    return {pk: earned.get(pk, 0) for pk in wanted}
