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


def test_a_change_of_leader_breaks_the_series(group, member, leader):
    from balintkreis.accounts.tests.factories import UserFactory

    for days in (300, 286):
        attend(group, member, days).meeting.__class__.objects.filter(
            starts_at=days_ago(days)
        ).update(leader=leader)
    successor = UserFactory(first_name="Nora", last_name="Nachfolge")
    group.leader = successor
    group.save()
    for days in (100, 86, 72):
        attend(group, member, days)
    (p,) = progress.for_person(member)
    assert p.double_sessions == 3
    assert p.earlier_double_sessions == 2
    [item] = p.series_breaks
    assert (item.previous_leader, item.leader) == ("Lena Leitung", "Nora Nachfolge")
    assert any("Leitung hat am" in w and "Nora Nachfolge" in w for w in p.warnings)


def test_confirming_records_the_leader_of_the_date(group, member, leader):
    from balintkreis.meetings import attendance

    meeting = MeetingFactory(group=group, starts_at=days_ago(3))
    attendance.mark(meeting, member=member, status="present", by=leader)
    attendance.confirm(meeting, by=leader)
    meeting.refresh_from_db()
    assert meeting.leader == leader


def test_a_change_of_group_is_shown(group, member):
    from balintkreis.groups.tests.factories import (
        BalintGroupFactory,
        MembershipFactory,
    )

    other = BalintGroupFactory(title="Balintgruppe Weimar")
    MembershipFactory(group=other, user=member)
    attend(group, member, 200)
    attend(other, member, 100)
    by_title = {p.group.title: p for p in progress.for_person(member)}
    mine = by_title[group.title]
    assert mine.double_sessions == 1
    assert mine.other_groups == [("Balintgruppe Weimar", 1)]
    assert any("Gruppenwechsel" in w and "Weimar" in w for w in mine.warnings)


def test_progress_page_shows_the_broken_series(client, group, member, leader):
    from django.urls import reverse
    from pytest_django.asserts import assertContains

    from balintkreis.accounts.tests.factories import UserFactory

    first = attend(group, member, 200)
    type(first.meeting).objects.filter(pk=first.meeting_id).update(leader=leader)
    group.leader = UserFactory(first_name="Nora", last_name="Nachfolge")
    group.save()
    attend(group, member, 100)
    client.force_login(member)
    response = client.get(reverse("cme:my-progress"))
    assertContains(response, "durch einen Wechsel der Leitung unterbrochen")
    assertContains(response, "Lena Leitung → Nora Nachfolge")
