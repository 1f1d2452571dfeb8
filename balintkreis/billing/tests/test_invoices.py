"""Issuing, numbering, cancelling: billing/invoices.py."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from balintkreis.billing import invoices, mail
from balintkreis.billing.models import (
    FeeAgreement,
    ImmutableInvoiceError,
    Invoice,
    InvoiceLine,
)
from balintkreis.billing.tests.conftest import TERM
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    FeeAgreementFactory,
)
from balintkreis.core.models import AuditEvent
from balintkreis.groups.models import Application
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

DAY = datetime.date(2026, 3, 10)


def issue(membership, secretariat, **kwargs):
    return invoices.issue_for_membership(
        membership, term_from=TERM, by=secretariat, issued_on=DAY, **kwargs
    )


def test_term_invoice_has_what_section_14_asks_for(billed_membership, secretariat):
    invoice = issue(billed_membership, secretariat)

    assert invoice.number == "2026-00001"
    assert invoice.issued_on == DAY
    assert invoice.due_on == DAY + datetime.timedelta(days=14)
    assert invoice.issuer_name == "Balint-Institut Jena e. V."
    assert invoice.issuer_tax_number == "161/123/45678"
    assert invoice.recipient_address.endswith("Lindenweg 3\n07745 Jena")
    assert invoice.net == invoice.gross == Decimal("450.00")
    assert invoice.vat == 0
    assert invoice.exemption_note == "Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG"
    assert invoice.period_from == TERM
    line = invoice.lines.get()
    assert line.quantity == 10
    assert line.unit_price == Decimal("45.00")
    assert "10 Doppelsitzungen" in line.detail
    assert AuditEvent.objects.filter(action="billing.invoice.issued").exists()


def test_numbers_are_sequential_per_year(billed_membership, secretariat, issuer):
    second = MembershipFactory(group=billed_membership.group, started_on=TERM)
    BillingAddressFactory(user=second.user)
    first = issue(billed_membership, secretariat)
    other = issue(second, secretariat)
    assert [first.number, other.number] == ["2026-00001", "2026-00002"]
    cancellation = invoices.cancel_invoice(first, by=secretariat)
    assert cancellation.number == "2026-00003"


def test_member_is_billed_once_per_term(billed_membership, secretariat):
    issue(billed_membership, secretariat)
    with pytest.raises(invoices.InvoiceError, match="bereits"):
        issue(billed_membership, secretariat)


def test_late_entry_pays_the_prorated_fee(billed_membership, secretariat):
    late = MembershipFactory(
        group=billed_membership.group, started_on=datetime.date(2026, 5, 1)
    )
    BillingAddressFactory(user=late.user)
    invoice = issue(late, secretariat)
    # Meetings on 4 Mar + every 2 weeks: 5 of 10 are after 1 May.
    assert invoice.net == Decimal("225.00")
    assert invoice.period_from == datetime.date(2026, 5, 1)
    assert invoice.period_until == datetime.date(2026, 7, 8)
    assert "5 Doppelsitzungen, 01.05.2026 – 08.07.2026" in invoice.lines.get().detail


def test_reduced_agreement_halves_the_fee(billed_membership, secretariat):
    FeeAgreementFactory(membership=billed_membership, agreed_by=secretariat)
    invoice = issue(billed_membership, secretariat)
    assert invoice.gross == Decimal("225.00")
    assert "50 %" in invoice.lines.get().detail


def test_on_request_group_bills_only_an_agreed_amount(billed_membership, secretariat):
    group = billed_membership.group
    group.fee_and_places_on_request = True
    group.save()
    with pytest.raises(invoices.InvoiceError, match="auf Anfrage"):
        issue(billed_membership, secretariat)
    FeeAgreementFactory(
        membership=billed_membership,
        kind=FeeAgreement.Kind.FIXED,
        reduction_percent=None,
        amount=Decimal("380.00"),
    )
    assert issue(billed_membership, secretariat).gross == Decimal("380.00")


def test_free_agreement_issues_nothing(billed_membership, secretariat):
    FeeAgreementFactory(
        membership=billed_membership,
        kind=FeeAgreement.Kind.FREE,
        reduction_percent=None,
    )
    with pytest.raises(invoices.InvoiceError):
        issue(billed_membership, secretariat)
    assert not Invoice.objects.exists()


def test_without_billing_address_nothing_is_issued(term_group, issuer, secretariat):
    membership = MembershipFactory(group=term_group, started_on=TERM)
    with pytest.raises(invoices.InvoiceError, match="Rechnungsadresse"):
        issue(membership, secretariat)
    assert not Invoice.objects.exists()


def test_without_tax_rule_nothing_is_issued(billed_membership, secretariat, issuer):
    issuer.tax_rules.all().delete()
    with pytest.raises(invoices.InvoiceError, match="Umsatzsteuer"):
        issue(billed_membership, secretariat)


def test_vat_is_added_when_the_operator_sets_a_rate(billed_membership, secretariat):
    rule = billed_membership.group and invoices.default_issuer().tax_rules.get(
        kind="group_fee"
    )
    rule.vat_rate = Decimal("19.00")
    rule.exemption_note = ""
    rule.save()
    invoice = issue(billed_membership, secretariat)
    assert (invoice.net, invoice.vat, invoice.gross) == (
        Decimal("450.00"),
        Decimal("85.50"),
        Decimal("535.50"),
    )
    assert invoice.exemption_note == ""


def test_issued_invoice_cannot_be_changed_or_deleted(billed_membership, secretariat):
    invoice = issue(billed_membership, secretariat)
    invoice.net = Decimal("1.00")
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=invoice.pk).update(net=1)
    with pytest.raises(ImmutableInvoiceError):
        invoice.delete()
    line = invoice.lines.get()
    line.net = Decimal("1.00")
    with pytest.raises(ImmutableInvoiceError):
        line.save()
    with pytest.raises(ImmutableInvoiceError):
        InvoiceLine.objects.update(net=1)


def test_cancellation_references_the_invoice_and_mirrors_it(
    billed_membership, secretariat
):
    invoice = issue(billed_membership, secretariat)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)):
        cancellation = invoices.cancel_invoice(
            invoice, by=secretariat, reason="Falsche Adresse."
        )
    invoice.refresh_from_db()
    assert invoice.is_cancelled
    assert cancellation.cancels == invoice
    assert cancellation.gross == -invoice.gross
    assert cancellation.lines.get().net == Decimal("-450.00")
    assert "Stornierung der Rechnung 2026-00001 vom 10.03.2026" in cancellation.note
    assert list(invoices.open_invoices()) == []
    with pytest.raises(invoices.InvoiceError, match="bereits storniert"):
        invoices.cancel_invoice(invoice, by=secretariat)
    with pytest.raises(invoices.InvoiceError):
        invoices.cancel_invoice(cancellation, by=secretariat)


def test_correction_cancels_and_issues_from_current_data(
    billed_membership, secretariat
):
    invoice = issue(billed_membership, secretariat)
    FeeAgreementFactory(membership=billed_membership, agreed_by=secretariat)
    new = invoices.correct_invoice(invoice, by=secretariat, reason="Ermäßigung")
    assert new.gross == Decimal("225.00")
    assert new.number == "2026-00003"
    assert list(invoices.open_invoices()) == [new]


def test_preview_names_who_cannot_be_billed(billed_membership, secretariat):
    group = billed_membership.group
    no_address = MembershipFactory(group=group, started_on=TERM)
    free = MembershipFactory(group=group, started_on=TERM)
    BillingAddressFactory(user=free.user)
    FeeAgreementFactory(membership=free, kind="free", reduction_percent=None)
    left = MembershipFactory(
        group=group, started_on=datetime.date(2025, 1, 1), ended_on=TERM
    )

    preview = invoices.preview_term(group)

    problems = {row.membership: row.problem for row in preview.rows}
    assert left not in problems
    assert problems[billed_membership] == ""
    assert problems[no_address] == "keine Rechnungsadresse"
    assert problems[free] == "kostenfrei"
    assert preview.total == Decimal("450.00")
    assert not Invoice.objects.exists()


def test_issue_term_bills_each_member_once(billed_membership, secretariat):
    group = billed_membership.group
    other = MembershipFactory(group=group, started_on=TERM)
    BillingAddressFactory(user=other.user)
    result = invoices.issue_term(group, by=secretariat, issued_on=DAY)
    assert len(result.issued) == 2
    again = invoices.issue_term(group, by=secretariat, issued_on=DAY)
    assert again.issued == []
    assert Invoice.objects.count() == 2


def test_issue_term_only_selected(billed_membership, secretariat):
    group = billed_membership.group
    other = MembershipFactory(group=group, started_on=TERM)
    BillingAddressFactory(user=other.user)
    result = invoices.issue_term(group, by=secretariat, only={other.pk})
    assert [i.recipient for i in result.issued] == [other.user]


def test_status_reads_from_the_cancellation(billed_membership, secretariat):
    invoice = issue(billed_membership, secretariat)
    assert invoice.status == "issued"
    cancellation = invoices.cancel_invoice(invoice, by=secretariat)
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert (invoice.status, cancellation.status) == ("cancelled", "cancellation")


def test_late_entry_uses_the_sessions_the_leader_counted(
    billed_membership, secretariat
):
    late = MembershipFactory(
        group=billed_membership.group, started_on=datetime.date(2026, 5, 1)
    )
    BillingAddressFactory(user=late.user)
    ApplicationFactory(
        group=late.group,
        user=late.user,
        status=Application.Status.ACCEPTED,
        membership=late,
        entry_on=late.started_on,
        remaining_sessions=3,
    )
    invoice = issue(late, secretariat)
    assert invoice.net == Decimal("135.00")
    assert "3 Doppelsitzungen" in invoice.lines.get().detail


def test_invoice_and_cancellation_are_mailed_with_the_pdf(
    billed_membership, secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    address = billed_membership.user.billing_address
    address.invoice_email = "buchhaltung@praxis.example"
    address.save()
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue(billed_membership, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        invoices.cancel_invoice(invoice, by=secretariat)
    first, second = mailoutbox
    assert first.to == ["buchhaltung@praxis.example"]
    assert first.subject == "Ihre Rechnung 2026-00001"
    assert "450,00 €" in first.body
    name, content, mimetype = first.attachments[0]
    assert (name, mimetype) == ("Rechnung-2026-00001.pdf", "application/pdf")
    assert b"factur-x.xml" in content
    assert second.subject == "Stornorechnung 2026-00002"


def test_invoice_mails_go_to_the_account_without_an_invoice_address(
    billed_membership, secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    user = billed_membership.user
    assert user.billing_address.invoice_email == ""
    assert mail.invoice_mail_to(user) == user
    with django_capture_on_commit_callbacks(execute=True):
        issue(billed_membership, secretariat)
    assert mailoutbox[0].to == [user.email]


def test_invoice_mail_address_is_read_when_the_mail_is_written(
    billed_membership, secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    """The cancellation of an invoice issued before the person set an invoice
    address goes to the new address, greeted as the person."""
    user = billed_membership.user
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue(billed_membership, secretariat)
    address = user.billing_address
    address.invoice_email = "rechnungen@klinik.example"
    address.save()
    to = mail.invoice_mail_to(user)
    assert to.email == "rechnungen@klinik.example"
    assert to.letter_salutation() == user.letter_salutation()
    with django_capture_on_commit_callbacks(execute=True):
        invoices.cancel_invoice(invoice, by=secretariat, reason="Adresse")
    first, second = mailoutbox
    assert first.to == [user.email]
    assert second.to == ["rechnungen@klinik.example"]
    assert user.last_name in second.body
