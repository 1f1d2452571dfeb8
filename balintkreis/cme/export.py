"""Chamber export (DOMAIN.md R4a): EFN lists of the attendance that counts
for CME (``meetings/credit.py``: confirmed and complete, R3) per meeting or
per VNR, for manual entry at punktemeldung.eiv-fobi.de, and the
report status per attendee. The audit log never receives an EFN, only
counts and keyed fingerprints."""

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.models import User
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import EventNumber, ReportEntry
from balintkreis.core import audit, spreadsheet
from balintkreis.core.errors import RuleError
from balintkreis.meetings.models import Attendance, Meeting


class ExportError(RuleError):
    pass


# Lines the leader resolved because they cannot be reported (resolutions.py).
RESOLUTIONS = (ReportEntry.Status.NO_EFN, ReportEntry.Status.PAPER_HANDED_OUT)
# Lines that need nothing more: reported, or flagged for the paper route.
DONE = (ReportEntry.Status.REPORTED, ReportEntry.Status.PAPER)


def is_resolved(
    entry: ReportEntry | None, *, problem: str, now: datetime.datetime
) -> bool:
    """Resolved by the leader; a "no EFN" line opens again when the EFN is
    valid now and its correction window has not closed (R4)."""
    if entry is None or entry.status not in RESOLUTIONS:
        return False
    if entry.status == ReportEntry.Status.NO_EFN and not problem:
        return correction_closed(entry, now=now)
    return True


def is_open(entry: ReportEntry | None, *, problem: str, now: datetime.datetime) -> bool:
    """A line somebody can still act on: report it, or resolve it."""
    if entry is not None and entry.status in DONE:
        return False
    return not is_resolved(entry, problem=problem, now=now)


@dataclass
class Row:
    attendance: Attendance
    event_number: EventNumber | None
    efn: str
    problem: str  # "" when the EFN is fine

    @property
    def date(self) -> datetime.date:
        return self.attendance.meeting.local_date

    @property
    def report(self) -> ReportEntry | None:
        return getattr(self.attendance, "report", None)

    @property
    def is_resolved(self) -> bool:
        return is_resolved(self.report, problem=self.problem, now=timezone.now())

    @property
    def is_reportable(self) -> bool:
        return (
            not self.problem and self.event_number is not None and not self.is_resolved
        )


def efn_problem(raw: str) -> str:
    """Why an EFN as stored cannot be reported ("" when it can)."""
    return _problem(efn_rules.normalise(raw))


def _problem(efn: str) -> str:
    if not efn:
        return str(_("EFN missing"))
    try:
        efn_rules.validate(efn)
    except ValidationError:
        return str(_("EFN invalid"))
    return ""


def _rows(attendances: list[Attendance]) -> list[Row]:
    meetings = {a.meeting_id: a.meeting for a in attendances}
    numbers = points_rules.event_numbers_for(meetings.values())
    checked: dict[str, tuple[str, str]] = {}  # raw EFN -> (normalised, problem)
    rows = []
    for a in attendances:
        if not a.counts:
            continue
        raw = a.user.efn
        if raw not in checked:
            efn = efn_rules.normalise(raw)
            checked[raw] = (efn, _problem(efn))
        efn, problem = checked[raw]
        rows.append(
            Row(
                attendance=a,
                event_number=numbers[a.meeting_id],
                efn=efn,
                problem=problem,
            )
        )
    return rows


def _attendances(**filters: object) -> list[Attendance]:
    """Confirmed attendance with one shared User and Meeting object each.

    A year's export has hundreds of thousands of rows but a few thousand
    people: loading every person once decrypts every EFN once, not per row.
    """
    attendances = list(
        Attendance.objects.filter(confirmed_at__isnull=False, **filters)
        .select_related("report")
        .order_by("meeting__starts_at", "user__last_name", "user__first_name")
    )
    users = User.objects.in_bulk({a.user_id for a in attendances})
    meetings = Meeting.objects.select_related("group").in_bulk(
        {a.meeting_id for a in attendances}
    )
    for attendance in attendances:
        attendance.user = users[attendance.user_id]
        attendance.meeting = meetings[attendance.meeting_id]
    return attendances


def rows_for_meeting(meeting: Meeting) -> list[Row]:
    return _rows(_attendances(meeting=meeting))


def rows_for_event_number(event_number: EventNumber) -> list[Row]:
    if event_number.meeting is not None:
        return rows_for_meeting(event_number.meeting)
    rows = _rows(
        _attendances(
            meeting__group_id=event_number.group_id, meeting__is_cancelled=False
        )
    )
    return [r for r in rows if r.event_number == event_number]


def efn_text(rows: list[Row]) -> str:
    """One EFN per line, for copy and paste into the EIV web form."""
    return "".join(f"{r.efn}\n" for r in rows if r.is_reportable)


def efn_csv(rows: list[Row]) -> str:
    """``efn;teilnahmedatum;name`` (teilnahmedatum as YYYY-MM-DD)."""
    buffer = io.StringIO()
    writer = spreadsheet.csv_writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["efn", "teilnahmedatum", "name"])
    for row in rows:
        if row.is_reportable:
            writer.writerow(
                [row.efn, row.date.isoformat(), row.attendance.user.display_name]
            )
    return buffer.getvalue()


def log_export(obj: Model, *, rows: list[Row], by: User, kind: str) -> None:
    """Audit an export: counts only, never an EFN."""
    audit.record(
        by,
        "cme.export.downloaded",
        obj,
        data={
            "format": kind,
            "rows": sum(r.is_reportable for r in rows),
            "flagged": sum(bool(r.problem) for r in rows),
        },
    )


def log_view(obj: Model, *, rows: list[Row], by: User) -> None:
    """Audit a look at the EFN list of a report page (masked there, but it
    still says who attended and has an EFN on file); counts only."""
    audit.record(by, "cme.report.viewed", obj, data={"rows": len(rows)})


def correction_closed(entry: ReportEntry, *, now: datetime.datetime) -> bool:
    days = settings.CME_CORRECTION_WINDOW_DAYS
    return now > entry.correction_window_ends_at(days=days)


def mark_reported(rows: list[Row], *, by: User, method: str) -> int:
    """Record that the reportable rows were reported (e.g. by hand at the EIV).

    Rows whose correction window (R4: 7 days after the first submission) has
    closed are flagged for the paper route instead.
    """
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        for row in rows:
            if not row.is_reportable:
                continue
            entry = row.report
            if entry is None:
                entry = ReportEntry(
                    attendance=row.attendance,
                    event_number=row.event_number,
                    first_submitted_at=now,
                    method=method,
                )
            elif entry.status in DONE:
                continue
            elif correction_closed(entry, now=now):
                # R4: electronic changes are closed; flag for the paper route.
                entry.status = ReportEntry.Status.PAPER
                entry.save()
                continue
            entry.status = ReportEntry.Status.REPORTED
            entry.event_number = entry.event_number or row.event_number
            entry.method = method
            entry.attempts += 1
            entry.save()
            row.attendance.report = entry
            changed += 1
        audit.record(
            by,
            "cme.report.marked",
            None,
            data={"method": method, "rows": changed},
        )
    return changed


def year_csv(year: int) -> tuple[str, int, int]:
    """All reportable attendance of a calendar year (see ``period_csv``)."""
    tz = timezone.get_current_timezone()
    return period_csv(
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def period_csv(
    start: datetime.datetime, end: datetime.datetime
) -> tuple[str, int, int]:
    """All reportable attendance from ``start`` until before ``end``:
    ``vnr;efn;teilnahmedatum;name``.

    For the organiser's archive and bulk reporting (R4a). Returns the CSV, the
    number of rows written and the number left out for a missing or invalid
    EFN or a missing VNR. Reads plain values instead of model objects: a
    national society's year has 200,000 rows but a few thousand people, so
    every person is loaded (and their EFN decrypted and checked) once.
    """
    meetings = Meeting.objects.filter(
        starts_at__gte=start, starts_at__lt=end, is_cancelled=False
    ).in_bulk()
    numbers = points_rules.event_numbers_for(meetings.values())
    days = {pk: m.local_date.isoformat() for pk, m in meetings.items()}
    pairs = list(
        Attendance.objects.counting()
        .filter(
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
            meeting__is_cancelled=False,
        )
        .order_by("meeting__starts_at", "user__last_name", "user__first_name")
        .values_list("meeting_id", "user_id")
    )
    people: dict[int, tuple[str, str, str]] = {}  # pk -> (efn, problem, name)
    for user in User.objects.in_bulk({user_id for _meeting, user_id in pairs}).values():
        efn = efn_rules.normalise(user.efn)
        people[user.pk] = (efn, _problem(efn), user.display_name)
    buffer = io.StringIO()
    writer = spreadsheet.csv_writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["vnr", "efn", "teilnahmedatum", "name"])
    written = left_out = 0
    for meeting_id, user_id in pairs:
        efn, problem, name = people[user_id]
        number = numbers[meeting_id]
        if problem or number is None:
            left_out += 1
            continue
        writer.writerow([number.vnr, efn, days[meeting_id], name])
        written += 1
    return buffer.getvalue(), written, left_out
