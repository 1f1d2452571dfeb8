import json

import pytest
from django.urls import reverse

from balintkreis.core import jitsi
from balintkreis.online import rooms
from balintkreis.online.models import Presence, PresenceInterval

pytestmark = pytest.mark.django_db
SECRET = "event-sync-secret-for-tests"


@pytest.fixture
def secret(settings):
    settings.JITSI_EVENT_SYNC_SECRET = SECRET


def payload(room_name, user_id, event="muc-occupant-joined"):
    return {
        "event_name": event,
        "room_name": room_name,
        "room_jid": f"{room_name}@conference.meet.example.org",
        "is_breakout": False,
        "active_occupants_count": 2,
        "occupant": {
            "name": "Moritz Mitglied",
            "email": "m@example.org",
            "id": user_id,
            "occupant_jid": "14f01c40@meet.example.org/OWhl8jSh",
            "joined_at": 1625823996,
        },
    }


def post(client, event, body, token=SECRET):
    return client.post(
        f"/online/jitsi/events/occupant/{event}",
        data=json.dumps(body) if isinstance(body, dict) else body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_occupant_join_and_leave_become_server_presence(
    client, secret, meeting, member
):
    room = rooms.room_name_for(meeting)
    body = payload(room, jitsi.user_id(member))
    assert post(client, "joined", body).json() == {"status": "recorded"}
    presence = Presence.objects.get(user=member)
    assert presence.is_held_by_server
    assert presence.intervals.get().source == PresenceInterval.Source.SERVER
    assert post(client, "left", body).json() == {"status": "recorded"}
    presence.refresh_from_db()
    assert presence.left_at is not None


def test_wrong_secret_is_refused(client, secret, meeting, member):
    room = rooms.room_name_for(meeting)
    response = post(client, "joined", payload(room, jitsi.user_id(member)), "wrong")
    assert response.status_code == 403
    assert not Presence.objects.exists()


def test_endpoint_is_off_without_a_secret(client, settings, meeting, member):
    settings.JITSI_EVENT_SYNC_SECRET = ""
    room = rooms.room_name_for(meeting)
    response = post(client, "joined", payload(room, jitsi.user_id(member)), "")
    assert response.status_code == 403


def test_unknown_people_and_rooms_are_ignored(client, secret, meeting, outsider):
    room = rooms.room_name_for(meeting)
    assert post(client, "joined", payload(room, jitsi.user_id(outsider))).json() == {
        "status": "ignored"
    }
    assert post(client, "joined", payload(room, "guest")).json() == {
        "status": "ignored"
    }
    other = room.replace(room.rsplit("-", 1)[-1], "0" * 24)
    assert post(client, "joined", payload(other, "bk-1")).json() == {
        "status": "ignored"
    }
    assert not Presence.objects.exists()


def test_bad_payload_gets_400(client, secret):
    assert post(client, "joined", "nonsense").status_code == 400
    assert post(client, "joined", {"room_name": "x"}).status_code == 400


def test_room_events_are_accepted(client, secret):
    response = client.post(
        "/online/jitsi/events/room/created",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {SECRET}",
    )
    assert response.status_code == 200


def test_url_matches_event_sync_api_prefix():
    assert reverse("online:event-occupant", args=["joined"]) == (
        "/online/jitsi/events/occupant/joined"
    )
