"""Invoices for the payments tests, issued through billing's own rule."""

import datetime
from decimal import Decimal

import factory

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.billing import invoices
from balintkreis.billing.models import BillingAddress, Invoice, Issuer, ServiceKind
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    IssuerFactory,
    TaxRuleFactory,
)
from balintkreis.payments.models import SepaMandate


def issuer() -> Issuer:
    found = Issuer.objects.default()
    if found is not None:
        return found
    created = IssuerFactory()
    TaxRuleFactory(issuer=created, kind=ServiceKind.GROUP_FEE)
    TaxRuleFactory(
        issuer=created,
        kind=ServiceKind.SUPERVISION,
        vat_rate=Decimal("19.00"),
        exemption_note="",
    )
    return created


def clerk() -> User:
    """Who issues the test invoices (a secretariat account)."""
    found = User.objects.filter(email="rechnungen@test.example").first()
    return found or UserFactory(email="rechnungen@test.example", is_secretariat=True)


def invoice(
    user,
    gross: str = "120.00",
    *,
    issued_on: datetime.date | None = None,
    kind: str = ServiceKind.GROUP_FEE,
) -> Invoice:
    """An exempt group-fee invoice of ``gross`` (due 14 days after issue)."""
    issuer()
    if not BillingAddress.objects.filter(user=user).exists():
        BillingAddressFactory(user=user)
    amount = Decimal(gross)
    return invoices.issue_invoice(
        invoices.InvoiceDraft(
            recipient=user,
            kind=kind,
            period_from=datetime.date(2026, 3, 1),
            period_until=datetime.date(2026, 8, 31),
            lines=[
                invoices.LineSpec(
                    description="Balintgruppe",
                    quantity=Decimal(1),
                    unit_price=amount,
                    net=amount,
                )
            ],
        ),
        by=clerk(),
        issued_on=issued_on or datetime.date(2026, 11, 2),
    )


class SepaMandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SepaMandate

    reference = factory.Sequence(lambda n: f"BK-T-{n}")
    account_holder = factory.LazyAttribute(
        lambda o: f"{o.user.first_name} {o.user.last_name}"
    )
    iban = "DE89370400440532013000"
    iban_end = "3000"
    signed_on = datetime.date(2026, 10, 1)
    text_version = "2026-12"
