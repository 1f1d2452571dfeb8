from django.contrib import admin

from balintkreis.payments.models import (
    BankStatement,
    DirectDebitBatch,
    Payment,
    SepaMandate,
)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read-only: payments are bookkeeping records, corrected by a
    counter-entry on the invoice's payment page, never edited."""

    list_display = ["invoice", "paid_on", "amount", "method"]
    list_filter = ["method"]
    search_fields = ["invoice__number"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(SepaMandate)
class SepaMandateAdmin(admin.ModelAdmin):
    """The IBAN is not shown in lists; mandates are given by the members."""

    list_display = ["reference", "user", "iban_end", "signed_on", "revoked_at"]
    search_fields = ["reference"]
    fields = ["reference", "user", "account_holder", "bic", "signed_on", "revoked_at"]
    readonly_fields = ["reference", "user", "account_holder", "bic", "signed_on"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(BankStatement)
class BankStatementAdmin(admin.ModelAdmin):
    list_display = ["statement_id", "file_name", "imported_at"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(DirectDebitBatch)
class DirectDebitBatchAdmin(admin.ModelAdmin):
    list_display = ["collection_on", "created_at"]
    exclude = ["xml"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
