"""Report deadlines per chamber (DOMAIN.md R4): due ``report_within_days``
after the meeting (default 8), a reminder to the leader 48 hours before, and
the overdue list on the leader's page. Open and overdue count only lines
somebody can act on (``export.is_open``): a line without an EFN stays open
until it is reported or resolved (``resolutions.py``)."""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.cme import export
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import EventNumber, ReportEntry
from balintkreis.groups import access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import credit
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.notifications import outbox

DEFAULT_DAYS = 8
# Report entries that still leave the line open or not, depending on the
# entry and the person's EFN (``export.is_open``).
_NOT_DONE = [s for s in ReportEntry.Status.values if s not in export.DONE]
# Meetings older than this are no longer shown as open reports.
LOOKBACK_DAYS = 120


@dataclass
class OpenReport:
    meeting: Meeting
    event_number: EventNumber | None
    due_at: datetime.datetime
    open_count: int

    def is_overdue(self, now: datetime.datetime) -> bool:
        return now > self.due_at


def due_at(
    meeting: Meeting,
    event_number: EventNumber | None,
    zone: datetime.tzinfo | None = None,
) -> datetime.datetime:
    """23:59 local time, ``report_within_days`` after the meeting's end day
    (``zone``: the current time zone, passed in by callers looping over
    thousands of meetings)."""
    chamber = event_number.chamber if event_number else meeting.group.chamber
    days = chamber.report_within_days if chamber else DEFAULT_DAYS
    zone = zone or timezone.get_current_timezone()
    end_day = meeting.ends_at.astimezone(zone).date()
    return _deadline(end_day + datetime.timedelta(days=days), zone)


@functools.lru_cache(maxsize=1024)
def _deadline(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """23:59 local time of ``day`` (thousands of meetings share a few days)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(23, 59)), zone
    )


def open_reports(
    *, leader: User | None = None, now: datetime.datetime | None = None
) -> list[OpenReport]:
    """Held meetings with counted attendance not yet reported, oldest first;
    with ``leader``, only of the groups whose EFN lists that person may read."""
    now = now or timezone.now()
    held = Meeting.objects.held(now=now).filter(
        starts_at__gte=now - datetime.timedelta(days=LOOKBACK_DAYS)
    )
    if leader is not None:
        held = held.filter(
            group__in=access.groups_with_right(leader, access.Action.READ_EFN_LISTS)
        )
    # R4: only lines somebody can act on are open – reported lines, lines
    # flagged for the paper route and lines the leader resolved are not. Per
    # meeting, one aggregate query counts the counted lines without a report
    # entry (always open) and those with an entry that is not done (open or
    # not depending on the entry and the person's EFN): the page costs the
    # same queries however many lines wait (issue 17).
    counting = credit.counts_for_cme_q("attendances__")
    meetings = list(
        held.annotate(
            unreported=Count(
                "attendances",
                filter=counting & Q(attendances__report__isnull=True),
            ),
            entered=Count(
                "attendances",
                filter=counting & Q(attendances__report__status__in=_NOT_DONE),
            ),
        ).filter(Q(unreported__gt=0) | Q(entered__gt=0))
    )
    # Every meeting shares its group's one instance, loaded without the
    # leader's encrypted EFN.
    groups = (
        BalintGroup.objects.select_related("chamber", "leader")
        .defer("leader__efn")
        .in_bulk({m.group_id for m in meetings})
    )
    open_count: dict[int, int] = {}
    for meeting in meetings:
        meeting.group = groups[meeting.group_id]
        if meeting.unreported:
            open_count[meeting.pk] = meeting.unreported
    with_entries = [m.pk for m in meetings if m.entered]
    if with_entries:
        entered = list(
            Attendance.objects.counting()
            .filter(meeting_id__in=with_entries, report__status__in=_NOT_DONE)
            .select_related("report")
        )
        problems = {
            user.pk: export.efn_problem(user.efn)
            for user in User.objects.in_bulk({a.user_id for a in entered}).values()
        }
        for line in entered:
            if export.is_open(line.report, problem=problems[line.user_id], now=now):
                open_count[line.meeting_id] = open_count.get(line.meeting_id, 0) + 1
    numbers = points_rules.event_numbers_for(meetings)
    zone = timezone.get_current_timezone()
    result = [
        OpenReport(
            meeting=m,
            event_number=numbers[m.pk],
            due_at=due_at(m, numbers[m.pk], zone),
            open_count=open_count[m.pk],
        )
        for m in meetings
        if m.pk in open_count
    ]
    return sorted(result, key=lambda r: r.due_at)


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the leader once per meeting when its deadline is within 48 hours."""
    now = now or timezone.now()
    window = datetime.timedelta(hours=settings.CME_REMINDER_HOURS_BEFORE)
    sent = 0
    for report in open_reports(now=now):
        if not now < report.due_at <= now + window:
            continue
        leader = report.meeting.group.leader
        outbox.enqueue(
            to=leader,
            template="cme/email/report_reminder",
            context={"report": report, "leader": leader},
            key=f"cme.report-reminder.{report.meeting.pk}",
        )
        sent += 1
    return sent
