"""The meeting page per Jitsi mode and when the room cannot load (issue 15)."""

import time

import pytest
from playwright.sync_api import expect

from balintkreis.online import beats, presence
from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory
from tests.browser.test_online import DOMAIN, open_as

pytestmark = pytest.mark.django_db(transaction=True)

ROOM_PAGE = (
    '<!doctype html><html lang="de"><head><title>Jitsi-Fenster</title></head>'
    "<body><main><h1>Jitsi-Raum (Platzhalter)</h1></main></body></html>"
)


@pytest.fixture
def window_mode(settings, monkeypatch):
    settings.JITSI_MODE = "window"
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = ""
    settings.JITSI_APP_SECRET = ""
    # Beats every second, so the test sees them continue without waiting long.
    monkeypatch.setattr(presence, "BEAT_SECONDS", 1)


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def last_seen(user):
    """The live last-seen time, as the connection panel shows it: with
    PRESENCE_BUFFER on (Redis) the beats wait in the cache for the worker."""
    row = Presence.objects.get(user=user)
    beats.overlay([row])
    return row.last_seen_at


def test_selfhosted_mode_embeds_an_iframe(page, live_server, settings, member, group):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, member)
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(page.locator("#jitsi-container iframe")).to_have_count(1)
    expect(page.locator("#open-window")).to_have_count(0)
    expect(page.locator("#connection-list")).to_contain_text("verbunden")
    page.evaluate("window.jitsiStandIn.instances[0].emit('videoConferenceLeft')")
    expect(page.locator("#connection-list")).to_contain_text("hat verlassen")
    page.goto("about:blank")


def test_window_mode_opens_the_room_and_keeps_sending_heartbeats(
    page, live_server, axe, window_mode, member, group
):
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, member)
    page.context.route(
        f"https://{DOMAIN}/**",
        lambda route: route.fulfill(body=ROOM_PAGE, content_type="text/html"),
    )
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(page.locator("iframe")).to_have_count(0)
    expect(page.locator("#jitsi-container")).to_contain_text(
        "Anwesenheit ist so weniger genau"
    )
    axe(page)
    with page.expect_popup() as popup_info:
        page.get_by_role("link", name="Videoraum öffnen").click()
    room = popup_info.value
    assert room.url.startswith(f"https://{DOMAIN}/balintkreis-")
    assert "userInfo.displayName=%22Moritz%20Mitglied%22" in room.url
    expect(page.locator("#window-status")).to_contain_text("eigenen Fenster geöffnet")
    expect(page.locator("#connection-list")).to_contain_text("verbunden")

    first_seen = last_seen(member)
    wait_for(lambda: last_seen(member) > first_seen)
    second_seen = last_seen(member)
    wait_for(lambda: last_seen(member) > second_seen)

    room.close()
    expect(page.locator("#window-status")).to_contain_text(
        "Videofenster wurde geschlossen"
    )
    expect(page.locator("#connection-list")).to_contain_text("hat verlassen")
    page.goto("about:blank")


def test_room_that_cannot_load_shows_reload_and_contact(
    page, live_server, axe, settings, member, group
):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, member)
    # The video server does not answer: the script fails to load.
    page.context.unroute(f"https://{DOMAIN}/external_api.js")
    page.context.route(f"https://{DOMAIN}/**", lambda route: route.abort())
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    failed = page.locator("#room-failed")
    expect(failed).to_be_visible()
    expect(failed).to_contain_text("Der Videoraum konnte nicht geladen werden")
    expect(failed.get_by_role("button", name="Neu laden")).to_be_visible()
    axe(page)
    page.goto("about:blank")
