import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts import demo as accounts_demo
from balintkreis.accounts.models import User
from balintkreis.meetings.models import Meeting
from balintkreis.online import demo

pytestmark = pytest.mark.django_db


def test_demo_member_can_join_the_online_meeting_and_load_twice():
    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    member = User.objects.get(email="teilnahme@demo.balintkreis.example")
    client = Client()
    client.force_login(member)
    overview = client.get(reverse("online:group", args=[demo.GROUP_SLUG]))
    assert overview.status_code == 200
    joinable = [
        m
        for m in Meeting.objects.filter(group__slug=demo.GROUP_SLUG)
        if client.get(reverse("online:room", args=[m.pk])).status_code == 200
    ]
    assert len(joinable) == 1


def test_demo_works_without_the_accounts_demo():
    demo.load(stdout=io.StringIO())
    assert User.objects.filter(email="teilnahme@demo.balintkreis.example").exists()


def test_full_demo_twice_keeps_one_joinable_meeting_and_leader_pages():
    from django.core.management import call_command

    from balintkreis.online.models import Presence

    call_command("demo", stdout=io.StringIO())
    presences = Presence.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Presence.objects.count() == presences > 0
    leader = User.objects.get(email="leitung@demo.balintkreis.example")
    client = Client()
    client.force_login(leader)
    response = client.get(reverse("online:report", args=[demo.GROUP_SLUG]))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


def test_online_report_agrees_with_the_attendance_sheet():
    """Issue 13 item 9: the presence behind the report and the confirmed
    attendance tell the same story for every past online meeting."""
    from django.core.management import call_command

    from balintkreis.meetings.models import Attendance
    from balintkreis.online import reports

    call_command("demo", stdout=io.StringIO())
    group = Meeting.objects.filter(group__slug=demo.GROUP_SLUG).first().group
    summaries = reports.summaries(group)
    assert summaries
    for summary in summaries:
        present = summary.meeting.attendances.filter(
            status=Attendance.Status.PRESENT
        ).count()
        if summary.meeting.ends_at < timezone.now():
            assert summary.present == present, summary.meeting
