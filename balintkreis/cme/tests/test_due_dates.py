"""``deadlines.due_dates``: the open reports as plain values for the
secretariat's home (issue 17), the same meetings, lines and deadlines as
``deadlines.open_reports``."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.cme import deadlines
from balintkreis.cme.models import ReportEntry
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def _vnr(n: int) -> str:
    return f"27600120242003540{n:02d}"


def _deadline(meeting, days: int) -> datetime.datetime:
    end_day = timezone.localtime(meeting.ends_at).date()
    return timezone.make_aware(
        datetime.datetime.combine(
            end_day + datetime.timedelta(days=days), datetime.time(23, 59)
        )
    )


def _held(group, days: int, *, hour: int = 18, minutes: int = 90, lines: int = 1):
    meeting = MeetingFactory(
        group=group, starts_at=days_ago(days, hour), duration_minutes=minutes
    )
    for _ in range(lines):
        AttendanceFactory(meeting=meeting, confirmed=True)
    return meeting


def _entry(attendance, status: str) -> None:
    ReportEntry.objects.create(
        attendance=attendance,
        status=ReportEntry.Status[status],
        method=ReportEntry.Method.MANUAL,
        first_submitted_at=timezone.now() - datetime.timedelta(days=3),
    )


@pytest.fixture
def world():
    """Meetings whose deadline comes from each of the places it can come
    from: the meeting's own VNR, a term VNR of its day (the first of two),
    the group's chamber, and the default without any chamber."""
    home = ChamberFactory(name="Kammer acht", report_within_days=8)
    short = ChamberFactory(name="Kammer drei", report_within_days=3)
    long = ChamberFactory(name="Kammer vierzehn", report_within_days=14)
    other = ChamberFactory(name="Kammer zwanzig", report_within_days=20)
    group = BalintGroupFactory(chamber=home)
    today = timezone.localdate()
    own = _held(group, 30, lines=2)
    EventNumberFactory(group=group, meeting=own, chamber=long, vnr=_vnr(1))
    in_term = _held(group, 20)
    # A refused line stays open (``export.is_open``).
    _entry(AttendanceFactory(meeting=in_term, confirmed=True), "FAILED")
    EventNumberFactory(
        group=group,
        chamber=short,
        vnr=_vnr(2),
        valid_from=today - datetime.timedelta(days=25),
        valid_until=today - datetime.timedelta(days=15),
    )
    EventNumberFactory(  # overlaps, but comes second
        group=group,
        chamber=other,
        vnr=_vnr(3),
        valid_from=today - datetime.timedelta(days=25),
        valid_until=today - datetime.timedelta(days=15),
    )
    outside_term = _held(group, 40, lines=3)
    # Starts late in the evening and ends after midnight: due from the next day.
    past_midnight = _held(group, 50, hour=23, minutes=120)
    bare = BalintGroupFactory(chamber=None)
    no_chamber = _held(bare, 12)
    recent = _held(bare, 1)  # not due yet
    # Not open: cancelled, reported, outside the lookback, not confirmed.
    cancelled = _held(group, 10)
    cancelled.is_cancelled = True
    cancelled.save()
    reported = MeetingFactory(group=group, starts_at=days_ago(15))
    _entry(AttendanceFactory(meeting=reported, confirmed=True), "REPORTED")
    _held(group, deadlines.LOOKBACK_DAYS + 5)
    AttendanceFactory(meeting=MeetingFactory(group=group, starts_at=days_ago(9)))
    return {
        "group": group,
        "bare": bare,
        "expected": [
            (past_midnight, 8, 1),
            (outside_term, 8, 3),
            (own, 14, 2),
            (in_term, 3, 2),
            (no_chamber, deadlines.DEFAULT_DAYS, 1),
            (recent, deadlines.DEFAULT_DAYS, 1),
        ],
    }


def test_deadlines_from_each_source(world):
    expected = [
        (meeting.pk, meeting.group_id, _deadline(meeting, days), lines)
        for meeting, days, lines in world["expected"]
    ]
    expected.sort(key=lambda row: (row[2], row[0]))
    assert [
        (d.meeting_id, d.group.pk, d.due_at, d.open_count)
        for d in deadlines.due_dates()
    ] == expected
    past_midnight = world["expected"][0][0]
    assert timezone.localtime(
        past_midnight.ends_at
    ).date() == past_midnight.local_date + datetime.timedelta(days=1)


def test_the_same_as_open_reports(world):
    now = timezone.now()
    reports = sorted(
        deadlines.open_reports(now=now), key=lambda r: (r.due_at, r.meeting.pk)
    )
    assert [
        (d.meeting_id, d.group, d.due_at, d.open_count, d.is_overdue(now))
        for d in deadlines.due_dates(now=now)
    ] == [
        (r.meeting.pk, r.meeting.group, r.due_at, r.open_count, r.is_overdue(now))
        for r in reports
    ]


def test_only_the_groups_whose_lists_the_leader_may_read(world):
    leader = world["bare"].leader
    assert {d.group for d in deadlines.due_dates(leader=leader)} == {world["bare"]}


def test_query_count_does_not_grow_with_the_dates(world):
    with CaptureQueriesContext(connection) as queries:
        dates = deadlines.due_dates()
    assert len(dates) == 6
    # meetings with their counts, the lines with a report entry and their
    # people, the groups, the groups' event numbers
    assert len(queries) == 5, [q["sql"] for q in queries]
