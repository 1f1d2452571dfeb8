import datetime
from decimal import Decimal

import pytest

from balintkreis.billing.models import Invoice
from balintkreis.payments import camt, statements, status
from balintkreis.payments.models import Payment, StatementEntry
from balintkreis.payments.tests.camt_builder import Entry, Tx, statement, transfer
from balintkreis.payments.tests.factories import invoice


@pytest.fixture
def two_invoices(member, participant):
    return invoice(member, "120.00"), invoice(participant, "80.00")


def test_a_sample_statement_books_matches_and_keeps_the_rest_for_review(
    secretariat, two_invoices
):
    first, second = two_invoices
    data = statement(
        [
            transfer("120.00", f"Rechnung {first.number} Moritz Mitglied"),
            transfer("50.00", f"RE {second.number} Teilzahlung"),
            transfer("45.00", "Spende Balintarbeit"),
            Entry(amount="4.90", credit=False, transactions=[Tx("4.90", "Entgelt")]),
        ]
    )
    result = statements.import_statement(data, by=secretariat, file_name="k.xml")
    assert (result.matched, result.review, result.skipped) == (1, 2, 1)
    payment = Payment.objects.get()
    assert payment.invoice == first
    assert payment.amount == Decimal("120.00")
    assert payment.method == Payment.Method.TRANSFER
    assert payment.paid_on == datetime.date(2026, 11, 30)
    review = list(StatementEntry.objects.to_review().order_by("amount"))
    assert [(e.amount, e.reason) for e in review] == [
        (Decimal("45.00"), "no_number"),
        (Decimal("50.00"), "partial"),
    ]
    assert review[1].candidates == [second.pk]
    assert review[1].counterparty_name == "Moritz Mitglied"


def test_importing_the_same_statement_twice_books_nothing_twice(
    secretariat, two_invoices
):
    first, _second = two_invoices
    data = statement([transfer("120.00", first.number)])
    statements.import_statement(data, by=secretariat, file_name="a.xml")
    again = statements.import_statement(data, by=secretariat, file_name="a.xml")
    assert (again.matched, again.known) == (0, 1)
    assert Payment.objects.count() == 1


def test_a_reviewed_partial_payment_is_assigned_and_the_rest_stays_open(
    secretariat, two_invoices
):
    _first, second = two_invoices
    data = statement([transfer("50.00", second.number)])
    statements.import_statement(data, by=secretariat, file_name="a.xml")
    entry = StatementEntry.objects.to_review().get()
    statements.assign(entry, second, by=secretariat)
    entry.refresh_from_db()
    assert entry.state == StatementEntry.State.ASSIGNED
    assert entry.decided_by == secretariat
    annotated = status.with_payments(Invoice.objects.filter(pk=second.pk)).get()
    assert status.outstanding(annotated) == Decimal("30.00")
    with pytest.raises(statements.ReviewError):
        statements.assign(entry, second, by=secretariat)


def test_an_ignored_entry_leaves_the_review_list(secretariat, two_invoices):
    statements.import_statement(
        statement([transfer("45.00", "Spende")]), by=secretariat, file_name="a.xml"
    )
    entry = StatementEntry.objects.to_review().get()
    statements.ignore(entry, by=secretariat)
    assert not StatementEntry.objects.to_review().exists()
    assert not Payment.objects.exists()


def test_a_returned_direct_debit_books_the_amount_back(secretariat, two_invoices):
    first, _second = two_invoices
    data = statement(
        [
            Entry(
                amount="120.00",
                transactions=[Tx("120.00", "Lastschrift", end_to_end=first.number)],
            ),
            Entry(
                amount="123.00",
                credit=False,
                booked_on="2026-12-01",
                transactions=[
                    Tx("123.00", "RUECKLASTSCHRIFT", end_to_end=first.number)
                ],
            ),
        ]
    )
    statements.import_statement(data, by=secretariat, file_name="a.xml")
    assert Payment.objects.get().method == Payment.Method.DIRECT_DEBIT
    entry = StatementEntry.objects.to_review().get()
    assert entry.reason == "returned_debit"
    statements.assign(entry, first, by=secretariat, amount=Decimal("120.00"))
    annotated = status.with_payments(Invoice.objects.filter(pk=first.pk)).get()
    assert annotated.paid == 0


def test_only_the_secretariat_imports(member):
    with pytest.raises(statements.ReviewError):
        statements.import_statement(
            statement([transfer("1.00", "x")]), by=member, file_name="a.xml"
        )


def test_an_unreadable_file_imports_nothing(secretariat):
    with pytest.raises(camt.StatementError):
        statements.import_statement(b"<x/>", by=secretariat, file_name="a.xml")
    assert not StatementEntry.objects.exists()
