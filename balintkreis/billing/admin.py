"""Admin: the issuer's details and tax rules are set up here; invoices can
be read, never added, changed or deleted (§ 14 UStG; corrections are
cancellation invoices, issued from the secretariat's pages)."""

from django.contrib import admin

from balintkreis.billing.models import (
    BillingAddress,
    FeeAgreement,
    Invoice,
    InvoiceLine,
    Issuer,
    TaxRule,
)
from balintkreis.core.admin import AuditedModelAdmin, ReadOnlyAdmin


class TaxRuleInline(admin.TabularInline):
    model = TaxRule
    extra = 0


@admin.register(Issuer)
class IssuerAdmin(AuditedModelAdmin):
    list_display = ["name", "city", "tax_number", "vat_id", "is_default"]
    inlines = [TaxRuleInline]


@admin.register(BillingAddress)
class BillingAddressAdmin(AuditedModelAdmin):
    list_display = ["user", "kind", "organisation", "city"]
    search_fields = ["user__last_name", "user__email", "organisation", "city"]
    raw_id_fields = ["user"]


@admin.register(FeeAgreement)
class FeeAgreementAdmin(AuditedModelAdmin):
    list_display = ["__str__", "kind", "reduction_percent", "amount", "agreed_on"]
    list_filter = ["kind"]
    raw_id_fields = ["membership", "mentorship", "agreed_by"]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "issued_on", "kind", "recipient_name", "gross"]
    list_filter = ["kind", "issued_on"]
    search_fields = ["number", "recipient_name"]
    inlines = [InvoiceLineInline]
    # What the invoice says; the structured copies for the e-invoice stay out.
    fields = [
        "number",
        "kind",
        "issued_on",
        "due_on",
        ("period_from", "period_until"),
        "issuer_name",
        "issuer_address",
        ("issuer_tax_number", "issuer_vat_id"),
        "recipient_name",
        "recipient_address",
        ("net", "vat_rate", "vat", "gross"),
        "exemption_note",
        "note",
        "cancels",
        "created_by",
        "created_at",
    ]
