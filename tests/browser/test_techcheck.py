"""The Technik-Check in Chromium with fake camera and microphone."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from balintkreis.online.models import TechCheck

pytestmark = pytest.mark.django_db(transaction=True)


def test_techcheck_runs_and_stores_the_result(page, live_server, axe, member):
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto("/online/technik-check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Technik-Check")
    expect(page.locator("#browser-result")).to_contain_text(
        "Ihr Browser wird empfohlen"
    )
    axe(page)

    page.get_by_role("button", name="Check starten").click()
    verdict = page.locator("#verdict-result")
    expect(verdict).to_contain_text("Alles bereit", timeout=20000)
    expect(page.locator("#media-result")).to_contain_text(
        "Kamera und Mikrofon funktionieren"
    )
    expect(page.locator("#latency-result")).to_contain_text("ms")
    expect(page.locator("#download-result")).to_contain_text("Mbit/s")
    expect(page.locator("#upload-result")).to_contain_text("Mbit/s")
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
    assert check.verdict == "good"
    axe(page)
