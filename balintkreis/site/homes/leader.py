"""The leader's home: today's or the next meeting first, then what waits for
the leader in the groups they lead or co-lead.

Every list is about the person's own groups (``BalintGroup.objects.led_by``),
also when the person works in the secretariat too: the secretariat's work
queue is a section of its own (``secretariat.py``). Rights come from the
groups' table (``groups.access``). Outside entries of Balint records
that name the leader and wait for confirmation are counted. Thirteen
queries at most, whatever the
number of groups, meetings, members or reports.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.cme import deadlines
from balintkreis.feedback import presenter
from balintkreis.groups import access
from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.meetings import progress
from balintkreis.meetings.models import Meeting
from balintkreis.online.models import TechCheck
from balintkreis.record.models import OutsideEntry
from balintkreis.site.homes.reports import GroupReports, by_group

# Members are reminded of the Technik-Check for online meetings this far ahead.
TECH_CHECK_DAYS_AHEAD = 14
# How many of the next dates are looked at to find "today's or the next".
NEXT_CANDIDATES = 3
# Held meetings without confirmed attendance are listed this far back.
UNCONFIRMED_DAYS_BACK = 60


@dataclass(frozen=True)
class FeedbackNews:
    """Feedback of one meeting the leader has not opened yet."""

    meeting: Meeting
    count: int


@dataclass(frozen=True)
class AbsenceWarning:
    group: BalintGroup
    person: User
    missed: int


@dataclass(frozen=True)
class TechCheckGap:
    """An online meeting ahead and the members not ready for it."""

    meeting: Meeting
    without_check: list[User] = field(default_factory=list)
    not_ready: list[User] = field(default_factory=list)


@dataclass(frozen=True)
class LeaderHome:
    groups: list[BalintGroup]
    next_meeting: Meeting | None
    meets_today: bool
    # Held meetings whose attendance is not confirmed yet: nothing of them
    # counts for certificates or chamber reports until it is.
    unconfirmed: list[Meeting]
    pending_applications: list[Application]
    open_reports: list[deadlines.OpenReport]
    overdue_reports: int
    reports_by_group: list[GroupReports[deadlines.OpenReport]]
    new_feedback: list[FeedbackNews]
    absences: list[AbsenceWarning]
    tech_check_gaps: list[TechCheckGap]
    # Outside entries of Balint records that name the leader and wait for
    # their confirmation (record app, /balint-konto/bestaetigen/).
    record_entries_to_confirm: int = 0

    @property
    def has_tasks(self) -> bool:
        """Anything besides the next meeting that asks for the leader."""
        return bool(
            self.unconfirmed
            or self.pending_applications
            or self.open_reports
            or self.new_feedback
            or self.absences
            or self.tech_check_gaps
            or self.record_entries_to_confirm
        )


def leader_home(
    user: User, *, now: datetime.datetime | None = None
) -> LeaderHome | None:
    """The leader's home, or ``None`` when the person leads no group."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    led = BalintGroup.objects.led_by(user).exclude(status=BalintGroup.Status.CLOSED)
    groups = list(led.order_by("title"))  # 1
    if not groups:
        return None
    by_pk = {g.pk: g for g in groups}
    reports = [
        r
        for r in deadlines.open_reports(leader=user, now=now)  # 5
        if r.meeting.group_id in by_pk
    ]
    next_meeting = _next_meeting(by_pk, now=now)  # 1
    return LeaderHome(
        groups=groups,
        next_meeting=next_meeting,
        meets_today=bool(next_meeting and next_meeting.local_date == today),
        unconfirmed=[  # 1
            m for m in _unconfirmed(by_pk, now=now) if m != next_meeting
        ],
        pending_applications=list(  # 1
            Application.objects.filter(
                group__in=groups, status=Application.Status.PENDING
            )
            .select_related("user", "group")
            .order_by("created_at", "pk")
        ),
        open_reports=reports,
        overdue_reports=sum(1 for r in reports if r.is_overdue(now)),
        reports_by_group=by_group(reports, now=now),
        new_feedback=_new_feedback(user, by_pk),  # 1
        absences=_absences(by_pk, today=today),  # 2
        tech_check_gaps=_tech_check_gaps(by_pk, now=now),  # 1
        record_entries_to_confirm=(  # 1
            OutsideEntry.objects.pending().naming(user).count()
        ),
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _next_meeting(
    groups: dict[int, BalintGroup], *, now: datetime.datetime
) -> Meeting | None:
    """Today's meeting (until its attendance is confirmed), else the next one."""
    candidates = list(
        Meeting.objects.filter(
            group__in=list(groups),
            is_cancelled=False,
            starts_at__gte=_start_of(timezone.localdate(now)),
        ).order_by("starts_at", "pk")[:NEXT_CANDIDATES]
    )
    for meeting in candidates:
        if meeting.ends_at > now or meeting.attendance_confirmed_at is None:
            meeting.group = groups[meeting.group_id]
            return meeting
    return None


def _unconfirmed(
    groups: dict[int, BalintGroup], *, now: datetime.datetime
) -> list[Meeting]:
    meetings = list(
        Meeting.objects.held(now=now)
        .filter(
            group__in=list(groups),
            attendance_confirmed_at__isnull=True,
            starts_at__gte=now - datetime.timedelta(days=UNCONFIRMED_DAYS_BACK),
        )
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        meeting.group = groups[meeting.group_id]
    return meetings


def _new_feedback(user: User, groups: dict[int, BalintGroup]) -> list[FeedbackNews]:
    readable = access.groups_with_right(user, access.Action.READ_FEEDBACK).filter(
        pk__in=list(groups)
    )
    counts: dict[int, int] = {}
    meetings: dict[int, Meeting] = {}
    for row in presenter.unread_by(user, groups=readable).select_related("meeting"):
        counts[row.meeting_id] = counts.get(row.meeting_id, 0) + 1
        meetings[row.meeting_id] = row.meeting
        row.meeting.group = groups[row.meeting.group_id]
    return [FeedbackNews(meeting=meetings[pk], count=n) for pk, n in counts.items()]


def _absences(
    groups: dict[int, BalintGroup], *, today: datetime.date
) -> list[AbsenceWarning]:
    """Current members at or over the absence warning (meetings/progress.py)."""
    missed = progress.at_risk_in(
        BalintGroup.objects.filter(pk__in=list(groups)), on=today
    )
    if not missed:
        return []
    people = User.objects.in_bulk({user_id for _group, user_id in missed})
    warnings = [
        AbsenceWarning(group=groups[group_id], person=people[user_id], missed=n)
        for (group_id, user_id), n in missed.items()
    ]
    return sorted(warnings, key=lambda w: (w.group.title, -w.missed, str(w.person)))


def _tech_check_gaps(
    groups: dict[int, BalintGroup], *, now: datetime.datetime
) -> list[TechCheckGap]:
    """For each group's next online meeting within ``TECH_CHECK_DAYS_AHEAD``:
    the current members without a Technik-Check or not ready yet."""
    ahead = Meeting.objects.filter(
        group__in=list(groups),
        format=Meeting.Format.ONLINE,
        is_cancelled=False,
        starts_at__gte=_start_of(timezone.localdate(now)),
        starts_at__lte=now + datetime.timedelta(days=TECH_CHECK_DAYS_AHEAD),
    ).order_by("starts_at", "pk")
    first: dict[int, Meeting] = {}
    for meeting in ahead:
        first.setdefault(meeting.group_id, meeting)
    if not first:
        return []
    gaps = {
        group_id: TechCheckGap(meeting=meeting) for group_id, meeting in first.items()
    }
    members = (
        Membership.objects.active_on(timezone.localdate(now))
        .filter(group__in=list(first))
        .select_related("user__tech_check")
        .order_by("user__last_name", "user__first_name")
    )
    for membership in members:
        gap = gaps[membership.group_id]
        check = _tech_check_of(membership.user)
        if check is None:
            gap.without_check.append(membership.user)
        elif not check.is_ready:
            gap.not_ready.append(membership.user)
    for group_id, gap in gaps.items():
        gap.meeting.group = groups[group_id]
    return [
        gap
        for gap in sorted(gaps.values(), key=lambda g: g.meeting.starts_at)
        if gap.without_check or gap.not_ready
    ]


def _tech_check_of(user: User) -> TechCheck | None:
    try:
        return user.tech_check
    except TechCheck.DoesNotExist:
        return None
