"""Certificates and chamber reports of one person (core/personal_data.py
composes all apps)."""

import datetime

from django.conf import settings
from django.db import transaction

from balintkreis.accounts.models import User
from balintkreis.cme.models import Certificate, ReportEntry
from balintkreis.core import dates
from balintkreis.core.personal_data import years_before

PSEUDONYM = "Gelöschte Person"


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    reports = ReportEntry.objects.filter(attendance__user=user).select_related(
        "event_number", "attendance__meeting"
    )
    return {
        "certificates": [
            {
                "number": c.number,
                "kind": c.get_kind_display(),
                "period_from": _iso(c.period_from),
                "period_until": _iso(c.period_until),
                "double_sessions": c.double_sessions,
                "points": c.points,
                "issued_at": _iso(c.issued_at),
                "revoked_at": _iso(c.revoked_at),
            }
            for c in Certificate.objects.filter(user=user)
        ],
        "chamber_reports": [
            {
                "vnr": r.event_number.vnr if r.event_number else "",
                "meeting_starts_at": _iso(r.attendance.meeting.starts_at),
                "status": r.get_status_display(),
                "first_submitted_at": _iso(r.first_submitted_at),
            }
            for r in reports
        ],
    }


def erase(user: User) -> None:
    """Issued certificates prove CME points (Art. 17(3)(b)): they stay, with
    the name in their snapshot replaced; the verification page then shows
    the pseudonym's initials. Report entries hold no personal data."""
    with transaction.atomic():
        for certificate in Certificate.objects.select_for_update().filter(user=user):
            certificate.data = {**certificate.data, "participant": PSEUDONYM}
            certificate.save(update_fields=["data"])


def purge_expired(*, now: datetime.datetime) -> int:
    """Certificates and report entries of meetings past the attendance
    retention period (default 6 years after the meeting, R11)."""
    cutoff = years_before(now, settings.RETENTION_ATTENDANCE_YEARS)
    reports, _rows = ReportEntry.objects.filter(
        attendance__meeting__starts_at__lt=cutoff
    ).delete()
    certificates, _rows = Certificate.objects.filter(
        period_until__lt=cutoff.date()
    ).delete()
    return reports + certificates
