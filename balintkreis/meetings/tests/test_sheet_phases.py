"""The attendance sheet before, during and after a meeting (issue 13 item 10)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.meetings import attendance, schedule
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago

pytestmark = pytest.mark.django_db


def _sheet_url(meeting):
    return reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])


def _running(group):
    return MeetingFactory(
        group=group, starts_at=timezone.now() - datetime.timedelta(minutes=20)
    )


def test_rule_allows_only_excused_before_and_everything_from_the_start(group):
    meeting = MeetingFactory(group=group, future=True)
    assert attendance.allowed_statuses(meeting) == ["excused"]
    half_hour_before = meeting.starts_at - datetime.timedelta(minutes=30)
    assert set(attendance.allowed_statuses(meeting, now=half_hour_before)) == set(
        Attendance.Status.values
    )
    past = MeetingFactory(group=group, starts_at=days_ago(2))
    assert set(attendance.allowed_statuses(past)) == set(Attendance.Status.values)


@pytest.mark.parametrize("status", ["present", "late", "absent"])
def test_rule_refuses_other_marks_before_in_german(group, member, leader, status):
    meeting = MeetingFactory(group=group, future=True)
    with pytest.raises(attendance.AttendanceError) as error:
        attendance.mark(
            meeting, member=member, status=status, by=leader, minutes_missed=10
        )
    assert "nur als entschuldigt" in str(error.value.message)


def test_sheet_before_offers_only_excused(leader_client, group, member):
    meeting = MeetingFactory(group=group, future=True)
    response = leader_client.get(_sheet_url(meeting))
    assertContains(response, "Entschuldigt")
    assertContains(response, 'value="excused"')
    for value in ("present", "late", "absent"):
        assertNotContains(response, f'value="{value}"')
    assertNotContains(response, "Speichern und bestätigen")
    assertNotContains(response, "Minuten verpasst")
    assertContains(response, "noch nicht begonnen")


def test_sheet_before_saves_an_excuse(leader_client, group, member):
    meeting = MeetingFactory(group=group, future=True)
    response = leader_client.post(_sheet_url(meeting), {f"p{member.pk}": "excused"})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, user=member).status == "excused"


def test_sheet_before_refuses_a_forged_present_with_german_message(
    leader_client, group, member
):
    meeting = MeetingFactory(group=group, future=True)
    response = leader_client.post(_sheet_url(meeting), {f"p{member.pk}": "present"})
    assert response.status_code == 422
    assertContains(response, "nur „entschuldigt“ möglich", status_code=422)
    assert not Attendance.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize("when", ["during", "after"])
def test_sheet_during_and_after_offers_everything(leader_client, group, member, when):
    meeting = _running(group) if when == "during" else MeetingFactory(group=group)
    response = leader_client.get(_sheet_url(meeting))
    for value in ("present", "late", "excused", "absent"):
        assertContains(response, f'value="{value}"')
    assertContains(response, "Speichern und bestätigen")
    if when == "during":
        assertContains(response, "Die Sitzung läuft")


def test_cancel_only_for_future_meetings(leader_client, group, member, leader):
    future = MeetingFactory(group=group, future=True)
    past = MeetingFactory(group=group)
    detail = leader_client.get(reverse("meetings:detail", args=[group.slug, future.pk]))
    assertContains(detail, "Sitzung absagen")
    detail = leader_client.get(reverse("meetings:detail", args=[group.slug, past.pk]))
    assertNotContains(detail, "Sitzung absagen")
    assertContains(detail, "Anwesenheit erfassen")

    url = reverse("meetings:cancel", args=[group.slug, past.pk])
    page = leader_client.get(url)
    assertContains(page, "bereits begonnen")
    assertNotContains(page, 'name="reason"')
    response = leader_client.post(url, {"reason": "zu spät"})
    assert response.status_code == 422
    past.refresh_from_db()
    assert not past.is_cancelled
    with pytest.raises(schedule.ScheduleError):
        schedule.cancel_meeting(_running(group), by=leader, reason="")
    schedule.cancel_meeting(future, by=leader, reason="")
    future.refresh_from_db()
    assert future.is_cancelled
