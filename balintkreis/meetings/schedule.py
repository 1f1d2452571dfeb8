"""Editing, moving and cancelling single meetings, with e-mail to members."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.core import audit, dates
from balintkreis.core.errors import RuleError
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Meeting
from balintkreis.notifications import outbox


class ScheduleError(RuleError):
    pass


def _notify(meeting: Meeting, *, template: str, key: str, extra: dict[str, Any]) -> int:
    sent = 0
    for person in members_rules.members_on(meeting.group, meeting.local_date):
        outbox.enqueue(
            to=person,
            template=template,
            context={"meeting": meeting, "person": person, **extra},
            key=f"{key}.{person.pk}",
        )
        sent += 1
    return sent


def update_meeting(
    meeting: Meeting,
    *,
    by: object,
    starts_at: datetime.datetime,
    duration_minutes: int,
    double_sessions: int,
    format: str,
    place: str,
    note: str,
) -> Meeting:
    """Change one meeting; members get an e-mail when date, time or place move."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_cancelled:
            raise ScheduleError(_("A cancelled meeting cannot be changed."))
        if (
            meeting.attendance_confirmed_at is not None
            and starts_at != meeting.starts_at
        ):
            raise ScheduleError(
                _("Attendance of this meeting is confirmed; it cannot be moved.")
            )
        old_start, old_place, old_format = (
            meeting.starts_at,
            meeting.place,
            meeting.format,
        )
        meeting.starts_at = starts_at
        meeting.duration_minutes = duration_minutes
        meeting.double_sessions = double_sessions
        meeting.format = format
        meeting.place = place
        meeting.note = note
        meeting.sequence += 1
        meeting.full_clean()
        meeting.save()
        moved = (old_start, old_place, old_format) != (starts_at, place, format)
        audit.record(
            by,
            "meetings.meeting.moved" if moved else "meetings.meeting.changed",
            meeting,
            data={"from": dates.local_iso(old_start), "to": dates.local_iso(starts_at)},
        )
        if moved and meeting.starts_at > timezone.now():
            _notify(
                meeting,
                template="meetings/email/meeting_moved",
                key=f"meetings.moved.{meeting.pk}.{meeting.sequence}",
                extra={"old_start": old_start, "old_place": old_place},
            )
    return meeting


def can_cancel(meeting: Meeting, *, now: datetime.datetime | None = None) -> bool:
    """Only a future meeting that is not cancelled yet can be cancelled."""
    return not meeting.is_cancelled and meeting.starts_at > (now or timezone.now())


def cancel_meeting(meeting: Meeting, *, by: object, reason: str) -> Meeting:
    """Cancel a meeting and tell every member; confirmed meetings stay (proof)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_cancelled:
            raise ScheduleError(_("This meeting is already cancelled."))
        if meeting.attendance_confirmed_at is not None:
            raise ScheduleError(
                _("Attendance of this meeting is confirmed; it cannot be cancelled.")
            )
        if not can_cancel(meeting):
            raise ScheduleError(
                _(
                    "This meeting has already begun; only future meetings can be "
                    "cancelled. Please record the attendance instead (for example "
                    "everybody as excused)."
                )
            )
        meeting.is_cancelled = True
        meeting.cancel_reason = reason
        meeting.sequence += 1
        meeting.save()
        audit.record(by, "meetings.meeting.cancelled", meeting, data={})
        _notify(
            meeting,
            template="meetings/email/meeting_cancelled",
            key=f"meetings.cancelled.{meeting.pk}",
            extra={"reason": reason},
        )
    return meeting
