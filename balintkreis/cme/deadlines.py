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
from balintkreis.meetings.models import Attendance, Meeting, MeetingQuerySet
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

    @property
    def group(self) -> BalintGroup:
        return self.meeting.group

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


def _held(leader: User | None, now: datetime.datetime) -> MeetingQuerySet:
    """Held meetings of the lookback window; with ``leader``, only of the
    groups whose EFN lists that person may read."""
    held = Meeting.objects.held(now=now).filter(
        starts_at__gte=now - datetime.timedelta(days=LOOKBACK_DAYS)
    )
    if leader is not None:
        groups = access.groups_with_right(leader, access.Action.READ_EFN_LISTS)
        # Every group (the secretariat): no filter, which would only lead
        # SQLite to walk every meeting by group instead of the window by
        # start (issue 17).
        if groups.query.has_filters():
            held = held.filter(group__in=groups)
    return held


def _entered_open(meeting_ids: list[int], now: datetime.datetime) -> dict[int, int]:
    """Per meeting, how many of its counted lines with a report entry that is
    not done are still open (``export.is_open``: depends on the entry and the
    person's EFN); two queries, none without such lines."""
    if not meeting_ids:
        return {}
    entered = list(
        Attendance.objects.counting()
        .filter(meeting_id__in=meeting_ids, report__status__in=_NOT_DONE)
        .select_related("report")
    )
    problems = {
        user.pk: export.efn_problem(user.efn)
        for user in User.objects.in_bulk({a.user_id for a in entered}).values()
    }
    result: dict[int, int] = {}
    for line in entered:
        if export.is_open(line.report, problem=problems[line.user_id], now=now):
            result[line.meeting_id] = result.get(line.meeting_id, 0) + 1
    return result


def open_reports(
    *, leader: User | None = None, now: datetime.datetime | None = None
) -> list[OpenReport]:
    """Held meetings with counted attendance not yet reported, oldest first;
    with ``leader``, only of the groups whose EFN lists that person may read."""
    now = now or timezone.now()
    # R4: only lines somebody can act on are open – reported lines, lines
    # flagged for the paper route and lines the leader resolved are not. Per
    # meeting, one aggregate query counts the counted lines without a report
    # entry (always open) and those with an entry that is not done (open or
    # not depending on the entry and the person's EFN): the page costs the
    # same queries however many lines wait (issue 17).
    counting = credit.counts_for_cme_q("attendances__")
    meetings = list(
        _held(leader, now)
        .annotate(
            unreported=Count(
                "attendances",
                filter=counting & Q(attendances__report__isnull=True),
            ),
            entered=Count(
                "attendances",
                filter=counting & Q(attendances__report__status__in=_NOT_DONE),
            ),
        )
        .filter(Q(unreported__gt=0) | Q(entered__gt=0))
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
    entered = _entered_open([m.pk for m in meetings if m.entered], now)
    for pk, count in entered.items():
        open_count[pk] = open_count.get(pk, 0) + count
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


@dataclass(slots=True)
class DueDate:
    """A held meeting with open lines as plain values, without the meeting's
    model instance: for pages that sum up thousands of them (the
    secretariat's home, issue 17). ``group`` is shared by the group's dates
    and loaded with its title, slug and chamber only."""

    meeting_id: int
    group: BalintGroup
    due_at: datetime.datetime
    open_count: int

    def is_overdue(self, now: datetime.datetime) -> bool:
        return now > self.due_at


def due_dates(
    *, leader: User | None = None, now: datetime.datetime | None = None
) -> list[DueDate]:
    """What ``open_reports`` finds (the same meetings, open lines and
    deadlines), as ``DueDate`` values sorted by deadline, then meeting.

    Three queries, five with report entries that are not done: the meetings
    with their line counts as values, their groups with the chamber, the
    groups' event numbers. Which event number covers a meeting follows
    ``points.event_numbers_for`` (own VNR before a term VNR of the meeting's
    day, the first by primary key)."""
    now = now or timezone.now()
    rows = list(
        _held(leader, now)
        # Counted lines only, joined once: both counts read the same rows
        # (and SQLite walks the meetings by start, not every attendance).
        .filter(credit.counts_for_cme_q("attendances__"))
        .order_by()
        .values_list("pk", "group_id", "starts_at", "duration_minutes")
        .annotate(
            unreported=Count("attendances", filter=Q(attendances__report__isnull=True)),
            entered=Count(
                "attendances", filter=Q(attendances__report__status__in=_NOT_DONE)
            ),
        )
        .filter(Q(unreported__gt=0) | Q(entered__gt=0))
    )
    entered = _entered_open([row[0] for row in rows if row[5]], now)
    group_ids = {row[1] for row in rows}
    groups = (
        BalintGroup.objects.select_related("chamber")
        .only("title", "slug", "chamber__report_within_days")
        .order_by()
        .in_bulk(group_ids)
    )
    own: dict[int, int] = {}  # meeting: days of its own VNR's chamber
    terms: dict[int, list[tuple[datetime.date, datetime.date, int]]] = {}
    for group_id, meeting_id, valid_from, valid_until, days in (
        EventNumber.objects.filter(group_id__in=group_ids)
        .order_by("pk")
        .values_list(
            "group_id",
            "meeting_id",
            "valid_from",
            "valid_until",
            "chamber__report_within_days",
        )
    ):
        if meeting_id is not None:
            own.setdefault(meeting_id, days)
        else:
            terms.setdefault(group_id, []).append((valid_from, valid_until, days))
    group_days = {
        pk: group.chamber.report_within_days if group.chamber else DEFAULT_DAYS
        for pk, group in groups.items()
    }
    zone = timezone.get_current_timezone()
    home_zone = timezone.get_default_timezone()  # Meeting.local_date
    # A few durations and end days repeat across thousands of meetings.
    spans: dict[int, datetime.timedelta] = {}
    due: dict[tuple[datetime.date, int], datetime.datetime] = {}
    result = []
    for pk, group_id, starts_at, minutes, unreported, _entered in rows:
        count = unreported + entered.get(pk, 0)
        if not count:
            continue
        if pk in own:
            days = own[pk]
        else:
            days = group_days[group_id]
            if group_id in terms:
                day = starts_at.astimezone(home_zone).date()
                for valid_from, valid_until, term_days in terms[group_id]:
                    if valid_from <= day <= valid_until:
                        days = term_days
                        break
        span = spans.get(minutes)
        if span is None:
            span = spans[minutes] = datetime.timedelta(minutes=minutes)
        key = ((starts_at + span).astimezone(zone).date(), days)
        if key not in due:
            due[key] = _deadline(key[0] + datetime.timedelta(days=key[1]), zone)
        result.append(DueDate(pk, groups[group_id], due[key], count))
    return sorted(result, key=lambda d: (d.due_at, d.meeting_id))


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
