"""Demo meetings for whatever demo groups exist (idempotent; DOMAIN.md R13).

Per group: twelve past meetings every two weeks with confirmed attendance
and harmless case themes, and six planned ones. The demo member
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
PAST, FUTURE, STEP_DAYS = 12, 6, 14
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


def _meetings(group: BalintGroup) -> list[Meeting]:
    today = timezone.localdate()
    weekday = group.weekday if group.weekday is not None else 2
    first = today - datetime.timedelta(days=STEP_DAYS * PAST)
    first -= datetime.timedelta(days=(first.weekday() - weekday) % 7)
    start_time = group.starts_at or datetime.time(18, 0)
    total = PAST + FUTURE
    result = []
    for index in range(total):
        day = first + datetime.timedelta(days=STEP_DAYS * index)
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
    stdout.write(
        f"Meetings: {Meeting.objects.count()}, attendance: {Attendance.objects.count()}"
    )
