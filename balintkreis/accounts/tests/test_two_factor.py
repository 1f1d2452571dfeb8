"""Two-factor log-in (issue 7): required for secretariat and leaders."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.models import User

PASSWORD = "geheim-genug-123"
ACTIVATE = reverse("mfa_activate_totp")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def log_in(client: Client, user: User):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )


def reauthenticate(client: Client) -> None:
    """allauth asks for the password again before MFA changes."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("persona", ["leader", "secretariat"])
def test_staff_without_totp_is_sent_to_activation_everywhere(db, request, persona):
    user = request.getfixturevalue(persona)
    client = Client()
    log_in(client, user)
    for url in [reverse("accounts:dashboard"), reverse("accounts:profile"), "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE
    reauthenticate(client)
    response = client.get(ACTIVATE)
    assertContains(response, "Authenticator-App einrichten")
    assertContains(response, "Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein")


def test_pages_needed_for_the_set_up_stay_open(leader):
    client = Client()
    log_in(client, leader)
    response = client.get(ACTIVATE)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    page = client.get(response["Location"])
    assertContains(page, "<h1>Zugriff bestätigen</h1>", html=True)
    for name in ["mfa_index", "account_email"]:
        assert client.get(reverse(name)).status_code == 200, name
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_activating_totp_releases_the_session(leader):
    client = Client()
    log_in(client, leader)
    reauthenticate(client)
    page = client.get(ACTIVATE)
    secret = page.context["form"].secret
    response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=leader, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_leader_with_totp_logs_in_with_code_and_gets_through(leader):
    secret = generate_totp_secret()
    TOTP.activate(leader, secret)
    client = Client()
    response = log_in(client, leader)
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assertContains(page, "<h1>Code eingeben</h1>", html=True)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assertContains(response, "Falscher Code")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_participant_is_never_forced(participant):
    client = Client()
    response = log_in(client, participant)
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_setting_off_makes_it_optional_for_staff(leader, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client = Client()
    log_in(client, leader)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_staff_cannot_switch_totp_off_while_required(leader):
    secret = generate_totp_secret()
    TOTP.activate(leader, secret)
    client = Client()
    log_in(client, leader)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assertContains(response, "nicht deaktivieren")
    assert Authenticator.objects.filter(user=leader).exists()


def test_participant_may_switch_totp_on_and_off(participant):
    client = Client()
    log_in(client, participant)
    reauthenticate(client)
    page = client.get(ACTIVATE)
    assertContains(page, "<h1>Authenticator-App einrichten</h1>", html=True)
    secret = page.context["form"].secret
    client.post(ACTIVATE, {"code": current_code(secret)})
    assert Authenticator.objects.filter(
        user=participant, type=Authenticator.Type.TOTP
    ).exists()
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assertContains(codes, "<h1>Wiederherstellungscodes</h1>", html=True)
    page = client.get(reverse("mfa_deactivate_totp"))
    assertContains(page, "<h1>Authenticator-App ausschalten</h1>", html=True)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(
        user=participant, type=Authenticator.Type.TOTP
    ).exists()


def test_admin_log_in_goes_through_allauth(client, db):
    response = client.get("/verwaltung/login/?next=/verwaltung/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
