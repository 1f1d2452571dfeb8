"""Demo payments for the demo invoices (billing's demo runs first): about
half of the invoices paid by transfer, one paid in part, the rest open, and
a SEPA mandate for the demo member. Idempotent: once there are payments it
adds none. Without invoices it does nothing."""

import datetime
from decimal import Decimal
from typing import TextIO

from balintkreis.accounts.demo import LOGINS
from balintkreis.accounts.models import User
from balintkreis.billing.models import Invoice
from balintkreis.payments.models import (
    BankStatement,
    Payment,
    SepaMandate,
    StatementEntry,
)

# A valid IBAN of the Bundesbank's documented example account, not a
# real person's.
DEMO_IBAN = "DE89370400440532013000"


def load(*, stdout: TextIO) -> None:
    invoices = list(
        Invoice.objects.not_cancelled()
        .select_related("recipient")
        .order_by("issued_on", "number")
    )
    if not invoices:
        stdout.write("Payments: no invoices, skipped.")
        return
    if Payment.objects.exists():  # loaded before
        stdout.write(f"Payments: {Payment.objects.count()} (already there)")
        return
    secretariat = User.objects.filter(is_secretariat=True).order_by("pk").first()
    for index, invoice in enumerate(invoices):
        paid_on = min(invoice.due_on, datetime.date.today()) - datetime.timedelta(3)
        if index % 2 == 0:
            _pay(invoice, invoice.gross, paid_on, secretariat)
        elif index == 1:
            half = (invoice.gross / 2).quantize(Decimal("0.01"))
            _pay(invoice, half, paid_on, secretariat)
    _mandate(invoices)
    _statement_to_review(invoices[1] if len(invoices) > 1 else None, secretariat)
    stdout.write(
        f"Payments: {Payment.objects.count()}, mandates: {SepaMandate.objects.count()}"
    )


def _pay(
    invoice: Invoice, amount: Decimal, paid_on: datetime.date, by: User | None
) -> None:
    Payment.objects.create(
        invoice=invoice,
        paid_on=max(paid_on, invoice.issued_on),
        amount=amount,
        method=Payment.Method.TRANSFER,
        recorded_by=by,
    )


def _mandate(invoices: list[Invoice]) -> None:
    member = User.objects.filter(email=LOGINS[2][1]).first()
    if member is None and invoices:
        member = invoices[-1].recipient
    if member is None or SepaMandate.objects.filter(user=member).exists():
        return
    SepaMandate.objects.create(
        user=member,
        reference=f"BK-{member.pk}-1",
        account_holder=f"{member.first_name} {member.last_name}",
        iban=DEMO_IBAN,
        iban_end=DEMO_IBAN[-4:],
        signed_on=datetime.date.today() - datetime.timedelta(days=30),
        text_version="2026-12",
    )


def _statement_to_review(partly_paid: Invoice | None, by: User | None) -> None:
    """A bank statement with two bookings on the review list: a second
    instalment of the partly paid invoice and a donation."""
    statement = BankStatement.objects.create(
        statement_id="DEMO-1", file_name="demo-kontoauszug.xml", imported_by=by
    )
    today = datetime.date.today()
    rows: list[tuple[str, str, str, list[int]]] = [
        ("45.00", "Spende Balintarbeit", StatementEntry.Reason.NO_NUMBER, [])
    ]
    if partly_paid is not None:
        rows.append(
            (
                "20.00",
                f"Rechnung {partly_paid.number} 2. Rate",
                StatementEntry.Reason.PARTIAL,
                [partly_paid.pk],
            )
        )
    for amount, purpose, reason, candidates in rows:
        StatementEntry.objects.create(
            statement=statement,
            key=f"demo-{purpose}"[:32],
            booked_on=today - datetime.timedelta(days=1),
            amount=Decimal(amount),
            currency="EUR",
            is_credit=True,
            remittance=purpose,
            counterparty_name="Demo-Zahlerin",
            counterparty_iban=DEMO_IBAN,
            state=StatementEntry.State.REVIEW,
            reason=reason,
            candidates=candidates,
        )
