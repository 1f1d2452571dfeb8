from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from balintkreis.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """The audit trail can be read, never changed."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_repr", "actor__email", "actor__last_name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Changes made in the administration (Django's own log)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "user__email"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]


admin.site.site_header = _("Balintkreis administration")
admin.site.site_title = _("Balintkreis")
admin.site.index_title = _("Secretariat")
