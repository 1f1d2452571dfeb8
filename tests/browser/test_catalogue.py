import re

import pytest
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    EntryDateFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MembershipFactory,
)


@pytest.fixture
def groups(transactional_db):
    schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=schedule, price_per_session="45.00")
    chamber = ChamberFactory()
    jena = BalintGroupFactory(
        title="Balintgruppe Jena Mitte",
        slug="jena-mitte",
        city="Jena",
        fee_schedule=schedule,
        chamber=chamber,
        description="Eine fortlaufende Gruppe im Institut.",
    )
    EntryDateFactory(group=jena)
    BalintGroupFactory(
        title="Balintgruppe Erfurt", city="Erfurt", fee_schedule=schedule
    )
    BalintGroupFactory(
        title="Online-Gruppe am Abend", online=True, fee_schedule=schedule
    )
    full = BalintGroupFactory(
        title="Volle Gruppe Gera", city="Gera", capacity=3, min_size=3
    )
    MembershipFactory.create_batch(3, group=full)
    BalintGroupFactory(title="Pausierte Gruppe", status=BalintGroup.Status.PAUSED)


def cards(page):
    return page.locator(".group-cards > li")


def test_browse_filter_and_open_a_group(page, axe, groups):
    page.goto("/")
    axe(page)
    page.get_by_role("link", name="Gruppe mit freien Plätzen finden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Balintgruppe finden")
    expect(page.get_by_text("4 Gruppen gefunden")).to_be_visible()
    expect(page.get_by_text("Pausierte Gruppe")).to_have_count(0)
    expect(page.get_by_text("ausgebucht")).to_be_visible()
    axe(page)

    page.get_by_label("Ort").select_option("Erfurt")
    page.get_by_role("button", name="Gruppen anzeigen").click()
    expect(page).to_have_url(re.compile(r"city=Erfurt"))
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first).to_contain_text("Balintgruppe Erfurt")
    axe(page)

    page.get_by_role("link", name="Filter zurücksetzen").click()
    page.get_by_label("Format").select_option(label="online")
    page.get_by_role("button", name="Gruppen anzeigen").click()
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first).to_contain_text("Online-Gruppe am Abend")

    page.get_by_role("link", name="Filter zurücksetzen").click()
    page.get_by_label("nur Gruppen mit freien Plätzen").check()
    page.get_by_role("button", name="Gruppen anzeigen").click()
    expect(cards(page)).to_have_count(3)
    expect(page.get_by_text("Volle Gruppe Gera")).to_have_count(0)
    expect(page.get_by_label("nur Gruppen mit freien Plätzen")).to_be_checked()
    axe(page)

    page.get_by_role("link", name="Balintgruppe Jena Mitte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Balintgruppe Jena Mitte")
    expect(page.get_by_text("Eine fortlaufende Gruppe im Institut.")).to_be_visible()
    expect(page.get_by_text("45,00 € je Doppelsitzung")).to_be_visible()
    expect(
        page.get_by_text("Anerkannt von der Landesärztekammer Thüringen")
    ).to_be_visible()
    axe(page)

    page.get_by_role(
        "link", name="Fragen zu dieser Gruppe? Schreiben Sie uns eine Nachricht."
    ).click()
    expect(page.get_by_label("Gruppe (optional)")).to_have_value("jena-mitte")
    axe(page)


def test_info_pages_are_accessible(page, axe, transactional_db):
    page.goto("/")
    for name in [
        "Was ist eine Balintgruppe?",
        "Für wen?",
        "Anerkennung und Fortbildungspunkte",
        "Online-Gruppen",
        "Mentoring",
    ]:
        page.goto("/")
        page.get_by_role("main").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        axe(page)
    for name, title in [
        ("Datenschutz", "Datenschutzhinweise"),
        ("Impressum", "Impressum"),
    ]:
        page.get_by_role("contentinfo").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        axe(page)
