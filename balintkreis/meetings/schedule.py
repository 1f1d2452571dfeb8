"""Editing, moving and cancelling single meetings, with e-mail to members."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.core import audit, dates
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import members as members_rules
from balintkreis.meetings import series
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


def format_switch_warnings(group: BalintGroup, *, format: str) -> list[str]:
    """DOMAIN.md R6/R10 warnings for the whole plan as it would be after
    ``switch_format`` (e.g. too large an online share for PSGV)."""
    now = timezone.now()
    plan = list(group.meetings.filter(is_cancelled=False).order_by("starts_at"))
    for meeting in plan:
        if meeting.starts_at >= now and meeting.attendance_confirmed_at is None:
            meeting.format = format
    return series.warnings_for(plan)


def switch_format(
    group: BalintGroup,
    *,
    format: str,
    place: str,
    by: object,
    now: datetime.datetime | None = None,
) -> list[Meeting]:
    """Give every upcoming meeting of the group the format ``format`` in one
    step, e.g. after a group vote "Präsenz, online oder hybrid" (issue 15
    item 7), and tell every member in one e-mail. Meetings with confirmed
    attendance stay as they are (they are proof, R3). Meetings in person
    without a place get ``place``."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = list(
            Meeting.objects.select_for_update()
            .filter(group=group, attendance_confirmed_at__isnull=True)
            .upcoming(now=now)
            .exclude(format=format)
            .order_by("starts_at")
        )
        for meeting in changed:
            meeting.format = format
            if format == Meeting.Format.IN_PERSON and not meeting.place:
                if not place:
                    raise ScheduleError(
                        _("Please enter the place of the meetings in person.")
                    )
                meeting.place = place
            meeting.sequence += 1
            meeting.full_clean()
            meeting.save(update_fields=["format", "place", "sequence"])
        audit.record(
            by,
            "meetings.format.switched",
            group,
            data={"format": format, "count": len(changed)},
        )
        if changed:
            stamp = int(now.timestamp())
            for person in members_rules.members_on(group, timezone.localdate()):
                outbox.enqueue(
                    to=person,
                    template="meetings/email/format_switched",
                    context={"group": group, "meetings": changed, "person": person},
                    key=f"meetings.format_switched.{group.pk}.{stamp}.{person.pk}",
                )
    return changed
