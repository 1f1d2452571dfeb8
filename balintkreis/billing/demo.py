"""Demo invoices (DOMAIN.md R13: everything invented, tax choices included).

A term of invoices for the demo groups, one cancelled and issued anew, one
supervision invoice. Idempotent: nothing happens once invoices exist. The
payments app adds payments to these invoices in its own demo.
"""

import datetime
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from balintkreis.accounts.demo import LOGINS
from balintkreis.accounts.models import User
from balintkreis.billing import agreements, invoices
from balintkreis.billing.models import (
    BillingAddress,
    FeeAgreement,
    Invoice,
    Issuer,
    ServiceKind,
    TaxRule,
)
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.mentoring import logbook
from balintkreis.mentoring.models import Format, Mentorship

STREETS = ["Lindenweg", "Am Markt", "Goethestraße", "Bahnhofstraße", "Saalstraße"]
CITIES = [
    ("07743", "Jena"),
    ("99423", "Weimar"),
    ("99084", "Erfurt"),
    ("07545", "Gera"),
]


def _issuer() -> Issuer:
    issuer = Issuer.objects.default()
    if issuer is None:
        issuer = Issuer.objects.create(
            name="Balint-Institut Thüringen e. V. (Demo, fiktiv)",
            street="Beispielstraße 1",
            postal_code="07743",
            city="Jena",
            tax_number="161/000/00000",
            contact_name="Sabine Sekretariat",
            email="rechnungen@demo.balintkreis.example",
            phone="+49 3641 000000",
            bank_name="Demo-Bank",
            iban="DE02120300000000202051",  # a published test IBAN
            bic="BYLADEM1001",
        )
    # Invented tax choices to show both cases; the operator decides.
    TaxRule.objects.get_or_create(
        issuer=issuer,
        kind=ServiceKind.GROUP_FEE,
        defaults={"exemption_note": "Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG"},
    )
    TaxRule.objects.get_or_create(
        issuer=issuer, kind=ServiceKind.SUPERVISION, defaults={"vat_rate": Decimal(19)}
    )
    return issuer


def _addresses(users: list[User]) -> None:
    for n, user in enumerate(users):
        if BillingAddress.objects.filter(user=user).exists():
            continue
        postal_code, city = CITIES[n % len(CITIES)]
        practice = n % 3 == 1
        BillingAddress.objects.create(
            user=user,
            kind=BillingAddress.Kind.PRACTICE
            if practice
            else BillingAddress.Kind.PRIVATE,
            organisation=f"Praxis {user.last_name}" if practice else "",
            street=f"{STREETS[n % len(STREETS)]} {n + 1}",
            postal_code=postal_code,
            city=city,
        )


def _agreements(secretariat: User, today: datetime.date) -> None:
    """A reduced rate for a physician in training, fixed amounts in the group
    whose fee is "on request"."""
    first = (
        Membership.objects.active_on(today)
        .filter(group__slug="jena-mitte")
        .exclude(user__email=LOGINS[2][1])
        .order_by("pk")
        .first()
    )
    if first is not None:
        agreements.agree_fee(
            first,
            by=secretariat,
            kind=FeeAgreement.Kind.REDUCED,
            reduction_percent=Decimal(50),
            note="Ärztin in Weiterbildung (Ermäßigung auf Anfrage)",
        )
    for membership in Membership.objects.active_on(today).filter(
        group__fee_and_places_on_request=True
    ):
        agreements.agree_fee(
            membership,
            by=secretariat,
            kind=FeeAgreement.Kind.FIXED,
            amount=Decimal("400.00"),
            note="Pauschale laut Gespräch",
        )


def _supervision(secretariat: User, today: datetime.date) -> Invoice | None:
    mentorship = (
        Mentorship.objects.filter(status=Mentorship.Status.SUPERVISION)
        .select_related("mentor", "mentee")
        .first()
    )
    if mentorship is None or mentorship.supervision_from is None:
        return None
    _addresses([mentorship.mentee])
    logbook.log_session(
        mentorship,
        by=mentorship.mentor,
        held_on=today,
        format=Format.ONLINE,
        duration_minutes=60,
    )
    return invoices.issue_for_supervision(
        mentorship,
        period_from=mentorship.supervision_from,
        period_until=today,
        by=secretariat,
    )


def load(*, stdout: TextIO) -> None:
    if Invoice.objects.exists():
        return
    today = timezone.localdate()
    secretariat = User.objects.get(email=LOGINS[0][1])
    _issuer()
    groups = [
        g for g in invoices.term_groups() if g.status != BalintGroup.Status.CLOSED
    ]
    members = (
        User.objects.filter(memberships__group__in=groups).distinct().order_by("pk")
    )
    _addresses(list(members))
    _agreements(secretariat, today)
    issued = 0
    for group in groups:
        issued += len(invoices.issue_term(group, by=secretariat).issued)
    # A correction: the demo member now wants invoices at the practice.
    member_invoice = Invoice.objects.filter(
        recipient__email=LOGINS[2][1], kind=Invoice.Kind.GROUP_FEE
    ).first()
    if member_invoice is not None:
        address = BillingAddress.objects.get(user=member_invoice.recipient)
        address.kind = BillingAddress.Kind.PRACTICE
        address.organisation = "Hausarztpraxis Albrecht"
        agreements.save_billing_address(address, by=member_invoice.recipient)
        invoices.correct_invoice(
            member_invoice, by=secretariat, reason="Neue Rechnungsadresse (Praxis)."
        )
    supervision = _supervision(secretariat, today)
    stdout.write(
        f"Invoices: {issued} for the term, one corrected, "
        f"{'one' if supervision else 'no'} supervision invoice"
    )
