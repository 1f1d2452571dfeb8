"""Attendance rules (DOMAIN.md R3): the public API for views and other apps.

- ``mark(meeting, member=, status=, by=, mode=None)`` records one person's
  status. ``by`` is the acting person, or ``None`` for a system proposal (for
  example presence recorded by the online app). A change to a confirmed row is
  a correction: only a leader or the secretariat may make it, it stays
  confirmed (by them) and is audit-logged with the old and new values.
- ``confirm(meeting, by=)`` confirms every row of a meeting; only confirmed
  attendance counts for certificates and chamber reports.
- ``save_sheet`` and ``save_and_confirm_sheet`` apply a whole attendance
  sheet (the leader's phone page) in one transaction.
- "late" carries the minutes missed; whether a row counts for CME is decided
  by ``meetings/credit.py`` alone (R3, R12).
"""

import datetime
import enum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups.access import Action, access
from balintkreis.meetings import credit
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Attendance, Meeting

# Present, late and absent can be recorded from this long before the start.
EARLY_MARKING = datetime.timedelta(minutes=30)


class AttendanceError(RuleError):
    pass


def _is_leader(by: User | None, meeting: Meeting) -> bool:
    return by is not None and access(meeting.group, by).may(Action.MARK_ATTENDANCE)


def _check_can_mark(meeting: Meeting, *, status: str, by: User | None) -> None:
    if by is not None and not _is_leader(by, meeting):
        raise AttendanceError(_("Only the group's leaders may record attendance."))
    if meeting.is_cancelled:
        raise AttendanceError(_("This meeting is cancelled."))
    if status not in Attendance.Status.values:
        raise AttendanceError(_("Unknown attendance status."))
    if status not in allowed_statuses(meeting):
        raise AttendanceError(
            _("Before the meeting, members can only be marked as excused.")
        )


def has_begun(meeting: Meeting, *, now: datetime.datetime | None = None) -> bool:
    """Present, late and absent can be recorded from 30 minutes before the start."""
    return meeting.starts_at - EARLY_MARKING <= (now or timezone.now())


def allowed_statuses(
    meeting: Meeting, *, now: datetime.datetime | None = None
) -> list[str]:
    """What a leader may record now: before the meeting only "excused";
    from 30 minutes before the start on (during and after) every status."""
    if has_begun(meeting, now=now):
        return list(Attendance.Status.values)
    return [Attendance.Status.EXCUSED]


def _check_minutes(
    meeting: Meeting, *, status: str, minutes_missed: int | None
) -> int | None:
    """Minutes missed belong to "late" only; 1 up to the meeting's length."""
    if status != Attendance.Status.LATE:
        return None
    if minutes_missed is not None and not (
        1 <= minutes_missed <= meeting.duration_minutes
    ):
        raise AttendanceError(
            _(
                "Minutes missed must be between 1 and %(max)d. Somebody who "
                "missed nothing is present."
            )
            % {"max": meeting.duration_minutes}
        )
    return minutes_missed


def late_meaning(*, minutes_missed: int | None) -> str:
    """What "late" means for the person's certificate, in plain German (R3)."""
    tolerance = credit.tolerance_minutes()
    if minutes_missed is not None and credit.is_complete(minutes_missed=minutes_missed):
        return _(
            "Counts as complete attendance (up to %(tolerance)d minutes missed "
            "are accepted): certificate, EFN report and points."
        ) % {"tolerance": tolerance}
    if tolerance == 0:
        return _(
            "Late arrival is partial attendance: no certificate, no EFN report, "
            "no points and no PSGV credit for this date."
        )
    return _(
        "More than %(tolerance)d minutes missed (or not recorded) is partial "
        "attendance: no certificate, no EFN report, no points and no PSGV "
        "credit for this date."
    ) % {"tolerance": tolerance}


def mark(
    meeting: Meeting,
    *,
    member: User,
    status: str,
    by: User | None,
    mode: str | None = None,
    minutes_missed: int | None = None,
) -> Attendance:
    """Record one member's attendance; corrections of confirmed rows are logged.

    ``minutes_missed`` is recorded for "late" only (else cleared); a "late"
    row counts for CME only within the tolerance (``meetings/credit.py``).
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_related("group").get(pk=meeting.pk)
        _check_can_mark(meeting, status=status, by=by)
        minutes_missed = _check_minutes(
            meeting, status=status, minutes_missed=minutes_missed
        )
        attendance = (
            Attendance.objects.select_for_update()
            .filter(meeting=meeting, user=member)
            .first()
        )
        if attendance is None:
            if not members_rules.members_on(meeting.group, meeting.local_date).filter(
                pk=member.pk
            ):
                raise AttendanceError(
                    _("%(name)s is not a member of this group on that date.")
                    % {"name": member.display_name}
                )
            return Attendance.objects.create(
                meeting=meeting,
                user=member,
                status=status,
                minutes_missed=minutes_missed,
                mode=mode or meeting.format,
            )
        new_mode = mode or attendance.mode
        old = (attendance.status, attendance.mode, attendance.minutes_missed)
        if old == (status, new_mode, minutes_missed):
            return attendance
        if attendance.confirmed_at is not None:
            if not _is_leader(by, meeting):
                raise AttendanceError(
                    _("Attendance is confirmed; only the leader can correct it.")
                )
            audit.record(
                by,
                "meetings.attendance.corrected",
                attendance,
                data={
                    "from": [attendance.status, attendance.mode],
                    "to": [status, new_mode],
                    **(
                        {"minutes_missed": [attendance.minutes_missed, minutes_missed]}
                        if attendance.minutes_missed != minutes_missed
                        else {}
                    ),
                },
            )
            attendance.confirmed_at = timezone.now()
            attendance.confirmed_by = by
        attendance.status = status
        attendance.mode = new_mode
        attendance.minutes_missed = minutes_missed
        attendance.save()
        return attendance


def confirm(meeting: Meeting, *, by: User) -> int:
    """Confirm the attendance of a meeting; every expected member must be marked.

    Returns the number of rows confirmed now.
    """
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("group")
            .get(pk=meeting.pk)
        )
        if not _is_leader(by, meeting):
            raise AttendanceError(_("Only the group's leaders may confirm attendance."))
        if not has_begun(meeting):
            raise AttendanceError(
                _("Attendance can be confirmed once the meeting has begun.")
            )
        missing = (
            members_rules.members_on(meeting.group, meeting.local_date)
            .exclude(attendances__meeting=meeting)
            .count()
        )
        if missing:
            raise AttendanceError(
                _("Please record every member first (%(count)d still open).")
                % {"count": missing}
            )
        now = timezone.now()
        count = meeting.attendances.filter(confirmed_at__isnull=True).update(
            confirmed_at=now, confirmed_by=by, updated_at=now
        )
        meeting.attendance_confirmed_at = meeting.attendance_confirmed_at or now
        meeting.attendance_confirmed_by = meeting.attendance_confirmed_by or by
        # R6: the fixed leader of this date; a later change breaks the series.
        meeting.leader_id = meeting.leader_id or meeting.group.leader_id
        meeting.save(
            update_fields=[
                "attendance_confirmed_at",
                "attendance_confirmed_by",
                "leader",
            ]
        )
        audit.record(by, "meetings.attendance.confirmed", meeting, data={"rows": count})
        return count


def save_sheet(
    meeting: Meeting,
    *,
    marks: dict[int, str],
    by: User,
    minutes: dict[int, int] | None = None,
) -> int:
    """Apply a sheet ``{user_id: status}`` with the minutes missed of late
    arrivals ``{user_id: minutes}``; returns how many rows changed."""
    minutes = minutes or {}
    changed = 0
    with transaction.atomic():
        people = {
            u.pk: u
            for u in members_rules.expected_for(meeting).filter(pk__in=list(marks))
        }
        before = {
            user_id: (status, missed)
            for user_id, status, missed in meeting.attendances.values_list(
                "user_id", "status", "minutes_missed"
            )
        }
        for user_id, status in marks.items():
            if user_id not in people:
                raise AttendanceError(
                    _("The sheet lists a person who is not a member.")
                )
            missed = minutes.get(user_id) if status == Attendance.Status.LATE else None
            if before.get(user_id) != (status, missed):
                mark(
                    meeting,
                    member=people[user_id],
                    status=status,
                    by=by,
                    minutes_missed=missed,
                )
                changed += 1
    return changed


def save_and_confirm_sheet(
    meeting: Meeting,
    *,
    marks: dict[int, str],
    by: User,
    minutes: dict[int, int] | None = None,
) -> int:
    """Apply a sheet and confirm the meeting in one transaction."""
    with transaction.atomic():
        save_sheet(meeting, marks=marks, by=by, minutes=minutes)
        return confirm(meeting, by=by)


# "Ich kann nicht teilnehmen": a member excuses themselves from a future date.


class ExcuseState(enum.StrEnum):
    """What a member can do about a date: excuse themselves, withdraw the
    excuse, or nothing (past, cancelled, not theirs, already confirmed)."""

    OPEN = "open"
    EXCUSED = "excused"
    CLOSED = "closed"


def excuse_state(
    meeting: Meeting,
    *,
    own: Attendance | None,
    is_member_then: bool,
    now: datetime.datetime | None = None,
) -> ExcuseState:
    """The one rule of excusing, without a query: the caller passes the
    person's row for the meeting (or None) and whether their membership is
    active on the meeting's day. Only before the start, only members, and
    never over a row the leader has confirmed or marked otherwise."""
    now = now or timezone.now()
    if meeting.is_cancelled or meeting.starts_at <= now or not is_member_then:
        return ExcuseState.CLOSED
    if own is None:
        return ExcuseState.OPEN
    if own.confirmed_at is None and own.status == Attendance.Status.EXCUSED:
        return ExcuseState.EXCUSED
    return ExcuseState.CLOSED


def _locked_state(
    meeting: Meeting, *, member: User, now: datetime.datetime
) -> tuple[Meeting, Attendance | None, ExcuseState]:
    meeting = (
        Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    )
    own = (
        Attendance.objects.select_for_update()
        .filter(meeting=meeting, user=member)
        .first()
    )
    is_member_then = (
        members_rules.members_on(meeting.group, meeting.local_date)
        .filter(pk=member.pk)
        .exists()
    )
    state = excuse_state(meeting, own=own, is_member_then=is_member_then, now=now)
    return meeting, own, state


def _closed_error(
    meeting: Meeting, *, own: Attendance | None, now: datetime.datetime
) -> AttendanceError:
    if meeting.is_cancelled:
        return AttendanceError(_("This meeting is cancelled."))
    if meeting.starts_at <= now:
        return AttendanceError(
            _("This meeting has already begun; please tell your group's leader.")
        )
    if own is not None:
        return AttendanceError(
            _(
                "Your group's leader has already recorded your attendance for "
                "this date; please write to them."
            )
        )
    return AttendanceError(
        _("You can only excuse yourself from dates on which you are a member.")
    )


def excuse(
    meeting: Meeting,
    *,
    member: User,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Attendance:
    """Record that ``member`` cannot come to a future ``meeting``, with an
    optional note to the leader; a second call updates the note. The row is
    unconfirmed: the leader sees it on the attendance sheet as "excused"."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting, own, state = _locked_state(meeting, member=member, now=now)
        if state == ExcuseState.CLOSED:
            raise _closed_error(meeting, own=own, now=now)
        if own is None:
            own = Attendance(
                meeting=meeting,
                user=member,
                status=Attendance.Status.EXCUSED,
                mode=meeting.format,
            )
        own.excuse_note = note.strip()
        own.full_clean()
        own.save()
        audit.record(
            member,
            "meetings.attendance.excused",
            own,
            data={"meeting": meeting.pk, "with_note": bool(own.excuse_note)},
        )
        return own


def withdraw_excuse(
    meeting: Meeting, *, member: User, now: datetime.datetime | None = None
) -> None:
    """Take back an excuse before the meeting begins: the unconfirmed row is
    removed (nothing has been proven yet), so the person is expected again."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting, own, state = _locked_state(meeting, member=member, now=now)
        if state != ExcuseState.EXCUSED or own is None:
            raise AttendanceError(
                _("There is no excuse for this date that you could withdraw.")
            )
        own.delete()
        audit.record(
            member,
            "meetings.attendance.excuse_withdrawn",
            meeting,
            data={"meeting": meeting.pk},
        )
