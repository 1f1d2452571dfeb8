"""The secretariat's day from the log-in page, by clicking only (issue 13
item 3): the home is a work queue whose group rows lead to the group's work
pages, and a search finds a person with their memberships and applications.
axe on every page, at 1280 px and 390 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.models import Application
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    InquiryFactory,
    MembershipFactory,
)
from balintkreis.groups.tests.factories_registration import (
    ApplicationFactory,
    InterestListEntryFactory,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def open_overview(page):
    """The header's "Meine Übersicht", unfolding the phone menu if needed."""
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    menu = nav.get_by_text("Menü")
    if menu.count() and menu.is_visible():
        menu.click()
    nav.get_by_role("link", name="Meine Übersicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")


@pytest.fixture
def queue(group):
    """An application undecided for ten days, an offer about to expire, an
    inquiry, interest in Thüringen and a person to look up."""
    old = ApplicationFactory(
        group=group, user=UserFactory(first_name="Olga", last_name="Wartelang")
    )
    Application.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    ApplicationFactory(
        group=group,
        user=UserFactory(first_name="Otto", last_name="Angebot"),
        offered=True,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=30),
    )
    InquiryFactory(name="Clara Anfrage", group=group)
    for _ in range(3):
        InterestListEntryFactory(region="TH", format="online")
    person = UserFactory(
        first_name="Hedwig", last_name="Sucher", email="hedwig@praxis.example"
    )
    MembershipFactory(group=group, user=person)
    elsewhere = BalintGroupFactory(title="Balintgruppe Erfurt")
    ApplicationFactory(group=elsewhere, user=person, waiting=True)
    return person


def _journey(page, axe, group):
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")
    queue = page.get_by_role("region", name="Sekretariat: Was ansteht")
    expect(queue.get_by_text("3 Interessierte in Thüringen, online")).to_be_visible()
    expect(queue.get_by_text("1 neue Anfrage")).to_be_visible()
    axe(page)

    # The application undecided for too long: to the group's applications.
    queue.get_by_role("link", name="Olga Wartelang").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group.title)
    expect(page.get_by_text("Olga Wartelang").first).to_be_visible()
    axe(page)

    # The offer about to expire: to the group's waiting list.
    open_overview(page)
    queue.get_by_role("link", name="Otto Angebot").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group.title)
    axe(page)

    # A group row: its meetings, not the public page.
    open_overview(page)
    row = (
        queue.get_by_role("listitem")
        .filter(has_text=group.title)
        .filter(has=page.get_by_role("link", name="Warteliste"))
    )
    row.get_by_role("link", name="Sitzungen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group.title)
    axe(page)

    # Find a person and open the group of their membership.
    open_overview(page)
    page.get_by_label("Person nach Name oder E-Mail suchen").fill("hedwig sucher")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Person suchen")
    expect(page.get_by_text("1 Person gefunden")).to_be_visible()
    expect(page.get_by_text("auf der Warteliste")).to_be_visible()
    axe(page)
    page.get_by_role("link", name=group.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group.title)
    expect(page.get_by_text("Hedwig Sucher")).to_be_visible()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_secretariat_works_the_queue_on_a_desktop(
    page, axe, login, secretariat, group, queue
):
    page.set_viewport_size(DESKTOP)
    login(secretariat)
    _journey(page, axe, group)


@pytest.mark.django_db(transaction=True)
def test_secretariat_works_the_queue_on_a_phone(
    page, axe, login, secretariat, group, queue
):
    page.set_viewport_size(PHONE)
    login(secretariat)
    _journey(page, axe, group)
