"""Inquiries answered in the app: reply form, text blocks, thread, outbox."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.groups import inquiries
from balintkreis.groups.models import Inquiry
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    EntryDateFactory,
    FeeTierFactory,
    InquiryFactory,
    MembershipFactory,
)
from balintkreis.notifications.models import OutboxEmail


def detail_url(inquiry):
    return reverse("groups:inquiry-detail", args=[inquiry.pk])


def reply_url(inquiry):
    return reverse("groups:inquiry-reply", args=[inquiry.pk])


@pytest.fixture
def priced_group(db):
    tier = FeeTierFactory(min_size=8, max_size=12, price_per_session="45.00")
    group = BalintGroupFactory(
        title="Balintgruppe Jena Mitte", capacity=10, fee_schedule=tier.schedule
    )
    MembershipFactory.create_batch(3, group=group)
    EntryDateFactory(group=group, starts_on=datetime.date(2099, 3, 4))
    return group


@pytest.mark.django_db
def test_the_inbox_leads_to_the_reply_form(secretariat_client, priced_group):
    inquiry = InquiryFactory(name="Clara Anfrage", group=priced_group)

    inbox = secretariat_client.get(reverse("groups:inquiry-list"))
    assertContains(inbox, detail_url(inquiry))

    page = secretariat_client.get(detail_url(inquiry))
    assert page.status_code == 200
    assertContains(page, "Anfrage von Clara Anfrage")
    assertContains(page, "Gibt es noch freie Plätze?")
    assertContains(page, "Aktuelle Gebühr einfügen")
    assertContains(page, "Antwort senden")


@pytest.mark.django_db
def test_inserting_a_text_block_keeps_what_was_typed(secretariat_client, priced_group):
    inquiry = InquiryFactory(group=priced_group)
    data = {"body": "vielen Dank für Ihre Nachricht.", "group": priced_group.slug}

    page = secretariat_client.post(reply_url(inquiry), {**data, "insert": "fee"})
    assert page.status_code == 200
    body = page.context["form"].initial["body"]
    assert body.startswith("vielen Dank für Ihre Nachricht.\n\n")
    assert "45,00 € je Doppelsitzung" in body
    assert "450,00 € je Halbjahr (10 Doppelsitzungen)" in body

    page = secretariat_client.post(
        reply_url(inquiry),
        {"body": body, "group": priced_group.slug, "insert": "places"},
    )
    body = page.context["form"].initial["body"]
    assert "In der Gruppe „Balintgruppe Jena Mitte“ sind derzeit 7 von 10" in body

    page = secretariat_client.post(
        reply_url(inquiry),
        {"body": body, "group": priced_group.slug, "insert": "entry_dates"},
    )
    body = page.context["form"].initial["body"]
    assert "4. März 2099" in body
    assert "vielen Dank für Ihre Nachricht." in body
    assert not OutboxEmail.objects.filter(key__contains=".reply.").exists()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


@pytest.mark.django_db
def test_a_block_without_a_group_asks_for_one_and_keeps_the_text(secretariat_client):
    inquiry = InquiryFactory(group=None)

    page = secretariat_client.post(
        reply_url(inquiry), {"body": "Mein angefangener Text", "insert": "fee"}
    )

    assert page.status_code == 422
    assertContains(page, "Bitte wählen Sie die Gruppe", status_code=422)
    assertContains(page, "Mein angefangener Text", status_code=422)


@pytest.mark.django_db
def test_an_empty_reply_is_refused_in_german(secretariat_client):
    inquiry = InquiryFactory()

    page = secretariat_client.post(reply_url(inquiry), {"body": "   "})

    assert page.status_code == 422
    assertContains(page, "Bitte schreiben Sie eine Antwort", status_code=422)
    assert not inquiry.replies.exists()


@pytest.mark.django_db
def test_a_too_long_reply_keeps_the_text(secretariat_client):
    inquiry = InquiryFactory()
    text = "Langer Text " * 1000

    page = secretariat_client.post(reply_url(inquiry), {"body": text})

    assert page.status_code == 422
    assertContains(page, "Langer Text Langer Text", status_code=422)


@pytest.mark.django_db
def test_sending_mails_the_reply_keeps_the_thread_and_sets_answered(
    secretariat_client, secretariat, priced_group, django_capture_on_commit_callbacks
):
    inquiry = InquiryFactory(name="Clara Anfrage", group=priced_group)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reply_url(inquiry), {"body": "gern beraten wir Sie.", "group": ""}
        )

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED
    assert inquiry.answered_at is not None
    reply = inquiry.replies.get()
    assert reply.author == secretariat
    mail = OutboxEmail.objects.get(key=f"groups.inquiry.{inquiry.pk}.reply.{reply.pk}")
    assert mail.to == inquiry.email
    assert mail.subject == "Ihre Anfrage zu „Balintgruppe Jena Mitte“"
    assert mail.body_text.startswith(
        "Guten Tag Clara Anfrage,\n\ngern beraten wir Sie."
    )
    assert "Ihr Sekretariat" in mail.body_text or "Sekretariat" in mail.body_text

    page = secretariat_client.get(detail_url(inquiry))
    assertContains(page, "Sina Sekretariat antwortete am")
    assertContains(page, "gern beraten wir Sie.")
    assertContains(page, "Weitere Antwort schreiben")
    assertNotContains(page, "ohne Antwort als beantwortet markieren")


@pytest.mark.django_db
def test_a_second_reply_continues_the_thread(secretariat):
    inquiry = InquiryFactory()
    inquiries.reply(inquiry, by=secretariat, body="Erste Antwort")
    inquiry.refresh_from_db()
    answered_at = inquiry.answered_at

    inquiries.reply(inquiry, by=secretariat, body="Zweite Antwort")

    inquiry.refresh_from_db()
    assert inquiry.answered_at == answered_at
    assert [r.body for r in inquiry.replies.all()] == [
        "Erste Antwort",
        "Zweite Antwort",
    ]
    assert OutboxEmail.objects.filter(key__contains=".reply.").count() == 2


@pytest.mark.django_db
def test_an_english_inquiry_gets_an_english_reply(secretariat, priced_group):
    inquiry = InquiryFactory(
        name="Jane Doe", language="en", group=priced_group, created_at=timezone.now()
    )

    reply = inquiries.reply(inquiry, by=secretariat, body="thank you for writing.")

    mail = OutboxEmail.objects.get(key=f"groups.inquiry.{inquiry.pk}.reply.{reply.pk}")
    assert mail.subject == "Your inquiry about “Balintgruppe Jena Mitte”"
    assert mail.body_text.startswith("Dear Jane Doe,")
    assert "The Balintkreis secretariat" in mail.body_text
    assert "per double session" in inquiries.text_block(
        priced_group, "fee", language="en"
    )


@pytest.mark.django_db
def test_text_blocks_without_fee_places_or_dates(db):
    group = BalintGroupFactory(title="Gruppe Gera", capacity=3, min_size=3)
    MembershipFactory.create_batch(3, group=group)

    assert "steht noch nicht fest" in inquiries.text_block(group, "fee")
    assert "voll belegt" in inquiries.text_block(group, "places")
    assert "nach Absprache" in inquiries.text_block(group, "entry_dates")


@pytest.mark.django_db
def test_others_may_not_reply(member_client, leader_client, client):
    inquiry = InquiryFactory()
    for persona in (member_client, leader_client):
        assert persona.get(detail_url(inquiry)).status_code == 403
        assert persona.post(reply_url(inquiry), {"body": "x"}).status_code == 403
    assert client.get(detail_url(inquiry)).status_code == 302
    assert not inquiry.replies.exists()
