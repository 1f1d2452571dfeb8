"""Sign-up, e-mail confirmation, log-in, profile with EFN and two-factor set-up."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from balintkreis.accounts.models import Consent, User
from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory

PASSWORD = "Balint-Gruppe-2026!"


def h1(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.django_db(transaction=True)
def test_sign_up_confirm_log_in_and_set_efn(page, axe, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    page.goto("/konto/signup/")
    expect(h1(page)).to_have_text("Konto anlegen")
    axe(page)
    page.locator("#id_first_name").fill("Frieda")
    page.locator("#id_last_name").fill("Neumann")
    page.locator("#id_email").fill("frieda@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_accept_privacy").check()
    page.get_by_role("button", name="Registrieren").click()
    expect(h1(page)).to_have_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    axe(page)

    user = User.objects.get(email="frieda@example.org")
    assert Consent.objects.get(user=user).version == "2026-11"
    assert len(mail.outbox) == 1
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in mail.outbox[0].subject
    link = re.search(r"http://\S+/konto/confirm-email/\S+/", mail.outbox[0].body)
    page.goto(link.group(0))
    expect(h1(page)).to_have_text("E-Mail-Adresse bestätigen")
    axe(page)
    page.get_by_role("button", name="Bestätigen").click()

    # Confirmed in the browser that signed up: logged in at once.
    expect(h1(page)).to_have_text("Meine Übersicht")
    expect(page.get_by_text("EFN fehlt")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Mein Profil bearbeiten").click()
    expect(h1(page)).to_have_text("Mein Profil")
    axe(page)
    # A barcode scanner types the digits and Enter: the form is not sent yet.
    efn = page.locator("#id_efn")
    efn.click()
    page.keyboard.type("802760020090320\n")
    expect(page.locator("#id_phone")).to_be_focused()
    expect(h1(page)).to_have_text("Mein Profil")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_efn_error")).to_contain_text("Prüfziffer stimmt nicht")
    expect(efn).to_have_value("802760020090320")
    axe(page)

    efn.fill("80276 00200 90329")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ihr Profil wurde gespeichert.")).to_be_visible()
    expect(efn).to_have_value("802760020090329")
    page.get_by_role("link", name="Zurück zu meiner Übersicht").click()
    expect(page.get_by_text("80276•••••••329")).to_be_visible()
    expect(page.get_by_text("802760020090329")).to_have_count(0)
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_login_fixture_works_with_the_log_in_page(page, axe, login):
    login(UserFactory(first_name="Paula"))
    expect(h1(page)).to_have_text("Meine Übersicht")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_leader_sets_up_two_factor_log_in(page, axe, login, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True  # off for the rest of the suite
    leader = LeaderFactory(first_name="Lena")
    login(leader)
    # Required for leaders: every page leads to the set-up, after the password
    # has been confirmed once more.
    expect(h1(page)).to_have_text("Zugriff bestätigen")
    axe(page)
    page.locator("#id_password").fill("geheim-genug-123")
    page.get_by_role("button", name="Bestätigen").click()
    expect(h1(page)).to_have_text("Authenticator-App einrichten")
    axe(page)
    secret = page.locator("code.secret").inner_text().strip()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Aktivieren").click()
    expect(h1(page)).to_have_text("Wiederherstellungscodes")
    axe(page)
    page.goto("/mein-bereich/")
    expect(h1(page)).to_have_text("Meine Übersicht")
    page.goto("/konto/2fa/")
    expect(h1(page)).to_have_text("Zwei-Faktor-Anmeldung")
    axe(page)
