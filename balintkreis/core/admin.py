from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from balintkreis.core import audit
from balintkreis.core.models import AuditEvent


class AuditedAdminMixin(admin.ModelAdmin):
    """Every change made in the administration lands in the audit log too
    (issue 7), beside Django's own LogEntry. ModelAdmins of our apps inherit
    it through ``AuditedModelAdmin`` (or mix it in, like the user admin)."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        entry = super().log_addition(request, obj, message)
        audit.record(request.user, "admin.object.added", obj, data=_details(message))
        return entry

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        entry = super().log_change(request, obj, message)
        audit.record(request.user, "admin.object.changed", obj, data=_details(message))
        return entry

    def log_deletions(
        self, request: HttpRequest, queryset: QuerySet[Model]
    ) -> list[LogEntry] | LogEntry:
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            audit.record(request.user, "admin.object.deleted", obj)
        return entries


def _details(message: object) -> dict:
    # Django's change message names the changed fields, never their values,
    # so no EFN or password can reach the log through it.
    return {"fields": message} if message else {}


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


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
