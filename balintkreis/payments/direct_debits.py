"""Collecting open invoices by SEPA direct debit (pain.008 for the bank).

``collectable`` lists the unpaid invoices whose recipient has an active
mandate and that are in no direct debit file yet. ``create_batch`` builds the
pain.008 file for the ones the secretariat selected (validated against the
schema by ``sepa.pain008``), stores it encrypted with one ``DirectDebit`` per
invoice, and tells each member by e-mail what will be collected and when
(the pre-notification SEPA asks for, SEPA_PRENOTIFICATION_DAYS ahead, as the
mandate text agrees). The end-to-end id of each collection is the invoice
number, so the bank's credit booking matches the invoice when the statement
is imported. The file goes to the bank through its online banking; nothing
is sent from here.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.billing.mail import invoice_mail_to
from balintkreis.billing.models import Invoice, Issuer
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.notifications import outbox
from balintkreis.payments import sepa, status
from balintkreis.payments.models import DirectDebit, DirectDebitBatch, SepaMandate


class DirectDebitError(RuleError):
    pass


@dataclass(frozen=True)
class Collectable:
    invoice: Invoice
    mandate: SepaMandate
    amount: Decimal


def creditor() -> sepa.Creditor:
    """The institute as creditor: the default invoice issuer's account and
    the creditor identifier from SEPA_CREDITOR_ID."""
    issuer = Issuer.objects.default()
    return sepa.Creditor(
        name=issuer.name if issuer else "",
        iban=issuer.iban.replace(" ", "") if issuer else "",
        bic=issuer.bic.replace(" ", "") if issuer else "",
        creditor_id=settings.SEPA_CREDITOR_ID.replace(" ", ""),
    )


def earliest_collection_on(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=settings.SEPA_PRENOTIFICATION_DAYS)


def collectable() -> list[Collectable]:
    """Unpaid invoices with an active mandate of their recipient, not yet in
    a direct debit file; two queries."""
    invoices = list(
        status.unpaid(Invoice.objects.filter(direct_debits__isnull=True))
        .filter(recipient__sepa_mandates__revoked_at__isnull=True)
        .filter(recipient__sepa_mandates__isnull=False)
        .distinct()
        .order_by("due_on", "number")
    )
    mandates = {
        m.user_id: m
        for m in SepaMandate.objects.active().filter(
            user__in={i.recipient_id for i in invoices}
        )
    }
    return [
        Collectable(i, mandates[i.recipient_id], status.outstanding(i))
        for i in invoices
        if i.recipient_id in mandates
    ]


def create_batch(
    invoice_pks: list[int], *, collection_on: datetime.date, by: User
) -> DirectDebitBatch:
    """The pain.008 file for the selected collectable invoices."""
    if not is_secretariat(by):
        raise DirectDebitError(_("Only the secretariat creates direct debit files."))
    if collection_on < earliest_collection_on(timezone.localdate()):
        raise DirectDebitError(
            _(
                "The collection date must be at least %(days)s days ahead, so "
                "that members are told in time."
            )
            % {"days": settings.SEPA_PRENOTIFICATION_DAYS}
        )
    with transaction.atomic():
        # Lock the invoices' mandates: one invoice never goes into two files
        # when two people export at once.
        list(SepaMandate.objects.select_for_update().active())
        chosen = [c for c in collectable() if c.invoice.pk in set(invoice_pks)]
        if not chosen:
            raise DirectDebitError(_("Please select at least one invoice to collect."))
        used = set(
            DirectDebit.objects.filter(
                mandate__in=[c.mandate for c in chosen]
            ).values_list("mandate_id", flat=True)
        )
        debits = [_debit(c, first=c.mandate.pk not in used) for c in chosen]
        xml = sepa.pain008(creditor(), debits, collection_on=collection_on)
        message_id = re.search(rb"<MsgId>([^<]{1,35})</MsgId>", xml)
        batch = DirectDebitBatch.objects.create(
            collection_on=collection_on,
            message_id=message_id.group(1).decode() if message_id else "",
            xml=xml.decode(),
            created_by=by,
        )
        for c, debit in zip(chosen, debits, strict=True):
            DirectDebit.objects.create(
                batch=batch,
                invoice=c.invoice,
                mandate=c.mandate,
                amount=c.amount,
                sequence=debit.sequence,
            )
            _prenotify(c, batch)
        audit.record(
            by, "payments.direct_debits.created", batch, data={"count": len(chosen)}
        )
    return batch


def _debit(c: Collectable, *, first: bool) -> sepa.DirectDebit:
    return sepa.DirectDebit(
        name=c.mandate.account_holder,
        iban=c.mandate.iban,
        bic=c.mandate.bic,
        amount=c.amount,
        mandate_reference=c.mandate.reference,
        mandate_signed_on=c.mandate.signed_on,
        sequence=sepa.FIRST if first else sepa.RECURRING,
        description=f"Rechnung {c.invoice.number}",
        end_to_end_id=c.invoice.number,
    )


def _prenotify(c: Collectable, batch: DirectDebitBatch) -> None:
    outbox.enqueue(
        to=invoice_mail_to(c.invoice.recipient),
        template="payments/email/direct_debit_notice",
        context={
            "invoice_number": c.invoice.number,
            "amount": c.amount,
            "collection_on": batch.collection_on,
            "mandate_reference": c.mandate.reference,
            "iban_end": c.mandate.iban_end,
            "creditor_id": settings.SEPA_CREDITOR_ID,
        },
        key=f"payments.direct_debit_notice:{batch.pk}:{c.invoice.pk}",
    )
