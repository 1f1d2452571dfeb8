import datetime
from decimal import Decimal

import pytest

from balintkreis.notifications.models import OutboxEmail
from balintkreis.payments import reminders
from balintkreis.payments.models import (
    DirectDebit,
    DirectDebitBatch,
    Payment,
    PaymentReminder,
)
from balintkreis.payments.tests.factories import SepaMandateFactory, invoice

ISSUED = datetime.date(2026, 11, 2)
DUE = ISSUED + datetime.timedelta(days=14)


@pytest.fixture(autouse=True)
def _stages(settings):
    settings.PAYMENT_REMINDER_DAYS = [7, 21]


def day(offset: int) -> datetime.date:
    return DUE + datetime.timedelta(days=offset)


def test_a_friendly_reminder_goes_out_once_per_stage(member):
    inv = invoice(member, "120.00")
    assert reminders.send_reminders(today=day(6)) == 0
    assert reminders.send_reminders(today=day(7)) == 1
    assert reminders.send_reminders(today=day(8)) == 0
    assert reminders.send_reminders(today=day(21)) == 1
    assert reminders.send_reminders(today=day(40)) == 0
    assert list(
        PaymentReminder.objects.filter(invoice=inv).values_list("stage", flat=True)
    ) == [1, 2]
    mail = OutboxEmail.objects.filter(key=f"payments.reminder:{inv.pk}:1").get()
    assert mail.to == member.email
    assert inv.number in mail.subject
    assert mail.subject.startswith("Freundliche Erinnerung")


def test_the_reminder_greets_by_the_salutation_helper_and_names_the_open_amount(
    member,
):
    member.form_of_address = "mr"
    member.title = "Dr. med."
    member.save()
    inv = invoice(member, "120.00")
    Payment.objects.create(
        invoice=inv, paid_on=ISSUED, amount=Decimal("20.00"), method="transfer"
    )
    reminders.send_reminders(today=day(7))
    body = OutboxEmail.objects.get(key__startswith="payments.reminder:").body_text
    assert body.startswith("Sehr geehrter Herr Dr. Mitglied,")
    assert "100,00 €" in body
    assert "DE02120300000000202051" in body


def test_a_late_job_sends_only_the_latest_stage(member):
    invoice(member)
    assert reminders.send_reminders(today=day(30)) == 1
    assert PaymentReminder.objects.get().stage == 2


def test_paid_cancelled_collected_and_deactivated_are_not_reminded(
    member, participant, outsider
):
    paid = invoice(member, "50.00")
    Payment.objects.create(invoice=paid, paid_on=ISSUED, amount=50, method="cash")
    collected = invoice(participant)
    mandate = SepaMandateFactory(user=participant)
    batch = DirectDebitBatch.objects.create(collection_on=DUE, xml="<x/>")
    DirectDebit.objects.create(
        batch=batch, invoice=collected, mandate=mandate, amount=120, sequence="FRST"
    )
    invoice(outsider)
    outsider.is_active = False
    outsider.save()
    assert reminders.send_reminders(today=day(10)) == 0


def test_the_daily_task_sends_the_reminders_due_today(member):
    import time_machine

    from balintkreis.payments.tasks import send_payment_reminders

    invoice(member)
    with time_machine.travel(
        datetime.datetime(2026, 11, 24, 8, 30, tzinfo=datetime.UTC)
    ):
        result = send_payment_reminders.enqueue()
    assert result.return_value == 1


def test_the_reminder_goes_to_the_invoice_address_when_set(member):
    inv = invoice(member, "120.00")
    address = member.billing_address
    address.invoice_email = "buchhaltung@praxis.example"
    address.save()
    member.form_of_address = "mr"
    member.title = "Dr. med."
    member.save()
    assert reminders.send_reminders(today=day(7)) == 1
    mail = OutboxEmail.objects.get(key=f"payments.reminder:{inv.pk}:1")
    assert mail.to == "buchhaltung@praxis.example"
    assert mail.body_text.startswith("Sehr geehrter Herr Dr. Mitglied,")
