"""The record read from the database: platform dates across groups, leader
changes recorded on the meeting, outside entries (record/sessions.py)."""

import datetime

import pytest

from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.record import sessions
from balintkreis.record.models import OutsideEntry
from balintkreis.record.tests.factories import (
    ChosenTargetFactory,
    OutsideEntryFactory,
)

pytestmark = pytest.mark.django_db


def _attend(user, group, days, **kwargs):
    meeting = MeetingFactory(
        group=group,
        starts_at=days_ago(days),
        leader=kwargs.pop("leader", None),
        online=kwargs.pop("online", False),
    )
    return AttendanceFactory(meeting=meeting, user=user, **kwargs)


def test_platform_rows_say_why_a_date_does_not_count(member, group):
    _attend(member, group, 30, confirmed=True)
    _attend(member, group, 20)
    _attend(
        member,
        group,
        10,
        confirmed=True,
        status=Attendance.Status.LATE,
        minutes_missed=20,
    )
    _attend(member, group, 5, confirmed=True, status=Attendance.Status.EXCUSED)
    rows = sessions.platform_rows(member)
    assert [r.counts for r in rows] == [True, False, False, False]
    assert rows[1].reason == "noch nicht von der Gruppenleitung bestätigt"
    assert "verspätet" in rows[2].reason
    assert rows[3].reason == "entschuldigt"
    assert rows[0].points == 3


def test_psgv_across_groups_with_a_recorded_leader_change(member, group):
    first, second = group.leader, LeaderFactory()
    for days in range(400, 190, -14):  # 16 dates, first leader
        _attend(member, group, days, confirmed=True, leader=first)
    for days in (170, 150):
        _attend(member, group, days, confirmed=True, leader=second)
    other = BalintGroupFactory()
    for days in (100, 80, 60):
        _attend(member, other, days, confirmed=True)
    ChosenTargetFactory(user=member, key="psgv")
    [item] = sessions.progress_for(member)
    assert item.progress.series.leader_name == first.display_name
    assert item.progress.credited == 15
    assert item.progress.reached
    assert len(item.progress.other_series) == 2


def test_outside_entries_count_until_rejected(member):
    OutsideEntryFactory(user=member, double_sessions=20, confirmed=True)
    OutsideEntryFactory(user=member, double_sessions=10)
    OutsideEntryFactory(
        user=member, double_sessions=50, status=OutsideEntry.Status.REJECTED
    )
    ChosenTargetFactory(user=member, key="facharzt_psychiatrie")
    [item] = sessions.progress_for(member)
    assert item.progress.credited == 30
    assert item.progress.pending == 10
    assert not item.progress.reached
    totals = sessions.totals(
        sessions.platform_rows(member), sessions.outside_entries(member)
    )
    assert totals.outside_double_sessions == 30
    assert totals.pending_double_sessions == 10
    assert totals.first_on == datetime.date(2024, 1, 15)


def test_chamber_only_target_needs_the_chamber(member):
    ChosenTargetFactory(user=member, key="facharzt_psychosomatic_content")
    [item] = sessions.progress_for(member)
    assert item.target.double_sessions == 10
