"""Report deadlines per chamber (DOMAIN.md R4): due ``report_within_days``
after the meeting (default 8), a reminder to the leader 48 hours before, and
the overdue list on the leader's page. Open and overdue count only lines
somebody can act on (``export.is_open``): a line without an EFN stays open
until it is reported or resolved (``resolutions.py``)."""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.cme import export
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import EventNumber
from balintkreis.groups import access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import credit
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.notifications import outbox

DEFAULT_DAYS = 8
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


def due_at(meeting: Meeting, event_number: EventNumber | None) -> datetime.datetime:
    chamber = event_number.chamber if event_number else meeting.group.chamber
    days = chamber.report_within_days if chamber else DEFAULT_DAYS
    end_day = timezone.localtime(meeting.ends_at).date()
    return _deadline(
        end_day + datetime.timedelta(days=days), timezone.get_current_timezone_name()
    )


@functools.lru_cache(maxsize=1024)
def _deadline(day: datetime.date, zone: str) -> datetime.datetime:
    """23:59 local time of ``day`` (thousands of meetings share a few days)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(23, 59)),
        timezone.get_current_timezone(),
    )


def open_reports(
    *, leader: User | None = None, now: datetime.datetime | None = None
) -> list[OpenReport]:
    """Held meetings with counted attendance not yet reported, oldest first;
    with ``leader``, only of the groups whose EFN lists that person may read."""
    now = now or timezone.now()
    held = (
        Meeting.objects.held(now=now)
        .filter(starts_at__gte=now - datetime.timedelta(days=LOOKBACK_DAYS))
        .filter(credit.counts_for_cme_q("attendances__"))
    )
    if leader is not None:
        held = held.filter(
            group__in=access.groups_with_right(leader, access.Action.READ_EFN_LISTS)
        )
    # As a subquery, not thousands of parameters; every meeting shares its
    # group's one instance, loaded without the leader's encrypted EFN.
    held_ids = held.order_by().values("pk")
    meetings = list(Meeting.objects.filter(pk__in=held_ids))
    groups = (
        BalintGroup.objects.select_related("chamber", "leader")
        .defer("leader__efn")
        .in_bulk({m.group_id for m in meetings})
    )
    for meeting in meetings:
        meeting.group = groups[meeting.group_id]
    lines = Attendance.objects.counting().filter(meeting_id__in=held_ids)
    # R4: only lines somebody can act on are open – reported lines, lines
    # flagged for the paper route and lines the leader resolved are not. A
    # line without a report entry is always open: counted in the database,
    # so the page costs the same however many lines wait (issue 17).
    unreported: dict[int, int] = dict(
        lines.filter(report__isnull=True)
        .order_by()
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    # Lines with an entry that is not done (resolved or failed): whether
    # they are open depends on the entry and on the person's EFN.
    entered = list(
        lines.filter(report__isnull=False)
        .exclude(report__status__in=export.DONE)
        .select_related("report")
    )
    problems = {
        user.pk: export.efn_problem(user.efn)
        for user in User.objects.in_bulk({a.user_id for a in entered}).values()
    }
    for line in entered:
        if export.is_open(line.report, problem=problems[line.user_id], now=now):
            unreported[line.meeting_id] = unreported.get(line.meeting_id, 0) + 1
    numbers = points_rules.event_numbers_for(meetings)
    result = [
        OpenReport(
            meeting=m,
            event_number=numbers[m.pk],
            due_at=due_at(m, numbers[m.pk]),
            open_count=unreported[m.pk],
        )
        for m in meetings
        if m.pk in unreported
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
