"""Attendance, case presentations and calendar feeds of one person
(core/personal_data.py composes all apps)."""

import datetime

from django.conf import settings
from django.db.models import Q

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.core.personal_data import years_before
from balintkreis.meetings.models import Attendance, CalendarFeed, CasePresentation

COUNTING = Q(confirmed_at__isnull=False, status__in=["present", "late"])


def _iso(value: datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    attendance = Attendance.objects.filter(user=user).select_related("meeting__group")
    cases = CasePresentation.objects.filter(presenter=user).select_related(
        "meeting__group"
    )
    return {
        "attendance": [
            {
                "group": a.meeting.group.title,
                "meeting_starts_at": _iso(a.meeting.starts_at),
                "status": a.get_status_display(),
                "mode": a.get_mode_display(),
                "note_to_the_leader": a.excuse_note,
                "joined_at": _iso(a.joined_at),
                "left_at": _iso(a.left_at),
                "confirmed_at": _iso(a.confirmed_at),
            }
            for a in attendance.order_by("meeting__starts_at")
        ],
        "case_presentations": [
            {
                "group": c.meeting.group.title,
                "meeting_starts_at": _iso(c.meeting.starts_at),
                "theme": c.theme,
            }
            for c in cases
        ],
        # The secret addresses themselves are not repeated here.
        "calendar_feeds": [
            {"scope": f.get_scope_display(), "created_at": _iso(f.created_at)}
            for f in CalendarFeed.objects.filter(user=user)
        ],
    }


def erase(user: User) -> None:
    """Confirmed attendance is the proof of CME points (R3, R11): it stays,
    tied to the pseudonymised person (accounts.personal_data); everything
    else of the person goes."""
    Attendance.objects.filter(user=user).exclude(COUNTING).delete()
    Attendance.objects.filter(user=user).exclude(excuse_note="").update(excuse_note="")
    CasePresentation.objects.filter(presenter=user).delete()
    CalendarFeed.objects.filter(user=user).delete()


def attendance_cutoff(now: datetime.datetime) -> datetime.datetime:
    return years_before(now, settings.RETENTION_ATTENDANCE_YEARS)


def purge_expired(*, now: datetime.datetime) -> int:
    """Attendance and case presentations of meetings older than the
    retention period (default 6 years, R11). The cme app purges its report
    records and certificates of those meetings first."""
    cutoff = attendance_cutoff(now)
    cases, _rows = CasePresentation.objects.filter(
        meeting__starts_at__lt=cutoff
    ).delete()
    rows, _rows = Attendance.objects.filter(meeting__starts_at__lt=cutoff).delete()
    return cases + rows
