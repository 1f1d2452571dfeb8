"""The person's whole record, read from the database: every platform date
across groups and years, and the outside entries (DOMAIN.md R6, issue 19).

Platform dates count when ``meetings/credit.py`` says so (confirmed and
complete); outside entries count unless rejected, and stay "pending" until
confirmed. ``record/evaluation.py`` turns the rows into progress.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.cme import points as points_rules
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.meetings.series import BREAK_MINUTES
from balintkreis.record import evaluation, targets
from balintkreis.record.models import ChosenTarget, OutsideEntry
from balintkreis.record.targets import Target


@dataclass(frozen=True)
class PlatformRow:
    """One date of a platform group in the record overview."""

    attendance: Attendance
    counts: bool
    # Why it does not count, in plain German ("" when it counts).
    reason: str
    points: int

    @property
    def meeting(self) -> Meeting:
        return self.attendance.meeting

    @property
    def leader_name(self) -> str:
        leader = self.meeting.leader or self.meeting.group.leader
        return leader.display_name if leader else "–"


def _reason(attendance: Attendance) -> str:
    if attendance.counts:
        return ""
    if attendance.confirmed_at is None:
        return _("not confirmed by the leader yet")
    if attendance.status == Attendance.Status.LATE:
        return _("late or left early: only complete attendance counts")
    return attendance.get_status_display()


def platform_rows(user: User) -> list[PlatformRow]:
    """Every attendance row of the person, oldest first (two queries)."""
    rows = list(
        Attendance.objects.filter(user=user, meeting__is_cancelled=False)
        .select_related(
            "meeting__group__leader__leader_profile",
            "meeting__leader__leader_profile",
        )
        .order_by("meeting__starts_at")
    )
    earned = points_rules.points_by_meeting(user, [a.meeting for a in rows])
    return [
        PlatformRow(a, a.counts, _reason(a), earned.get(a.meeting_id, 0)) for a in rows
    ]


def _minutes_per_double_session(meeting: Meeting) -> int:
    breaks = BREAK_MINUTES * (meeting.double_sessions - 1)
    return (meeting.duration_minutes - breaks) // meeting.double_sessions


def from_attendance(row: PlatformRow) -> evaluation.Session:
    meeting = row.meeting
    leader_id = meeting.fixed_leader_id
    return evaluation.Session(
        on=meeting.local_date,
        double_sessions=meeting.double_sessions,
        online=row.attendance.mode == Meeting.Format.ONLINE,
        group_key=f"platform-{meeting.group_id}",
        group_title=meeting.group.title,
        leader_key=f"person-{leader_id}",
        leader_name=row.leader_name,
        minutes_per_double_session=_minutes_per_double_session(meeting),
        pk=row.attendance.pk,
    )


def from_entry(entry: OutsideEntry) -> evaluation.Session:
    # Several certificates of one outside group and leader form one group.
    title = " ".join(entry.title.casefold().split())
    leader = " ".join(entry.leader_name.casefold().split())
    return evaluation.Session(
        on=entry.started_on,
        last_on=entry.ended_on,
        double_sessions=entry.double_sessions,
        kind=entry.kind,
        online=entry.is_online,
        group_key=f"outside-{title}",
        group_title=entry.title,
        leader_key=f"outside-{leader}",
        leader_name=entry.leader_name,
        confirmed=entry.is_confirmed,
        is_platform=False,
        pk=entry.pk,
    )


def outside_entries(user: User) -> list[OutsideEntry]:
    return list(
        OutsideEntry.objects.filter(user=user).select_related(
            "document", "confirming_leader", "decided_by"
        )
    )


def sessions_for(
    rows: list[PlatformRow], entries: list[OutsideEntry]
) -> list[evaluation.Session]:
    """What counts toward targets: counted platform dates, outside entries
    that are not rejected."""
    result = [from_attendance(r) for r in rows if r.counts]
    result += [
        from_entry(e) for e in entries if e.status != OutsideEntry.Status.REJECTED
    ]
    return result


def chamber_of(user: User) -> str | None:
    return user.chamber.short_name if user.chamber_id and user.chamber else None


@dataclass(frozen=True)
class TargetProgress:
    chosen: ChosenTarget
    target: Target
    progress: evaluation.Progress
    requirements: list[str]
    not_counting: list[str]


def progress_for(
    user: User,
    *,
    rows: list[PlatformRow] | None = None,
    entries: list[OutsideEntry] | None = None,
) -> list[TargetProgress]:
    """Progress toward every target the person chose."""
    rows = platform_rows(user) if rows is None else rows
    entries = outside_entries(user) if entries is None else entries
    sessions = sessions_for(rows, entries)
    chamber = chamber_of(user)
    result = []
    for chosen in ChosenTarget.objects.filter(user=user):
        try:
            target = targets.get(chosen.key, chamber)
        except KeyError:
            continue
        result.append(
            TargetProgress(
                chosen=chosen,
                target=target,
                progress=evaluation.evaluate(
                    target, sessions, training_started_on=chosen.training_started_on
                ),
                requirements=targets.requirements_text(target),
                not_counting=evaluation.not_counting_reasons(target),
            )
        )
    return result


@dataclass(frozen=True)
class Totals:
    platform_double_sessions: int
    outside_double_sessions: int
    pending_double_sessions: int
    points: int
    first_on: datetime.date | None
    last_on: datetime.date | None


def totals(rows: list[PlatformRow], entries: list[OutsideEntry]) -> Totals:
    counted = [r for r in rows if r.counts]
    valid = [e for e in entries if e.status != OutsideEntry.Status.REJECTED]
    days = [r.meeting.local_date for r in counted]
    days += [e.started_on for e in valid] + [e.last_on for e in valid]
    return Totals(
        platform_double_sessions=sum(r.meeting.double_sessions for r in counted),
        outside_double_sessions=sum(e.double_sessions for e in valid),
        pending_double_sessions=sum(
            e.double_sessions for e in valid if not e.is_confirmed
        ),
        points=sum(r.points for r in counted),
        first_on=min(days) if days else None,
        last_on=max(days) if days else None,
    )
