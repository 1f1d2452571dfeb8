"""allauth pages: German, our layout, one h1, site form renderer."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.models import Consent, User
from balintkreis.notifications.models import OutboxEmail


def assert_page(response, h1):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert html.count("<h1") == 1
    assertContains(response, f"<h1>{h1}</h1>", html=True)
    assert "Balintkreis" in html  # our base.html, not allauth's plain layout


@pytest.mark.parametrize(
    ("name", "h1"),
    [
        ("account_login", "Anmelden"),
        ("account_signup", "Konto anlegen"),
        ("account_reset_password", "Passwort zurücksetzen"),
        ("account_reset_password_done", "Bitte sehen Sie in Ihr E-Mail-Postfach"),
        ("account_email_verification_sent", "Bitte bestätigen Sie Ihre E-Mail-Adresse"),
    ],
)
def test_public_pages_are_german(client, db, name, h1):
    assert_page(client.get(reverse(name)), h1)


def test_login_page_has_the_labels_the_browser_tests_use(client, db):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert re.search(r"<label for=\"id_login\">E-Mail", html)
    assert re.search(r"<label for=\"id_password\">Passwort", html)
    assertContains(response, '<button type="submit">Anmelden</button>', html=True)
    assertContains(response, "Passwort vergessen?")


@pytest.mark.parametrize(
    ("name", "h1"),
    [
        ("account_change_password", "Passwort ändern"),
        ("account_logout", "Abmelden"),
        ("account_email", "E-Mail-Adressen"),
        ("mfa_index", "Zwei-Faktor-Anmeldung"),
        ("account_reauthenticate", "Zugriff bestätigen"),
    ],
)
def test_signed_in_pages_are_german(participant, name, h1):
    client = Client()
    client.post(
        reverse("account_login"),
        {"login": participant.email, "password": "geheim-genug-123"},
    )
    assert_page(client.get(reverse(name)), h1)


def test_wrong_password_gives_german_error(participant, client):
    response = client.post(
        reverse("account_login"), {"login": participant.email, "password": "falsch"}
    )
    assertContains(
        response, "Die E-Mail-Adresse und/oder das Passwort sind leider falsch"
    )
    assertContains(response, f'value="{participant.email}"')


def test_unverified_person_is_asked_to_confirm(db, client):
    from balintkreis.accounts.tests.factories import UserFactory

    user = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "geheim-genug-123"},
    )
    assert response["Location"] == reverse("account_email_verification_sent")


SIGNUP = {
    "first_name": "Frieda",
    "last_name": "Neumann",
    "email": "frieda.neumann@example.org",
    "password1": "Balint-Gruppe-2026!",
    "password2": "Balint-Gruppe-2026!",
    "accept_privacy": "on",
}


@pytest.mark.django_db(transaction=True)
def test_sign_up_records_consent_and_sends_verification_through_outbox(settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    client = Client()
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email=SIGNUP["email"])
    assert (user.first_name, user.last_name) == ("Frieda", "Neumann")
    consent = Consent.objects.get(user=user)
    assert consent.kind == Consent.Kind.PRIVACY
    assert consent.version == "2026-11"
    assert consent.given_at is not None
    row = OutboxEmail.objects.get(to=SIGNUP["email"])
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in row.subject
    link = re.search(r"http://\S+/konto/confirm-email/\S+/", row.body_text).group(0)
    confirm_page = client.get(link)
    assert_page(confirm_page, "E-Mail-Adresse bestätigen")
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_without_consent_is_refused_and_keeps_input(client, db):
    data = {**SIGNUP, "accept_privacy": ""}
    response = client.post(reverse("account_signup"), data)
    assertContains(response, "Bitte stimmen Sie den Datenschutzhinweisen zu")
    assertContains(response, 'value="Frieda"')
    assertContains(response, f'value="{SIGNUP["email"]}"')
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert not Consent.objects.exists()


def test_sign_up_fields_are_ordered_names_first(client, db):
    html = client.get(reverse("account_signup")).content.decode()
    positions = [
        html.index(f'id="id_{name}"')
        for name in ["first_name", "last_name", "email", "password1", "accept_privacy"]
    ]
    assert positions == sorted(positions)


def test_confirm_link_that_is_invalid_says_so(client, db):
    response = client.get(reverse("account_confirm_email", args=["kaputt"]))
    assert_page(response, "E-Mail-Adresse bestätigen")
    assertContains(response, "abgelaufen oder ungültig")


def test_password_reset_from_key_page(participant, client):
    uid = user_pk_to_url_str(participant)
    token = default_token_generator.make_token(participant)
    url = reverse("account_reset_password_from_key", args=[uid, token])
    response = client.get(url, follow=True)
    assert_page(response, "Neues Passwort wählen")
    response = client.post(
        response.request["PATH_INFO"],
        {"password1": "Neues-Passwort-2026", "password2": "Neues-Passwort-2026"},
    )
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert_page(done, "Passwort geändert")
    participant.refresh_from_db()
    assert participant.check_password("Neues-Passwort-2026")


def test_bad_reset_key_page(participant, client):
    uid = user_pk_to_url_str(participant)
    url = reverse("account_reset_password_from_key", args=[uid, "falsch-123"])
    assert_page(client.get(url), "Link nicht mehr gültig")


def test_confirmation_hmac_key_page(participant, client):
    address = EmailAddress.objects.get(user=participant)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    response = client.get(reverse("account_confirm_email", args=[key]))
    assertContains(response, participant.email)
