"""Importing a bank statement: parse, match, record, leave the rest for review.

``import_statement`` reads a CAMT.053 file (``camt.parse``), skips the
transactions an earlier import already brought (``StatementEntry.key`` is
unique), matches the new ones against every invoice (``matching.match``),
records a payment for each match and keeps the others on the review list,
all in one transaction. The secretariat then ``assign``s a reviewed entry
to an invoice (any amount: partial payments are normal) or ``ignore``s it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.billing.models import Invoice
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.payments import camt, matching, records, status
from balintkreis.payments.models import BankStatement, Payment, StatementEntry


class ReviewError(RuleError):
    pass


@dataclass(frozen=True)
class ImportResult:
    statement: BankStatement
    matched: int
    review: int
    skipped: int
    known: int  # already imported before


def invoices_due() -> list[matching.InvoiceDue]:
    """Every invoice (not the cancellations) as matching sees it; one query."""
    rows = status.with_payments(
        Invoice.objects.exclude(kind=Invoice.Kind.CANCELLATION)
    ).order_by("issued_on", "pk")
    return [
        matching.InvoiceDue(
            pk=invoice.pk,
            number=invoice.number,
            outstanding=status.outstanding(invoice),
            is_cancelled=invoice.is_cancelled,
        )
        for invoice in rows
    ]


def import_statement(data: bytes, *, by: User, file_name: str) -> ImportResult:
    """Import a CAMT.053 file (``camt.StatementError`` when unreadable)."""
    if not is_secretariat(by):
        raise ReviewError(_("Only the secretariat imports bank statements."))
    parsed = camt.parse(data)
    try:
        return _import(parsed, by=by, file_name=file_name)
    except IntegrityError as error:
        # The same statement imported twice at the same moment: the second
        # transaction hits the unique entry key and books nothing.
        raise ReviewError(
            _("This statement is being imported right now. Please reload the page.")
        ) from error


def _import(parsed: camt.Statement, *, by: User, file_name: str) -> ImportResult:
    with transaction.atomic():
        known = set(
            StatementEntry.objects.filter(
                key__in=[entry.key for entry in parsed.entries]
            ).values_list("key", flat=True)
        )
        new, seen = [], set(known)
        for entry in parsed.entries:
            if entry.key not in seen:
                new.append(entry)
                seen.add(entry.key)
        statement = BankStatement.objects.create(
            statement_id=parsed.statement_id[:35],
            account_iban=parsed.account_iban[:34],
            file_name=file_name[:200],
            imported_by=by,
        )
        result = matching.match(new, invoices_due())
        _record(statement, result, by=by)
        audit.record(
            by,
            "payments.statement.imported",
            statement,
            data={
                "entries": len(parsed.entries),
                "matched": len(result.matched),
                "review": len(result.review),
            },
        )
    return ImportResult(
        statement=statement,
        matched=len(result.matched),
        review=len(result.review),
        skipped=len(result.skipped),
        known=len(parsed.entries) - len(new),
    )


def _entry_row(
    statement: BankStatement,
    entry: camt.BookingEntry,
    *,
    state: str,
    reason: str = "",
    candidates: list[int] | None = None,
) -> StatementEntry:
    return StatementEntry.objects.create(
        statement=statement,
        key=entry.key,
        booked_on=entry.booked_on,
        amount=entry.amount,
        currency=entry.currency[:3],
        is_credit=entry.is_credit,
        remittance=entry.remittance,
        counterparty_name=entry.counterparty_name,
        counterparty_iban=entry.counterparty_iban,
        end_to_end_id=entry.end_to_end_id[:35],
        state=state,
        reason=reason,
        candidates=candidates or [],
    )


def _record(
    statement: BankStatement, result: matching.MatchResult, *, by: User
) -> None:
    invoices = Invoice.objects.in_bulk(
        [a.invoice.pk for m in result.matched for a in m.allocations]
    )
    for matched in result.matched:
        row = _entry_row(statement, matched.entry, state=StatementEntry.State.MATCHED)
        for allocation in matched.allocations:
            Payment.objects.create(
                invoice=invoices[allocation.invoice.pk],
                paid_on=matched.entry.booked_on,
                amount=allocation.amount,
                method=_method(
                    matched.entry.end_to_end_id, invoices[allocation.invoice.pk]
                ),
                statement_entry=row,
                recorded_by=by,
            )
    for review in result.review:
        _entry_row(
            statement,
            review.entry,
            state=StatementEntry.State.REVIEW,
            reason=review.reason.value,
            candidates=[invoice.pk for invoice in review.candidates],
        )
    for skipped in result.skipped:
        _entry_row(statement, skipped, state=StatementEntry.State.SKIPPED)


def _method(end_to_end_id: str, invoice: Invoice) -> str:
    # Our own collections come back with the invoice number as end-to-end
    # id (direct_debits.py); anything else is a transfer.
    if end_to_end_id and end_to_end_id == invoice.number:
        return Payment.Method.DIRECT_DEBIT
    return Payment.Method.TRANSFER


def assign(
    entry: StatementEntry, invoice: Invoice, *, by: User, amount: Decimal | None = None
) -> Payment:
    """Book a reviewed entry as a payment of ``invoice`` (default: the whole
    amount; a returned direct debit books its amount back, negative)."""
    with transaction.atomic():
        entry = _locked_for_review(entry)
        value = entry.amount if amount is None else amount
        if not entry.is_credit:
            value = -abs(value)
        payment = records.record_payment(
            invoice,
            by=by,
            paid_on=entry.booked_on,
            amount=value,
            method=_method(entry.end_to_end_id, invoice),
            entry=entry,
            note=str(_("from bank statement")),
        )
        _decide(entry, StatementEntry.State.ASSIGNED, by=by)
    return payment


def ignore(entry: StatementEntry, *, by: User) -> StatementEntry:
    """Take an entry off the review list without booking it (a donation, a
    transfer that has nothing to do with invoices)."""
    if not is_secretariat(by):
        raise ReviewError(_("Only the secretariat reviews bank statements."))
    with transaction.atomic():
        entry = _locked_for_review(entry)
        _decide(entry, StatementEntry.State.IGNORED, by=by)
        audit.record(by, "payments.statement_entry.ignored", entry)
    return entry


def _locked_for_review(entry: StatementEntry) -> StatementEntry:
    # Two people reviewing the same list: the second one finds it decided.
    locked = StatementEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.state != StatementEntry.State.REVIEW:
        raise ReviewError(_("This booking was already decided."))
    return locked


def _decide(entry: StatementEntry, state: str, *, by: User) -> None:
    entry.state = state
    entry.decided_by = by
    entry.decided_at = timezone.now()
    entry.save(update_fields=["state", "decided_by", "decided_at"])
