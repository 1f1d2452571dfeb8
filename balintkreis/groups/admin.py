from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import User
from balintkreis.core.admin import AuditedModelAdmin
from balintkreis.core.errors import RuleError
from balintkreis.groups import fees, group_changes, inquiries
from balintkreis.groups.models import (
    Application,
    BalintGroup,
    BalintGroupQuerySet,
    EntryDate,
    FeeSchedule,
    FeeTier,
    Inquiry,
    InquiryReply,
    InterestListEntry,
    Membership,
)


class FeeTierInline(admin.TabularInline):
    model = FeeTier
    extra = 1


@admin.register(FeeSchedule)
class FeeScheduleAdmin(AuditedModelAdmin):
    list_display = ["name", "note"]
    search_fields = ["name"]
    inlines = [FeeTierInline]


class EntryDateInline(admin.TabularInline):
    model = EntryDate
    extra = 1


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "started_on", "ended_on", "end_reason"]
    raw_id_fields = ["user"]
    show_change_link = True


@admin.register(BalintGroup)
class BalintGroupAdmin(AuditedModelAdmin):
    list_display = [
        "title",
        "city",
        "format",
        "status",
        "leader",
        "capacity",
        "free_places_display",
    ]
    list_filter = ["status", "format", "city", "rhythm", "weekday", "chamber"]
    search_fields = [
        "title",
        "city",
        "venue",
        "leader__last_name",
        "leader__email",
        "co_leader__last_name",
    ]
    list_select_related = ["leader", "chamber"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["free_places_display", "fee_display", "created_at"]
    inlines = [EntryDateInline, MembershipInline]

    # The administration serves signed-in staff only: a narrower request than
    # ModelAdmin's, which django-stubs cannot express.
    def formfield_for_foreignkey(  # type: ignore[override]
        self, db_field: Any, request: AuthenticatedHttpRequest, **kwargs: Any
    ) -> Any:
        """Leading a group grants reading its presenters' feedback: the
        secretariat may name leaders, but never itself or another account of
        the secretariat or a superuser (only a superuser may)."""
        if db_field.name in ("leader", "co_leader") and not request.user.is_superuser:
            kwargs["queryset"] = (
                User.objects.filter(is_active=True)
                .exclude(pk=request.user.pk)
                .exclude(is_secretariat=True)
                .exclude(is_superuser=True)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "description", "audience"]}),
        (_("Place and format"), {"fields": ["format", "city", "venue"]}),
        (_("Leadership"), {"fields": ["leader", "co_leader"]}),
        (
            _("Size and places"),
            {
                "fields": [
                    "capacity",
                    "min_size",
                    "free_places_display",
                    "fee_and_places_on_request",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    "rhythm",
                    "weekday",
                    "starts_at",
                    "session_minutes",
                    "sessions_per_date",
                    "rhythm_note",
                ]
            },
        ),
        (
            _("Recognition"),
            {
                "fields": [
                    "chamber",
                    "cme_category",
                    "points_per_session",
                    "counts_for_psgv",
                    "counts_for_specialist_training",
                    "cooperation_partner",
                ]
            },
        ),
        (
            _("Fee"),
            {"fields": ["fee_schedule", "term_sessions", "term_label", "fee_display"]},
        ),
        (None, {"fields": ["created_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        groups = cast(BalintGroupQuerySet, super().get_queryset(request))
        return groups.with_free_places()

    def save_model(
        self, request: HttpRequest, obj: BalintGroup, form: Any, change: bool
    ) -> None:
        old_format = form.initial.get("format", "") if change else ""
        super().save_model(request, obj, form, change)
        # Public pages show the change at once; members hear of a new format.
        group_changes.group_changed(obj, by=request.user, old_format=old_format)

    @admin.display(description=_("free places"), ordering="free_places")
    def free_places_display(self, group: BalintGroup) -> int | str:
        # Computed from memberships, never typed (a full group is not a status).
        return getattr(group, "free_places", "–")

    @admin.display(description=_("computed fee"))
    def fee_display(self, group: BalintGroup) -> str:
        fee = fees.fee_for(group) if group.pk else None
        if fee is None:
            return str(_("Fee on request"))
        return _("%(session)s € per double session, %(term)s € per term") % {
            "session": fee.per_session,
            "term": fee.per_term,
        }


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "group", "started_on", "ended_on"]
    list_filter = ["group", "ended_on"]
    search_fields = ["user__last_name", "user__email", "group__title"]
    list_select_related = ["user", "group"]
    raw_id_fields = ["user"]
    date_hierarchy = "started_on"


class InquiryReplyInline(admin.TabularInline):
    """The thread, read-only: replies are sent from the inbox (outbox mail)."""

    model = InquiryReply
    fields = ["created_at", "author", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Inquiry)
class InquiryAdmin(AuditedModelAdmin):
    list_display = ["name", "email", "group", "status", "created_at"]
    list_filter = ["status", "group"]
    search_fields = ["name", "email", "message"]
    list_select_related = ["group"]
    readonly_fields = ["consent_version", "created_at", "answered_at"]
    date_hierarchy = "created_at"
    actions = ["mark_answered"]
    inlines = [InquiryReplyInline]

    @admin.action(description=_("Mark selected inquiries as answered"))
    def mark_answered(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for inquiry in queryset:
            try:
                inquiries.mark_answered(inquiry, by=request.user)
            except RuleError:
                continue
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d inquiry marked as answered.",
                "%(count)d inquiries marked as answered.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


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
