"""Issuing and cancelling invoices (issue 18 items 2 and 4).

Guarantees:

- every invoice gets the next number of its issuer and year
  (``2026-00017``), drawn under a row lock on ``InvoiceCounter``, so numbers
  are unique and without gaps even when two secretaries issue at once;
- an invoice copies issuer and recipient data as they are on the invoice
  date, and is never changed afterwards (``Invoice.save`` refuses); a
  correction is a cancellation invoice (``cancel_invoice``) plus a new one;
- one membership is billed once per term, one mentorship once per period
  (checked under a lock on the membership or mentorship);
- VAT or the exemption note follow the operator's ``TaxRule`` for the kind
  of service; without one nothing is issued;
- every invoice and cancellation invoice is e-mailed once, with its PDF,
  through the outbox in the issuing transaction.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.billing import einvoice, fees, mail
from balintkreis.billing.models import (
    BillingAddress,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    InvoiceQuerySet,
    Issuer,
    ServiceKind,
    TaxRule,
)
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.mentoring.models import Mentorship
from balintkreis.notifications import outbox


class InvoiceError(RuleError):
    pass


def open_invoices() -> InvoiceQuerySet:
    """Issued invoices that are not cancellations and not cancelled.

    Whether they are paid is the payments app's business.
    """
    return Invoice.objects.not_cancelled()


def default_issuer() -> Issuer:
    issuer = Issuer.objects.default()
    if issuer is None:
        raise InvoiceError(
            _("No invoice issuer is set up yet. Please enter the institute's details.")
        )
    return issuer


def tax_rule(issuer: Issuer, kind: str) -> TaxRule:
    rule = TaxRule.objects.filter(issuer=issuer, kind=kind).first()
    if rule is None:
        raise InvoiceError(
            _(
                "Please decide first whether “%(kind)s” is subject to VAT "
                "(tax rules of the issuer)."
            )
            % {"kind": ServiceKind(kind).label}
        )
    return rule


def next_number(issuer: Issuer, year: int) -> str:
    """The next invoice number of ``issuer`` in ``year``; call inside the
    issuing transaction, so a rollback gives the number back."""
    try:
        with transaction.atomic():
            InvoiceCounter.objects.get_or_create(issuer=issuer, year=year)
    except IntegrityError:
        pass  # Created by a concurrent transaction in the meantime.
    counter = InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{year}-{counter.last_number:05d}"


@dataclass(frozen=True)
class LineSpec:
    description: str
    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    detail: str = ""
    unit_label: str = ""


def _address_block(address: BillingAddress, name: str) -> str:
    lines = [address.organisation, name] if address.organisation else [name]
    lines += [address.street, f"{address.postal_code} {address.city}"]
    if address.country != "DE":
        lines.append(address.country)
    return "\n".join(lines)


def billing_address(user: User) -> BillingAddress:
    address = BillingAddress.objects.filter(user=user).first()
    if address is None:
        raise InvoiceError(
            _("%(person)s has not entered a billing address yet.")
            % {"person": user.display_name}
        )
    return address


def _vat(net: Decimal, rate: Decimal) -> Decimal:
    return fees.money(net * rate / 100)


@dataclass
class InvoiceDraft:
    """Everything an invoice needs before it gets its number."""

    recipient: User
    kind: str
    period_from: datetime.date
    period_until: datetime.date
    lines: list[LineSpec]
    group: BalintGroup | None = None
    membership: Membership | None = None
    mentorship: Mentorship | None = None
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def issue_invoice(
    draft: InvoiceDraft, *, by: User | None, issued_on: datetime.date | None = None
) -> Invoice:
    """Issue one invoice from ``draft`` with the next number (§ 14 UStG)."""
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        issuer = default_issuer()
        rule = tax_rule(issuer, draft.kind)
        address = billing_address(draft.recipient)
        net = sum((line.net for line in draft.lines), Decimal("0.00"))
        if net <= 0:
            raise InvoiceError(_("There is nothing to bill."))
        vat = _vat(net, rule.vat_rate)
        invoice = Invoice(
            issuer=issuer,
            number=next_number(issuer, issued_on.year),
            kind=draft.kind,
            issued_on=issued_on,
            due_on=issued_on + datetime.timedelta(days=issuer.payment_days),
            period_from=draft.period_from,
            period_until=draft.period_until,
            recipient=draft.recipient,
            group=draft.group,
            membership=draft.membership,
            mentorship=draft.mentorship,
            net=net,
            vat_rate=rule.vat_rate,
            vat=vat,
            gross=net + vat,
            exemption_note=rule.exemption_note if rule.is_exempt else "",
            note=draft.note,
            language=draft.recipient.language or "de",
            created_by=by,
            **_issuer_snapshot(issuer),
            **_recipient_snapshot(draft.recipient, address),
        )
        invoice.full_clean()
        invoice.save()
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                position=position,
                description=line.description,
                detail=line.detail,
                quantity=line.quantity,
                unit_label=line.unit_label,
                unit_price=line.unit_price,
                net=line.net,
            )
            for position, line in enumerate(draft.lines, start=1)
        )
        audit.record(
            by,
            "billing.invoice.issued",
            invoice,
            data={"number": invoice.number, "gross": str(invoice.gross)},
        )
        send(invoice)
    return invoice


def send(invoice: Invoice) -> None:
    """E-mail the invoice (ZUGFeRD PDF attached) to the invoice address of
    the billing address, else to the person (``mail.invoice_mail_to``); once
    per invoice (outbox key)."""
    outbox.enqueue(
        to=mail.invoice_mail_to(invoice.recipient),
        template="billing/email/invoice_issued",
        key=f"billing.invoice_issued:{invoice.pk}",
        language=invoice.language,
        context={"invoice": invoice, "url": absolute_url("billing:my-invoices")},
        attachments=[
            outbox.Attachment(
                filename=f"Rechnung-{invoice.number}.pdf",
                content=einvoice.facturx_pdf(invoice),
                mimetype="application/pdf",
            )
        ],
    )


def _issuer_snapshot(issuer: Issuer) -> dict[str, str]:
    return {
        "issuer_name": issuer.name,
        "issuer_address": "\n".join(issuer.address_lines),
        "issuer_street": issuer.street,
        "issuer_postal_code": issuer.postal_code,
        "issuer_city": issuer.city,
        "issuer_country": issuer.country,
        "issuer_tax_number": issuer.tax_number,
        "issuer_vat_id": issuer.vat_id,
        "issuer_contact": issuer.contact_name,
        "issuer_email": issuer.email,
        "issuer_phone": issuer.phone,
        "issuer_bank_name": issuer.bank_name,
        "issuer_iban": issuer.iban,
        "issuer_bic": issuer.bic,
    }


def _recipient_snapshot(user: User, address: BillingAddress) -> dict[str, str]:
    name = f"{user.title} {user.first_name} {user.last_name}".strip()
    return {
        "recipient_name": name,
        "recipient_address": _address_block(address, name),
        "recipient_organisation": address.organisation,
        "recipient_street": address.street,
        "recipient_postal_code": address.postal_code,
        "recipient_city": address.city,
        "recipient_country": address.country,
        "recipient_email": address.invoice_email or user.email,
        "recipient_vat_id": address.vat_id,
        "buyer_reference": address.buyer_reference,
    }


# Memberships ------------------------------------------------------------------


def _billed_for_term(membership: Membership, term_from: datetime.date) -> bool:
    return (
        Invoice.objects.not_cancelled()
        .filter(membership=membership, kind=Invoice.Kind.GROUP_FEE)
        .filter(period_until__gte=term_from, period_from__gte=term_from)
        .exists()
    )


def _charge_line(charge: fees.Charge, unit_label: str) -> LineSpec:
    return LineSpec(
        description=charge.description,
        detail=charge.detail,
        quantity=charge.quantity,
        unit_price=charge.unit_price,
        net=charge.amount or Decimal("0.00"),
        unit_label=unit_label if charge.quantity != 1 else "",
    )


def issue_for_membership(
    membership: Membership,
    *,
    term_from: datetime.date,
    by: User | None,
    issued_on: datetime.date | None = None,
) -> Invoice:
    """Bill ``membership`` for the term starting ``term_from``, once."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("group", "user")
            .get(pk=membership.pk)
        )
        if _billed_for_term(membership, term_from):
            raise InvoiceError(
                _("%(person)s has already been invoiced for this term.")
                % {"person": membership.user.display_name}
            )
        # The invoice is written in the recipient's language (STYLE.md 8).
        with override(membership.user.language or "de"):
            charge = fees.membership_charge(membership, term_from=term_from)
            line = _charge_line(charge, gettext("double session"))
        _check_billable(charge, membership.user)
        return issue_invoice(
            InvoiceDraft(
                recipient=membership.user,
                kind=Invoice.Kind.GROUP_FEE,
                period_from=charge.period_from,
                period_until=charge.period_until,
                lines=[line],
                group=membership.group,
                membership=membership,
            ),
            by=by,
            issued_on=issued_on,
        )


def _check_billable(charge: fees.Charge, user: User) -> None:
    if charge.amount is None:
        raise InvoiceError(
            _(
                "The fee of %(person)s is on request: please record the agreed "
                "amount first."
            )
            % {"person": user.display_name}
        )
    if charge.amount <= 0:
        raise InvoiceError(
            _("%(person)s pays nothing for this term.") % {"person": user.display_name}
        )


# Supervision ------------------------------------------------------------------


def issue_for_supervision(
    mentorship: Mentorship,
    *,
    period_from: datetime.date,
    period_until: datetime.date,
    by: User | None,
    issued_on: datetime.date | None = None,
) -> Invoice:
    """Bill the paid supervision sessions of a period, once per period."""
    if period_until < period_from:
        raise InvoiceError(_("The period ends before it begins."))
    with transaction.atomic():
        mentorship = (
            Mentorship.objects.select_for_update()
            .select_related("mentor", "mentee")
            .get(pk=mentorship.pk)
        )
        overlapping = Invoice.objects.not_cancelled().filter(
            mentorship=mentorship,
            period_from__lte=period_until,
            period_until__gte=period_from,
        )
        if overlapping.exists():
            raise InvoiceError(_("Part of this period has already been invoiced."))
        with override(mentorship.mentee.language or "de"):
            charge = fees.supervision_charge(
                mentorship, period_from=period_from, period_until=period_until
            )
            line = _charge_line(charge, gettext("session"))
        _check_billable(charge, mentorship.mentee)
        return issue_invoice(
            InvoiceDraft(
                recipient=mentorship.mentee,
                kind=Invoice.Kind.SUPERVISION,
                period_from=period_from,
                period_until=period_until,
                lines=[line],
                mentorship=mentorship,
            ),
            by=by,
            issued_on=issued_on,
        )


# Cancellation ------------------------------------------------------------------


def cancel_invoice(invoice: Invoice, *, by: User | None, reason: str = "") -> Invoice:
    """Cancel ``invoice`` with a cancellation invoice (Stornorechnung) that
    references it and repeats its lines with negative amounts. The original
    stays unchanged; an invoice is cancelled at most once (a one-to-one
    reference, checked under a lock)."""
    with transaction.atomic():
        original = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if original.is_cancellation:
            raise InvoiceError(_("A cancellation invoice cannot be cancelled."))
        if original.is_cancelled:
            raise InvoiceError(_("This invoice has already been cancelled."))
        today = timezone.localdate()
        with override(original.language):
            note = gettext("Cancellation of invoice %(number)s of %(date)s.") % {
                "number": original.number,
                "date": date_format(original.issued_on, "SHORT_DATE_FORMAT"),
            }
        snapshot = {name: getattr(original, name) for name in _SNAPSHOT_FIELDS}
        cancellation = Invoice(
            issuer=original.issuer,
            number=next_number(original.issuer, today.year),
            kind=Invoice.Kind.CANCELLATION,
            cancels=original,
            issued_on=today,
            due_on=today,
            net=-original.net,
            vat=-original.vat,
            gross=-original.gross,
            note=f"{note} {reason}".strip(),
            created_by=by,
            **snapshot,
        )
        cancellation.full_clean()
        cancellation.save()
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=cancellation,
                position=line.position,
                description=line.description,
                detail=line.detail,
                quantity=-line.quantity,
                unit_label=line.unit_label,
                unit_price=line.unit_price,
                net=-line.net,
            )
            for line in original.lines.all()
        )
        audit.record(
            by,
            "billing.invoice.cancelled",
            original,
            data={"number": original.number, "cancellation": cancellation.number},
        )
        send(cancellation)
    return cancellation


_SNAPSHOT_FIELDS = [
    "period_from",
    "period_until",
    "recipient",
    "group",
    "membership",
    "mentorship",
    "vat_rate",
    "exemption_note",
    "currency",
    "language",
    *(f.name for f in Invoice._meta.fields if f.name.startswith("issuer_")),
    "recipient_name",
    "recipient_address",
    "recipient_organisation",
    "recipient_street",
    "recipient_postal_code",
    "recipient_city",
    "recipient_country",
    "recipient_email",
    "recipient_vat_id",
    "buyer_reference",
]


def correct_invoice(invoice: Invoice, *, by: User | None, reason: str = "") -> Invoice:
    """Cancel ``invoice`` and issue a new one from today's data (address,
    agreement, fee): the only way to correct an invoice. Returns the new one."""
    with transaction.atomic():
        cancel_invoice(invoice, by=by, reason=reason)
        if invoice.kind == Invoice.Kind.GROUP_FEE and invoice.membership is not None:
            # The term the cancelled invoice billed (a late entrant's period
            # starts after the term).
            term_from = invoice.period_from
            if invoice.group is not None:
                term_from = min(term_start(invoice.group), term_from)
            return issue_for_membership(invoice.membership, term_from=term_from, by=by)
        if invoice.kind == Invoice.Kind.SUPERVISION and invoice.mentorship is not None:
            return issue_for_supervision(
                invoice.mentorship,
                period_from=invoice.period_from,
                period_until=invoice.period_until,
                by=by,
            )
        raise InvoiceError(_("This invoice can only be cancelled, not re-issued."))


# A term in one batch ------------------------------------------------------------


@dataclass(frozen=True)
class TermRow:
    """One line of the preview "Rechnungen für das Halbjahr erstellen"."""

    membership: Membership
    charge: fees.Charge
    problem: str
    # The invoice already issued for this term (linked in the preview).
    invoice: Invoice | None = None

    @property
    def can_issue(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class TermPreview:
    group: BalintGroup
    term_from: datetime.date
    rows: list[TermRow]

    @property
    def total(self) -> Decimal:
        return sum(
            (r.charge.amount or Decimal(0) for r in self.rows if r.can_issue),
            Decimal("0.00"),
        )

    @property
    def issuable(self) -> list[TermRow]:
        return [r for r in self.rows if r.can_issue]


def half_year_start(day: datetime.date) -> datetime.date:
    """1 January or 1 July before ``day``: the term of a group that has not
    recorded its own term start."""
    return day.replace(month=1 if day.month < 7 else 7, day=1)


def term_start(
    group: BalintGroup, *, today: datetime.date | None = None
) -> datetime.date:
    """The start of the group's running term (``term_started_on``, else the
    current half-year)."""
    return group.term_started_on or half_year_start(today or timezone.localdate())


def term_groups() -> list[BalintGroup]:
    """Groups that can be billed: not closed, with members."""
    return list(
        BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED)
        .filter(memberships__isnull=False)
        .distinct()
        .order_by("title")
    )


def preview_term(
    group: BalintGroup, *, term_from: datetime.date | None = None
) -> TermPreview:
    """What issuing the term of ``group`` would bill, member by member, and
    why a member would be left out. Changes nothing."""
    term_from = term_from or term_start(group)
    until = fees.term_until(group, term_from=term_from)
    rows = []
    with_address = set(
        BillingAddress.objects.filter(user__memberships__group=group).values_list(
            "user_id", flat=True
        )
    )
    issued = {
        invoice.membership_id: invoice
        for invoice in Invoice.objects.not_cancelled().filter(
            membership__group=group,
            kind=Invoice.Kind.GROUP_FEE,
            period_until__gte=term_from,
            period_from__gte=term_from,
        )
    }
    for membership in fees.billable_memberships(
        group, term_from=term_from, until=until
    ):
        charge = fees.membership_charge(membership, term_from=term_from)
        rows.append(
            TermRow(
                membership=membership,
                charge=charge,
                problem=_problem(membership, charge, term_from, with_address),
                invoice=issued.get(membership.pk),
            )
        )
    return TermPreview(group=group, term_from=term_from, rows=rows)


def _problem(
    membership: Membership,
    charge: fees.Charge,
    term_from: datetime.date,
    with_address: set[int],
) -> str:
    if _billed_for_term(membership, term_from):
        return gettext("already invoiced")
    if charge.amount is None:
        return gettext("fee on request: no amount agreed")
    if charge.amount <= 0:
        return gettext("free of charge")
    if membership.user_id not in with_address:
        return gettext("no billing address")
    return ""


@dataclass(frozen=True)
class TermResult:
    issued: list[Invoice]
    skipped: list[tuple[Membership, str]]


def issue_term(
    group: BalintGroup,
    *,
    by: User,
    term_from: datetime.date | None = None,
    only: set[int] | None = None,
    issued_on: datetime.date | None = None,
) -> TermResult:
    """Issue the invoices the preview shows for ``group`` (restricted to the
    membership ids in ``only`` if given). Each invoice is its own transaction,
    so one member's missing data does not stop the others; issuing twice
    bills nobody twice."""
    preview = preview_term(group, term_from=term_from)
    issued: list[Invoice] = []
    skipped: list[tuple[Membership, str]] = []
    for row in preview.rows:
        if only is not None and row.membership.pk not in only:
            continue
        if not row.can_issue:
            skipped.append((row.membership, row.problem))
            continue
        try:
            issued.append(
                issue_for_membership(
                    row.membership,
                    term_from=preview.term_from,
                    by=by,
                    issued_on=issued_on,
                )
            )
        except InvoiceError as error:
            skipped.append((row.membership, str(error)))
    audit.record(
        by,
        "billing.term.issued",
        group,
        data={"term_from": preview.term_from.isoformat(), "issued": len(issued)},
    )
    return TermResult(issued=issued, skipped=skipped)


def invoices_of(user: User) -> InvoiceQuerySet:
    return Invoice.objects.of(user).select_related("cancellation", "cancels")


def invoice_status_filter(status: str) -> Q:
    """Filter for the secretariat's list: "open", "cancelled", "cancellation"."""
    if status == "cancelled":
        return Q(cancellation__isnull=False)
    if status == "cancellation":
        return Q(kind=Invoice.Kind.CANCELLATION)
    return Q(cancellation__isnull=True) & ~Q(kind=Invoice.Kind.CANCELLATION)
