"""Payments data of one person (core/personal_data.py composes all apps).

Payments and bank statement entries are bookkeeping records (§ 147 AO, 10
years) tied to invoices that are kept as long; they are exported, never
erased with the account, and purged with their invoices
(RETENTION_INVOICE_YEARS, billing's cutoff). SEPA mandates are deleted with the account unless
a collection used them in the last 14 months (the bank may ask for the
mandate until then); ``purge_expired`` deletes those later.
"""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.billing.personal_data import retention_cutoff
from balintkreis.core import dates
from balintkreis.payments.models import (
    BankStatement,
    DirectDebit,
    DirectDebitBatch,
    Payment,
    PaymentReminder,
    SepaMandate,
    StatementEntry,
)

# SEPA rulebook: a debtor may dispute an unauthorised debit for 13 months;
# the creditor keeps the mandate one month longer.
MANDATE_PROOF_DAYS = 14 * 31


def export(user: User) -> dict:
    return {
        "payments": [
            {
                "invoice": p.invoice.number,
                "paid_on": p.paid_on.isoformat(),
                "amount": str(p.amount),
                "method": p.get_method_display(),
            }
            for p in Payment.objects.filter(invoice__recipient=user).select_related(
                "invoice"
            )
        ],
        "payment_reminders": [
            {
                "invoice": r.invoice.number,
                "stage": r.stage,
                "sent_at": dates.local_iso(r.sent_at),
            }
            for r in PaymentReminder.objects.filter(
                invoice__recipient=user
            ).select_related("invoice")
        ],
        "sepa_mandates": [
            {
                "reference": m.reference,
                "account_holder": m.account_holder,
                "iban": m.iban,
                "bic": m.bic,
                "signed_on": m.signed_on.isoformat(),
                "revoked_at": dates.local_iso(m.revoked_at),
            }
            for m in SepaMandate.objects.filter(user=user)
        ],
    }


def erase(user: User) -> None:
    """Unused mandates go; used ones are revoked and kept for the proof
    period (purged by ``purge_expired``)."""
    with transaction.atomic():
        mandates = SepaMandate.objects.filter(user=user)
        mandates.filter(debits__isnull=True).delete()
        mandates.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def purge_expired(*, now: datetime.datetime) -> int:
    """Bookkeeping rows of invoices past their retention period (they
    protect the invoice, and billing deletes those invoices next: erasure
    runs the layers top down), then the mandates."""
    return _purge_bookkeeping(now=now) + _purge_mandates(now=now)


def _purge_bookkeeping(*, now: datetime.datetime) -> int:
    cutoff = retention_cutoff(now)
    touched = 0
    with transaction.atomic():
        for model in (Payment, PaymentReminder, DirectDebit):
            count, _detail = model.objects.filter(
                invoice__issued_on__lt=cutoff
            ).delete()
            touched += count
        # Bank statement entries are bookkeeping records of their own.
        count, _detail = StatementEntry.objects.filter(
            booked_on__lt=cutoff, payments__isnull=True
        ).delete()
        touched += count
        BankStatement.objects.filter(entries__isnull=True).delete()
        DirectDebitBatch.objects.filter(debits__isnull=True).delete()
    return touched


def _purge_mandates(*, now: datetime.datetime) -> int:
    """Revoked mandates past the proof period (counted from the last
    collection, or the revocation if never used): unused ones are deleted,
    used ones keep only their reference (the collection rows are bookkeeping
    records). Direct debit files older than the period lose their XML."""
    limit = now - datetime.timedelta(days=MANDATE_PROOF_DAYS)
    expired = (
        SepaMandate.objects.filter(revoked_at__lt=limit)
        .annotate(last_collection=Max("debits__batch__collection_on"))
        .filter(Q(last_collection__isnull=True) | Q(last_collection__lt=limit.date()))
    )
    with transaction.atomic():
        unused, _detail = expired.filter(debits__isnull=True).delete()
        touched = unused
        for mandate in expired.exclude(account_holder=""):
            mandate.account_holder = ""
            mandate.iban = ""
            mandate.save(update_fields=["account_holder", "iban"])
            touched += 1
        for batch in DirectDebitBatch.objects.filter(
            collection_on__lt=limit.date()
        ).exclude(xml=""):
            batch.xml = ""
            batch.save(update_fields=["xml"])
            touched += 1
    return touched
