import pytest

from balintkreis.meetings import progress
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def attend(group, user, days, *, online=False, status="present", confirmed=True):
    meeting = MeetingFactory(group=group, starts_at=days_ago(days), online=online)
    return AttendanceFactory(
        meeting=meeting, user=user, status=status, confirmed=confirmed
    )


def test_fifteen_double_sessions_over_half_a_year_in_person(group, member):
    for i in range(15):
        attend(group, member, 200 - i * 14)
    (p,) = progress.for_person(member)
    assert p.double_sessions == 15
    assert p.units == 30
    assert p.psgv_span_ok
    assert p.kv_span_ok
    assert p.psgv_reached
    assert p.percent == 100


def test_only_confirmed_attendance_counts(group, member):
    attend(group, member, 30, confirmed=False)
    attend(group, member, 20, status="excused")
    (p,) = progress.for_person(member)
    assert p.double_sessions == 0
    assert p.absences == 1


def test_online_share_is_capped_and_first_must_be_in_person(group, member):
    for i in range(10):
        attend(group, member, 300 - i * 14, online=True)
    (p,) = progress.for_person(member)
    assert p.online_double_sessions == 10
    assert p.credited == 7
    assert any("online" in w for w in p.warnings)
    assert not p.first_in_person


def test_short_span_is_not_enough(group, member):
    for i in range(15):
        attend(group, member, 100 - i * 5)
    (p,) = progress.for_person(member)
    assert p.credited == 15
    assert not p.psgv_span_ok
    assert not p.psgv_reached
    assert p.kv_span_ok is False


def test_absence_warning_threshold(settings, group, member):
    settings.MEETINGS_ABSENCE_WARNING_AT = 2
    attend(group, member, 30, status="absent")
    attend(group, member, 16, status="excused")
    (p,) = progress.for_person(member)
    assert any("2" in w for w in p.warnings)
    assert progress.at_risk(group) == {member.pk: 2}


def test_unreachable_target_is_warned(group, member):
    attend(group, member, 10)
    (p,) = progress.for_person(member)
    assert p.upcoming_double_sessions == 0
    assert len(p.warnings) == 1
