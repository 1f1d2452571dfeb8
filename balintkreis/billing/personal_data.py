"""Billing data of one person (core/personal_data.py composes all apps).

Invoices are kept for the legal retention period (10 years from the end of
the year of issue, § 147 (1) Nr. 4, (3) AO; § 14b UStG): erasing an account
keeps them with the recipient's name and address as printed, because the law
requires them on the invoice; accounts then pseudonymises the person's row
instead of deleting it (``Invoice.recipient`` protects it).
"""

import datetime

from django.conf import settings

from balintkreis.accounts.models import User
from balintkreis.billing.models import BillingAddress, FeeAgreement, Invoice
from balintkreis.core import dates


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    address = BillingAddress.objects.filter(user=user).first()
    agreements = FeeAgreement.objects.filter(membership__user=user) | (
        FeeAgreement.objects.filter(mentorship__mentee=user)
    )
    return {
        "billing_address": None
        if address is None
        else {
            "kind": address.get_kind_display(),
            "organisation": address.organisation,
            "street": address.street,
            "postal_code": address.postal_code,
            "city": address.city,
            "country": address.country,
            "invoice_email": address.invoice_email,
            "buyer_reference": address.buyer_reference,
            "vat_id": address.vat_id,
        },
        "fee_agreements": [
            {
                "kind": a.get_kind_display(),
                "reduction_percent": str(a.reduction_percent or ""),
                "amount": str(a.amount or ""),
                "note": a.note,
                "agreed_on": _iso(a.agreed_on),
            }
            for a in agreements
        ],
        "invoices": [
            {
                "number": i.number,
                "kind": i.get_kind_display(),
                "issued_on": _iso(i.issued_on),
                "recipient_name": i.recipient_name,
                "recipient_address": i.recipient_address,
                "net": str(i.net),
                "vat": str(i.vat),
                "gross": str(i.gross),
            }
            for i in Invoice.objects.of(user)
        ],
    }


def erase(user: User) -> None:
    """Delete the billing address and fee agreements; keep issued invoices
    unchanged (their snapshot is what the law requires us to keep)."""
    BillingAddress.objects.filter(user=user).delete()
    FeeAgreement.objects.filter(membership__user=user).delete()
    FeeAgreement.objects.filter(mentorship__mentee=user).delete()


def retention_cutoff(now: datetime.datetime) -> datetime.date:
    """Invoices issued before this day are past their retention period: it
    ends 10 years after the end of the calendar year of issue."""
    years = settings.RETENTION_INVOICE_YEARS
    return datetime.date(now.year - years, 1, 1)


def purge_expired(*, now: datetime.datetime) -> int:
    """Delete invoices past the retention period, cancellations first (they
    protect the invoice they cancel)."""
    cutoff = retention_cutoff(now)
    expired = Invoice.objects.filter(issued_on__lt=cutoff)
    _total, cancellations = expired.filter(cancels__isnull=False).delete()
    _total, others = expired.delete()
    label = Invoice._meta.label
    return cancellations.get(label, 0) + others.get(label, 0)
