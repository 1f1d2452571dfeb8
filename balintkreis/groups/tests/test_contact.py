import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from balintkreis.groups.models import BalintGroup, Inquiry
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.notifications.models import OutboxEmail

URL = reverse("groups:contact")


def valid_data(**overrides):
    data = {
        "name": "Dr. Clara Beispiel",
        "email": "clara@praxis.example",
        "profession": "physician",
        "group": "",
        "message": "Gibt es im Frühjahr noch einen Platz?",
        "consent": "on",
        "website": "",
    }
    return data | overrides


@pytest.mark.django_db
def test_contact_form_is_german_and_prefills_the_group(client):
    group = BalintGroupFactory(slug="jena-mitte", title="Balintgruppe Jena Mitte")

    response = client.get(URL, {"gruppe": "jena-mitte"})

    assert response.status_code == 200
    assertContains(response, "<h1>Schreiben Sie uns eine Nachricht</h1>", html=True)
    assertContains(
        response,
        f'<option value="{group.slug}" selected>Balintgruppe Jena Mitte</option>',
        html=True,
    )


@pytest.mark.django_db
def test_contact_form_prefills_name_and_email_of_a_logged_in_person(
    participant_client, participant
):
    response = participant_client.get(URL)

    assert response.context["form"].initial["email"] == participant.email


@pytest.mark.django_db
def test_closed_groups_cannot_be_chosen(client):
    BalintGroupFactory(slug="alt", status=BalintGroup.Status.CLOSED)

    response = client.post(URL, valid_data(group="alt"))

    assert response.status_code == 422
    assert not Inquiry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sending_stores_the_inquiry_and_mails_secretariat_and_sender(client, settings):
    settings.SECRETARIAT_EMAIL = "sekretariat@institut.example"
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    group = BalintGroupFactory(slug="jena-mitte", title="Balintgruppe Jena Mitte")

    response = client.post(URL, valid_data(group="jena-mitte"), follow=True)

    assertRedirects(response, reverse("groups:contact-thanks"))
    assertContains(response, "Vielen Dank für Ihre Nachricht")
    assertContains(response, "Ihre Nachricht wurde gesendet.")
    inquiry = Inquiry.objects.get()
    assert inquiry.group == group
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.consent_version == "2026-11"
    assert inquiry.profession == "physician"
    sent = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    to_secretariat = sent["sekretariat@institut.example"]
    to_sender = sent["clara@praxis.example"]
    assert to_secretariat.reply_to == ["clara@praxis.example"]
    assert "Neue Nachricht von Dr. Clara Beispiel" in to_secretariat.subject
    assert "Gibt es im Frühjahr noch einen Platz?" in to_secretariat.body
    assert to_sender.subject.endswith("Wir haben Ihre Nachricht erhalten")
    assert "Balintgruppe Jena Mitte" in to_sender.body
    # The confirmation never repeats what the sender typed (no spam relay).
    assert "Gibt es im Frühjahr" not in to_sender.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Bitte geben Sie Ihren Namen an."),
        (
            "email",
            "clara-at-praxis",
            "Bitte geben Sie eine vollständige E-Mail-Adresse ein",
        ),
        ("profession", "", "Bitte wählen Sie Ihren Beruf."),
        ("message", "", "Bitte schreiben Sie Ihre Nachricht."),
        ("consent", "", "Bitte stimmen Sie den Datenschutzhinweisen zu"),
    ],
)
def test_incomplete_form_is_422_with_german_error_and_keeps_input(
    client, field, value, error
):
    data = valid_data(**{field: value})
    if not value:
        data.pop(field)

    response = client.post(URL, data)

    assert response.status_code == 422
    assertContains(response, error, status_code=422)
    assertContains(response, "Bitte prüfen Sie Ihre Eingaben", status_code=422)
    if field != "message":
        assertContains(
            response, "Gibt es im Frühjahr noch einen Platz?", status_code=422
        )
    if field != "name":
        assertContains(response, 'value="Dr. Clara Beispiel"', status_code=422)
    assert not Inquiry.objects.exists()
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db
def test_filled_honeypot_is_refused(client):
    response = client.post(URL, valid_data(website="http://spam.example"))

    assert response.status_code == 422
    assertContains(
        response, "Ihre Nachricht konnte nicht gesendet werden.", status_code=422
    )
    assert not Inquiry.objects.exists()


@pytest.mark.django_db
def test_rate_limit_stops_a_flood_with_a_german_message(client, settings):
    settings.CONTACT_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client.post(URL, valid_data()).status_code == 302

    response = client.post(URL, valid_data())

    assert response.status_code == 429
    assertContains(
        response,
        "Sie haben in kurzer Zeit mehrere Nachrichten gesendet",
        status_code=429,
    )
    assertContains(response, "Gibt es im Frühjahr noch einen Platz?", status_code=429)
    assert Inquiry.objects.count() == 2


@pytest.mark.django_db
def test_thanks_page_is_german(client):
    response = client.get(reverse("groups:contact-thanks"))

    assertContains(response, "Vielen Dank für Ihre Nachricht")


@pytest.mark.django_db
def test_message_naming_a_patient_asks_for_confirmation(client):
    data = valid_data(message="Frau Müller, geb. 03.04.1961, macht mir Sorgen.")

    response = client.post(URL, data)

    assert response.status_code == 422
    assertContains(response, "Ihre Nachricht könnte eine Patientin", status_code=422)
    assertContains(
        response, "Meine Nachricht enthält keine Patientendaten", status_code=422
    )
    assert not Inquiry.objects.exists()

    response = client.post(URL, data | {"confirm_no_patient_data": "on"})

    assert response.status_code == 302
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_ordinary_message_needs_no_confirmation(client):
    response = client.get(URL)

    assertNotContains(response, "keine Patientendaten</label>")
