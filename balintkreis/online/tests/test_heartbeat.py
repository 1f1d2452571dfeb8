import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.online import passes
from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db


def pass_for(meeting, user, *, is_leader=False):
    return passes.issue(meeting, user, is_leader=is_leader)


def post(client, meeting, body, *, raw=False, user=None, grant=None):
    """POST like the meeting page: with the pass it got for ``user``."""
    if grant is None:
        grant = pass_for(meeting, user or client.user)
    return client.post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=body if raw else json.dumps(body),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=grant,
    )


@pytest.fixture(autouse=True)
def _remember_users(member_client, member, leader_client, leader):
    member_client.user = member
    leader_client.user = leader


def test_heartbeat_records_presence(member_client, member, meeting):
    response = post(member_client, meeting, {"kind": "joined", "beat_id": "a1"})
    assert response.status_code == 200
    assert response.json()["ok"] is True
    presence = Presence.objects.get(user=member)
    assert presence.intervals.count() == 1


def test_heartbeat_is_idempotent(member_client, member, meeting):
    post(member_client, meeting, {"kind": "joined", "beat_id": "j1"})
    post(member_client, meeting, {"kind": "left", "beat_id": "l1"})
    again = post(member_client, meeting, {"kind": "left", "beat_id": "l1"})
    assert again.status_code == 200
    presence = Presence.objects.get(user=member)
    assert presence.rejoins == 0
    assert presence.intervals.count() == 1


def test_leader_may_send_heartbeats(leader_client, leader, meeting):
    assert post(leader_client, meeting, {"kind": "beat"}).status_code == 200


def test_without_a_pass_nobody_is_heard(outsider_client, member_client, meeting):
    for client in (outsider_client, member_client):
        response = post(client, meeting, {"kind": "beat"}, grant="")
        assert response.status_code == 403
        assert "Sitzungsseite" in response.json()["error"]
    assert not Presence.objects.exists()


def test_forged_pass_is_refused(member_client, meeting):
    forged = pass_for(meeting, member_client.user)[:-3] + "abc"
    assert (
        post(member_client, meeting, {"kind": "beat"}, grant=forged).status_code == 403
    )


def test_pass_of_another_meeting_is_refused(member_client, member, meeting):
    other = OnlineMeetingFactory()
    grant = pass_for(meeting, member)
    assert post(member_client, other, {"kind": "beat"}, grant=grant).status_code == 403


def test_outsider_gets_no_pass(outsider_client, meeting):
    response = outsider_client.get(reverse("online:room", args=[meeting.pk]))
    assert response.status_code == 404
    assert "data-presence-pass" not in response.content.decode()


def test_client_clock_is_never_trusted(member_client, member, meeting):
    before = timezone.now()
    skewed = {"kind": "joined", "beat_id": "s1", "sent_at": 978307200000}
    assert post(member_client, meeting, skewed).status_code == 200
    presence = Presence.objects.get(user=member)
    assert presence.first_joined_at >= before
    future = {"kind": "beat", "beat_id": "s2", "sent_at": "2099-01-01T00:00:00Z"}
    assert post(member_client, meeting, future).status_code == 200
    presence.refresh_from_db()
    assert presence.last_seen_at <= timezone.now()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[1, 2]",
        json.dumps({"kind": "dance"}),
        json.dumps({"kind": "beat", "beat_id": "<script>"}),
        json.dumps({"kind": "beat", "quality": 300}),
        json.dumps({"kind": "beat", "quality": "gut"}),
        json.dumps({"kind": "beat", "sent_at": {"x": 1}}),
    ],
)
def test_bad_payload_gets_400_in_german(member_client, meeting, body):
    response = post(member_client, meeting, body, raw=True)
    assert response.status_code == 400
    message = response.json()["error"]
    assert any(
        word in message
        for word in ("nicht", "keine", "ungültig", "Unbekannt", "außerhalb")
    )


def test_heartbeat_after_the_meeting_is_refused(member_client, group):
    over = OnlineMeetingFactory(
        group=group, starts_at=timezone.now() - datetime.timedelta(hours=3)
    )
    response = post(member_client, over, {"kind": "beat"})
    assert response.status_code == 403
    assert "abgelaufen" in response.json()["error"]


def test_heartbeat_before_the_window_is_refused(member_client, group):
    later = OnlineMeetingFactory(
        group=group, starts_at=timezone.now() + datetime.timedelta(hours=3)
    )
    response = post(member_client, later, {"kind": "joined"})
    assert response.status_code == 403
    assert "Online-Sitzung" in response.json()["error"]


def test_former_member_pass_still_needs_an_active_account(member, meeting):
    from django.test import Client

    grant = pass_for(meeting, member)
    member.is_active = False
    member.save()
    response = post(Client(), meeting, {"kind": "joined"}, grant=grant)
    assert response.status_code == 404


def test_get_is_not_allowed(member_client, meeting):
    response = member_client.get(reverse("online:heartbeat", args=[meeting.pk]))
    assert response.status_code == 405


def test_usual_heartbeat_is_one_query(member, meeting, django_assert_num_queries):
    from django.test import Client

    client = Client()  # no session needed: the pass authenticates
    grant = pass_for(meeting, member)
    post(client, meeting, {"kind": "joined", "beat_id": "q0"}, grant=grant)
    # one conditional UPDATE of the person's presence; on PostgreSQL inside a
    # transaction with SET LOCAL synchronous_commit (savepoint in tests)
    from django.db import connection

    with django_assert_num_queries(1 if connection.vendor == "sqlite" else 4):
        response = post(client, meeting, {"kind": "beat", "beat_id": "q1"}, grant=grant)
    assert response.status_code == 200
