"""Invoices outlive account deletion and the daily retention job for the
legal period (§ 147 AO, § 14b UStG); the rest of billing data is erased."""

import datetime

import pytest
import time_machine
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory

from balintkreis.accounts.personal_data import is_pseudonym
from balintkreis.billing import invoices
from balintkreis.billing.admin import InvoiceAdmin
from balintkreis.billing.models import BillingAddress, FeeAgreement, Invoice
from balintkreis.billing.tests.conftest import END, START, TERM
from balintkreis.billing.tests.factories import FeeAgreementFactory
from balintkreis.core import personal_data

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def invoice(billed_membership, secretariat):
    FeeAgreementFactory(membership=billed_membership)
    return invoices.issue_for_membership(
        billed_membership, term_from=TERM, by=secretariat, issued_on=DAY
    )


def test_export_lists_address_agreement_and_invoices(invoice):
    data = personal_data.export(invoice.recipient)["billing"]
    assert data["billing_address"]["city"] == "Jena"
    assert data["fee_agreements"][0]["kind"] == "ermäßigter Satz"
    assert data["invoices"][0]["number"] == invoice.number


def test_account_deletion_keeps_the_invoice_as_issued(invoice):
    person = invoice.recipient
    snapshot = (invoice.recipient_name, invoice.recipient_address, invoice.gross)

    personal_data.erase(person)

    kept = Invoice.objects.get(pk=invoice.pk)
    assert (kept.recipient_name, kept.recipient_address, kept.gross) == snapshot
    assert kept.lines.exists()
    person.refresh_from_db()
    assert is_pseudonym(person)
    assert not BillingAddress.objects.exists()
    assert not FeeAgreement.objects.exists()


def test_retention_keeps_invoices_ten_years_after_the_year_of_issue(
    invoice, secretariat
):
    invoices.cancel_invoice(invoice, by=secretariat)
    with time_machine.travel(datetime.datetime(2036, 12, 31, 12, tzinfo=datetime.UTC)):
        personal_data.purge_expired()
    assert Invoice.objects.count() == 2
    with time_machine.travel(datetime.datetime(2037, 1, 2, 12, tzinfo=datetime.UTC)):
        counts = personal_data.purge_expired()
    assert counts["billing"] == 2
    assert not Invoice.objects.exists()


def test_admin_shows_invoices_read_only(invoice, secretariat):
    request = RequestFactory().get("/")
    request.user = secretariat
    admin = InvoiceAdmin(Invoice, admin_site)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, invoice)
    assert not admin.has_delete_permission(request, invoice)


def test_mentee_deletion_keeps_the_supervision_invoice(supervision, secretariat):
    invoice = invoices.issue_for_supervision(
        supervision, period_from=START, period_until=END, by=secretariat
    )
    personal_data.erase(supervision.mentee)
    kept = Invoice.objects.get(pk=invoice.pk)
    assert kept.recipient_name == invoice.recipient_name
    assert kept.gross == invoice.gross


def test_secretariat_sets_up_the_issuer_in_the_administration(secretariat_client):
    response = secretariat_client.get("/verwaltung/billing/issuer/add/")
    assert response.status_code == 200
    assert "Steuerregeln" in response.text
    invoice_list = secretariat_client.get("/verwaltung/billing/invoice/")
    assert invoice_list.status_code == 200


def test_invoice_reads_in_german_in_the_administration(secretariat_client, invoice):
    page = secretariat_client.get(f"/verwaltung/billing/invoice/{invoice.pk}/change/")
    assert page.status_code == 200
    assert "Rechnungsnummer" in page.text
    assert "Speichern" not in page.text
