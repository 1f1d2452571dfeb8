"""The reminder e-mail before each meeting (DESIGN.md "Take part").

``send_due_reminders`` runs every quarter of an hour (``meetings.apps``
``scheduled_jobs``): every meeting that is not cancelled and starts within
the next ``MEETING_REMINDER_HOURS`` (default 24) gets one reminder per member
of the group on the meeting day, unless the member switched reminders off in
their profile or has excused themselves for that date. The idempotency key
``meetings.reminder.<meeting>.<person>`` makes every run safe to repeat: a
member is reminded of a meeting once, even when it moves afterwards (moving
sends its own mail, schedule.py).

The mail names date, time and place, or for an online meeting the link to
the room (the online app's primary button of the meeting, collected through
the ``meeting_links`` hook) and the advice for the household and the
technique (seed 003); it carries the meeting as an ``.ics`` calendar entry.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from balintkreis.core import hooks
from balintkreis.core.links import absolute_url
from balintkreis.groups.access import access
from balintkreis.meetings import calendar
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.notifications import outbox
from balintkreis.notifications.models import OutboxEmail


def key_for(meeting: Meeting, person_id: int) -> str:
    return f"meetings.reminder.{meeting.pk}.{person_id}"


def due_meetings(*, now: datetime.datetime) -> "list[Meeting]":
    """Meetings that are not cancelled and start within the reminder window."""
    until = now + datetime.timedelta(hours=settings.MEETING_REMINDER_HOURS)
    return list(
        Meeting.objects.filter(
            is_cancelled=False, starts_at__gt=now, starts_at__lte=until
        ).select_related("group")
    )


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders that are due; returns how many were queued now."""
    now = now or timezone.now()
    return sum(remind_members(meeting) for meeting in due_meetings(now=now))


def remind_members(meeting: Meeting) -> int:
    """One reminder per member of the meeting day who wants one and has not
    been reminded yet; returns the number queued."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("group")
            .get(pk=meeting.pk)
        )
        if meeting.is_cancelled:
            return 0
        already = set(
            OutboxEmail.objects.filter(
                key__startswith=f"meetings.reminder.{meeting.pk}."
            ).values_list("key", flat=True)
        )
        excused = Attendance.objects.filter(
            meeting=meeting, status=Attendance.Status.EXCUSED
        ).values("user_id")
        people = (
            members_rules.members_on(meeting.group, meeting.local_date)
            .filter(is_active=True, meeting_reminders=True)
            .exclude(pk__in=excused)
        )
        ics = calendar.render([meeting], name=meeting.group.title)
        queued = 0
        for person in people:
            key = key_for(meeting, person.pk)
            if key in already:
                continue
            outbox.enqueue(
                to=person,
                template="meetings/email/meeting_reminder",
                context={
                    "meeting": meeting,
                    "group": meeting.group,
                    "meeting_url": absolute_url(
                        "meetings:detail", meeting.group.slug, meeting.pk
                    ),
                    "room_url": _room_url(meeting, person),
                    "profile_url": absolute_url("accounts:profile"),
                },
                key=key,
                attachments=[
                    outbox.Attachment(
                        filename="sitzung.ics",
                        content=ics,
                        mimetype="text/calendar",
                    )
                ],
            )
            queued += 1
    return queued


def _room_url(meeting: Meeting, person: object) -> str:
    """The link into the online room: the primary button an app above offers
    the person for this meeting (the online app's "join"), made absolute."""
    if not meeting.is_online:
        return ""
    viewer = access(meeting.group, person, on=meeting.local_date)
    for link in hooks.links("meeting_links", meeting, person, viewer):
        if link.primary:
            return f"{settings.SITE_URL}{link.url}"
    return ""
