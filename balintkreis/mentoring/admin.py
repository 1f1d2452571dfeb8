"""Admin: the secretariat edits the FAQ and sees mentor profiles.

Mentorships, sessions and terms are deliberately not registered: their notes
belong to the pair (DOMAIN.md R9), not to the staff who use the admin.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.mentoring import faq
from balintkreis.mentoring.models import FaqCategory, FaqEntry, MentorProfile


@admin.register(FaqCategory)
class FaqCategoryAdmin(AuditedModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FaqEntry)
class FaqEntryAdmin(AuditedModelAdmin):
    list_display = ["question", "category", "visibility", "is_published", "position"]
    list_filter = ["category", "visibility", "is_published"]
    list_editable = ["visibility", "is_published", "position"]
    search_fields = ["question", "answer"]
    readonly_fields = ["preview"]
    fields = [
        "category",
        "question",
        "answer",
        "preview",
        "visibility",
        "is_published",
        "position",
    ]

    @admin.display(description=_("preview"))
    def preview(self, entry: FaqEntry) -> SafeString:
        # render_answer sanitises with nh3, so the HTML is safe to show.
        return format_html("{}", SafeString(faq.render_answer(entry.answer or "")))


@admin.register(MentorProfile)
class MentorProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "region", "city", "mode", "is_accepting", "is_listed"]
    list_filter = ["region", "mode", "is_accepting", "is_listed"]
    search_fields = ["user__last_name", "user__email", "city"]
    raw_id_fields = ["user"]
    readonly_fields = ["is_listed"]
