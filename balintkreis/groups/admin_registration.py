"""Admin for the registration models; imported from GroupsConfig.ready()."""

from django.contrib import admin

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.groups.models import Application, InterestListEntry


@admin.register(Application)
class ApplicationAdmin(AuditedModelAdmin):
    list_display = ["user", "group", "status", "waiting_rank", "created_at"]
    list_filter = ["status", "group"]
    search_fields = ["user__email", "user__last_name", "group__title"]
    raw_id_fields = ["user", "group", "decided_by", "membership"]
    # State changes go through the rules (pages), so the counts stay right.
    readonly_fields = [
        "status",
        "waiting_rank",
        "offered_at",
        "offer_expires_at",
        "offer_reminded_at",
        "membership",
        "closed_at",
    ]


@admin.register(InterestListEntry)
class InterestListEntryAdmin(AuditedModelAdmin):
    list_display = ["user", "region", "format", "created_at", "ended_at"]
    list_filter = ["region", "format"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user"]
