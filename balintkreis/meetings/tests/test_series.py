import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.meetings import schedule, series
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def plan(**kwargs):
    defaults = {
        "rhythm": "biweekly",
        "first_on": datetime.date(2026, 3, 18),
        "count": 4,
        "start_time": datetime.time(18, 0),
        "place": "Raum 1",
    }
    return series.SeriesPlan(**{**defaults, **kwargs})


def test_biweekly_dates():
    assert series.dates(plan()) == [
        datetime.date(2026, 3, 18),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 15),
        datetime.date(2026, 4, 29),
    ]


def test_weekly_dates():
    days = series.dates(plan(rhythm="weekly", count=3))
    assert [d.day for d in days] == [18, 25, 1]


def test_monthly_nth_weekday_and_last():
    # 18.03.2026 is a Wednesday: third Wednesdays of each month
    days = series.dates(plan(rhythm="monthly", nth=3, count=3))
    assert days == [
        datetime.date(2026, 3, 18),
        datetime.date(2026, 4, 15),
        datetime.date(2026, 5, 20),
    ]
    last = series.dates(plan(rhythm="monthly", nth=-1, count=2))
    assert last == [datetime.date(2026, 3, 25), datetime.date(2026, 4, 29)]


def test_block_saturdays_have_three_double_sessions(group, leader):
    created = series.plan_series(
        group, plan=plan(rhythm="block", nth=1, count=2, double_sessions=3), by=leader
    )
    assert [timezone.localtime(m.starts_at).date() for m in created] == [
        datetime.date(2026, 4, 4),
        datetime.date(2026, 5, 2),
    ]
    assert all(m.double_sessions == 3 and m.duration_minutes == 300 for m in created)


def test_local_time_stays_across_dst(group, leader):
    # DST starts 29.03.2026: 18:00 stays 18:00 local time (17:00 vs 16:00 UTC)
    created = series.plan_series(group, plan=plan(rhythm="weekly", count=3), by=leader)
    local = [timezone.localtime(m.starts_at) for m in created]
    assert {t.hour for t in local} == {18}
    utc = [m.starts_at.astimezone(datetime.UTC).hour for m in created]
    assert utc == [17, 17, 16]


def test_crash_course_warning(group, leader):
    created = series.plan_series(
        group, plan=plan(rhythm="weekly", count=5, double_sessions=3), by=leader
    )
    warnings = series.warnings_for(created)
    assert any("182" in w for w in warnings)


def test_online_first_meeting_warning(group, leader):
    created = series.plan_series(
        group, plan=plan(format="online", place="", count=2), by=leader
    )
    warnings = series.warnings_for(created)
    assert any("first meeting is planned online" in w for w in warnings) or any(
        "erste Sitzung" in w for w in warnings
    )
    # first online, last online, and more than half of the series online
    assert len(warnings) == 3


def test_plan_view_happy_path(leader_client, group):
    url = reverse("meetings:plan", args=[group.slug])
    data = {
        "rhythm": "biweekly",
        "first_on": "2026-09-02",
        "nth": "1",
        "count": "10",
        "start_time": "18:00",
        "double_sessions": "1",
        "format": "in_person",
        "place": "Institut, Raum 2",
        "state": "TH",
    }
    preview = leader_client.post(url, data)
    assertContains(preview, "Vorschau: 10 Termine")
    assert not group.meetings.exists()
    previewed = preview.context["fingerprint"]
    response = leader_client.post(
        url, {**data, "previewed": previewed, "create": "1"}, follow=True
    )
    assertContains(response, "10 Sitzungen wurden geplant.")
    assert group.meetings.count() == 10


def test_plan_view_invalid_keeps_input(leader_client, group):
    url = reverse("meetings:plan", args=[group.slug])
    response = leader_client.post(
        url,
        {
            "rhythm": "biweekly",
            "first_on": "2026-09-02",
            "nth": "1",
            "count": "99",
            "start_time": "18:00",
            "double_sessions": "1",
            "format": "in_person",
            "place": "",
        },
    )
    assert response.status_code == 422
    assertContains(
        response, "Bitte geben Sie den Ort der Präsenzsitzungen an.", status_code=422
    )
    assertContains(response, 'value="2026-09-02"', status_code=422)
    assert not Meeting.objects.exists()


def test_plan_view_permissions(member_client, outsider_client, group):
    url = reverse("meetings:plan", args=[group.slug])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_move_meeting_emails_members(leader, member, group):
    meeting = MeetingFactory(group=group, future=True)
    new_start = meeting.starts_at + datetime.timedelta(days=1)
    schedule.update_meeting(
        meeting,
        by=leader,
        starts_at=new_start,
        duration_minutes=90,
        double_sessions=1,
        format="in_person",
        place="Raum 3",
        note="",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "verschoben" in mail.outbox[0].subject
    meeting.refresh_from_db()
    assert meeting.sequence == 1


@pytest.mark.django_db(transaction=True)
def test_cancel_meeting_emails_members(leader, member, group):
    meeting = MeetingFactory(group=group, future=True)
    schedule.cancel_meeting(meeting, by=leader, reason="Krankheit")
    assert "fällt aus" in mail.outbox[0].subject
    assert "Krankheit" in mail.outbox[0].body


def test_cancel_view_happy_path_and_permissions(leader_client, member_client, group):
    meeting = MeetingFactory(group=group, future=True)
    url = reverse("meetings:cancel", args=[group.slug, meeting.pk])
    assert member_client.post(url, {"reason": ""}).status_code == 403
    response = leader_client.post(url, {"reason": "Urlaub"}, follow=True)
    assertContains(response, "Die Sitzung wurde abgesagt")
    meeting.refresh_from_db()
    assert meeting.is_cancelled


def test_edit_view_invalid_is_422(leader_client, group):
    meeting = MeetingFactory(group=group, future=True)
    url = reverse("meetings:edit", args=[group.slug, meeting.pk])
    response = leader_client.post(
        url,
        {
            "date": "",
            "time": "18:00",
            "duration_minutes": "90",
            "double_sessions": "1",
            "format": "in_person",
            "place": "X",
        },
    )
    assert response.status_code == 422
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_meeting_list_for_member(member_client, group):
    MeetingFactory(group=group, future=True)
    response = member_client.get(reverse("meetings:list", args=[group.slug]))
    assertContains(response, "Kommende Sitzungen")
    assert "Serie planen" not in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_meeting_list_query_count_is_constant(
    leader_client, group, count, django_assert_num_queries
):
    for i in range(count):
        MeetingFactory(
            group=group, starts_at=timezone.now() + datetime.timedelta(days=i - 5)
        )
    # session, user, group, meetings, the members' names
    with django_assert_num_queries(5):
        leader_client.get(reverse("meetings:list", args=[group.slug]))


def test_more_than_half_online_warns(group, leader):
    meetings = series.plan_series(
        group, plan=plan(count=2), by=leader
    ) + series.plan_series(
        group,
        plan=plan(
            format="online", place="", count=3, first_on=datetime.date(2026, 4, 1)
        ),
        by=leader,
    )
    meetings.sort(key=lambda m: m.starts_at)
    warnings = series.warnings_for(meetings)
    assert any("3 von 5" in w for w in warnings)


def test_half_online_is_fine(group, leader):
    meetings = [
        MeetingFactory(
            group=group,
            starts_at=series.local_datetime(day, datetime.time(18)),
            online=online,
        )
        for day, online in [
            (datetime.date(2026, 3, 4), False),
            (datetime.date(2026, 3, 18), True),
            (datetime.date(2026, 4, 1), True),
            (datetime.date(2026, 4, 15), False),
        ]
    ]
    assert not any("online" in w for w in series.warnings_for(meetings))


def test_online_session_longer_than_90_minutes_warns(group, leader):
    created = series.plan_series(
        group,
        plan=plan(format="in_person", count=3, session_minutes=90),
        by=leader,
    )
    long_online = MeetingFactory(
        group=group,
        starts_at=series.local_datetime(datetime.date(2026, 3, 25), datetime.time(18)),
        online=True,
        duration_minutes=120,
    )
    warnings = series.warnings_for(
        sorted([*created, long_online], key=lambda m: m.starts_at)
    )
    assert any("länger als 90 Minuten" in w and "120" in w for w in warnings)


def test_online_block_with_breaks_is_fine_but_long_sessions_are_not(group, leader):
    block = series.plan_series(
        group,
        plan=plan(
            rhythm="block", format="online", place="", count=1, double_sessions=3
        ),
        by=leader,
    )[0]
    assert block.duration_minutes == 300
    assert series.longest_sitting(block) == 90
    assert not any("90 Minuten" in w for w in series.warnings_for([block]))
    long_sessions = series.plan_series(
        group,
        plan=plan(
            format="online", place="", count=1, double_sessions=2, session_minutes=100
        ),
        by=leader,
    )
    assert series.longest_sitting(long_sessions[0]) == 100
    assert any("länger als 90 Minuten" in w for w in series.warnings_for(long_sessions))
