"""A leader's session ends after the idle time, "Angemeldet bleiben" or not,
and the log-in page says why (issue 11 item 5)."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import LeaderFactory


@pytest.mark.django_db(transaction=True)
def test_idle_leader_is_logged_out_with_a_reason(page, axe, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30  # lifted for the rest of the suite
    settings.STAFF_SESSION_MAX_HOURS = 12
    leader = LeaderFactory(first_name="Lena")
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").first.fill(leader.email)
    page.get_by_label("Passwort").first.fill("geheim-genug-123")
    page.get_by_label("Angemeldet bleiben").check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")
    later = timezone.now() + datetime.timedelta(minutes=31)
    with time_machine.travel(later, tick=True):
        page.goto("/mein-bereich/")
        expect(page.get_by_text("aus Sicherheitsgründen abgemeldet")).to_be_visible()
        expect(page.get_by_label("Passwort").first).to_be_visible()
        axe(page)
