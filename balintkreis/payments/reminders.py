"""Friendly payment reminders (Zahlungserinnerung), sent by the daily job.

PAYMENT_REMINDER_DAYS lists the days after the due date at which a
reminder goes out ("7,21": stage 1 seven days, stage 2 twenty-one days after
the due date). Each invoice gets each stage at most once: the
``PaymentReminder`` row (unique per invoice and stage) and the outbox key
both guard it, so a job run twice, or on two workers, mails once. When the
job did not run for a while, an invoice gets only the latest stage due, not
all of them at once.

Not reminded: paid and cancelled invoices, invoices in a direct debit file
(the bank collects them), people whose account was deactivated or deleted.
The tone is friendly: a reminder, not a dunning letter (Mahnung); the
secretariat decides about anything beyond it.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from balintkreis.billing.mail import invoice_mail_to
from balintkreis.billing.models import Invoice
from balintkreis.notifications import outbox
from balintkreis.payments import status
from balintkreis.payments.models import PaymentReminder


def stage_due(invoice: Invoice, *, today: datetime.date) -> int:
    """The latest reminder stage (1, 2, …) due on ``today``, 0 for none."""
    overdue_days = (today - invoice.due_on).days
    return sum(1 for days in settings.PAYMENT_REMINDER_DAYS if overdue_days >= days)


def send_reminders(*, today: datetime.date) -> int:
    """Send every reminder due on ``today``; returns how many were sent."""
    if not settings.PAYMENT_REMINDER_DAYS:
        return 0
    first = min(settings.PAYMENT_REMINDER_DAYS)
    candidates = (
        status.unpaid(Invoice.objects.filter(direct_debits__isnull=True))
        .filter(
            due_on__lte=today - datetime.timedelta(days=first),
            recipient__is_active=True,
        )
        .select_related("recipient__billing_address")
        .prefetch_related("payment_reminders")
    )
    sent = 0
    for invoice in candidates:
        stage = stage_due(invoice, today=today)
        done = {r.stage for r in invoice.payment_reminders.all()}
        if stage and max(done, default=0) < stage:
            sent += _remind(invoice, stage=stage, today=today)
    return sent


def _remind(invoice: Invoice, *, stage: int, today: datetime.date) -> int:
    try:
        with transaction.atomic():
            PaymentReminder.objects.create(invoice=invoice, stage=stage)
            outbox.enqueue(
                to=invoice_mail_to(invoice.recipient),
                template="payments/email/payment_reminder",
                context={
                    "invoice_number": invoice.number,
                    "issued_on": invoice.issued_on,
                    "due_on": invoice.due_on,
                    "outstanding": status.outstanding(invoice),
                    "stage": stage,
                    "iban": invoice.issuer_iban,
                    "bank_name": invoice.issuer_bank_name,
                    "issuer_name": invoice.issuer_name,
                    "issuer_email": invoice.issuer_email,
                },
                key=f"payments.reminder:{invoice.pk}:{stage}",
                reply_to=invoice.issuer_email,
            )
    except IntegrityError:
        return 0  # another worker sent this stage a moment ago
    return 1
