"""Billing: issuers, tax rules, billing addresses, fee agreements, invoices.

An issued invoice is a legal document (§ 14 UStG, kept 10 years under § 147
AO): its row and its lines never change. A correction is a cancellation
invoice (Stornorechnung) that references it, plus a new invoice
(``billing/invoices.py``).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.mentoring.models import Mentorship


class ServiceKind(models.TextChoices):
    """What an invoice bills; tax treatment is configured per kind."""

    GROUP_FEE = "group_fee", _("Balint group fee")
    SUPERVISION = "supervision", _("supervision")


class IssuerQuerySet(models.QuerySet["Issuer"]):
    def default(self) -> "Issuer | None":
        return self.filter(is_default=True).first()


class Issuer(models.Model):
    """The organisation that issues invoices, with what § 14 UStG asks for.

    Every invoice copies these values when it is issued, so a later change
    (a new address) never alters an issued invoice.
    """

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country code"), max_length=2, default="DE")
    tax_number = models.CharField(_("tax number"), max_length=40, blank=True)
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("e-mail address for invoices"))
    phone = models.CharField(_("phone"), max_length=40)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days)"),
        default=14,
        validators=[MaxValueValidator(120)],
    )
    is_default = models.BooleanField(_("issues invoices by default"), default=True)

    objects = IssuerQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice issuer")
        verbose_name_plural = _("invoice issuers")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="issuer_one_default",
            ),
            # § 14 (4) Nr. 2 UStG: tax number or VAT ID.
            models.CheckConstraint(
                condition=~Q(tax_number="") | ~Q(vat_id=""),
                name="issuer_tax_number_or_vat_id",
                violation_error_message=_(
                    "Please enter the tax number or the VAT ID (§ 14 UStG)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [self.street, f"{self.postal_code} {self.city}"]


class TaxRule(models.Model):
    """The operator's choice for one kind of service: a VAT rate, or exempt
    with the legal basis printed on the invoice. The project decides no tax
    question; without a rule an invoice cannot be issued."""

    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuer"),
        on_delete=models.CASCADE,
        related_name="tax_rules",
    )
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    exemption_note = models.CharField(
        _("exemption note with legal basis"),
        max_length=300,
        blank=True,
        help_text=_(
            "Printed on the invoice when the rate is 0, e.g. "
            "“Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG”."
        ),
    )

    class Meta:
        verbose_name = _("tax rule")
        verbose_name_plural = _("tax rules")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "kind"],
                name="tax_rule_one_per_kind",
                violation_error_message=_(
                    "There is already a tax rule for this service."
                ),
            ),
            # Exempt (0 %) needs its legal basis on the invoice (§ 14 (4) Nr. 9).
            models.CheckConstraint(
                condition=~Q(vat_rate=0) | ~Q(exemption_note=""),
                name="tax_rule_exemption_has_basis",
                violation_error_message=_(
                    "With a VAT rate of 0 %, please enter the exemption note "
                    "with its legal basis."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} – {self.get_kind_display()}"

    @property
    def is_exempt(self) -> bool:
        return self.vat_rate == 0


class InvoiceCounter(models.Model):
    """The last number given per issuer and year; the row is locked while a
    number is drawn, so two invoices never share one and none is skipped."""

    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="counters"
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="invoice_counter_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class BillingAddress(models.Model):
    """Where a person's invoices go: privately or to a practice or clinic."""

    class Kind(models.TextChoices):
        PRIVATE = "private", _("private address")
        PRACTICE = "practice", _("practice or clinic")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="billing_address",
    )
    kind = models.CharField(
        _("invoice to"), max_length=20, choices=Kind.choices, default=Kind.PRIVATE
    )
    organisation = models.CharField(
        _("practice or clinic"),
        max_length=200,
        blank=True,
        help_text=_("Name of the practice or clinic, if the invoice goes there."),
    )
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country code"), max_length=2, default="DE")
    invoice_email = models.EmailField(
        _("e-mail address for invoices"),
        blank=True,
        help_text=_("Leave empty to use your account's address."),
    )
    buyer_reference = models.CharField(
        _("buyer reference (e.g. Leitweg-ID)"),
        max_length=100,
        blank=True,
        help_text=_("Only if the clinic asks for one on e-invoices."),
    )
    vat_id = models.CharField(_("VAT ID of the practice"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("billing address")
        verbose_name_plural = _("billing addresses")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="private") | ~Q(organisation=""),
                name="billing_address_practice_named",
                violation_error_message=_(
                    "Please enter the name of the practice or clinic."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.postal_code} {self.city}"


class FeeAgreement(models.Model):
    """An individually agreed fee for one membership or one mentorship's
    supervision: a reduced rate, a fixed amount per term (or supervision
    period), or free of charge (issue 18 item 1)."""

    class Kind(models.TextChoices):
        REDUCED = "reduced", _("reduced rate")
        FIXED = "fixed", _("fixed amount")
        FREE = "free", _("free of charge")

    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_agreement",
    )
    mentorship = models.OneToOneField(
        Mentorship,
        verbose_name=_("mentorship"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_agreement",
    )
    kind = models.CharField(_("agreement"), max_length=20, choices=Kind.choices)
    reduction_percent = models.DecimalField(
        _("reduction (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    amount = models.DecimalField(
        _("fixed amount (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        max_digits=10,
        decimal_places=2,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreed_on = models.DateField(_("agreed on"))

    class Meta:
        verbose_name = _("fee agreement")
        verbose_name_plural = _("fee agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(membership__isnull=True) ^ Q(mentorship__isnull=True),
                name="fee_agreement_one_subject",
            ),
            models.CheckConstraint(
                condition=~Q(kind="reduced") | Q(reduction_percent__isnull=False),
                name="fee_agreement_reduced_has_percent",
                violation_error_message=_("Please enter the reduction in percent."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="fixed") | Q(amount__isnull=False),
                name="fee_agreement_fixed_has_amount",
                violation_error_message=_("Please enter the agreed amount."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership or self.mentorship}: {self.get_kind_display()}"


class ImmutableInvoiceError(RuleError):
    pass


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def update(self, **kwargs: Any) -> int:
        # Issued invoices are never edited (§ 14 UStG, GoBD); see Invoice.save.
        raise ImmutableInvoiceError(_("An issued invoice cannot be changed."))

    def of(self, user: Any) -> "InvoiceQuerySet":
        return self.filter(recipient=user)

    def not_cancelled(self) -> "InvoiceQuerySet":
        """Invoices (not cancellations) without a cancellation invoice."""
        return self.exclude(kind=Invoice.Kind.CANCELLATION).filter(
            cancellation__isnull=True
        )


class Invoice(models.Model):
    """One issued invoice, or a cancellation invoice (``cancels`` set).

    Holds a snapshot of issuer and recipient, because § 14 (4) UStG asks for
    the names and addresses as they were on the invoice date, and account
    deletion must not remove them (docs/privacy.md).
    """

    class Kind(models.TextChoices):
        GROUP_FEE = ServiceKind.GROUP_FEE.value, ServiceKind.GROUP_FEE.label
        SUPERVISION = ServiceKind.SUPERVISION.value, ServiceKind.SUPERVISION.label
        CANCELLATION = "cancellation", _("cancellation invoice")

    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("invoice number"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due on"))
    period_from = models.DateField(_("service from"))
    period_until = models.DateField(_("service until"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        # Kept for 10 years: deleting the account pseudonymises the person.
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )
    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )
    cancels = models.OneToOneField(
        "self",
        verbose_name=_("cancels invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancellation",
    )
    # Snapshot of the issuer (§ 14 (4) Nr. 1, 2 UStG).
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_address = models.TextField(_("issuer's address"))
    issuer_street = models.CharField(max_length=200)
    issuer_postal_code = models.CharField(max_length=10)
    issuer_city = models.CharField(max_length=100)
    issuer_country = models.CharField(max_length=2)
    issuer_tax_number = models.CharField(_("tax number"), max_length=40, blank=True)
    issuer_vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    issuer_contact = models.CharField(max_length=120)
    issuer_email = models.EmailField()
    issuer_phone = models.CharField(max_length=40)
    issuer_bank_name = models.CharField(max_length=120, blank=True)
    issuer_iban = models.CharField(max_length=34, blank=True)
    issuer_bic = models.CharField(max_length=11, blank=True)
    # Snapshot of the recipient (§ 14 (4) Nr. 1 UStG).
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_address = models.TextField(_("recipient's address"))
    recipient_organisation = models.CharField(max_length=200, blank=True)
    recipient_street = models.CharField(max_length=200)
    recipient_postal_code = models.CharField(max_length=10)
    recipient_city = models.CharField(max_length=100)
    recipient_country = models.CharField(max_length=2)
    recipient_email = models.EmailField()
    recipient_vat_id = models.CharField(max_length=20, blank=True)
    buyer_reference = models.CharField(max_length=100, blank=True)
    # Amounts (negative on a cancellation invoice).
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    net = models.DecimalField(_("net amount"), max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat = models.DecimalField(_("VAT amount"), max_digits=10, decimal_places=2)
    gross = models.DecimalField(_("gross amount"), max_digits=10, decimal_places=2)
    exemption_note = models.CharField(_("exemption note"), max_length=300, blank=True)
    note = models.TextField(_("note on the invoice"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"], name="invoice_number_unique_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(kind="cancellation") ^ Q(cancels__isnull=True),
                name="invoice_cancellation_references_invoice",
            ),
            models.CheckConstraint(
                condition=Q(gross=models.F("net") + models.F("vat")),
                name="invoice_gross_is_net_plus_vat",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "issued_on"])]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Breaks the "nothing in save()" rule on purpose: the law forbids
        # changing an issued invoice, so no code path may update the row.
        if not self._state.adding:
            raise ImmutableInvoiceError(_("An issued invoice cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableInvoiceError(
            _("An invoice is kept for the legal retention period.")
        )

    @property
    def is_cancellation(self) -> bool:
        return self.kind == self.Kind.CANCELLATION

    @property
    def status(self) -> str:
        """ "cancellation", "cancelled" or "issued" (never changes the row;
        whether an invoice is paid is the payments app's business)."""
        if self.is_cancellation:
            return "cancellation"
        return "cancelled" if self.is_cancelled else "issued"

    @property
    def is_cancelled(self) -> bool:
        """A cancellation invoice references this one (cached reverse access)."""
        try:
            self.cancellation  # noqa: B018
        except Invoice.DoesNotExist:
            return False
        return True

    @property
    def is_exempt(self) -> bool:
        return self.vat_rate == 0

    @property
    def year(self) -> int:
        return self.issued_on.year

    def is_overdue_on(self, day: datetime.date) -> bool:
        return not self.is_cancellation and day > self.due_on


class InvoiceLineQuerySet(models.QuerySet["InvoiceLine"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableInvoiceError(_("An issued invoice cannot be changed."))


class InvoiceLine(models.Model):
    """What was delivered: one position of an invoice (§ 14 (4) Nr. 5 UStG)."""

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    description = models.CharField(_("description"), max_length=300)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2)
    unit = models.CharField(
        _("unit"),
        max_length=3,
        default="C62",
        help_text=_("UN/ECE unit code (C62 = piece)."),
    )
    unit_label = models.CharField(_("unit label"), max_length=40, blank=True)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    net = models.DecimalField(_("net amount"), max_digits=10, decimal_places=2)

    objects = InvoiceLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "position"], name="invoice_line_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice} / {self.position}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # See Invoice.save: lines are part of the immutable document.
        if not self._state.adding:
            raise ImmutableInvoiceError(_("An issued invoice cannot be changed."))
        super().save(*args, **kwargs)
