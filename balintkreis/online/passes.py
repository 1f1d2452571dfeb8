"""Presence passes: signed, short-lived proof that a person may send
heartbeats for one meeting.

The meeting page gets one after the full permission check; heartbeats and
panel polls then need no session, user or membership query (one query per
request keeps 1,000 participants cheap). Browsers never send the header on
their own, so the endpoints need no CSRF cookie either.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.meetings.models import Meeting
from balintkreis.online.presence import CLOSES_AFTER

SALT = "balintkreis.online.presence-pass"
HEADER = "X-Presence-Pass"


class InvalidPass(Exception):
    pass


@dataclass
class Grant:
    meeting_id: int
    user_id: int
    is_leader: bool


def issue(
    meeting: Meeting,
    user: User,
    *,
    is_leader: bool,
) -> str:
    """Valid until shortly after the meeting's end (as heartbeats are)."""
    expires = meeting.ends_at + CLOSES_AFTER
    return signing.dumps(
        {
            "m": meeting.pk,
            "u": user.pk,
            "l": int(is_leader),
            "e": int(expires.timestamp()),
        },
        salt=SALT,
        compress=False,
    )


def check(
    value: str, *, meeting_id: int, now: datetime.datetime | None = None
) -> Grant:
    """The grant in ``value``, for this meeting and not expired."""
    try:
        data = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        raise InvalidPass from None
    now = now or timezone.now()
    if data.get("m") != meeting_id or data.get("e", 0) < now.timestamp():
        raise InvalidPass
    return Grant(meeting_id=data["m"], user_id=data["u"], is_leader=bool(data["l"]))
