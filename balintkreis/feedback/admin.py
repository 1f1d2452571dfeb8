from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.feedback.models import Poll, PollChoice

# Feedback, notes, voters and ballots are deliberately not in the admin:
# feedback and notes have fixed readers (audit-logged), and ballots must
# stay unlinkable to voters, also for the secretariat.

LOCKED = _(
    "Somebody has already voted in this poll, so its question, answers, group "
    "and closing can no longer be changed."
)


def is_locked(poll: Poll | None) -> bool:
    """A poll is fixed from the first vote on, and for good once closed
    (issue 11 item 10): votes must count for what the voters saw."""
    if poll is None or poll.pk is None:
        return False
    return not poll.is_open or poll.voters.exists() or poll.ballots.exists()


class PollForm(forms.ModelForm):
    class Meta:
        model = Poll
        fields = ["group", "question", "opened_by", "opened_at"]

    def clean(self) -> dict[str, Any] | None:
        # The page may have been opened before the first vote came in.
        if is_locked(self.instance):
            raise forms.ValidationError(LOCKED)
        return super().clean()


class PollChoiceInline(admin.TabularInline):
    model = PollChoice
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Poll | None = None) -> bool:
        return not is_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(
        self, request: HttpRequest, obj: Poll | None = None
    ) -> bool:
        return not is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: Poll | None = None
    ) -> bool:
        return not is_locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Poll)
class PollAdmin(AuditedModelAdmin):
    form = PollForm
    list_display = ["question", "group", "opened_at", "closed_at"]
    inlines = [PollChoiceInline]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Poll | None = None
    ) -> list[str]:
        # Closing counts the sealed ballots (feedback/polls.py close_poll) and
        # is done by the group's leader; the admin never sets or clears it.
        if is_locked(obj):
            return ["group", "question", "opened_by", "opened_at", "closed_at"]
        return ["closed_at"]

    def has_change_permission(
        self, request: HttpRequest, obj: Poll | None = None
    ) -> bool:
        # A locked poll opens as a read-only page without a save button.
        return not is_locked(obj) and super().has_change_permission(request, obj)
