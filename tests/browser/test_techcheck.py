"""The Technik-Check in Chromium with fake camera and microphone, a Jitsi
stand-in for the video server and a STUN stand-in for the WebRTC routes."""

import socket
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from balintkreis.online.models import TechCheck
from tests.browser.stun_standin import StunStandIn

pytestmark = pytest.mark.django_db(transaction=True)

STANDIN = Path(__file__).parent / "jitsi_standin" / "external_api.js"
DOMAIN = "jitsi.test"


def host_address():
    """The machine's own non-loopback address: Chromium gathers no host
    candidates on loopback, so the STUN stand-in listens here."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        return probe.getsockname()[0]
    finally:
        probe.close()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def serve_standin(page):
    page.context.route(
        f"https://{DOMAIN}/external_api.js*",
        lambda route: route.fulfill(
            path=str(STANDIN), content_type="application/javascript"
        ),
    )


@pytest.fixture
def stun():
    with StunStandIn(host_address()) as server:
        yield server


def test_techcheck_runs_and_stores_the_result(
    page, live_server, axe, settings, stun, member
):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_ICE_SERVERS = [{"urls": stun.url}]
    log_in(page, live_server, member)
    serve_standin(page)
    page.goto("/online/technik-check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Technik-Check")
    expect(page.locator("#browser-result")).to_contain_text(
        "Ihr Browser wird empfohlen"
    )
    axe(page)

    page.get_by_role("button", name="Check starten").click()
    verdict = page.locator("#verdict-result")
    expect(verdict).to_contain_text("Alles bereit", timeout=30000)
    expect(page.locator("#media-result")).to_contain_text(
        "Kamera und Mikrofon funktionieren"
    )
    expect(page.locator("#latency-result")).to_contain_text("ms")
    expect(page.locator("#download-result")).to_contain_text("Mbit/s")
    expect(page.locator("#upload-result")).to_contain_text("Mbit/s")
    expect(page.locator("#server-result")).to_have_text("erreichbar")
    expect(page.locator("#ice-result")).to_contain_text("STUN")
    expect(page.locator("#level-meter")).to_have_attribute(
        "data-active", "yes", timeout=10000
    )
    assert (
        page.evaluate(
            "document.getElementById('camera-preview').srcObject.getVideoTracks().length"
        )
        == 1
    )
    check = TechCheck.objects.get(user=member)
    assert check.has_camera
    assert check.has_microphone
    assert check.is_recommended_browser
    assert check.video_server_reachable is True
    assert check.ice == "srflx"
    assert check.verdict == "good"
    assert stun.requests >= 1
    axe(page)


def test_unreachable_video_server_is_named_as_the_cause(
    page, live_server, settings, stun, member
):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = f"127.0.0.1:{closed_port()}"
    settings.JITSI_ICE_SERVERS = [{"urls": stun.url}]
    log_in(page, live_server, member)
    page.goto("/online/technik-check/")
    page.get_by_role("button", name="Check starten").click()
    expect(page.locator("#verdict-result")).to_contain_text(
        "Noch nicht bereit", timeout=30000
    )
    expect(page.locator("#server-result")).to_have_text("nicht erreichbar")
    expect(page.locator("#verdict-causes")).to_contain_text(
        "Der Videoserver ist nicht erreichbar"
    )
    assert TechCheck.objects.get(user=member).video_server_reachable is False


def test_network_without_stun_answer_blocks_video(page, live_server, settings, member):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_ICE_SERVERS = []
    log_in(page, live_server, member)
    serve_standin(page)
    page.goto("/online/technik-check/")
    page.get_by_role("button", name="Check starten").click()
    expect(page.locator("#verdict-result")).to_contain_text(
        "Noch nicht bereit", timeout=30000
    )
    expect(page.locator("#server-result")).to_have_text("erreichbar")
    expect(page.locator("#ice-result")).to_contain_text("blockiert")
    expect(page.locator("#verdict-causes")).to_contain_text(
        "Ihr Netzwerk blockiert Videoverbindungen – bitte"
    )
    check = TechCheck.objects.get(user=member)
    assert check.ice in ("host", "none")
    assert check.verdict == "poor"
