from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.notifications import delivery
from balintkreis.notifications.models import OutboxEmail, ScheduledRun


@admin.register(OutboxEmail)
class OutboxEmailAdmin(AuditedModelAdmin):
    """Recipient, subject, status and times only, for every mail: bodies may
    carry reset links or log-in codes (issue 11 item 1), and the key hashes
    the body. Bodies are read through ``outbox.read_body``, audit-logged."""

    SHOWN = [
        "to",
        "subject",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_display = ["to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    fields = tuple(SHOWN)
    readonly_fields = SHOWN
    actions = ["retry"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Never decrypt a body for an admin page.
        return super().get_queryset(request).only(*self.SHOWN)

    @admin.action(description=_("Try failed e-mails again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        count = delivery.retry_failed(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                count,
            )
            % {"count": count},
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(AuditedModelAdmin):
    list_display = ["job", "slot", "created_at"]
    list_filter = ["job"]
    readonly_fields = ["job", "slot", "created_at"]
