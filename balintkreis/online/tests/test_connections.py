import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.online import presence
from balintkreis.online.presence import Kind

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("online:connections", args=[meeting.pk])


def test_everyone_sees_who_is_connected(member_client, member, leader, meeting):
    now = timezone.now()
    presence.record(meeting, user=member, kind=Kind.JOINED, quality=80, now=now)
    presence.record(
        meeting,
        user=leader,
        kind=Kind.JOINED,
        now=now - datetime.timedelta(seconds=60),
    )
    data = member_client.get(url(meeting)).json()
    people = {p["name"]: p for p in data["people"]}
    assert people[member.display_name]["status"] == "connected"
    assert people[member.display_name]["quality"] == 80
    assert people[leader.display_name]["status"] == "reconnecting"
    assert "timeline" not in data


def test_leader_sees_the_timeline_of_leaves_and_rejoins(leader_client, member, meeting):
    now = timezone.now()
    presence.record(
        meeting, user=member, kind=Kind.JOINED, now=now - datetime.timedelta(minutes=2)
    )
    presence.record(
        meeting, user=member, kind=Kind.LEFT, now=now - datetime.timedelta(minutes=1)
    )
    presence.record(meeting, user=member, kind=Kind.JOINED, now=now)
    data = leader_client.get(url(meeting)).json()
    kinds = [event["kind"] for event in data["timeline"]]
    assert kinds == ["rejoined", "left", "joined"]


def test_outsider_gets_404(outsider_client, meeting):
    assert outsider_client.get(url(meeting)).status_code == 404


@pytest.mark.parametrize("people", [3, 30])
def test_panel_costs_the_same_for_3_and_30_people(
    people, leader_client, group, meeting, django_assert_num_queries
):
    now = timezone.now()
    for _ in range(people):
        user = MembershipFactory(group=group).user
        presence.record(meeting, user=user, kind=Kind.JOINED, now=now)
        presence.record(meeting, user=user, kind=Kind.LEFT, now=now)
        presence.record(meeting, user=user, kind=Kind.JOINED, now=now)
    # session, user, meeting with membership check, stretches with people
    with django_assert_num_queries(4):
        response = leader_client.get(url(meeting))
    assert len(response.json()["people"]) == people
