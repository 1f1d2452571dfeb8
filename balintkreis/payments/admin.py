from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.admin import AuditedModelAdmin, ReadOnlyAdmin
from balintkreis.core.errors import RuleError
from balintkreis.payments import mandates
from balintkreis.payments.models import (
    BankStatement,
    DirectDebitBatch,
    Payment,
    SepaMandate,
)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    """Read-only: payments are bookkeeping records, corrected by a
    counter-entry on the invoice's payment page, never edited."""

    list_display = ["invoice", "paid_on", "amount", "method"]
    list_filter = ["method"]
    search_fields = ["invoice__number"]


@admin.register(SepaMandate)
class SepaMandateAdmin(AuditedModelAdmin):
    """Members give mandates on their own page; here the secretariat only
    reads them and revokes one on a member's written request (the rule in
    mandates.py). The IBAN is never shown."""

    list_display = ["reference", "user", "iban_end", "signed_on", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["reference"]
    readonly_fields = [
        "reference",
        "user",
        "account_holder",
        "iban_end",
        "bic",
        "signed_on",
        "revoked_at",
    ]
    fields = list(readonly_fields)
    actions = ["revoke"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected mandates"))
    def revoke(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[SepaMandate]
    ) -> None:
        revoked = 0
        for mandate in queryset.filter(revoked_at__isnull=True):
            try:
                mandates.revoke_mandate(mandate, by=request.user)
            except RuleError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                revoked += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d mandate revoked.", "%(count)d mandates revoked.", revoked
            )
            % {"count": revoked},
        )


@admin.register(BankStatement)
class BankStatementAdmin(ReadOnlyAdmin):
    list_display = ["statement_id", "file_name", "imported_at"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(DirectDebitBatch)
class DirectDebitBatchAdmin(ReadOnlyAdmin):
    list_display = ["collection_on", "created_at"]
    exclude = ["xml"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
