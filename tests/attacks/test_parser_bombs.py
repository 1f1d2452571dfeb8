"""Attack: crash the server with input its parsers cannot take.

1. Deeply nested JSON (``"[" * 100000``) posted to the Technik-Check result,
   the meeting page's heartbeat and Prosody's event_sync endpoint makes
   Python's JSON parser recurse until ``RecursionError``: an unhandled 500,
   and a cheap way to keep workers busy.
2. A NUL byte in ``/nachweis/<code>/`` or ``/kalender/<token>.ics`` reaches
   the database, which PostgreSQL refuses with a ``DataError`` (a 500).

Both must answer 400 or 404 with a German message. Run this module on
PostgreSQL too: ``DATABASE_URL=postgres://… pytest tests/attacks/``.
"""

import pytest
from django.urls import reverse

from balintkreis.online import passes
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db

BOMB = b"[" * 100_000
OBJECT_BOMB = b'{"a":' * 50_000
EVENT_SECRET = "prosody-shared-secret"


def _german_400(response):
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht gelesen werden" in response.json()["error"]


@pytest.mark.parametrize("body", [BOMB, OBJECT_BOMB])
def test_nested_json_to_the_technik_check(member_client, body):
    response = member_client.post(
        reverse("online:techcheck-save"), data=body, content_type="application/json"
    )
    _german_400(response)


@pytest.mark.parametrize("body", [BOMB, OBJECT_BOMB])
def test_nested_json_to_the_heartbeat(member_client, member, group, body):
    meeting = OnlineMeetingFactory(group=group)
    response = member_client.post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=body,
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=passes.issue(meeting, member, is_leader=False),
    )
    _german_400(response)


@pytest.mark.parametrize("body", [BOMB, OBJECT_BOMB])
def test_nested_json_to_prosody_event_sync(client, settings, body):
    settings.JITSI_EVENT_SYNC_SECRET = EVENT_SECRET
    response = client.post(
        reverse("online:event-occupant", args=["joined"]),
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {EVENT_SECRET}",
    )
    _german_400(response)


def test_oversized_json_is_refused_before_parsing(member_client):
    body = b'{"browser": "' + b"x" * 200_000 + b'"}'
    response = member_client.post(
        reverse("online:techcheck-save"), data=body, content_type="application/json"
    )
    _german_400(response)


@pytest.mark.parametrize(
    "path",
    [
        "/nachweis/AB%00CD/",
        "/nachweis/%00/",
        "/kalender/abc%00def.ics",
        "/kalender/%00.ics",
        "/angebot/x%00y/",
        "/bescheinigungen/B%00-1.pdf",
    ],
)
def test_nul_byte_in_a_path_is_a_german_404(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
