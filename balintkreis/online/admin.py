from django.contrib import admin

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.online.models import Presence, PresenceInterval, Room, TechCheck


@admin.register(Room)
class RoomAdmin(AuditedModelAdmin):
    list_display = ["group", "created_at"]
    readonly_fields = ["slug"]


@admin.register(TechCheck)
class TechCheckAdmin(AuditedModelAdmin):
    list_display = ["user", "verdict", "browser", "checked_at"]
    list_filter = ["verdict"]


class PresenceIntervalInline(admin.TabularInline):
    model = PresenceInterval
    extra = 0
    readonly_fields = ["started_at", "ended_at", "source"]


@admin.register(Presence)
class PresenceAdmin(AuditedModelAdmin):
    list_display = ["meeting", "user", "first_joined_at", "rejoins", "left_at"]
    inlines = [PresenceIntervalInline]
    readonly_fields = ["first_joined_at", "last_seen_at", "left_at", "rejoins"]
