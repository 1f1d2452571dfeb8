"""The group's Jitsi room, its name per meeting and its join window
(DOMAIN.md R10, issue 11 item 11).

Each group has one ``Room`` (a random slug), but the name given to Jitsi
changes with every meeting: ``balintkreis-<slug>-<key>``, where the key is a
keyed hash (SECRET_KEY) of the slug and the meeting. Without Jitsi tokens the
name is the only key to the conference, so somebody who saved it and then
left the group (or the term ended) cannot use it for the next meeting. The
name is shown only on the meeting page, to the group's current members and
leaders. Rotating per meeting includes "when a member leaves" and "per term"
without a hook from ``groups`` into ``online``, and never changes the name in
the middle of a session.
"""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting
from balintkreis.online.models import Room
from balintkreis.online.presence import CLOSES_AFTER, OPENS_BEFORE

ROOM_PREFIX = "balintkreis-"
_KEY_SALT = "balintkreis.online.rooms.meeting"


def room_for(group: BalintGroup) -> Room:
    """Create the room on first use; its random slug never changes."""
    room, _created = Room.objects.get_or_create(group=group)
    return room


def _meeting_key(room: Room, meeting: Meeting) -> str:
    digest = salted_hmac(_KEY_SALT, f"{room.slug}:{meeting.pk}", algorithm="sha256")
    return digest.hexdigest()[:24]


def room_name_for(meeting: Meeting) -> str:
    """The Jitsi room name of this meeting; the next meeting has another."""
    room = room_for(meeting.group)
    return f"{ROOM_PREFIX}{room.slug}-{_meeting_key(room, meeting)}"


def meeting_for_room_name(name: str, *, now: datetime.datetime) -> Meeting | None:
    """The running meeting whose room has this name (Prosody's events), or
    None for an old or made-up name."""
    slug, _dash, _key = name.removeprefix(ROOM_PREFIX).rpartition("-")
    room = (
        Room.objects.select_related("group").filter(slug=slug).first() if slug else None
    )
    meeting = current_meeting(room.group, now=now) if room else None
    if meeting is None or not constant_time_compare(room_name_for(meeting), name):
        return None
    return meeting


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
    candidates: QuerySet[Meeting] = Meeting.objects.filter(
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
