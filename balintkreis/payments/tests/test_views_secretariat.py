import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from balintkreis.payments.models import (
    DirectDebitBatch,
    Payment,
    StatementEntry,
)
from balintkreis.payments.tests.camt_builder import statement, transfer
from balintkreis.payments.tests.factories import SepaMandateFactory, invoice

NOW = datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)


@pytest.fixture
def open_invoice(member):
    return invoice(member, "120.00")


@time_machine.travel(NOW)
def test_the_overview_lists_unpaid_invoices_with_status(
    secretariat_client, open_invoice
):
    response = secretariat_client.get(reverse("payments:overview"))
    assertContains(response, open_invoice.number)
    assertContains(response, "überfällig")


def test_a_payment_is_recorded_and_the_invoice_shows_paid(
    secretariat_client, open_invoice
):
    url = reverse("payments:record", args=[open_invoice.pk])
    response = secretariat_client.post(
        url,
        {"paid_on": "2026-11-20", "amount": "120.00", "method": "cash", "note": "bar"},
    )
    assertRedirects(response, url)
    payment = Payment.objects.get()
    assert (payment.amount, payment.method) == (Decimal("120.00"), "cash")
    response = secretariat_client.get(url)
    assertContains(response, "bezahlt")


def test_invalid_payment_input_keeps_what_was_typed(secretariat_client, open_invoice):
    response = secretariat_client.post(
        reverse("payments:record", args=[open_invoice.pk]),
        {"paid_on": "2026-11-20", "amount": "0", "method": "cash", "note": "Notiz-X"},
    )
    assert response.status_code == 422
    assertContains(response, "Notiz-X", status_code=422)
    assert not Payment.objects.exists()


def test_a_member_may_not_record_payments(member_client, open_invoice):
    response = member_client.get(reverse("payments:record", args=[open_invoice.pk]))
    assert response.status_code == 403


def test_upload_match_and_review_a_statement(secretariat_client, open_invoice):
    data = statement(
        [
            transfer("100.00", f"Rechnung {open_invoice.number}"),
            transfer("45.00", "Spende"),
        ]
    )
    response = secretariat_client.post(
        reverse("payments:statement-import"),
        {"file": SimpleUploadedFile("auszug.xml", data, "application/xml")},
    )
    imported = StatementEntry.objects.first().statement
    assertRedirects(response, reverse("payments:statement-detail", args=[imported.pk]))
    response = secretariat_client.get(reverse("payments:review"))
    partial = StatementEntry.objects.get(reason="partial")
    donation = StatementEntry.objects.get(reason="no_number")
    assertContains(response, "Teilzahlung")
    # The suggested invoice is filled in; assigning books the partial payment.
    prefix = f"entry-{partial.pk}"
    response = secretariat_client.post(
        reverse("payments:entry-assign", args=[partial.pk]),
        {f"{prefix}-invoice_number": open_invoice.number, f"{prefix}-amount": ""},
    )
    assertRedirects(response, reverse("payments:review"))
    assert Payment.objects.get().amount == Decimal("100.00")
    response = secretariat_client.post(
        reverse("payments:entry-ignore", args=[donation.pk])
    )
    assertRedirects(response, reverse("payments:review"))
    assert not StatementEntry.objects.to_review().exists()


def test_assigning_to_an_unknown_number_says_so(secretariat_client, open_invoice):
    secretariat_client.post(
        reverse("payments:statement-import"),
        {
            "file": SimpleUploadedFile(
                "a.xml", statement([transfer("5.00", "x")]), "application/xml"
            )
        },
    )
    entry = StatementEntry.objects.get()
    prefix = f"entry-{entry.pk}"
    response = secretariat_client.post(
        reverse("payments:entry-assign", args=[entry.pk]),
        {f"{prefix}-invoice_number": "2099-99999"},
    )
    assertContains(response, "2099-99999", status_code=422)
    assert not Payment.objects.exists()


def test_a_file_that_is_no_statement_is_refused_politely(secretariat_client):
    response = secretariat_client.post(
        reverse("payments:statement-import"),
        {"file": SimpleUploadedFile("a.xml", b"<html/>", "text/html")},
    )
    assertContains(response, "CAMT.053", status_code=422)


@time_machine.travel(NOW)
def test_the_direct_debit_file_is_created_and_downloaded(
    settings, secretariat_client, member, open_invoice
):
    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"
    SepaMandateFactory(user=member)
    url = reverse("payments:direct-debits")
    assertContains(secretariat_client.get(url), open_invoice.number)
    response = secretariat_client.post(
        url, {"collection_on": "2026-12-10", "invoices": [open_invoice.pk]}
    )
    assertRedirects(response, url)
    batch = DirectDebitBatch.objects.get()
    response = secretariat_client.get(
        reverse("payments:batch-download", args=[batch.pk])
    )
    assert response["Content-Type"] == "application/xml"
    assert b"pain.008.001.08" in response.content


@time_machine.travel(NOW)
def test_a_too_early_collection_date_is_refused(
    settings, secretariat_client, member, open_invoice
):
    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"
    SepaMandateFactory(user=member)
    response = secretariat_client.post(
        reverse("payments:direct-debits"),
        {"collection_on": "2026-12-03", "invoices": [open_invoice.pk]},
    )
    assert response.status_code == 422
    assert not DirectDebitBatch.objects.exists()


def test_the_accounting_preview_and_csv(secretariat_client, open_invoice):
    query = {"period_from": "2026-11-01", "period_until": "2026-11-30"}
    assertContains(
        secretariat_client.get(reverse("payments:accounting"), query),
        open_invoice.number,
    )
    response = secretariat_client.get(reverse("payments:accounting-csv"), query)
    assert response["Content-Disposition"] == (
        'attachment; filename="rechnungen-2026-11-01-bis-2026-11-30.csv"'
    )
    assert open_invoice.number.encode() in response.content


def test_a_reversed_period_is_refused(secretariat_client):
    response = secretariat_client.get(
        reverse("payments:accounting"),
        {"period_from": "2026-11-30", "period_until": "2026-11-01"},
    )
    assert response.status_code == 422
