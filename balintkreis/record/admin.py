"""Admin: the secretariat may look up outside entries, read-only.

Entries are confirmed on the record's own pages (``record:queue``), where
reading a scan is audit-logged; the admin never shows the scan, and chosen
targets belong to the person alone, so they are not registered.
"""

from django.contrib import admin

from balintkreis.core.admin import ReadOnlyAdmin
from balintkreis.record.models import OutsideEntry


@admin.register(OutsideEntry)
class OutsideEntryAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "started_on", "double_sessions", "status")
    list_filter = ("kind", "status")
    search_fields = ("title", "leader_name", "user__last_name")
