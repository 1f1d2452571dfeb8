import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.online import passes, presence
from balintkreis.online.presence import Kind

pytestmark = pytest.mark.django_db


def get(client, meeting, user, *, is_leader=False):
    grant = passes.issue(meeting, user, is_leader=is_leader)
    return client.get(
        reverse("online:connections", args=[meeting.pk]), HTTP_X_PRESENCE_PASS=grant
    )


def test_everyone_sees_who_is_connected(member_client, member, leader, meeting):
    now = timezone.now()
    presence.record(meeting, user=member, kind=Kind.JOINED, quality=80, now=now)
    presence.record(
        meeting,
        user=leader,
        kind=Kind.JOINED,
        now=now - datetime.timedelta(seconds=60),
    )
    data = get(member_client, meeting, member).json()
    people = {p["name"]: p for p in data["people"]}
    assert people[member.display_name]["status"] == "connected"
    assert people[member.display_name]["quality"] == 80
    assert people[leader.display_name]["status"] == "reconnecting"
    assert "timeline" not in data


def test_leader_sees_the_timeline_of_leaves_and_rejoins(
    leader_client, leader, member, meeting
):
    now = timezone.now()
    presence.record(
        meeting, user=member, kind=Kind.JOINED, now=now - datetime.timedelta(minutes=2)
    )
    presence.record(
        meeting, user=member, kind=Kind.LEFT, now=now - datetime.timedelta(minutes=1)
    )
    presence.record(meeting, user=member, kind=Kind.JOINED, now=now)
    data = get(leader_client, meeting, leader, is_leader=True).json()
    kinds = [event["kind"] for event in data["timeline"]]
    assert kinds == ["rejoined", "left", "joined"]


def test_without_a_pass_the_panel_is_closed(outsider_client, meeting):
    url = reverse("online:connections", args=[meeting.pk])
    assert outsider_client.get(url).status_code == 403


@pytest.mark.parametrize("people", [3, 30])
def test_panel_costs_the_same_for_3_and_30_people(
    people, client, leader, group, meeting, django_assert_num_queries
):
    now = timezone.now()
    for _ in range(people):
        user = MembershipFactory(group=group).user
        presence.record(meeting, user=user, kind=Kind.JOINED, now=now)
        presence.record(meeting, user=user, kind=Kind.LEFT, now=now)
        presence.record(meeting, user=user, kind=Kind.JOINED, now=now)
    # one query: the stretches with their presence and person, and whether
    # the leader marked a silent phase
    with django_assert_num_queries(1):
        response = get(client, meeting, leader, is_leader=True)
    assert len(response.json()["people"]) == people
