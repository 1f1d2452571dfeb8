import datetime
from decimal import Decimal

from balintkreis.billing import invoices
from balintkreis.billing.models import Invoice
from balintkreis.payments import status
from balintkreis.payments.models import Payment
from balintkreis.payments.tests.factories import clerk, invoice

ISSUED = datetime.date(2026, 11, 2)
DUE = ISSUED + datetime.timedelta(days=14)


def pay(inv, amount):
    return Payment.objects.create(
        invoice=inv, paid_on=ISSUED, amount=Decimal(amount), method="transfer"
    )


def test_open_overdue_and_paid_follow_payments_and_due_date(member):
    inv = invoice(member, "120.00")
    assert status.status(inv, today=DUE) == status.Status.OPEN
    assert status.status(inv, today=DUE + datetime.timedelta(days=1)) == (
        status.Status.OVERDUE
    )
    pay(inv, "100.00")
    annotated = status.with_payments(Invoice.objects.all()).get(pk=inv.pk)
    assert annotated.paid == Decimal("100.00")
    assert status.outstanding(annotated) == Decimal("20.00")
    assert status.status(annotated, today=DUE + datetime.timedelta(days=1)) == (
        status.Status.OVERDUE
    )
    pay(inv, "20.00")
    annotated = status.with_payments(Invoice.objects.all()).get(pk=inv.pk)
    assert status.status(annotated, today=DUE + datetime.timedelta(days=99)) == (
        status.Status.PAID
    )
    assert status.outstanding(annotated) == 0


def test_cancelled_invoices_and_cancellations_are_not_to_be_paid(member):
    inv = invoice(member)
    cancellation = invoices.cancel_invoice(inv, by=clerk())
    inv.refresh_from_db()
    assert status.status(inv, today=DUE) == status.Status.CANCELLED
    assert status.status(cancellation, today=DUE) == status.Status.CANCELLED
    assert status.outstanding(inv) == 0
    assert list(status.unpaid(Invoice.objects.all())) == []


def test_the_summary_costs_two_queries_for_3_and_for_30_invoices(
    member, django_assert_num_queries
):
    for number in range(3):
        invoice(member, issued_on=ISSUED - datetime.timedelta(days=number * 30))
    today = DUE + datetime.timedelta(days=1)
    with django_assert_num_queries(2):  # totals; the oldest overdue rows
        small = status.summary(today=today)
    for _number in range(27):
        invoice(member, issued_on=ISSUED)
    with django_assert_num_queries(2):
        large = status.summary(today=today)
    assert small.open_count == 3
    assert small.overdue_count == 3
    assert large.open_count == 30
    assert large.open_total == Decimal("3600.00")
    assert len(large.overdue) == 10
