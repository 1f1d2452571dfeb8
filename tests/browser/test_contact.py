import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.models import Inquiry
from balintkreis.groups.tests.factories import BalintGroupFactory, InquiryFactory


@pytest.fixture
def group(transactional_db):
    return BalintGroupFactory(title="Balintgruppe Jena Mitte", slug="jena-mitte")


def fill_contact_form(page):
    page.get_by_label("Ihr Name").fill("Dr. Clara Beispiel")
    page.get_by_label("Ihre E-Mail-Adresse").fill("clara@praxis.example")
    page.get_by_label("Beruf").select_option("physician")
    page.get_by_label("Gruppe (optional)").select_option("jena-mitte")
    page.get_by_label("Ihre Nachricht").fill("Gibt es im Frühjahr noch einen Platz?")


def test_send_the_contact_form_and_see_the_german_confirmation(page, axe, group):
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Kontakt"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Schreiben Sie uns eine Nachricht"
    )
    axe(page)

    fill_contact_form(page)
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Nachricht"
    )
    expect(page.get_by_text("Ihre Nachricht wurde gesendet.")).to_be_visible()
    axe(page)
    inquiry = Inquiry.objects.get()
    assert inquiry.group == group
    assert inquiry.email == "clara@praxis.example"


def test_incomplete_contact_form_keeps_everything_typed(page, axe, group):
    page.goto("/kontakt/")
    fill_contact_form(page)
    page.get_by_role("button", name="Nachricht senden").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Eingaben")
    expect(summary).to_contain_text("Bitte stimmen Sie den Datenschutzhinweisen zu")
    expect(page.get_by_label("Ihr Name")).to_have_value("Dr. Clara Beispiel")
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_value(
        "clara@praxis.example"
    )
    expect(page.get_by_label("Beruf")).to_have_value("physician")
    expect(page.get_by_label("Gruppe (optional)")).to_have_value("jena-mitte")
    expect(page.get_by_label("Ihre Nachricht")).to_have_value(
        "Gibt es im Frühjahr noch einen Platz?"
    )
    axe(page)
    assert not Inquiry.objects.exists()


def log_in_with_cookie(page, live_server, user):
    """Log in without the log-in form, which belongs to the accounts pages."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_secretariat_answers_an_inquiry_from_today_page(page, axe, live_server, group):
    InquiryFactory(name="Clara Beispiel", group=group)
    log_in_with_cookie(page, live_server, UserFactory(is_secretariat=True))

    page.goto("/sekretariat/heute/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Heute im Sekretariat")
    expect(page.get_by_text("1 neue Anfrage")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Zum Posteingang").click()
    page.get_by_role(
        "button", name=re.compile(r"Als beantwortet markieren\W+Clara Beispiel")
    ).click()
    expect(
        page.get_by_text("Die Anfrage von Clara Beispiel ist als beantwortet markiert.")
    ).to_be_visible()
    axe(page)
    assert Inquiry.objects.get().status == Inquiry.Status.ANSWERED


def test_secretariat_replies_with_a_text_block(page, axe, live_server, group):
    from balintkreis.groups.tests.factories import FeeTierFactory
    from balintkreis.notifications.models import OutboxEmail

    tier = FeeTierFactory(price_per_session="45.00")
    group.fee_schedule = tier.schedule
    group.save()
    InquiryFactory(name="Clara Beispiel", group=group)
    log_in_with_cookie(page, live_server, UserFactory(is_secretariat=True))

    page.goto("/sekretariat/anfragen/")
    page.get_by_role("link", name=re.compile(r"^Antworten\W+an Clara Beispiel")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anfrage von Clara Beispiel"
    )
    axe(page)

    page.get_by_label("Ihre Antwort").fill("vielen Dank für Ihre Nachricht.")
    page.get_by_role("button", name="Aktuelle Gebühr einfügen").click()
    reply = page.get_by_label("Ihre Antwort")
    expect(reply).to_have_value(re.compile(r"^vielen Dank für Ihre Nachricht\."))
    expect(reply).to_have_value(re.compile(r"45,00 € je Doppelsitzung"))
    page.get_by_role("button", name="Antwort senden").click()

    expect(
        page.get_by_text("Ihre Antwort an Clara Beispiel wurde gesendet.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Verlauf")).to_be_visible()
    axe(page)
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.ANSWERED
    assert OutboxEmail.objects.filter(key__contains=".reply.").count() == 1


def test_visitor_asks_for_fee_and_places_of_a_group_on_request(page, axe, group):
    group.fee_and_places_on_request = True
    group.save()

    page.goto("/gruppen/")
    expect(page.get_by_text("freie Plätze auf Anfrage")).to_be_visible()
    axe(page)
    page.get_by_role(
        "link", name=re.compile("Kosten und freie Plätze erfragen")
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Schreiben Sie uns eine Nachricht"
    )
    expect(page.get_by_label("Gruppe (optional)")).to_have_value("jena-mitte")
    expect(page.get_by_label("Ihre Nachricht")).to_have_value(
        re.compile("Gebühr und die freien Plätze der Gruppe „Balintgruppe Jena Mitte“")
    )
    axe(page)
