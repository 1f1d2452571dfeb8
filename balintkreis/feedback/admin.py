from django.contrib import admin

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.feedback.models import Poll, PollChoice

# Feedback, notes, voters and ballots are deliberately not in the admin:
# feedback and notes have fixed readers (audit-logged), and ballots must
# stay unlinkable to voters, also for the secretariat.


class PollChoiceInline(admin.TabularInline):
    model = PollChoice
    extra = 0


@admin.register(Poll)
class PollAdmin(AuditedModelAdmin):
    list_display = ["question", "group", "opened_at", "closed_at"]
    inlines = [PollChoiceInline]
