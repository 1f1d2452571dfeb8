"""The frame on a phone and on a desktop: main menu, tables, the group trail."""

import pytest
from playwright.sync_api import expect

from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.tests.factories import MeetingFactory
from tests.browser.test_attendance import log_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_main_menu_folds_on_a_phone_without_script(browser, live_server, axe):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    catalogue = nav.get_by_role("link", name="Anmelden")
    expect(catalogue).to_be_hidden()
    nav.get_by_text("Menü").click()
    expect(catalogue).to_be_visible()
    context.close()


def test_main_menu_is_open_on_a_desktop(page, axe):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Anmelden")).to_be_visible()
    expect(nav.get_by_text("Menü")).to_be_hidden()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_group_pages_fit_a_phone_and_show_the_trail(
    page, axe, live_server, leader, group
):
    for _ in range(3):
        MeetingFactory(group=group)
    log_in(page, live_server, leader)
    page.set_viewport_size(PHONE)
    page.goto(f"/gruppen/{group.slug}/sitzungen/")
    trail = page.get_by_role("navigation", name="Sie sind hier")
    expect(trail.get_by_role("link", name="Start")).to_be_visible()
    expect(trail.get_by_role("link", name=group.title)).to_be_visible()
    expect(trail.locator("[aria-current=page]")).to_have_text("Sitzungen")
    # Nothing but the tables themselves scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    axe(page)
    page.get_by_text("Menü").click()
    expect(
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "button", name="Abmelden"
        )
    ).to_be_visible()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_wide_table_scrolls_by_itself_and_can_be_focused(
    page, axe, live_server, secretariat
):
    for number in range(3):
        BalintGroupFactory(title=f"Hausärztliche Balintgruppe Nummer {number}")
    log_in(page, live_server, secretariat)
    page.set_viewport_size(PHONE)
    page.goto("/sekretariat/heute/")
    table = page.locator("main table").first
    expect(table).to_have_attribute("tabindex", "0")
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe(page)
