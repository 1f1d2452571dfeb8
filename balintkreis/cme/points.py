"""CME points (DOMAIN.md R5). The chamber's Bescheid wins; the category C
calculator only suggests a value: points = FE + extra, FE = 45 minutes
(a 90-minute double session = 2 FE), extra = 1 per event of up to 4 hours,
at most 2 per day."""

import math
from collections.abc import Iterable

from balintkreis.cme.models import EventNumber
from balintkreis.meetings.models import Meeting


def suggest(*, double_sessions: int) -> int:
    """Suggested category C points for one date with ``double_sessions``."""
    units = 2 * double_sessions
    minutes = units * 45
    extra = min(2, math.ceil(minutes / 240))
    return units + extra


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
        result[meeting.pk] = own.get(meeting.pk) or (term or [None])[0]
    return result


def points_for(meeting: Meeting, event_number: EventNumber | None) -> int:
    """Awarded points of the VNR, else the group's points per double session."""
    if event_number is not None:
        return event_number.points
    return meeting.group.points_per_session * meeting.double_sessions
