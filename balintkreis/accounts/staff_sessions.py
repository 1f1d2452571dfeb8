"""Staff sessions expire (issue 11 item 5).

People with staff duties (``permissions.has_staff_duties``) are logged out
``STAFF_SESSION_IDLE_MINUTES`` after their last request and
``STAFF_SESSION_MAX_HOURS`` after their log-in, whether or not they ticked
"Angemeldet bleiben"; participants keep Django's session lifetime.

The session keeps two time stamps: the log-in (set when Django logs the
person in, accounts/apps.py) and the last request. The last request is
written at most once a minute, so an active session is not saved on every
request; the idle time is therefore exact to that minute.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import ngettext

STARTED_KEY = "accounts.session_started_at"
SEEN_KEY = "accounts.session_seen_at"
TOUCH_EVERY = datetime.timedelta(minutes=1)

Reason = Literal["idle", "max_age"]


def start(session: SessionBase, *, now: datetime.datetime) -> None:
    """Begin counting both limits (at log-in)."""
    session[STARTED_KEY] = now.timestamp()
    session[SEEN_KEY] = now.timestamp()


def touch(session: SessionBase, *, now: datetime.datetime) -> None:
    """Remember this request; a session from before the limits starts now."""
    if STARTED_KEY not in session or SEEN_KEY not in session:
        start(session, now=now)
    elif now.timestamp() - session[SEEN_KEY] >= TOUCH_EVERY.total_seconds():
        session[SEEN_KEY] = now.timestamp()


def limit_passed(session: SessionBase, *, now: datetime.datetime) -> Reason | None:
    """Which limit this session has passed, if it were a staff session."""
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if started is None or seen is None:
        return None
    idle = datetime.timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES)
    max_age = datetime.timedelta(hours=settings.STAFF_SESSION_MAX_HOURS)
    if now.timestamp() - seen > idle.total_seconds():
        return "idle"
    if now.timestamp() - started > max_age.total_seconds():
        return "max_age"
    return None


def message(reason: Reason) -> str:
    """The German notice shown on the log-in page."""
    if reason == "idle":
        minutes = settings.STAFF_SESSION_IDLE_MINUTES
        return ngettext(
            "You were logged out for security reasons after %(count)d minute "
            "without activity. Please log in again.",
            "You were logged out for security reasons after %(count)d minutes "
            "without activity. Please log in again.",
            minutes,
        ) % {"count": minutes}
    hours = settings.STAFF_SESSION_MAX_HOURS
    return ngettext(
        "You were logged out for security reasons: sessions with access to "
        "confidential data end %(count)d hour after the log-in. Please log in "
        "again.",
        "You were logged out for security reasons: sessions with access to "
        "confidential data end %(count)d hours after the log-in. Please log in "
        "again.",
        hours,
    ) % {"count": hours}
