"""The journeys of issue 13 not covered elsewhere (member, leader and
secretariat have their own files): visitor, applicant, mentee and mentor.
Each starts on one page and goes on by clicking only; a new leg (a new log-in,
a link from an e-mail) may start with one ``page.goto``, said in a comment.
Desktop (1280 px) and phone (390 px), axe on every page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import (
    ChamberFactory,
    LeaderFactory,
    UserFactory,
)
from balintkreis.groups import memberships
from balintkreis.groups.models import Inquiry, Membership
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MembershipFactory,
)
from balintkreis.meetings.tests.factories import MeetingFactory
from balintkreis.mentoring import mentee_requests, supervision
from balintkreis.mentoring.models import (
    MentoringRequest,
    Mentorship,
    SupervisionTerms,
    Topic,
)
from balintkreis.mentoring.tests.factories import MentorProfileFactory, ensure_topics

SIZES = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


def main_nav(page, name):
    """A link of the main navigation, unfolding "Menü" on a phone first."""
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    menu = nav.get_by_text("Menü")
    if menu.count() and menu.is_visible():
        menu.click()
    nav.get_by_role("link", name=name, exact=True).click()


def h1(page):
    return page.get_by_role("heading", level=1)


@pytest.fixture
def catalogue(transactional_db):
    schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=schedule, price_per_session="45.00")
    jena = BalintGroupFactory(
        title="Balintgruppe Jena Mitte",
        slug="jena-mitte",
        city="Jena",
        fee_schedule=schedule,
        chamber=ChamberFactory(),
    )
    BalintGroupFactory(
        title="Balintgruppe Erfurt", city="Erfurt", fee_schedule=schedule
    )
    return jena


@pytest.mark.parametrize("size", SIZES)
def test_visitor_journey(page, axe, size, catalogue):
    page.set_viewport_size(SIZES[size])
    page.goto("/")  # the first page; from here on only clicks
    axe(page)

    # The catalogue, filtered by town, and a group's page.
    page.get_by_role("main").get_by_role(
        "link", name="Gruppe mit freien Plätzen finden"
    ).click()
    expect(h1(page)).to_have_text("Balintgruppe finden")
    axe(page)
    page.get_by_label("Ort").select_option("Jena")
    page.get_by_role("button", name="Gruppen anzeigen").click()
    expect(page.locator(".group-cards > li")).to_have_count(1)
    axe(page)
    page.get_by_role("link", name="Balintgruppe Jena Mitte").click()
    expect(h1(page)).to_have_text("Balintgruppe Jena Mitte")
    expect(page.get_by_text("45,00 € je Doppelsitzung")).to_be_visible()
    axe(page)

    # The info pages: recognition from the group's page, Balint work from the menu.
    page.get_by_role("link", name="Mehr zu Anerkennung und Fortbildungspunkten").click()
    expect(h1(page)).to_have_text("Anerkennung und Fortbildungspunkte")
    axe(page)
    main_nav(page, "Über Balintarbeit")
    expect(h1(page)).to_have_text("Was ist eine Balintgruppe?")
    axe(page)

    # A question about the group through the contact form.
    page.get_by_role("main").get_by_role(
        "link", name="Schreiben Sie uns eine Nachricht"
    ).click()
    expect(h1(page)).to_have_text("Schreiben Sie uns eine Nachricht")
    axe(page)
    page.get_by_label("Ihr Name").fill("Dr. Clara Beispiel")
    page.get_by_label("Ihre E-Mail-Adresse").fill("clara@praxis.example")
    page.get_by_label("Beruf").select_option("physician")
    page.get_by_label("Gruppe (optional)").select_option("jena-mitte")
    page.get_by_label("Ihre Nachricht").fill("Gibt es im Frühjahr noch einen Platz?")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Nachricht senden").click()
    expect(h1(page)).to_have_text("Vielen Dank für Ihre Nachricht")
    expect(page.get_by_text("Ihre Nachricht wurde gesendet.")).to_be_visible()
    axe(page)
    assert Inquiry.objects.get().group == catalogue


@pytest.fixture
def full_group(transactional_db):
    schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=schedule, min_size=1, price_per_session="45.00")
    group = BalintGroupFactory(
        leader=LeaderFactory(),
        title="Balintgruppe Weimar",
        slug="weimar",
        city="Weimar",
        capacity=3,
        min_size=3,
        fee_schedule=schedule,
    )
    for _ in range(3):
        MembershipFactory(group=group)
    MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=9))
    return group


@pytest.mark.parametrize("size", SIZES)
def test_applicant_journey(page, axe, live_server, settings, size, full_group):
    settings.SITE_URL = live_server.url
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    page.set_viewport_size(SIZES[size])

    # From the group's page to the sign-up, on the way to the application.
    page.goto("/")  # the first page; from here on only clicks
    page.get_by_role("main").get_by_role(
        "link", name="Gruppe mit freien Plätzen finden"
    ).click()
    page.get_by_role("link", name="Balintgruppe Weimar").click()
    expect(h1(page)).to_have_text("Balintgruppe Weimar")
    axe(page)
    page.get_by_role("link", name="Für diese Gruppe anmelden").click()
    expect(h1(page)).to_have_text("Anmelden")
    axe(page)
    page.get_by_role("link", name="legen Sie zuerst ein Konto an").click()
    axe(page)
    page.locator("input[name=email]").fill("neu@example.org")
    page.locator("input[name=first_name]").fill("Nora")
    page.locator("input[name=last_name]").fill("Neu")
    page.locator("input[name=password1]").fill("ein-gutes-passwort-42")
    page.locator("input[name=password2]").fill("ein-gutes-passwort-42")
    page.locator("input[name=accept_privacy]").check()
    page.locator("form:has(input[name=password1]) button[type=submit]").click()
    expect(h1(page)).to_be_visible()
    axe(page)

    # New leg: the confirmation link from the e-mail.
    confirm = re.search(
        r"https?://\S+/konto/confirm-email/\S+", mail.outbox[-1].body
    ).group(0)
    page.goto(confirm.replace("http://testserver", live_server.url))
    axe(page)
    page.get_by_role("button", name=re.compile("bestätigen", re.I)).click()
    if "/konto/login/" in page.url:
        page.locator("input[name=login]").fill("neu@example.org")
        page.locator("input[name=password]").fill("ein-gutes-passwort-42")
        page.locator("form:has(input[name=password]) button[type=submit]").click()

    # The application form (the group is full: the waiting list).
    expect(h1(page)).to_have_text("Anmeldung: Balintgruppe Weimar")
    expect(page.get_by_text("Die Gruppe ist voll.")).to_be_visible()
    axe(page)
    page.get_by_label("Ich akzeptiere die Schweigepflichtvereinbarung").check()
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page.get_by_text("Position auf der Warteliste: 1")).to_be_visible()
    axe(page)

    # The waiting-list position on the overview.
    main_nav(page, "Meine Übersicht")
    home = page.locator("section.member-home")
    expect(home.get_by_text("Balintgruppe Weimar")).to_be_visible()
    expect(home).to_contain_text("Warteliste")
    axe(page)

    # A member leaves: the place is offered (server side, as the worker would).
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="Umzug",
        actor=UserFactory(is_secretariat=True),
    )
    main_nav(page, "Meine Übersicht")
    offer = home.get_by_role("note").filter(has_text="Balintgruppe Weimar")
    expect(offer).to_contain_text("Bitte antworten Sie bis")
    expect(offer).to_contain_text("€ für")
    expect(offer).not_to_contain_text("noch nicht geplant")
    axe(page)
    offer.get_by_role("link", name=re.compile("Angebot")).click()
    expect(h1(page)).to_have_text("Platz in der Gruppe „Balintgruppe Weimar“")
    axe(page)
    page.get_by_role("button", name="Platz annehmen").click()
    expect(
        page.get_by_text("Willkommen! Sie sind jetzt Mitglied der Gruppe")
    ).to_be_visible()
    axe(page)

    # The group is now on the overview.
    main_nav(page, "Meine Übersicht")
    expect(
        home.get_by_role("heading", name="Balintgruppe Weimar", exact=True)
    ).to_be_visible()
    axe(page)
    visitor = User.objects.get(email="neu@example.org")
    assert Membership.objects.filter(group=full_group, user=visitor).exists()


@pytest.fixture
def mentoring_pair(transactional_db):
    ensure_topics()
    mentor = LeaderFactory(first_name="Ursula", last_name="Brandt")
    MentorProfileFactory(user=mentor, city="Erfurt")
    MentorProfileFactory(user__last_name="Fernbleibend", region="BY")
    mentee = LeaderFactory(first_name="Miriam", last_name="Vogt")
    return mentor, mentee


@pytest.mark.parametrize("size", SIZES)
def test_mentee_journey(page, axe, login, size, mentoring_pair):
    """The mentee finds a mentor from the overview and asks; once the mentor
    accepted and proposed supervision terms, the mentee confirms them."""
    mentor, mentee = mentoring_pair
    page.set_viewport_size(SIZES[size])

    login(mentee)  # the log-in page is the first page
    expect(h1(page)).to_have_text("Meine Übersicht")
    page.get_by_role("link", name="Mein Mentoring").click()
    expect(h1(page)).to_have_text("Mein Mentoring")
    axe(page)
    page.get_by_role("link", name="Mentorin oder Mentor finden").click()
    axe(page)
    page.get_by_label("Bundesland").select_option(label="Thüringen")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text("Fernbleibend")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Ursula Brandt").click()
    expect(h1(page)).to_have_text("Ursula Brandt")
    axe(page)
    page.get_by_role("link", name="Um Mentoring bitten").click()
    axe(page)
    page.get_by_label("Ich starte meine erste Balintgruppe").check()
    page.get_by_label("Akquise von Teilnehmenden").check()
    page.get_by_label("Nachricht").fill("Ich möchte in Gera eine Gruppe gründen.")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_text("Ihre Anfrage wurde gesendet.")).to_be_visible()
    axe(page)

    # The mentor accepts and proposes terms (their journey is the next test).
    mentorship = mentee_requests.accept(MentoringRequest.objects.get())
    supervision.propose(
        mentorship,
        by=mentor,
        fee_per_session=Decimal("90"),
        frequency=SupervisionTerms.Frequency.MONTHLY,
        starts_on=datetime.date(2026, 12, 1),
    )

    main_nav(page, "Meine Übersicht")
    page.get_by_role("link", name="Mein Mentoring").click()
    page.get_by_role("link", name="Ursula Brandt").click()
    expect(h1(page)).to_have_text("Mentoring mit Ursula Brandt")
    axe(page)
    page.get_by_role("button", name="Diese Bedingungen bestätigen").click()
    expect(page.get_by_text("Sie haben beide bestätigt.")).to_be_visible()
    axe(page)
    assert Mentorship.objects.get().status == Mentorship.Status.SUPERVISION


@pytest.mark.parametrize("size", SIZES)
def test_mentor_journey(page, axe, login, size, mentoring_pair):
    """The mentor accepts a request from the overview, logs a session and
    proposes supervision terms."""
    mentor, mentee = mentoring_pair
    mentee_requests.send(
        mentor.mentor_profile,
        mentee=mentee,
        situation=MentoringRequest.Situation.NEW,
        topics=Topic.objects.all()[:1],
        message="Ich möchte in Gera eine Gruppe gründen.",
    )
    page.set_viewport_size(SIZES[size])

    login(mentor)  # the log-in page is the first page
    expect(h1(page)).to_have_text("Meine Übersicht")
    page.get_by_role("link", name="Mein Mentoring").click()
    axe(page)
    page.get_by_role("link", name=re.compile("^Anfrage von Miriam Vogt")).click()
    axe(page)
    page.get_by_role("button", name="Anfrage annehmen").click()
    expect(h1(page)).to_have_text("Mentoring mit Miriam Vogt")
    axe(page)
    page.get_by_role("link", name="Termin eintragen").click()
    expect(h1(page)).to_have_text("Termin eintragen")
    axe(page)
    page.get_by_label("Datum").fill("2026-10-01")
    page.get_by_label("online", exact=True).check()
    page.get_by_label("Dauer (Minuten)").fill("60")
    page.get_by_label("Abrechnung").check()
    page.get_by_label("Notizen").fill("Honorar und Raum besprochen.")
    page.get_by_role("button", name="Termin speichern").click()
    expect(page.get_by_text("Der Termin wurde eingetragen.")).to_be_visible()
    expect(page.get_by_test_id("free-counter")).to_contain_text("1 von 3 genutzt")
    axe(page)
    page.get_by_role("link", name="Beenden oder als Supervision fortsetzen").click()
    expect(h1(page)).to_have_text("Wie möchten Sie weitermachen?")
    axe(page)
    page.get_by_label("Honorar pro Termin (EUR)").fill("90")
    page.get_by_label("Häufigkeit").select_option(label="monatlich")
    page.get_by_label("Beginn").fill("2026-12-01")
    page.get_by_role("button", name="Supervisionsbedingungen vorschlagen").click()
    expect(page.get_by_text("von Ihnen bestätigt")).to_be_visible()
    axe(page)
    assert Mentorship.objects.get().mentee == mentee
