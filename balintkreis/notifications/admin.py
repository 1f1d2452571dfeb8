from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.notifications import delivery
from balintkreis.notifications.models import OutboxEmail, ScheduledRun


@admin.register(OutboxEmail)
class OutboxEmailAdmin(AuditedModelAdmin):
    list_display = ["to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Try failed e-mails again"))
    def retry(self, request: HttpRequest, queryset: object) -> None:
        count = delivery.retry_failed(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, _("%(count)d e-mails will be sent again.") % {"count": count}
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(AuditedModelAdmin):
    list_display = ["job", "slot", "created_at"]
    list_filter = ["job"]
    readonly_fields = ["job", "slot", "created_at"]
