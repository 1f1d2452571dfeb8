"""The secretariat's billing journey by clicking (issue 18): from the home to
"Rechnungen für das Halbjahr erstellen", preview, issue, then cancel one
invoice. One log-in by cookie, then clicks only; axe on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.billing.models import Invoice, ServiceKind
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    IssuerFactory,
    TaxRuleFactory,
)
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeTierFactory,
    MembershipFactory,
)
from tests.browser.test_contact import log_in_with_cookie


@pytest.fixture
def term(transactional_db):
    TaxRuleFactory(issuer=IssuerFactory(), kind=ServiceKind.GROUP_FEE)
    group = BalintGroupFactory(
        title="Balintgruppe Jena Nord",
        fee_schedule=FeeTierFactory(price_per_session="40.00").schedule,
        term_started_on=datetime.date(2026, 1, 1),
    )
    for last_name in ("Adler", "Berger"):
        membership = MembershipFactory(
            group=group,
            user=UserFactory(last_name=last_name),
            started_on=datetime.date(2025, 9, 1),
        )
        BillingAddressFactory(user=membership.user)
    return group


def test_secretariat_issues_the_term_and_cancels_one(page, axe, live_server, term):
    log_in_with_cookie(page, live_server, UserFactory(is_secretariat=True))
    page.goto("/mein-bereich/")  # the secretariat's home; clicks from here on

    page.get_by_role("link", name="Rechnungen für das Halbjahr erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rechnungen für das Halbjahr erstellen"
    )
    axe(page)
    page.get_by_role(
        "link", name="Vorschau der Rechnungen für Balintgruppe Jena Nord"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rechnungen für Balintgruppe Jena Nord"
    )
    expect(page.get_by_text("800,00 € netto")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Ausgewählte Rechnungen ausstellen").click()
    expect(page.get_by_text("2 Rechnungen wurden ausgestellt.")).to_be_visible()
    assert Invoice.objects.count() == 2

    page.get_by_role("link", name="Alle Rechnungen").click()
    axe(page)
    page.get_by_role("link", name="2026-00001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechnung 2026-00001")
    axe(page)
    page.get_by_label("Grund").fill("Doppelt berechnet.")
    page.get_by_role("button", name="Nur stornieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stornorechnung 2026-00003"
    )
    axe(page)
