import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from balintkreis.meetings import calendar, series
from balintkreis.meetings.models import CalendarFeed
from balintkreis.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _local(day, hour=18):
    return series.local_datetime(day, datetime.time(hour, 0))


def test_member_feed_parses_and_keeps_local_time_across_dst(client, member, group):
    # Last Sunday of October 2026 ends summer time; the feed must show 18:00 both times.
    base = timezone.localdate() + datetime.timedelta(days=30)
    MeetingFactory(group=group, starts_at=_local(datetime.date(base.year + 1, 3, 25)))
    MeetingFactory(group=group, starts_at=_local(datetime.date(base.year + 1, 4, 1)))
    cancelled = MeetingFactory(
        group=group, starts_at=_local(datetime.date(base.year + 1, 4, 8))
    )
    cancelled.is_cancelled = True
    cancelled.save()
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.MEMBER)
    response = client.get(reverse("meetings:calendar-feed", args=[feed.token]))
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    events = sorted(parsed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 3
    starts = [e.decoded("dtstart") for e in events]
    assert [s.hour for s in starts] == [18, 18, 18]
    assert str(starts[0].tzinfo) == "Europe/Berlin"
    assert starts[0].utcoffset() == datetime.timedelta(hours=1)
    assert starts[1].utcoffset() == datetime.timedelta(hours=2)
    assert events[2]["status"] == "CANCELLED"
    assert parsed.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"
    assert "TZID=Europe/Berlin" in response.content.decode()


def test_group_and_leader_feeds(client, leader, member, group):
    MeetingFactory(group=group, future=True)
    MeetingFactory(future=True)  # another group
    group_feed = calendar.feed_for(member, scope=CalendarFeed.Scope.GROUP, group=group)
    leader_feed = calendar.feed_for(leader, scope=CalendarFeed.Scope.LEADER)
    for feed in (group_feed, leader_feed):
        body = client.get(reverse("meetings:calendar-feed", args=[feed.token])).content
        assert len(Calendar.from_ical(body).walk("VEVENT")) == 1


def test_unknown_or_reset_token_is_404(client, member_client, member):
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.MEMBER)
    old = feed.token
    response = member_client.post(
        reverse("meetings:calendar-reset", args=[feed.pk]), follow=True
    )
    assert "neue Adresse" in response.content.decode()
    assert client.get(reverse("meetings:calendar-feed", args=[old])).status_code == 404


def test_feeds_page_lists_addresses(member_client, group):
    response = member_client.get(reverse("meetings:calendar-feeds"))
    html = response.content.decode()
    assert "Alle meine Gruppen" in html
    assert group.title in html
    assert ".ics" in html


def test_cannot_reset_someone_elses_feed(outsider_client, member):
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.MEMBER)
    url = reverse("meetings:calendar-reset", args=[feed.pk])
    assert outsider_client.post(url).status_code == 404
