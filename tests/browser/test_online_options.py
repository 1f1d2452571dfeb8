"""Silent phase, fallback link and contact on the meeting page (issue 15)."""

import pytest
from playwright.sync_api import expect

from balintkreis.online import options
from balintkreis.online.tests.factories import OnlineMeetingFactory
from tests.browser.test_online import DOMAIN, leave, open_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def selfhosted(settings):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = ""
    settings.JITSI_APP_SECRET = ""


def test_leader_marks_a_silent_phase_and_members_see_it(
    page, browser, live_server, axe, selfhosted, leader, member, group
):
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, leader)
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(page.locator("#connection-list")).to_contain_text("verbunden")
    page.get_by_role("button", name="Schweigephase ankündigen").click()
    notice = page.locator("#silence-notice")
    expect(notice).to_have_text(
        "Die Stille ist gewollt – alle Verbindungen sind in Ordnung."
    )
    expect(page.get_by_role("button", name="Schweigephase beenden")).to_be_visible()
    axe(page)

    member_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", bypass_csp=True
    )
    member_page = member_context.new_page()
    open_as(member_context, live_server, member)
    member_page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(member_page.locator("#silence-notice")).to_be_visible()
    expect(member_page.locator("#toggle-silence")).to_have_count(0)

    page.get_by_role("button", name="Schweigephase beenden").click()
    expect(notice).to_be_hidden()
    # The member's panel follows with its next poll (every 5 seconds).
    expect(member_page.locator("#silence-notice")).to_be_hidden(timeout=10000)
    leave(member_page, "Moritz Mitglied")
    member_context.close()
    leave(page, "Lena Leitung")


def test_room_that_cannot_load_offers_fallback_and_contact(
    page, live_server, axe, selfhosted, leader, member, group
):
    meeting = OnlineMeetingFactory(group=group)
    options.set_fallback_url(meeting, url="https://video.example.org/raum", by=leader)
    options.name_contact(
        group,
        person=member,
        phone="03641 123456",
        email="technik@example.org",
        is_moderator=False,
        by=leader,
    )
    open_as(page.context, live_server, member)
    page.context.unroute(f"https://{DOMAIN}/external_api.js")
    page.context.route(f"https://{DOMAIN}/**", lambda route: route.abort())
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    failed = page.locator("#room-failed")
    expect(failed).to_be_visible()
    expect(failed).to_contain_text("Neu laden")
    expect(failed).to_contain_text("https://video.example.org/raum")
    expect(failed).to_contain_text("03641 123456")
    expect(page.locator("#tech-contact")).to_contain_text(
        "Bei Technikproblemen: Moritz Mitglied"
    )
    # Presence for this meeting comes from the attendance sheet only.
    expect(page.locator("#connection-list")).to_have_count(0)
    axe(page)
    page.get_by_role("button", name="Neu laden").click()
    expect(page.locator("#room-failed")).to_be_visible()
    page.goto("about:blank")
