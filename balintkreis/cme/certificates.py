"""Issuing certificates (DOMAIN.md R6, R12) and verifying them publicly.

Only attendance that counts for CME counts (``meetings/credit.py``:
confirmed and complete, R3); points come from ``points.points_by_meeting``
(R5, day cap across meetings). Each certificate
has a unique number (BK-<year>-<serial>) and a verification code; the public
verification page shows no more than the participant's initials.

One certificate per fact: the same person and meeting, or the same person,
group and period, always gives the same valid certificate. Issuing locks the
person's row, and a unique constraint on the valid certificates catches
anything that slips past the lock. A correction (``correct``) revokes the old
certificate with a reason and issues a new one that names the one it replaces.
"""

import datetime
import secrets
from typing import NotRequired, TypedDict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import LeaderProfile, User
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import Certificate, EventNumber
from balintkreis.core import audit, dates
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups.access import Action, access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Attendance, Meeting

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


class CertificateError(RuleError):
    pass


class LeaderData(TypedDict):
    """The leader as printed on a certificate."""

    name: str
    qualification: str
    recognition: str
    chamber_recognition: str
    dbg_recognition: str


class CertificateLine(TypedDict):
    """One date on a certificate."""

    date: str  # ISO date
    time: str  # "18:00–19:30", local time
    mode: str
    place: str
    double_sessions: int
    points: int
    vnr: str
    category: str
    chamber: str


class CertificateData(TypedDict):
    """What a certificate prints, frozen at issue (``Certificate.data``)."""

    participant: str
    group: str
    organiser: str
    leader: LeaderData
    lines: list[CertificateLine]
    replaces: NotRequired[str]


class _Fact(TypedDict):
    """What makes two certificates the same (one valid per fact)."""

    user: User
    kind: str
    meeting: Meeting | None
    group: BalintGroup


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def initials(user: User) -> str:
    parts = [p for p in (user.first_name, user.last_name) if p]
    return " ".join(f"{p[0]}." for p in parts) or "–"


def verification_url(certificate: Certificate) -> str:
    return absolute_url("cme:verify", certificate.code)


def _dbg_recognition(profile: LeaderProfile) -> str:
    """ "Balintgruppenleitung anerkannt durch die DBG seit …, Nr. …" as known."""
    if not (profile.dbg_number or profile.dbg_recognised_on):
        return ""
    text = _("Recognised as Balint group leader by the German Balint Society")
    if profile.dbg_recognised_on:
        text += " " + _("since %(date)s") % {
            "date": f"{profile.dbg_recognised_on:%d.%m.%Y}"
        }
    if profile.dbg_number:
        text += ", " + _("no. %(number)s") % {"number": profile.dbg_number}
    return text


def _leader_data(leader: User) -> LeaderData:
    """The leader with the chamber's and the DBG's recognition (R6, R8)."""
    profile = getattr(leader, "leader_profile", None)
    chamber = ""
    if profile and profile.chamber_recognition:
        chamber = _("Recognised by the chamber: %(recognition)s") % {
            "recognition": profile.chamber_recognition
        }
    dbg = _dbg_recognition(profile) if profile else ""
    return {
        "name": leader.display_name,
        "qualification": profile.qualification if profile else "",
        "recognition": "\n".join(p for p in (chamber, dbg) if p),
        "chamber_recognition": chamber,
        "dbg_recognition": dbg,
    }


def _line(
    attendance: Attendance, event_number: EventNumber | None, points: int
) -> CertificateLine:
    meeting = attendance.meeting
    start = dates.local(meeting.starts_at)
    end = dates.local(meeting.ends_at)
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


def _period(lines: list[CertificateLine]) -> tuple[datetime.date, datetime.date]:
    dates = [datetime.date.fromisoformat(line["date"]) for line in lines]
    return min(dates), max(dates)


def _lock_person(user: User) -> None:
    """Serialise issuing for one person (a double click, two tabs)."""
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _valid_for(
    *,
    user: User,
    kind: str,
    meeting: Meeting | None,
    group: BalintGroup,
    period: tuple[datetime.date, datetime.date],
) -> Certificate | None:
    rows = Certificate.objects.valid().filter(user=user, kind=kind)
    if kind == Certificate.Kind.MEETING:
        return rows.filter(meeting=meeting).first()
    return rows.filter(
        group=group, period_from=period[0], period_until=period[1]
    ).first()


def _create(
    *,
    user: User,
    group: BalintGroup,
    kind: str,
    meeting: Meeting | None,
    lines: list[CertificateLine],
    by: User,
    replaces: Certificate | None = None,
    leader: User | None = None,
    checked: bool = False,
) -> Certificate:
    """The valid certificate for this fact: the existing one, or a new one.
    ``leader`` is who led the dates when it is not the group's leader now;
    ``checked``: the caller found no valid one while holding the person's
    lock (``_lock_person``), so there is no need to look again."""
    period = _period(lines)
    fact: _Fact = {"user": user, "kind": kind, "meeting": meeting, "group": group}
    existing = None if checked else _valid_for(**fact, period=period)
    if existing is not None:
        return existing
    data: CertificateData = {
        "participant": user.display_name,
        "group": group.title,
        "organiser": settings.CME_ORGANISER,
        "leader": _leader_data(leader or group.leader),
        "lines": lines,
    }
    if replaces is not None:
        data["replaces"] = replaces.number
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                number=f"tmp-{new_code()}",
                code=new_code(),
                kind=kind,
                user=user,
                group=group,
                meeting=meeting,
                period_from=period[0],
                period_until=period[1],
                double_sessions=sum(line["double_sessions"] for line in lines),
                points=sum(line["points"] for line in lines),
                data=data,
            )
    except IntegrityError:
        # Another request issued it between our check and our insert (only
        # possible where the row lock is not available); that one is valid.
        existing = _valid_for(**fact, period=period)
        if existing is None:
            raise
        return existing
    certificate.number = f"BK-{certificate.issued_at:%Y}-{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    audit.record(by, f"cme.certificate.{kind}.issued", certificate, data={})
    return certificate


def issue_for_meeting(meeting: Meeting, *, user: User, by: User) -> Certificate:
    """A Teilnahmebescheinigung for one date (R12); the same one on repeat."""
    with transaction.atomic():
        _lock_person(user)
        existing = (
            Certificate.objects.valid()
            .filter(kind=Certificate.Kind.MEETING, meeting=meeting, user=user)
            .first()
        )
        if existing is not None:
            return existing
        return _issue_for_meeting(meeting, user=user, by=by, checked=True)


def _issue_for_meeting(
    meeting: Meeting,
    *,
    user: User,
    by: User,
    replaces: Certificate | None = None,
    checked: bool = False,
) -> Certificate:
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
        replaces=replaces,
        checked=checked,
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
        .select_related("meeting__group", "meeting__leader__leader_profile")
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
    """A Bescheinigung über Balintgruppenteilnahme listing every counted date (R6).

    The same person, group and resulting period give the same certificate.
    """
    with transaction.atomic():
        _lock_person(user)
        return _issue_for_term(
            group,
            user=user,
            by=by,
            period_from=period_from,
            period_until=period_until,
        )


def _issue_for_term(
    group: BalintGroup,
    *,
    user: User,
    by: User,
    period_from: datetime.date | None,
    period_until: datetime.date | None,
    replaces: Certificate | None = None,
) -> Certificate:
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
        replaces=replaces,
        leader=_fixed_leader(rows),
    )


def _fixed_leader(rows: list[Attendance]) -> User | None:
    """The leader recorded on every date of a period (R6: a series has one
    fixed leader), if it is not the group's leader now; else None."""
    leaders = {a.meeting.fixed_leader_id for a in rows}
    if len(leaders) != 1 or rows[0].meeting.leader_id is None:
        return None
    if rows[0].meeting.leader_id == rows[0].meeting.group.leader_id:
        return None
    return rows[0].meeting.leader


def may_correct(user: User, certificate: Certificate) -> bool:
    """The group's leaders and the secretariat correct and revoke certificates."""
    return access(certificate.group, user).may(Action.CORRECT_CERTIFICATES)


def _revoke_locked(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Please give a reason for the revocation."))
    if certificate.revoked_at is not None:
        raise CertificateError(_("This certificate has already been revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    audit.record(by, "cme.certificate.revoked", certificate, data={"reason": reason})
    return certificate


def revoke(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    """Withdraw a certificate without a replacement (the fact no longer holds)."""
    with transaction.atomic():
        _lock_person(certificate.user)
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        return _revoke_locked(certificate, by=by, reason=reason)


def correct(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    """Issue a corrected certificate from today's records for the same meeting
    or period; the old one is revoked with ``reason`` and points to the new one.

    Raises ``CertificateError`` (and changes nothing) when the records no
    longer support a certificate; then ``revoke`` is the right step.
    """
    with transaction.atomic():
        _lock_person(certificate.user)
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        _revoke_locked(old, by=by, reason=reason)
        # A meeting certificate always names its meeting.
        if old.kind == Certificate.Kind.MEETING and old.meeting is not None:
            new = _issue_for_meeting(old.meeting, user=old.user, by=by, replaces=old)
        else:
            new = _issue_for_term(
                old.group,
                user=old.user,
                by=by,
                period_from=old.period_from,
                period_until=old.period_until,
                replaces=old,
            )
        # The records may now match a certificate that already replaces
        # another one; then that one stands and the old one is only revoked.
        if not Certificate.objects.filter(replaced_by=new).exists():
            old.replaced_by = new
            old.save(update_fields=["replaced_by"])
        audit.record(
            by, "cme.certificate.corrected", new, data={"replaces": old.number}
        )
    return new
