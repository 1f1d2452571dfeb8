"""Presence in online meetings and the Technik-Check of one person
(core/personal_data.py composes all apps)."""

import datetime

from django.conf import settings

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.core.personal_data import years_before
from balintkreis.online.models import Presence, TechCheck, TechnicalContact


def _iso(value: datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    check = TechCheck.objects.filter(user=user).first()
    presences = Presence.objects.filter(user=user).select_related("meeting__group")
    return {
        "presence": [
            {
                "group": p.meeting.group.title,
                "meeting_starts_at": _iso(p.meeting.starts_at),
                "first_joined_at": _iso(p.first_joined_at),
                "left_at": _iso(p.left_at),
                "rejoins": p.rejoins,
            }
            for p in presences
        ],
        "technical_contact": [
            {"group": c.group.title, "phone": c.phone, "email": c.email}
            for c in TechnicalContact.objects.filter(person=user).select_related(
                "group"
            )
        ],
        "techcheck": {
            "checked_at": _iso(check.checked_at),
            "browser": check.browser,
            "verdict": check.get_verdict_display(),
            "video_server_reachable": check.video_server_reachable,
            "video_connection_route": check.ice,
        }
        if check
        else None,
    }


def erase(user: User) -> None:
    """Presence only proposes attendance; the leader-confirmed Attendance row
    (meetings) is the proof, so presence goes with the account."""
    Presence.objects.filter(user=user).delete()
    TechCheck.objects.filter(user=user).delete()
    # The phone number and address typed for this person go with them.
    TechnicalContact.objects.filter(person=user).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """Presence records age with the attendance they backed (R11)."""
    cutoff = years_before(now, settings.RETENTION_ATTENDANCE_YEARS)
    deleted, _rows = Presence.objects.filter(meeting__starts_at__lt=cutoff).delete()
    return deleted
