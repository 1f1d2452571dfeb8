"""Whether an invoice is paid, open or overdue: the one rule for it.

An issued invoice never changes (billing), so its state is computed from the
payments recorded for it. ``with_payments`` annotates a queryset of invoices
with ``paid`` (the sum of its payments) in the same query, so lists of any
length cost one query; ``status`` reads that annotation.

- A cancellation invoice (Stornorechnung) and an invoice it cancels are
  ``CANCELLED``: neither is to be paid (money already received for a
  cancelled invoice shows in its ``paid`` and is settled by hand).
- ``PAID`` when the payments cover the gross amount, ``OVERDUE`` when not
  and the due date has passed, else ``OPEN``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from balintkreis.billing.models import Invoice
from balintkreis.payments.models import Payment


class Status(models.TextChoices):
    OPEN = "open", _("open")
    OVERDUE = "overdue", _("overdue")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")


def with_payments(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """``invoices`` annotated with ``paid`` (Decimal, 0 without payments)
    and ``is_cancelled_flag`` (a cancellation invoice references it)."""
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money: DecimalField[Decimal, Decimal] = DecimalField(
        max_digits=10, decimal_places=2
    )
    return invoices.annotate(
        paid=Coalesce(
            Subquery(paid, output_field=money), Decimal(0), output_field=money
        )
    ).select_related("cancellation")


def paid_of(invoice: Invoice) -> Decimal:
    """The annotation if present, else one query."""
    paid = getattr(invoice, "paid", None)
    if paid is None:
        paid = invoice.payments.aggregate(total=Sum("amount"))["total"]
    return Decimal(paid or 0)


def outstanding(invoice: Invoice) -> Decimal:
    """What is still to be paid (0 when paid or cancelled, never negative)."""
    if invoice.is_cancellation or invoice.is_cancelled:
        return Decimal(0)
    return max(invoice.gross - paid_of(invoice), Decimal(0))


def status(invoice: Invoice, *, today: datetime.date) -> Status:
    """The invoice's payment status on ``today`` (see the module docstring)."""
    if invoice.is_cancellation or invoice.is_cancelled:
        return Status.CANCELLED
    if paid_of(invoice) >= invoice.gross:
        return Status.PAID
    if today > invoice.due_on:
        return Status.OVERDUE
    return Status.OPEN


def unpaid(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Invoices (not cancellations, not cancelled) whose payments do not
    cover the gross amount, annotated as ``with_payments``."""
    return (
        with_payments(invoices)
        .exclude(kind=Invoice.Kind.CANCELLATION)
        .filter(cancellation__isnull=True)
        .filter(Q(paid__lt=models.F("gross")))
    )


def states_for(invoices: list[Invoice]) -> dict[int, str]:
    """Labels for billing's lists (billing/status.py ``invoice_states``):
    "paid" or "partly paid" for invoices with payments that are neither
    cancelled nor cancellations; the others keep billing's label. One
    query."""
    wanted = [i.pk for i in invoices if not i.is_cancellation and not i.is_cancelled]
    sums = dict(
        Payment.objects.filter(invoice__in=wanted)
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values_list("invoice", "total")
    )
    found: dict[int, str] = {}
    for invoice in invoices:
        paid = sums.get(invoice.pk)
        if not paid:
            continue
        if paid >= invoice.gross:
            found[invoice.pk] = str(Status.PAID.label)
        else:
            found[invoice.pk] = str(
                _("partly paid, %(amount)s € open")
                % {"amount": number_format(invoice.gross - paid, 2)}
            )
    return found


@dataclass(frozen=True)
class Summary:
    """Open and overdue invoices for the secretariat's home."""

    open_count: int
    open_total: Decimal
    overdue: list[Invoice]
    overdue_count: int
    overdue_total: Decimal


def summary(*, today: datetime.date, shown: int = 10) -> Summary:
    """Counts and sums in one query, the oldest overdue invoices in a
    second: two queries, whatever the number of invoices."""
    rows = unpaid(Invoice.objects.all())
    totals = rows.aggregate(
        open_count=models.Count("pk"),
        open_total=Sum(models.F("gross") - models.F("paid")),
        overdue_count=models.Count("pk", filter=Q(due_on__lt=today)),
        overdue_total=Sum(
            models.F("gross") - models.F("paid"), filter=Q(due_on__lt=today)
        ),
    )
    overdue = list(rows.filter(due_on__lt=today).order_by("due_on", "pk")[:shown])
    return Summary(
        open_count=totals["open_count"],
        open_total=totals["open_total"] or Decimal(0),
        overdue=overdue,
        overdue_count=totals["overdue_count"],
        overdue_total=totals["overdue_total"] or Decimal(0),
    )
