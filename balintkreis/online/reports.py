"""For leaders: presence per meeting and across meetings, and readiness."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.online import beats
from balintkreis.online.models import Presence, TechCheck
from balintkreis.online.presence import active_members, proposed_status, seconds_present

CHART_MEETINGS = 12


@dataclass
class MeetingSummary:
    meeting: Meeting
    members: int
    present: int
    average_minutes: int
    rejoins: int

    @property
    def share(self) -> int:
        return round(100 * self.present / self.members) if self.members else 0


def summaries(
    group: BalintGroup, *, now: datetime.datetime | None = None
) -> list[MeetingSummary]:
    """The last online meetings, oldest first: who was present, rejoins."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(
            group=group,
            format=Meeting.Format.ONLINE,
            is_cancelled=False,
            starts_at__lte=now,
        ).order_by("-starts_at")[:CHART_MEETINGS]
    )
    meetings.reverse()
    # Beats buffered since the last flush count too (online/beats.py).
    beats.flush([m.pk for m in meetings], now=now)
    presences = Presence.objects.filter(meeting__in=meetings).prefetch_related(
        "intervals"
    )
    by_meeting: dict[int, list[Presence]] = {}
    for presence in presences:
        by_meeting.setdefault(presence.meeting_id, []).append(presence)
    members = len(members_of_group(group))
    result = []
    for meeting in meetings:
        rows = by_meeting.get(meeting.pk, [])
        seconds = [
            seconds_present(meeting, p, list(p.intervals.all()), now=now) for p in rows
        ]
        present = Attendance.Status.PRESENT
        result.append(
            MeetingSummary(
                meeting=meeting,
                members=members,
                present=sum(
                    1 for s in seconds if proposed_status(meeting, s)[0] == present
                ),
                average_minutes=round(sum(seconds) / len(seconds) / 60)
                if seconds
                else 0,
                rejoins=sum(p.rejoins for p in rows),
            )
        )
    return result


def members_of_group(group: BalintGroup) -> list[User]:
    return active_members(group, on=timezone.localdate())


@dataclass
class Readiness:
    user: User
    check: TechCheck | None


def readiness(group: BalintGroup) -> list[Readiness]:
    users = members_of_group(group)
    checks = {c.user_id: c for c in TechCheck.objects.filter(user__in=users)}
    return [Readiness(user=u, check=checks.get(u.pk)) for u in users]


@dataclass
class Bar:
    x: int
    y: int
    height: int
    label: str
    value: int
    label_x: int


@dataclass(frozen=True)
class Chart:
    """The bar chart's geometry, in SVG units."""

    width: int
    height: int
    bar_width: int
    baseline: int
    bars: list[Bar]


def chart(rows: list[MeetingSummary]) -> Chart:
    """Geometry for the inline SVG bar chart (share present per meeting)."""
    width, height, top, bottom = 640, 220, 20, 40
    plot = height - top - bottom
    slot = width // max(len(rows), 1)
    bars = []
    for index, row in enumerate(rows):
        bar_height = round(plot * row.share / 100)
        x = index * slot + slot // 4
        bars.append(
            Bar(
                x=x,
                y=top + plot - bar_height,
                height=bar_height,
                label=timezone.localtime(row.meeting.starts_at).strftime("%d.%m."),
                value=row.share,
                label_x=x + slot // 4,
            )
        )
    return Chart(
        width=width,
        height=height,
        bar_width=max(slot // 2, 4),
        baseline=top + plot,
        bars=bars,
    )
