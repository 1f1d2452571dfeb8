"""Issuing certificates (DOMAIN.md R6, R12) and verifying them publicly.

Only attendance that counts for CME counts (``meetings/credit.py``:
confirmed and complete, R3); points come from ``points.points_by_meeting``
(R5, day cap across meetings). Each certificate
has a unique number (BK-<year>-<serial>) and a verification code; the public
verification page shows no more than the participant's initials.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import Certificate
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Attendance, Meeting

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


class CertificateError(RuleError):
    pass


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def initials(user: User) -> str:
    parts = [p for p in (user.first_name, user.last_name) if p]
    return " ".join(f"{p[0]}." for p in parts) or "–"


def verification_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}/nachweis/{certificate.code}/"


def _leader_data(group: BalintGroup) -> dict:
    leader = group.leader
    profile = getattr(leader, "leader_profile", None)
    return {
        "name": leader.display_name,
        "qualification": profile.qualification if profile else "",
        "recognition": " · ".join(
            p
            for p in (
                profile.chamber_recognition if profile else "",
                f"DBG {profile.dbg_number}" if profile and profile.dbg_number else "",
            )
            if p
        ),
    }


def _line(attendance: Attendance, event_number: object, points: int) -> dict:
    meeting = attendance.meeting
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return {
        "date": start.date().isoformat(),
        "time": f"{start:%H:%M}–{end:%H:%M}",
        "mode": attendance.mode,
        "place": meeting.place if attendance.mode == Meeting.Format.IN_PERSON else "",
        "double_sessions": meeting.double_sessions,
        "points": points,
        "vnr": event_number.vnr if event_number else "",
        "category": event_number.category
        if event_number
        else meeting.group.cme_category,
        "chamber": event_number.chamber.name if event_number else "",
    }


def _create(
    *,
    user: User,
    group: BalintGroup,
    kind: str,
    meeting: Meeting | None,
    lines: list[dict],
    by: User,
) -> Certificate:
    dates = [datetime.date.fromisoformat(line["date"]) for line in lines]
    certificate = Certificate.objects.create(
        number=f"tmp-{new_code()}",
        code=new_code(),
        kind=kind,
        user=user,
        group=group,
        meeting=meeting,
        period_from=min(dates),
        period_until=max(dates),
        double_sessions=sum(line["double_sessions"] for line in lines),
        points=sum(line["points"] for line in lines),
        data={
            "participant": user.display_name,
            "group": group.title,
            "organiser": settings.CME_ORGANISER,
            "leader": _leader_data(group),
            "lines": lines,
        },
    )
    certificate.number = f"BK-{certificate.issued_at:%Y}-{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    audit.record(by, f"cme.certificate.{kind}.issued", certificate, data={})
    return certificate


def issue_for_meeting(meeting: Meeting, *, user: User, by: User) -> Certificate:
    """A Teilnahmebescheinigung for one date (R12); the same one on repeat."""
    with transaction.atomic():
        existing = Certificate.objects.filter(
            kind=Certificate.Kind.MEETING, meeting=meeting, user=user, revoked_at=None
        ).first()
        if existing is not None:
            return existing
        attendance = (
            Attendance.objects.select_related("meeting__group__leader")
            .filter(meeting=meeting, user=user)
            .first()
        )
        if attendance is None or not attendance.counts:
            raise CertificateError(
                _("A certificate needs attendance confirmed by the leader.")
            )
        event_number = points_rules.event_numbers_for([meeting])[meeting.pk]
        # R5: the day cap applies across all of the person's meetings that day.
        points = points_rules.points_by_meeting(user, [meeting])[meeting.pk]
        return _create(
            user=user,
            group=meeting.group,
            kind=Certificate.Kind.MEETING,
            meeting=meeting,
            lines=[_line(attendance, event_number, points)],
            by=by,
        )


def counted_attendance(
    group: BalintGroup,
    *,
    user: User,
    period_from: datetime.date | None = None,
    period_until: datetime.date | None = None,
) -> list[Attendance]:
    rows = (
        Attendance.objects.filter(
            user=user, meeting__group=group, meeting__is_cancelled=False
        )
        .select_related("meeting__group")
        .order_by("meeting__starts_at")
    )
    result = [a for a in rows if a.counts]
    if period_from:
        result = [a for a in result if a.meeting.local_date >= period_from]
    if period_until:
        result = [a for a in result if a.meeting.local_date <= period_until]
    return result


def issue_for_term(
    group: BalintGroup,
    *,
    user: User,
    by: User,
    period_from: datetime.date | None = None,
    period_until: datetime.date | None = None,
) -> Certificate:
    """A Bescheinigung über Balintgruppenteilnahme listing every counted date (R6)."""
    with transaction.atomic():
        rows = counted_attendance(
            group, user=user, period_from=period_from, period_until=period_until
        )
        if not rows:
            raise CertificateError(
                _("There is no confirmed attendance in this period yet.")
            )
        numbers = points_rules.event_numbers_for([a.meeting for a in rows])
        earned = points_rules.points_by_meeting(user, [a.meeting for a in rows])
        lines = [_line(a, numbers[a.meeting_id], earned[a.meeting_id]) for a in rows]
        return _create(
            user=user,
            group=group,
            kind=Certificate.Kind.TERM,
            meeting=None,
            lines=lines,
            by=by,
        )


def revoke(certificate: Certificate, *, by: User) -> Certificate:
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
        audit.record(by, "cme.certificate.revoked", certificate, data={})
    return certificate
