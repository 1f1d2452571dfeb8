"""Demo meetings for whatever demo groups exist (idempotent; DOMAIN.md R13).

Per group: twelve past meetings in the group's rhythm and on its weekday
(weekly, every two weeks, the first weekday of the month, block Saturdays)
with confirmed attendance and harmless case themes, and six planned ones.
The group's entry dates are moved onto its planned meetings, so applicants
are offered real meeting dates. The demo member
(teilnahme@demo.balintkreis.example) joins the first group when they belong
to none, so that progress and certificates show up.
"""

import datetime
from typing import TextIO

from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings import members as members_rules
from balintkreis.meetings import series
from balintkreis.meetings.models import Attendance, CasePresentation, Meeting

DEMO_MEMBER = "teilnahme@demo.balintkreis.example"
PAST, FUTURE = 12, 6
# Days between two meetings, roughly, to find where the past dates begin.
STEP_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 31, "block": 31}
THEMES = [
    "Fall 1, Hausarztpraxis: die Patientin, die immer zuletzt kommt",
    "Fall 2, Klinik: ein Angehöriger, der alles kontrolliert",
    "Fall 3, Praxis: der Patient, der nie zufrieden ist",
    "Fall 4, Notaufnahme: Wut am Freitagabend",
    "Fall 5, Hausbesuch: die unausgesprochene Frage",
    "Fall 6, Psychotherapie: Stillstand nach gutem Beginn",
]


def _ensure_demo_member(group: BalintGroup, first_day: datetime.date) -> None:
    user = User.objects.filter(email=DEMO_MEMBER).first()
    if user is None or Membership.objects.filter(user=user).exists():
        return
    Membership.objects.create(group=group, user=user, started_on=first_day)


def _format_for(group: BalintGroup, index: int, last: int) -> str:
    if group.format == BalintGroup.Format.ONLINE:
        return Meeting.Format.ONLINE
    # Hybrid groups meet online every third time, never first or last (R6).
    if group.format == BalintGroup.Format.HYBRID and index % 3 == 1 and index < last:
        return Meeting.Format.ONLINE
    return Meeting.Format.IN_PERSON


def _days(group: BalintGroup) -> list[datetime.date]:
    """PAST dates before today and FUTURE after it, in the group's rhythm."""
    today = timezone.localdate()
    rhythm = group.rhythm if group.rhythm in STEP_DAYS else series.Rhythm.BIWEEKLY
    weekday = group.weekday if group.weekday is not None else 2
    if rhythm == series.Rhythm.BLOCK:
        weekday = 5
    first = today - datetime.timedelta(days=STEP_DAYS[rhythm] * (PAST + 1))
    first += datetime.timedelta(days=(weekday - first.weekday()) % 7)
    plan = series.SeriesPlan(
        rhythm=rhythm,
        first_on=first,
        count=PAST + FUTURE + 3,
        start_time=datetime.time(0, 0),
    )
    days = series.dates(plan)
    return [d for d in days if d < today][-PAST:] + [d for d in days if d > today][
        :FUTURE
    ]


def _meetings(group: BalintGroup) -> list[Meeting]:
    start_time = group.starts_at or datetime.time(18, 0)
    days = _days(group)
    total = len(days)
    result = []
    for index, day in enumerate(days):
        meeting_format = _format_for(group, index, total - 1)
        result.append(
            Meeting(
                group=group,
                starts_at=series.local_datetime(day, start_time),
                duration_minutes=series.duration_for(
                    series.SeriesPlan(
                        rhythm="biweekly",
                        first_on=day,
                        count=1,
                        start_time=start_time,
                        double_sessions=group.sessions_per_date,
                    )
                ),
                double_sessions=group.sessions_per_date,
                format=meeting_format,
                place="" if meeting_format == Meeting.Format.ONLINE else group.venue,
            )
        )
    return result


def _attendance(group: BalintGroup, meetings: list[Meeting]) -> None:
    now = timezone.now()
    rows, cases = [], []
    for number, meeting in enumerate(m for m in meetings if m.starts_at < now):
        people = list(members_rules.members_on(group, meeting.local_date))
        for position, person in enumerate(people):
            missed = (number + position) % 7 == 3
            rows.append(
                Attendance(
                    meeting=meeting,
                    user=person,
                    status=Attendance.Status.EXCUSED
                    if missed
                    else Attendance.Status.PRESENT,
                    mode=meeting.format,
                    confirmed_at=meeting.ends_at,
                    confirmed_by=group.leader,
                )
            )
        meeting.attendance_confirmed_at = meeting.ends_at
        meeting.attendance_confirmed_by = group.leader
        meeting.save(
            update_fields=["attendance_confirmed_at", "attendance_confirmed_by"]
        )
        if people:
            cases.append(
                CasePresentation(
                    meeting=meeting,
                    presenter=people[number % len(people)],
                    theme=THEMES[number % len(THEMES)],
                    created_by=group.leader,
                )
            )
    Attendance.objects.bulk_create(rows)
    CasePresentation.objects.bulk_create(cases)


def _align_entry_dates(group: BalintGroup, meetings: list[Meeting]) -> None:
    """Move each future entry date onto the next planned meeting."""
    today = timezone.localdate()
    days = sorted(m.local_date for m in meetings if m.local_date > today)
    if not days:
        return
    taken: set[datetime.date] = set()
    for entry in group.entry_dates.filter(starts_on__gt=today).order_by("starts_on"):
        day = next((d for d in days if d >= entry.starts_on), days[-1])
        clash = group.entry_dates.filter(starts_on=day).exclude(pk=entry.pk)
        if day in taken or clash.exists():
            entry.delete()
            continue
        taken.add(day)
        if entry.starts_on != day:
            entry.starts_on = day
            entry.save(update_fields=["starts_on"])


def load(*, stdout: TextIO) -> None:
    groups = list(BalintGroup.objects.select_related("leader").order_by("pk"))
    if not groups:
        stdout.write("Meetings: no groups, skipped.")
        return
    for index, group in enumerate(groups):
        if group.meetings.exists():
            continue
        meetings = Meeting.objects.bulk_create(_meetings(group))
        if index == 0:
            _ensure_demo_member(group, meetings[0].local_date)
        _attendance(group, meetings)
        _align_entry_dates(group, meetings)
    stdout.write(
        f"Meetings: {Meeting.objects.count()}, attendance: {Attendance.objects.count()}"
    )
