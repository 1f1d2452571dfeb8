"""Form of address, language of e-mails and the meeting reminder on the
profile page (issue 13 item 5)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.test_auth_pages import SIGNUP
from balintkreis.accounts.tests.test_profile import profile_data

URL = reverse("accounts:profile")


def test_the_profile_offers_the_mail_settings_in_german(participant_client):
    page = participant_client.get(URL)

    assertContains(page, "Anrede")
    assertContains(page, "keine Angabe")
    assertContains(page, "Sprache der E-Mails")
    assertContains(page, "E-Mail-Erinnerung vor jeder Sitzung")
    assert "---------" not in page.content.decode()


def test_the_person_sets_salutation_language_and_switches_reminders_off(
    participant, participant_client
):
    data = profile_data(
        form_of_address="ms", title="Dr. med.", language="en", last_name="Neumann"
    )  # meeting_reminders unticked

    response = participant_client.post(URL, data)

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.form_of_address == "ms"
    assert participant.language == "en"
    assert participant.meeting_reminders is False
    assert participant.letter_salutation() == "Sehr geehrte Frau Dr. Neumann,"


def test_a_form_without_the_language_keeps_it(participant, participant_client):
    participant.language = "en"
    participant.save()

    participant_client.post(URL, profile_data(meeting_reminders="on"))

    participant.refresh_from_db()
    assert participant.language == "en"
    assert participant.meeting_reminders is True


@pytest.mark.django_db(transaction=True)
def test_mails_follow_the_language_a_person_registered_in():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post(reverse("account_signup"), SIGNUP)

    assert User.objects.get(email=SIGNUP["email"]).language == "en"
