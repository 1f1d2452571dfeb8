"""Progress toward Psychosomatische Grundversorgung (DOMAIN.md R6).

Counted per participant and series: one group under one fixed leader. A
change of group or of the group's leader breaks the series; what came before
is shown but does not count toward the current one. Only attendance that
counts for CME counts (``meetings/credit.py``: confirmed and complete, R3);
one double session = 90 minutes = 2 units. Thresholds come from settings
(PSGV_*), defaulting to the BÄK Kursbuch values.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Attendance, Meeting

MISSED = (Attendance.Status.EXCUSED, Attendance.Status.ABSENT)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class SeriesBreak:
    """The series started anew on ``on``: the leader changed (R6)."""

    on: datetime.date
    previous_leader: str
    leader: str
    double_sessions_before: int


@dataclass
class GroupProgress:
    group: BalintGroup
    history: list[Attendance] = field(default_factory=list)
    series_breaks: list[SeriesBreak] = field(default_factory=list)
    # Counted double sessions in this group before the last break, and in
    # the person's other groups: neither counts toward this series.
    earlier_double_sessions: int = 0
    other_groups: list[tuple[str, int]] = field(default_factory=list)
    upcoming_double_sessions: int = 0
    double_sessions: int = 0
    online_double_sessions: int = 0
    absences: int = 0
    first_on: datetime.date | None = None
    last_on: datetime.date | None = None
    first_in_person: bool = True
    last_in_person: bool = True
    warnings: list[str] = field(default_factory=list)

    @property
    def target(self) -> int:
        return settings.PSGV_TARGET_DOUBLE_SESSIONS

    @property
    def max_online(self) -> int:
        return self.target * settings.PSGV_MAX_ONLINE_PERCENT // 100

    @property
    def units(self) -> int:
        return 2 * self.double_sessions

    @property
    def credited(self) -> int:
        """Double sessions that count toward the target (online capped)."""
        in_person = self.double_sessions - self.online_double_sessions
        return in_person + min(self.online_double_sessions, self.max_online)

    @property
    def percent(self) -> int:
        return min(100, 100 * self.credited // self.target) if self.target else 100

    @property
    def span_days(self) -> int:
        if self.first_on is None or self.last_on is None:
            return 0
        return (self.last_on - self.first_on).days

    @property
    def psgv_span_ok(self) -> bool:
        return self.span_days >= settings.PSGV_MIN_SPAN_DAYS

    @property
    def kv_span_ok(self) -> bool:
        if self.first_on is None or self.last_on is None:
            return False
        return self.last_on >= add_months(
            self.first_on, settings.PSGV_KV_MIN_SPAN_MONTHS
        )

    @property
    def psgv_reached(self) -> bool:
        return (
            self.credited >= self.target
            and self.psgv_span_ok
            and self.first_in_person
            and self.last_in_person
        )


def current_series(
    counted: list[Attendance], *, leaders: dict[int | None, str]
) -> tuple[list[Attendance], list[SeriesBreak]]:
    """The counted attendance of the running series and where it broke.

    ``counted`` is one group's counted attendance in date order; a new fixed
    leader (``Meeting.fixed_leader_id``) starts a new series (R6).
    """
    breaks: list[SeriesBreak] = []
    start = 0
    for index in range(1, len(counted)):
        before = counted[index - 1].meeting.fixed_leader_id
        now = counted[index].meeting.fixed_leader_id
        if before != now:
            breaks.append(
                SeriesBreak(
                    on=counted[index].meeting.local_date,
                    previous_leader=leaders.get(before, "–"),
                    leader=leaders.get(now, "–"),
                    double_sessions_before=sum(
                        a.meeting.double_sessions for a in counted[start:index]
                    ),
                )
            )
            start = index
    return counted[start:], breaks


def _summarise(progress: GroupProgress, *, leaders: dict[int | None, str]) -> None:
    everything = [a for a in progress.history if a.counts]
    counted, progress.series_breaks = current_series(everything, leaders=leaders)
    progress.earlier_double_sessions = sum(
        a.meeting.double_sessions for a in everything[: len(everything) - len(counted)]
    )
    for attendance in counted:
        progress.double_sessions += attendance.meeting.double_sessions
        if attendance.mode == Meeting.Format.ONLINE:
            progress.online_double_sessions += attendance.meeting.double_sessions
    progress.absences = sum(
        1 for a in progress.history if a.confirmed_at and a.status in MISSED
    )
    if counted:
        progress.first_on = counted[0].meeting.local_date
        progress.last_on = counted[-1].meeting.local_date
        progress.first_in_person = counted[0].mode == Meeting.Format.IN_PERSON
        progress.last_in_person = counted[-1].mode == Meeting.Format.IN_PERSON
    progress.warnings = warnings_for(progress)


def warnings_for(p: GroupProgress) -> list[str]:
    """Plain German warnings when a rule of R6 or the absence limit is at risk."""
    result = []
    for item in p.series_breaks:
        result.append(
            _(
                "The group's leader changed on %(date)s (%(before)s → %(after)s): "
                "a new series began. The %(count)d double sessions before do not "
                "count toward this series."
            )
            % {
                "date": f"{item.on:%d.%m.%Y}",
                "before": item.previous_leader,
                "after": item.leader,
                "count": item.double_sessions_before,
            }
        )
    for title, count in p.other_groups:
        result.append(
            _(
                "Changing groups starts a new series: your %(count)d double "
                "sessions in “%(group)s” do not count toward this one."
            )
            % {"count": count, "group": title}
        )
    if p.double_sessions and not p.first_in_person:
        result.append(_("Your first counted meeting was online; it must be in person."))
    if p.credited >= p.target and not p.last_in_person:
        result.append(_("Your last counted meeting must be in person."))
    if p.online_double_sessions > p.max_online:
        result.append(
            _("Only %(max)d online double sessions count; you have %(count)d.")
            % {"max": p.max_online, "count": p.online_double_sessions}
        )
    if p.credited >= p.target and not p.psgv_span_ok:
        result.append(
            _("Your sessions must span at least %(days)d days (now %(span)d).")
            % {"days": settings.PSGV_MIN_SPAN_DAYS, "span": p.span_days}
        )
    if p.credited + p.upcoming_double_sessions < p.target:
        result.append(
            _(
                "With the dates planned so far you cannot reach %(target)d double "
                "sessions in this group."
            )
            % {"target": p.target}
        )
    if p.absences >= settings.MEETINGS_ABSENCE_WARNING_AT:
        result.append(
            _("You have missed %(count)d meetings; your certificate may be at risk.")
            % {"count": p.absences}
        )
    return result


def missing_in_words(p: GroupProgress) -> list[str]:
    """What is still missing toward PSGV in this group, in plain German (R6):
    the double sessions still to attend, the span, the in-person first and
    last date; the warnings of ``warnings_for`` say the rest."""
    if p.psgv_reached:
        return []
    missing = []
    remaining = p.target - p.credited
    if remaining > 0:
        missing.append(
            ngettext(
                "%(count)d more double session",
                "%(count)d more double sessions",
                remaining,
            )
            % {"count": remaining}
        )
    if p.double_sessions and not p.psgv_span_ok:
        missing.append(
            _("your sessions spread over at least %(days)d days (so far %(span)d)")
            % {"days": settings.PSGV_MIN_SPAN_DAYS, "span": p.span_days}
        )
    if p.double_sessions and not p.first_in_person:
        missing.append(_("a first counted meeting in person"))
    if not p.last_in_person or remaining > 0:
        missing.append(_("the last meeting in person"))
    return missing


def for_person(
    user: User, *, now: datetime.datetime | None = None
) -> list[GroupProgress]:
    """Progress per group for one person, in four queries whatever the history.

    Every attendance row shares its group's one loaded instance (with leader
    and chamber), and the people are loaded without their encrypted EFN: a
    long history costs rows, not a copy of the group and a decryption each.
    """
    now = now or timezone.now()
    history = list(
        Attendance.objects.filter(user=user, meeting__is_cancelled=False)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    attended = Attendance.objects.filter(user=user).values("meeting__group_id")
    groups = {
        group.pk: group
        for group in BalintGroup.objects.filter(
            Q(pk__in=attended) | Q(pk__in=user.memberships.values("group_id"))
        )
        .select_related("leader", "chamber")
        .defer("leader__efn")
    }
    leader_ids = {a.meeting.leader_id for a in history} - {None}
    substitutes = (
        User.objects.only("pk", "title", "first_name", "last_name", "email").in_bulk(
            leader_ids
        )
        if leader_ids
        else {}
    )
    by_group: dict[int, GroupProgress] = {}
    for attendance in history:
        meeting = attendance.meeting
        group = groups[meeting.group_id]
        meeting.group = group
        if meeting.leader_id is not None:
            meeting.leader = substitutes[meeting.leader_id]
        by_group.setdefault(group.pk, GroupProgress(group=group)).history.append(
            attendance
        )
    for group in groups.values():
        by_group.setdefault(group.pk, GroupProgress(group=group))
    upcoming = (
        Meeting.objects.upcoming(now=now)
        .filter(group_id__in=list(by_group))
        .values_list("group_id", "double_sessions")
    )
    for group_id, double_sessions in upcoming:
        by_group[group_id].upcoming_double_sessions += double_sessions
    leaders: dict[int | None, str] = {}
    for p in by_group.values():
        for a in p.history:
            for person in (a.meeting.leader, a.meeting.group.leader):
                if person is not None:
                    leaders[person.pk] = person.display_name
    counted_per_group = {
        pk: sum(a.meeting.double_sessions for a in p.history if a.counts)
        for pk, p in by_group.items()
    }
    for progress in by_group.values():
        # R6: a change of group breaks the series; say so where it matters.
        progress.other_groups = [
            (other.group.title, counted_per_group[pk])
            for pk, other in sorted(by_group.items(), key=lambda i: i[1].group.title)
            if pk != progress.group.pk and counted_per_group[pk]
        ]
        _summarise(progress, leaders=leaders)
    return sorted(by_group.values(), key=lambda p: p.group.title)


def missed() -> QuerySet[Attendance]:
    """The one rule for an absence that counts: a confirmed sheet marked missed."""
    return Attendance.objects.filter(confirmed_at__isnull=False, status__in=MISSED)


def absences_by_member(group: BalintGroup) -> dict[int, int]:
    """Missed confirmed meetings per member of a group, in one query."""
    return dict(
        missed()
        .filter(meeting__group=group)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )


def at_risk(group: BalintGroup) -> dict[int, int]:
    """Members whose absences reached the warning threshold: {user_id: count}."""
    limit = settings.MEETINGS_ABSENCE_WARNING_AT
    return {uid: n for uid, n in absences_by_member(group).items() if n >= limit}


def at_risk_in(
    groups: QuerySet[BalintGroup], *, on: datetime.date
) -> dict[tuple[int, int], int]:
    """``at_risk`` for several groups in one query, current members only:
    {(group_id, user_id): missed confirmed meetings} (the leader's home)."""
    current = Membership.objects.active_on(on).filter(
        group=OuterRef("meeting__group"), user=OuterRef("user")
    )
    rows = (
        missed()
        .filter(meeting__group__in=groups)
        .filter(Exists(current))
        .values("meeting__group", "user")
        .annotate(n=Count("pk"))
        .filter(n__gte=settings.MEETINGS_ABSENCE_WARNING_AT)
        .values_list("meeting__group", "user", "n")
    )
    return {(group_id, user_id): n for group_id, user_id, n in rows}
