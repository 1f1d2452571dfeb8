"""What a person will be invoiced for a place, shown on the offer page
before they accept it (issue 18 item 6): the same fee rule as the invoice,
with VAT or the exemption as the operator set it, and where the invoice
will go."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.billing import fees
from balintkreis.billing.models import BillingAddress, Issuer, ServiceKind, TaxRule
from balintkreis.core.hooks import Link
from balintkreis.groups.models import BalintGroup


def _euro(value: Decimal) -> str:
    return f"{number_format(value, 2, force_grouping=True)} €"


def notes(group: BalintGroup, *, user: User, entry_on: datetime.date) -> list[Link]:
    charge = fees.offer_charge(group, entry_on=entry_on)
    address_url = reverse("billing:billing-address")
    found: list[Link] = []
    # Without an amount (fee "auf Anfrage") the groups app's fee box on the
    # offer page already says that the fee is agreed individually; saying it
    # again here would make it twice.
    if charge.amount is not None:
        found.append(Link(_invoice_sentence(charge), "", 10))
    address = BillingAddress.objects.filter(user=user).first()
    if address is None:
        found.append(
            Link(
                _("Please enter your billing address for the invoice."), address_url, 20
            )
        )
    else:
        where = address.organisation or f"{address.postal_code} {address.city}"
        found.append(
            Link(
                _("The invoice goes to: %(where)s (change)") % {"where": where},
                address_url,
                20,
            )
        )
    return found


def _invoice_sentence(charge: fees.Charge) -> str:
    assert charge.amount is not None
    issuer = Issuer.objects.default()
    rule = (
        TaxRule.objects.filter(issuer=issuer, kind=ServiceKind.GROUP_FEE).first()
        if issuer
        else None
    )
    if rule is None or rule.is_exempt:
        text = _("You will be invoiced %(amount)s.") % {"amount": _euro(charge.amount)}
        if rule is not None:
            text += " " + rule.exemption_note
        return text
    vat = fees.money(charge.amount * rule.vat_rate / 100)
    return _("You will be invoiced %(gross)s (%(net)s plus %(rate)s %% VAT).") % {
        "gross": _euro(charge.amount + vat),
        "net": _euro(charge.amount),
        "rate": number_format(rule.vat_rate.normalize()),
    }
