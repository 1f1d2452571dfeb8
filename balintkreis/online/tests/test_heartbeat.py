import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db


def post(client, meeting, body, *, raw=False):
    return client.post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=body if raw else json.dumps(body),
        content_type="application/json",
    )


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


def test_outsider_is_refused(outsider_client, meeting):
    response = post(outsider_client, meeting, {"kind": "beat"})
    assert response.status_code == 404
    assert "nicht" in response.json()["error"]
    assert not Presence.objects.exists()


def test_member_of_another_group_is_refused(member_client):
    other = OnlineMeetingFactory()
    assert post(member_client, other, {"kind": "beat"}).status_code == 404


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
    assert "Online-Sitzung" in response.json()["error"]


def test_get_is_not_allowed(member_client, meeting):
    response = member_client.get(reverse("online:heartbeat", args=[meeting.pk]))
    assert response.status_code == 405


def test_heartbeat_query_budget(
    member_client, member, meeting, django_assert_num_queries
):
    post(member_client, meeting, {"kind": "joined", "beat_id": "q0"})
    # session, user, meeting with membership check (one query), presence
    # FOR UPDATE, presence update; plus SAVEPOINT/RELEASE because the test
    # itself runs inside a transaction (in production: BEGIN/COMMIT).
    with django_assert_num_queries(7):
        post(member_client, meeting, {"kind": "beat", "beat_id": "q1"})
