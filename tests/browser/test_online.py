"""The meeting page against a local Jitsi stand-in that fires the same events."""

from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from balintkreis.online import rooms
from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory

STANDIN = Path(__file__).parent / "jitsi_standin" / "external_api.js"
DOMAIN = "jitsi.test"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jitsi(settings):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = ""
    settings.JITSI_APP_SECRET = ""


def open_as(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    context.route(
        f"https://{DOMAIN}/external_api.js",
        lambda route: route.fulfill(
            path=str(STANDIN), content_type="application/javascript"
        ),
    )


def leave(page, name):
    """Hang up and wait until the server has it, then stop the page's timers:
    no request may reach the live server while the test database is flushed."""
    page.evaluate("window.jitsiStandIn.instances[0].emit('videoConferenceLeft')")
    expect(page.locator("#connection-list li", has_text=name)).to_contain_text(
        "hat verlassen"
    )
    page.goto("about:blank")


def test_member_joins_leaves_and_rejoins(page, live_server, axe, jitsi, member, group):
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, member)
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    panel = page.locator("#connection-list")
    expect(panel).to_contain_text("Moritz Mitglied")
    expect(panel).to_contain_text("verbunden")
    expect(panel).to_contain_text("87 %")

    options = page.evaluate("window.jitsiStandIn.instances[0].options")
    assert options["roomName"] == rooms.room_name_for(meeting)
    assert options["userInfo"]["displayName"] == member.display_name
    assert options["configOverwrite"]["prejoinConfig"]["enabled"] is True
    toolbar = options["configOverwrite"]["toolbarButtons"]
    assert "recording" not in toolbar
    assert "livestreaming" not in toolbar
    assert "jwt" not in options or options["jwt"] is None
    axe(page)

    page.evaluate("window.jitsiStandIn.instances[0].emit('videoConferenceLeft')")
    expect(panel).to_contain_text("hat verlassen")
    page.evaluate("window.jitsiStandIn.instances[0].emit('videoConferenceJoined')")
    expect(panel).to_contain_text("verbunden")
    expect(panel).not_to_contain_text("hat verlassen")
    assert Presence.objects.get(user=member).rejoins == 1
    leave(page, "Moritz Mitglied")


def test_leader_sees_timeline_and_turns_on_the_lobby(
    page, browser, live_server, axe, jitsi, leader, member, group
):
    meeting = OnlineMeetingFactory(group=group)
    member_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", bypass_csp=True
    )
    member_page = member_context.new_page()
    open_as(member_context, live_server, member)
    member_page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(member_page.locator("#connection-list")).to_contain_text("verbunden")
    member_page.evaluate("window.jitsiStandIn.instances[0].emit('videoConferenceLeft')")
    expect(member_page.locator("#connection-list")).to_contain_text("hat verlassen")
    member_page.evaluate(
        "window.jitsiStandIn.instances[0].emit('videoConferenceJoined')"
    )
    expect(member_page.locator("#connection-list")).not_to_contain_text("hat verlassen")

    open_as(page.context, live_server, leader)
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    timeline = page.locator("#connection-timeline")
    expect(timeline).to_contain_text("Moritz Mitglied: erneut beigetreten")
    expect(timeline).to_contain_text("Moritz Mitglied: hat verlassen")
    page.evaluate(
        "window.jitsiStandIn.instances[0].emit('participantRoleChanged',"
        " {role: 'moderator'})"
    )
    commands = page.evaluate("window.jitsiStandIn.instances[0].commands")
    assert ["toggleLobby", True] in commands
    axe(page)
    leave(member_page, "Moritz Mitglied")
    member_context.close()
    leave(page, "Lena Leitung")


def test_outsider_sees_a_german_message(page, live_server, axe, jitsi, outsider, group):
    meeting = OnlineMeetingFactory(group=group)
    open_as(page.context, live_server, outsider)
    page.goto(f"/online/sitzungen/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Online-Sitzung nicht verfügbar"
    )
    axe(page)


def test_group_vote_pages_are_accessible(page, live_server, axe, leader, member, group):
    from balintkreis.feedback import polls

    poll = polls.open_poll(
        group, question=polls.DEFAULT_QUESTION, choices=polls.DEFAULT_CHOICES, by=leader
    )
    open_as(page.context, live_server, member)
    page.goto(f"/rueckmeldung/gruppen/{group.slug}/abstimmungen/")
    page.get_by_role("radio", name="Hybrid").check()
    page.get_by_role("button", name="Abstimmen").click()
    expect(page.locator(".messages")).to_contain_text("anonym gezählt")
    axe(page)
    assert poll.sealed_ballots.count() == 1
