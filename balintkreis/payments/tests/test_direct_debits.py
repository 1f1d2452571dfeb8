import datetime
from decimal import Decimal

import pytest
import time_machine

from balintkreis.core.errors import RuleError
from balintkreis.notifications.models import OutboxEmail
from balintkreis.payments import direct_debits, statements
from balintkreis.payments.models import DirectDebit, Payment
from balintkreis.payments.tests.camt_builder import Entry, Tx, statement
from balintkreis.payments.tests.factories import SepaMandateFactory, invoice

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _creditor(settings):
    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"
    settings.SEPA_PRENOTIFICATION_DAYS = 5


@pytest.fixture
def with_mandate(member):
    SepaMandateFactory(user=member)
    return invoice(member, "120.00")


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_invoices_with_a_mandate_are_collected_once_and_members_told(
    secretariat, participant, with_mandate
):
    invoice(participant, "80.00")  # no mandate: not collectable
    [row] = direct_debits.collectable()
    assert row.invoice == with_mandate
    batch = direct_debits.create_batch(
        [with_mandate.pk],
        collection_on=TODAY + datetime.timedelta(days=7),
        by=secretariat,
    )
    assert "<EndToEndId>" + with_mandate.number in batch.xml
    assert "<SeqTp>FRST</SeqTp>" in batch.xml
    assert batch.message_id in batch.xml
    debit = DirectDebit.objects.get()
    assert debit.amount == Decimal("120.00")
    mail = OutboxEmail.objects.get(key__startswith="payments.direct_debit_notice")
    assert mail.to == with_mandate.recipient.email
    assert direct_debits.collectable() == []


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_the_second_collection_under_a_mandate_is_recurring(secretariat, member):
    SepaMandateFactory(user=member)
    first, second = invoice(member), invoice(member, "60.00")
    collect_on = TODAY + datetime.timedelta(days=7)
    direct_debits.create_batch([first.pk], collection_on=collect_on, by=secretariat)
    batch = direct_debits.create_batch(
        [second.pk], collection_on=collect_on, by=secretariat
    )
    assert "<SeqTp>RCUR</SeqTp>" in batch.xml


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_too_early_a_collection_date_or_nothing_selected_is_refused(
    secretariat, with_mandate
):
    with pytest.raises(direct_debits.DirectDebitError):
        direct_debits.create_batch(
            [with_mandate.pk], collection_on=TODAY, by=secretariat
        )
    with pytest.raises(direct_debits.DirectDebitError):
        direct_debits.create_batch(
            [], collection_on=TODAY + datetime.timedelta(days=9), by=secretariat
        )
    assert not DirectDebit.objects.exists()


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_without_creditor_id_no_file_is_made(settings, secretariat, with_mandate):
    settings.SEPA_CREDITOR_ID = ""
    with pytest.raises(RuleError):
        direct_debits.create_batch(
            [with_mandate.pk],
            collection_on=TODAY + datetime.timedelta(days=9),
            by=secretariat,
        )


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_the_banks_booking_of_the_collection_matches_the_invoice(
    secretariat, with_mandate
):
    direct_debits.create_batch(
        [with_mandate.pk],
        collection_on=TODAY + datetime.timedelta(days=7),
        by=secretariat,
    )
    booking = Entry(
        amount="120.00",
        transactions=[
            Tx("120.00", "Rechnung", end_to_end=with_mandate.number, name="Institut")
        ],
    )
    statements.import_statement(statement([booking]), by=secretariat, file_name="x")
    assert Payment.objects.get().method == Payment.Method.DIRECT_DEBIT


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_the_pre_notification_goes_to_the_invoice_address_when_set(
    secretariat, with_mandate
):
    address = with_mandate.recipient.billing_address
    address.invoice_email = "buchhaltung@praxis.example"
    address.save()
    direct_debits.create_batch(
        [with_mandate.pk],
        collection_on=TODAY + datetime.timedelta(days=7),
        by=secretariat,
    )
    mail = OutboxEmail.objects.get(key__startswith="payments.direct_debit_notice")
    assert mail.to == "buchhaltung@praxis.example"


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC))
def test_the_stored_file_of_a_real_batch_passes_the_pain008_schema(
    secretariat, with_mandate
):
    """The file the secretariat downloads, made from an invoice and a
    mandate (not hand-built debits), against sepaxml's XSD."""
    from balintkreis.payments.tests.test_sepa import schema

    batch = direct_debits.create_batch(
        [with_mandate.pk],
        collection_on=TODAY + datetime.timedelta(days=7),
        by=secretariat,
    )
    schema().validate(batch.xml)
