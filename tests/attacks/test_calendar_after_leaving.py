"""Attack: keep reading a group's dates after leaving it.

A member subscribes to the secret calendar address of a group, then leaves
the group (or is asked to leave). The calendar app keeps polling the old
address and keeps receiving every future date, place and note of a group the
person no longer belongs to. The group feed must answer 404 once the
membership has ended; the personal feed keeps the person's own past dates of
that group and drops its future ones.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from balintkreis.groups.models import Membership
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import calendar
from balintkreis.meetings.models import CalendarFeed
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago

pytestmark = pytest.mark.django_db


def uids(response) -> set[str]:
    return {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def uid(meeting) -> str:
    return f"meeting-{meeting.pk}@"


def has(response, meeting) -> bool:
    return any(value.startswith(uid(meeting)) for value in uids(response))


@pytest.fixture
def dates(group):
    return {
        "before": MeetingFactory(group=group, starts_at=days_ago(14)),
        "after": MeetingFactory(group=group, starts_at=days_ago(-14)),
    }


def leave(member, group, *, on: datetime.date) -> None:
    Membership.objects.filter(user=member, group=group).update(ended_on=on)


def test_group_feed_answers_404_once_the_membership_ended(client, member, group, dates):
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.GROUP, group=group)
    url = reverse("meetings:calendar-feed", args=[feed.token])
    assert client.get(url).status_code == 200
    leave(member, group, on=timezone.localdate())
    assert client.get(url).status_code == 404


def test_group_feed_works_until_the_leaving_date(client, member, group, dates):
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.GROUP, group=group)
    leave(member, group, on=timezone.localdate() + datetime.timedelta(days=7))
    response = client.get(reverse("meetings:calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    assert has(response, dates["before"])


def test_personal_feed_keeps_past_dates_and_drops_future_ones(
    client, member, group, dates, leader
):
    other = MembershipFactory(user=member).group
    other_date = MeetingFactory(group=other, starts_at=days_ago(-10))
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.MEMBER)
    url = reverse("meetings:calendar-feed", args=[feed.token])
    leave(member, group, on=timezone.localdate() - datetime.timedelta(days=1))
    response = client.get(url)
    assert response.status_code == 200
    assert has(response, dates["before"])
    assert not has(response, dates["after"])
    assert has(response, other_date)


def test_personal_feed_has_no_dates_from_before_joining_a_group_left_later(
    client, member, group
):
    Membership.objects.filter(user=member, group=group).update(
        started_on=timezone.localdate() - datetime.timedelta(days=10),
        ended_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    earlier = MeetingFactory(group=group, starts_at=days_ago(40))
    during = MeetingFactory(group=group, starts_at=days_ago(5))
    feed = calendar.feed_for(member, scope=CalendarFeed.Scope.MEMBER)
    response = client.get(reverse("meetings:calendar-feed", args=[feed.token]))
    assert has(response, during)
    assert not has(response, earlier)
