from decimal import Decimal

import pytest

from balintkreis.payments import camt
from balintkreis.payments.matching import (
    InvoiceDue,
    Matched,
    Reason,
    ToReview,
    match,
    match_entry,
)
from balintkreis.payments.tests.camt_builder import Entry, Tx, statement, transfer

A = InvoiceDue(pk=1, number="2026-0042", outstanding=Decimal("120.00"))
B = InvoiceDue(pk=2, number="2026-0043", outstanding=Decimal("80.00"))
PAID = InvoiceDue(pk=3, number="2026-0044", outstanding=Decimal("0"))
CANCELLED = InvoiceDue(
    pk=4, number="2026-0045", outstanding=Decimal("60.00"), is_cancelled=True
)
INVOICES = [A, B, PAID, CANCELLED]


def entries(*built: Entry):
    return camt.parse(statement(list(built))).entries


def decide(amount: str, remittance: str, **kwargs):
    [entry] = entries(transfer(amount, remittance, **kwargs))
    return match_entry(entry, INVOICES)


@pytest.mark.parametrize(
    "remittance",
    [
        "Rechnung 2026-0042",
        "RECHNUNGSNR. 2026 0042 Balint",
        "Re.-Nr.2026/0042",
        "2026-0042",
        "Rg 20260042 Herbst",
    ],
)
def test_a_transfer_naming_the_number_with_the_exact_amount_matches(remittance):
    decision = decide("120.00", remittance)
    assert isinstance(decision, Matched)
    [allocation] = decision.allocations
    assert allocation.invoice == A
    assert allocation.amount == Decimal("120.00")


def test_the_end_to_end_id_of_a_direct_debit_matches_too():
    decision = decide("120.00", "Balintgruppe Herbst", end_to_end="2026-0042")
    assert isinstance(decision, Matched)


def test_a_longer_number_does_not_match_a_shorter_one():
    decision = decide("120.00", "Rechnung 2026-00421")
    assert isinstance(decision, ToReview)
    assert decision.reason == Reason.UNKNOWN_NUMBER


@pytest.mark.parametrize(
    ("amount", "remittance", "reason"),
    [
        ("100.00", "2026-0042", Reason.PARTIAL),
        ("150.00", "2026-0042", Reason.OVERPAID),
        ("10.00", "2026-0044", Reason.ALREADY_PAID),
        ("60.00", "2026-0045", Reason.CANCELLED),
        ("120.00", "Rechnung 2025-0999", Reason.UNKNOWN_NUMBER),
        ("120.00", "Balintgruppe Herbst", Reason.NO_NUMBER),
        ("199.00", "2026-0042 und 2026-0043", Reason.SEVERAL),
    ],
)
def test_what_does_not_match_exactly_goes_to_review(amount, remittance, reason):
    decision = decide(amount, remittance)
    assert isinstance(decision, ToReview)
    assert decision.reason == reason


def test_two_numbers_with_their_open_sum_match_both():
    decision = decide("200.00", "RE 2026-0042, 2026-0043")
    assert isinstance(decision, Matched)
    assert [(a.invoice.pk, a.amount) for a in decision.allocations] == [
        (1, Decimal("120.00")),
        (2, Decimal("80.00")),
    ]


def test_without_a_number_invoices_of_the_same_amount_are_offered():
    decision = decide("80.00", "Mitgliedsbeitrag")
    assert isinstance(decision, ToReview)
    assert decision.candidates == [B]


def test_a_partial_payment_offers_the_named_invoice():
    decision = decide("100.00", "2026-0042")
    assert decision.candidates == [A]


def test_another_currency_is_reviewed():
    [entry] = entries(transfer("120.00", "2026-0042"))
    entry = camt.BookingEntry(**{**entry.__dict__, "currency": "CHF"})
    assert match_entry(entry, INVOICES).reason == Reason.CURRENCY


def test_debits_are_skipped_unless_a_returned_direct_debit_names_an_invoice():
    result = match(
        entries(
            Entry(
                amount="9.90", credit=False, transactions=[Tx("9.90", "Kontoführung")]
            ),
            Entry(
                amount="120.00",
                credit=False,
                transactions=[Tx("120.00", "RUECKLASTSCHRIFT", end_to_end="2026-0042")],
            ),
        ),
        INVOICES,
    )
    assert [e.remittance for e in result.skipped] == ["Kontoführung"]
    [review] = result.review
    assert review.reason == Reason.RETURNED_DEBIT
    assert review.candidates == [A]


def test_a_sample_statement_is_sorted_into_matched_review_and_skipped():
    result = match(
        entries(
            transfer("120.00", "Rechnung 2026-0042"),
            transfer("120.00", "Rechnung 2026-0042 nochmal"),  # paid twice
            Entry(
                amount="80.00",
                transactions=[Tx("80.00", "Sammler", end_to_end="2026-0043")],
            ),
            transfer("45.00", "Spende"),
            Entry(amount="3.50", credit=False, transactions=[Tx("3.50", "Gebühr")]),
        ),
        INVOICES,
    )
    assert [m.allocations[0].invoice.number for m in result.matched] == [
        "2026-0042",
        "2026-0043",
    ]
    assert [(r.reason, r.entry.amount) for r in result.review] == [
        (Reason.ALREADY_PAID, Decimal("120.00")),
        (Reason.NO_NUMBER, Decimal("45.00")),
    ]
    assert len(result.skipped) == 1
