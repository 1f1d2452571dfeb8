"""Recording a payment by hand (transfer seen in online banking, cash,
anything the statement import did not bring)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.billing.models import Invoice
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.payments.models import Payment, StatementEntry


class PaymentError(RuleError):
    pass


def record_payment(
    invoice: Invoice,
    *,
    by: User,
    paid_on: datetime.date,
    amount: Decimal,
    method: str,
    note: str = "",
    entry: StatementEntry | None = None,
) -> Payment:
    """Record money received for ``invoice`` (negative: money paid back).

    Only the secretariat records payments. A cancellation invoice is never
    paid; a payment for a cancelled invoice is allowed (the money came in and
    must be booked before it is paid back).
    """
    if not is_secretariat(by):
        raise PaymentError(_("Only the secretariat records payments."))
    if invoice.is_cancellation:
        raise PaymentError(_("A cancellation invoice is not paid."))
    if amount == 0:
        raise PaymentError(_("Please enter an amount other than 0."))
    if paid_on > timezone.localdate():
        raise PaymentError(_("The payment date cannot be in the future."))
    with transaction.atomic():
        payment = Payment(
            invoice=invoice,
            paid_on=paid_on,
            amount=amount,
            method=method,
            note=note,
            statement_entry=entry,
            recorded_by=by,
        )
        payment.full_clean()
        payment.save()
        audit.record(
            by,
            "payments.payment.recorded",
            payment,
            data={"invoice": invoice.number, "amount": str(amount), "method": method},
        )
    return payment
