import datetime
import io

from django.utils import timezone

from balintkreis.payments import demo, mandates, personal_data
from balintkreis.payments.models import (
    DirectDebit,
    DirectDebitBatch,
    Payment,
    SepaMandate,
    StatementEntry,
)
from balintkreis.payments.tests.factories import invoice


def test_the_demo_pays_some_invoices_and_leaves_others_open(member, participant):
    for user in (member, participant, member, participant):
        invoice(user)
    out = io.StringIO()
    demo.load(stdout=out)
    assert Payment.objects.count() == 3  # two in full, one in part
    assert SepaMandate.objects.count() == 1
    assert StatementEntry.objects.to_review().count() == 2
    demo.load(stdout=out)  # idempotent
    assert Payment.objects.count() == 3
    assert "Payments:" in out.getvalue()


def test_the_demo_without_invoices_does_nothing(db):
    out = io.StringIO()
    demo.load(stdout=out)
    assert "skipped" in out.getvalue()


def test_export_holds_payments_and_mandates(member):
    inv = invoice(member)
    Payment.objects.create(invoice=inv, paid_on=inv.issued_on, amount=5, method="cash")
    mandates.give_mandate(member, account_holder="M", iban="DE89370400440532013000")
    data = personal_data.export(member)
    assert data["payments"][0]["invoice"] == inv.number
    assert data["sepa_mandates"][0]["iban"] == "DE89370400440532013000"


def test_erasure_deletes_unused_mandates_and_keeps_used_ones_revoked(
    member, participant
):
    mandates.give_mandate(member, account_holder="M", iban="DE89370400440532013000")
    used = mandates.give_mandate(
        participant, account_holder="P", iban="DE89370400440532013000"
    )
    batch = DirectDebitBatch.objects.create(
        collection_on=datetime.date(2026, 1, 10), xml="<x/>"
    )
    DirectDebit.objects.create(
        batch=batch,
        invoice=invoice(participant),
        mandate=used,
        amount=120,
        sequence="FRST",
    )
    personal_data.erase(member)
    personal_data.erase(participant)
    assert list(SepaMandate.objects.all()) == [used]
    used.refresh_from_db()
    assert used.revoked_at is not None
    # After the proof period the used mandate keeps only its reference.
    later = timezone.now() + datetime.timedelta(days=500)
    assert personal_data.purge_expired(now=later) == 2  # mandate and file
    used.refresh_from_db()
    assert (used.iban, used.account_holder) == ("", "")
    batch.refresh_from_db()
    assert batch.xml == ""


def test_bookkeeping_rows_go_with_their_invoices_after_ten_years(member, secretariat):
    from balintkreis.billing.models import Invoice
    from balintkreis.core import personal_data as core_personal_data
    from balintkreis.payments import statements
    from balintkreis.payments.models import PaymentReminder, StatementEntry
    from balintkreis.payments.tests.camt_builder import statement, transfer

    old = invoice(member, issued_on=datetime.date(2026, 3, 2))
    statements.import_statement(
        statement([transfer("120.00", old.number), transfer("5.00", "Spende")]),
        by=secretariat,
        file_name="a.xml",
    )
    PaymentReminder.objects.create(invoice=old, stage=1)
    later = datetime.datetime(2037, 1, 2, tzinfo=datetime.UTC)
    core_personal_data.purge_expired(now=later)
    assert not Invoice.objects.filter(pk=old.pk).exists()
    assert not Payment.objects.exists()
    assert not StatementEntry.objects.exists()
