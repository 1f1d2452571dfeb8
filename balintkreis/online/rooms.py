"""The group's one Jitsi room and its join window (DOMAIN.md R10)."""

import datetime

from django.utils import timezone

from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting
from balintkreis.online.models import Room
from balintkreis.online.presence import CLOSES_AFTER, OPENS_BEFORE


def room_for(group: BalintGroup) -> Room:
    """Create the room on first use; its random name never changes."""
    room, _created = Room.objects.get_or_create(group=group)
    return room


def opens_at(meeting: Meeting) -> datetime.datetime:
    return meeting.starts_at - OPENS_BEFORE


def join_state(meeting: Meeting, *, now: datetime.datetime | None = None) -> str:
    """open, early, ended or cancelled: the join page is open from 15 minutes
    before the start until the end."""
    now = now or timezone.now()
    if meeting.is_cancelled:
        return "cancelled"
    if now < opens_at(meeting):
        return "early"
    if now > meeting.ends_at:
        return "ended"
    return "open"


def current_meeting(group: BalintGroup, *, now: datetime.datetime) -> Meeting | None:
    """The online meeting whose presence window contains ``now``."""
    longest = datetime.timedelta(hours=6)
    candidates = Meeting.objects.filter(
        group=group,
        format=Meeting.Format.ONLINE,
        is_cancelled=False,
        starts_at__lte=now + OPENS_BEFORE,
        starts_at__gte=now - longest,
    ).order_by("-starts_at")
    for meeting in candidates:
        if opens_at(meeting) <= now <= meeting.ends_at + CLOSES_AFTER:
            return meeting
    return None
