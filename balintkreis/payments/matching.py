"""Matching the entries of a bank statement to invoices.

Pure functions over simple dataclasses, so the rule is tested without a
database; ``statements.py`` feeds them the invoices and records the result.

An incoming payment (credit) is matched when its purpose text
(Verwendungszweck) or its end-to-end id names an invoice and the amount is
exactly what is still open on it; several invoice numbers in one transfer
match when the amount is their open sum. Everything else goes to the review
list with a reason the secretariat reads: a partial payment, an
overpayment, an invoice that is already paid or cancelled, an invoice number
the platform does not know, no number at all, another currency. The
secretariat then assigns or ignores each one (nothing is guessed).

Outgoing bookings (debits: bank fees, refunds) are not payments of
invoices; they are skipped, except a returned direct debit
(Rücklastschrift) that names an invoice: it goes to the review list.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from balintkreis.payments.camt import BookingEntry

CURRENCY = "EUR"

# How an invoice number looks when it is not one the platform knows: a
# number with a year (``2026-0042``, ``RE-2026-17``, ``R2026/0042``).
# Only used to tell "unknown number" from "no number" in the review list.
NUMBER_LIKE = re.compile(r"(?<![0-9])20\d\d[\s\-/_.]*\d{1,6}(?![0-9])")


class Reason(StrEnum):
    PARTIAL = "partial"
    OVERPAID = "overpaid"
    ALREADY_PAID = "already_paid"
    CANCELLED = "cancelled"
    SEVERAL = "several"
    UNKNOWN_NUMBER = "unknown_number"
    NO_NUMBER = "no_number"
    CURRENCY = "currency"
    RETURNED_DEBIT = "returned_debit"


@dataclass(frozen=True)
class InvoiceDue:
    """What matching knows of an invoice: its number and what is open."""

    pk: int
    number: str
    outstanding: Decimal  # gross minus payments so far; 0 when paid
    is_cancelled: bool = False


@dataclass(frozen=True)
class Allocation:
    invoice: InvoiceDue
    amount: Decimal


@dataclass(frozen=True)
class Matched:
    entry: BookingEntry
    allocations: list[Allocation]


@dataclass(frozen=True)
class ToReview:
    entry: BookingEntry
    reason: Reason
    # Invoices the entry names (or, without a number, whose open amount
    # equals the payment): the review page offers them first.
    candidates: list[InvoiceDue] = field(default_factory=list)


@dataclass(frozen=True)
class MatchResult:
    matched: list[Matched]
    review: list[ToReview]
    skipped: list[BookingEntry]


@lru_cache(maxsize=4096)
def _pattern(number: str) -> re.Pattern[str]:
    """The number as people and banks write it: separators may differ or be
    missing (``RE 2026 0042``, ``RE2026-0042``), case does not matter, and it
    must not be part of a longer number (``2026-00421``)."""
    chunks = [re.escape(c) for c in re.split(r"[^0-9A-Za-z]+", number) if c]
    before = r"(?<![0-9])" if number[:1].isdigit() else r"(?<![A-Za-z])"
    return re.compile(before + r"[\s\-/_.]*".join(chunks) + r"(?![0-9])", re.IGNORECASE)


def named_invoices(entry: BookingEntry, invoices: list[InvoiceDue]) -> list[InvoiceDue]:
    """The invoices an entry names in its purpose text or end-to-end id,
    in the order of ``invoices``."""
    texts = (entry.remittance, entry.end_to_end_id)
    return [
        invoice
        for invoice in invoices
        if invoice.number
        and any(_pattern(invoice.number).search(text) for text in texts if text)
    ]


def match_entry(
    entry: BookingEntry, invoices: list[InvoiceDue]
) -> Matched | ToReview | None:
    """The decision for one entry (``None``: not a payment, skipped)."""
    named = named_invoices(entry, invoices)
    if not entry.is_credit:
        return ToReview(entry, Reason.RETURNED_DEBIT, named) if named else None
    if entry.currency and entry.currency != CURRENCY:
        return ToReview(entry, Reason.CURRENCY, named)
    if not named:
        return _without_number(entry, invoices)
    if len(named) > 1:
        return _several(entry, named)
    invoice = named[0]
    if invoice.is_cancelled:
        return ToReview(entry, Reason.CANCELLED, named)
    if invoice.outstanding <= 0:
        return ToReview(entry, Reason.ALREADY_PAID, named)
    if entry.amount < invoice.outstanding:
        return ToReview(entry, Reason.PARTIAL, named)
    if entry.amount > invoice.outstanding:
        return ToReview(entry, Reason.OVERPAID, named)
    return Matched(entry, [Allocation(invoice, entry.amount)])


def _without_number(entry: BookingEntry, invoices: list[InvoiceDue]) -> ToReview:
    reason = (
        Reason.UNKNOWN_NUMBER
        if NUMBER_LIKE.search(entry.remittance)
        else Reason.NO_NUMBER
    )
    same_amount = [
        invoice
        for invoice in invoices
        if not invoice.is_cancelled and invoice.outstanding == entry.amount
    ]
    return ToReview(entry, reason, same_amount)


def _several(entry: BookingEntry, named: list[InvoiceDue]) -> Matched | ToReview:
    open_ones = [i for i in named if not i.is_cancelled and i.outstanding > 0]
    if len(open_ones) == len(named) and entry.amount == sum(
        (i.outstanding for i in named), Decimal(0)
    ):
        return Matched(entry, [Allocation(i, i.outstanding) for i in named])
    return ToReview(entry, Reason.SEVERAL, named)


def match(entries: list[BookingEntry], invoices: list[InvoiceDue]) -> MatchResult:
    """Every entry matched, for review or skipped.

    Invoices are consumed as entries match them: two transfers for the same
    invoice in one statement match the first, and the second is reviewed as
    already paid.
    """
    remaining = {invoice.pk: invoice for invoice in invoices}
    matched: list[Matched] = []
    review: list[ToReview] = []
    skipped: list[BookingEntry] = []
    for entry in entries:
        decision = match_entry(entry, list(remaining.values()))
        if decision is None:
            skipped.append(entry)
        elif isinstance(decision, ToReview):
            review.append(decision)
        else:
            matched.append(decision)
            for allocation in decision.allocations:
                invoice = remaining[allocation.invoice.pk]
                remaining[invoice.pk] = InvoiceDue(
                    pk=invoice.pk,
                    number=invoice.number,
                    outstanding=invoice.outstanding - allocation.amount,
                    is_cancelled=invoice.is_cancelled,
                )
    return MatchResult(matched=matched, review=review, skipped=skipped)
