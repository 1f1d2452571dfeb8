import json

import pytest
from django.urls import reverse

from balintkreis.online import techcheck
from balintkreis.online.models import TechCheck

pytestmark = pytest.mark.django_db

GOOD = {
    "browser": "Google Chrome",
    "is_recommended_browser": True,
    "has_camera": True,
    "has_microphone": True,
    "latency_ms": 40,
    "download_mbps": 50.0,
    "upload_mbps": 10.0,
    "video_server_reachable": True,
    "ice": "srflx",
}


def verdict(**changes):
    values = {k: v for k, v in GOOD.items() if k != "browser"}
    values.update(changes)
    return techcheck.verdict_for(**values)


def test_verdicts():
    assert verdict() == "good"
    assert verdict(is_recommended_browser=False) == "fair"
    assert verdict(latency_ms=250) == "fair"
    assert verdict(has_camera=False) == "poor"
    assert verdict(upload_mbps=0.2) == "poor"
    assert verdict(download_mbps=None) == "poor"
    assert verdict(ice="relay") == "good"


def test_good_only_when_the_video_server_and_a_route_passed():
    assert verdict(video_server_reachable=False) == "poor"
    assert verdict(video_server_reachable=None) == "poor"
    assert verdict(ice="host") == "poor"
    assert verdict(ice="") == "poor"


def test_causes_name_the_real_problem(member_client, member):
    response = member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps({**GOOD, "ice": "host"}),
        content_type="application/json",
    )
    causes = response.json()["causes"]
    assert causes == [
        str(techcheck.CAUSES["network"]),
    ]
    assert causes[0].startswith("Ihr Netzwerk blockiert Videoverbindungen – bitte")
    response = member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps({**GOOD, "video_server_reachable": False}),
        content_type="application/json",
    )
    assert response.json()["causes"][0].startswith(
        "Der Videoserver ist nicht erreichbar"
    )
    html = member_client.get(reverse("online:techcheck")).content.decode()
    assert "Der Videoserver ist nicht erreichbar" in html


def test_unknown_route_is_refused(member_client):
    response = member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps({**GOOD, "ice": "carrier-pigeon"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "ungültig" in response.json()["error"]


def test_page_shows_household_advice_and_app(member_client):
    response = member_client.get(reverse("online:techcheck"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Technik-Check" in html
    assert "keine Videos zu streamen" in html
    assert "Jitsi Meet" in html
    assert "Google Chrome, Microsoft Edge, Opera oder Brave" in html


def test_result_is_stored_per_person(member_client, member):
    response = member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps(GOOD),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["label"] == "bereit"
    check = TechCheck.objects.get(user=member)
    assert check.verdict == "good"
    member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps({**GOOD, "has_camera": False}),
        content_type="application/json",
    )
    assert TechCheck.objects.get(user=member).verdict == "poor"


def test_bad_result_gets_400(member_client):
    response = member_client.post(
        reverse("online:techcheck-save"),
        data=json.dumps({**GOOD, "has_camera": "ja"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Ja/Nein" in response.json()["error"]
    assert not TechCheck.objects.exists()


def test_measuring_endpoints(member_client):
    assert member_client.get(reverse("online:techcheck-ping")).status_code == 204
    response = member_client.get(reverse("online:techcheck-download") + "?bytes=1000")
    assert len(response.content) == 1000
    huge = member_client.get(reverse("online:techcheck-download") + "?bytes=99999999")
    assert len(huge.content) == 2 * 1024 * 1024
    upload = member_client.post(
        reverse("online:techcheck-upload"),
        data=b"x" * 5000,
        content_type="application/octet-stream",
    )
    assert upload.json() == {"received": 5000}


def test_anonymous_cannot_measure(client):
    assert client.get(reverse("online:techcheck-ping")).status_code == 302


def test_control_characters_in_the_browser_name_are_dropped(member):
    """Found by the fuzzer on PostgreSQL: a NUL in the browser's name (which
    the page's script sends, so anybody can) was a server error."""
    check = techcheck.save_result(member, **{**GOOD, "browser": "Chro\x00me\x1b"})
    check.refresh_from_db()
    assert check.browser == "Chrome"
