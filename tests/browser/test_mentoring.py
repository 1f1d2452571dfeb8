"""The mentoring journey (issue 6, item 8): find, ask, accept, three free
sessions, the fourth leads to the supervision step, both confirm the terms."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.mentoring.models import Mentorship
from balintkreis.mentoring.tests.factories import MentorProfileFactory, ensure_topics


def _log_in_as(page, live_server, user):
    # A forced session cookie keeps this test independent of the log-in page.
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _log_session(page, axe, *, day, check_page):
    page.get_by_role("link", name="Termin eintragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termin eintragen")
    if check_page:
        axe(page)
    page.get_by_label("Datum").fill(f"2026-10-{day:02d}")
    page.get_by_label("online", exact=True).check()
    page.get_by_label("Dauer (Minuten)").fill("60")
    page.get_by_label("Abrechnung").check()
    page.get_by_label("Notizen").fill("Honorar und Raum besprochen.")
    page.get_by_role("button", name="Termin speichern").click()
    expect(page.get_by_text("Der Termin wurde eingetragen.")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_mentee_finds_mentor_and_pair_agrees_on_supervision(page, axe, live_server):
    ensure_topics()
    mentor = LeaderFactory(first_name="Ursula", last_name="Brandt")
    MentorProfileFactory(user=mentor, city="Erfurt")
    MentorProfileFactory(user__last_name="Fernbleibend", region="BY")
    mentee = LeaderFactory(first_name="Miriam", last_name="Vogt")

    # The mentee finds a mentor in Thüringen and writes a request.
    _log_in_as(page, live_server, mentee)
    page.goto("/mentoring/mentorinnen/")
    axe(page)
    page.get_by_label("Bundesland").select_option(label="Thüringen")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text("Fernbleibend")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Ursula Brandt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ursula Brandt")
    axe(page)
    page.get_by_role("link", name="Um Mentoring bitten").click()
    expect(page.get_by_text("ersetzt weder Supervision")).to_be_visible()
    axe(page)
    page.get_by_label("Ich starte meine erste Balintgruppe").check()
    page.get_by_label("Akquise von Teilnehmenden").check()
    page.get_by_label("Nachricht").fill("Ich möchte in Gera eine Gruppe gründen.")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_text("Ihre Anfrage wurde gesendet.")).to_be_visible()
    axe(page)

    # The mentor accepts.
    _log_in_as(page, live_server, mentor)
    page.goto("/mentoring/")
    axe(page)
    page.get_by_role("link", name="Anfrage von Miriam Vogt").click()
    axe(page)
    page.get_by_role("button", name="Anfrage annehmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mentoring mit Miriam Vogt"
    )
    axe(page)
    mentorship_url = page.url

    # Three free sessions; the counter follows.
    for day in (1, 15, 29):
        _log_session(page, axe, day=day, check_page=day == 1)
    expect(page.get_by_test_id("free-counter")).to_contain_text("3 von 3 genutzt")
    axe(page)

    # The fourth leads to the decision, with the boundary text.
    page.get_by_role("link", name="Termin eintragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie möchten Sie weitermachen?"
    )
    expect(page.get_by_text("ersetzt weder Supervision")).to_be_visible()
    axe(page)
    page.get_by_label("Honorar pro Termin (EUR)").fill("90")
    page.get_by_label("Häufigkeit").select_option(label="monatlich")
    page.get_by_label("Beginn").fill("2026-12-01")
    page.get_by_label("Weitere Vereinbarungen").fill("60 Minuten je Termin.")
    page.get_by_role("button", name="Supervisionsbedingungen vorschlagen").click()
    expect(page.get_by_text("von Ihnen bestätigt")).to_be_visible()
    axe(page)
    assert Mentorship.objects.get().status == Mentorship.Status.ACTIVE

    # The mentee confirms: now the supervision counts.
    _log_in_as(page, live_server, mentee)
    page.goto(mentorship_url)
    axe(page)
    page.get_by_role("button", name="Diese Bedingungen bestätigen").click()
    expect(page.get_by_text("Sie haben beide bestätigt.")).to_be_visible()
    expect(page.get_by_text("Beide haben bestätigt")).to_be_visible()
    axe(page)
    assert Mentorship.objects.get().status == Mentorship.Status.SUPERVISION
