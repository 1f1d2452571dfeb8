# allauth registers its own authenticator admin, which shows and edits the
# second factors' data; imported first so that ours replaces it (issue 11).
import allauth.mfa.admin  # noqa: F401
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balintkreis.accounts import account_changes, permissions
from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import Chamber, Consent, LeaderProfile, User
from balintkreis.core.admin import AuditedAdminMixin, AuditedModelAdmin
from balintkreis.core.errors import RuleError

# Only superusers hand out these; the secretariat could otherwise make itself
# superuser (accounts/backends.py gives it the change permission on people)
# or appoint more secretariat (issue 11 item 2).
PRIVILEGE_FIELDS = [
    "is_secretariat",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
]


class UserCreationForm(ModelForm):
    """Nobody chooses another person's password, not even for a new account:
    it starts without one, and the person is mailed a link to choose it
    (``UserAdmin.save_model``, issue 11 item 2)."""

    class Meta:
        model = User
        fields = ("email",)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("participant", _("participant only")),
            ("leader", _("group leader")),
            ("secretariat", pgettext_lazy("role", "secretariat")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "leader":
            return queryset.filter(leader_profile__isnull=False)
        if self.value() == "secretariat":
            return queryset.filter(is_secretariat=True)
        if self.value() == "participant":
            return queryset.filter(leader_profile__isnull=True, is_secretariat=False)
        return queryset


class LeaderProfileInline(admin.StackedInline):
    model = LeaderProfile
    can_delete = True
    extra = 0
    max_num = 1


class ConsentInline(admin.TabularInline):
    """Consents are proof (R11): shown, never edited here."""

    model = Consent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("kind", "version", "given_at", "withdrawn_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "last_name",
        "first_name",
        "profession",
        "chamber",
        "masked_efn",
        "is_leader_column",
        "is_secretariat",
        "is_active",
    ]
    list_select_related = ["chamber", "leader_profile"]
    # Never the EFN: it is stored encrypted and must not be searchable (R1).
    search_fields = ["first_name", "last_name", "email"]
    list_filter = [RoleFilter, "profession", "chamber", "is_secretariat", "is_active"]
    readonly_fields = ["masked_efn", "last_login", "date_joined"]
    inlines = [LeaderProfileInline, ConsentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "form_of_address",
                    "title",
                    "first_name",
                    "last_name",
                    "profession",
                    "specialty",
                    "chamber",
                    "masked_efn",
                    "phone",
                    "language",
                    "meeting_reminders",
                ]
            },
        ),
        (
            _("Roles and permissions"),
            {
                "fields": [
                    "is_secretariat",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email"],
            },
        ),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list:
        fields = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return fields + PRIVILEGE_FIELDS

    def has_change_permission(
        self, request: HttpRequest, obj: User | None = None
    ) -> bool:
        # Accounts with staff duties (leaders, co-leaders, secretariat,
        # superusers) are changed by a superuser only (issue 11 item 2).
        if obj is not None and not permissions.may_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<id>/reset-link/",
                self.admin_site.admin_view(self.send_reset_link),
                name="accounts_user_send_reset_link",
            ),
            *super().get_urls(),
        ]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Nobody sets another person's password (issue 11 item 2): Django's
        "set password" page leads to sending the person a reset link."""
        if not str(id).isdigit():
            raise Http404
        if not self.has_change_permission(request, get_object_or_404(User, pk=id)):
            raise PermissionDenied
        return HttpResponseRedirect(
            reverse("admin:accounts_user_send_reset_link", args=[id])
        )

    def send_reset_link(
        self, request: AuthenticatedHttpRequest, id: str
    ) -> HttpResponse:
        if not str(id).isdigit():
            raise Http404
        person = get_object_or_404(User, pk=id)
        if not self.has_change_permission(request, person):
            raise PermissionDenied
        if request.method == "POST":
            try:
                account_changes.send_reset_link(
                    person, by=request.user, request=request
                )
            except RuleError as err:
                messages.error(request, err.message)
            else:
                messages.success(
                    request,
                    _("A link to choose a new password was sent to %(email)s.")
                    % {"email": person.email},
                )
            return HttpResponseRedirect(
                reverse("admin:accounts_user_change", args=[person.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send a password reset link"),
            "opts": self.opts,
            "person": person,
        }
        return TemplateResponse(
            request, "admin/accounts/user/send_reset_link.html", context
        )

    # The administration serves signed-in staff only: a narrower request than
    # ModelAdmin's, which django-stubs cannot express.
    def save_model(  # type: ignore[override]
        self,
        request: AuthenticatedHttpRequest,
        obj: User,
        form: ModelForm,
        change: bool,
    ) -> None:
        super().save_model(request, obj, form, change)
        if change:
            return
        try:
            account_changes.send_reset_link(obj, by=request.user, request=request)
        except RuleError as err:
            messages.error(request, err.message)
        else:
            messages.info(
                request,
                _("A link to choose a password was sent to %(email)s.")
                % {"email": obj.email},
            )

    def save_related(  # type: ignore[override]  # signed-in staff, as above
        self,
        request: AuthenticatedHttpRequest,
        form: ModelForm,
        formsets: list[BaseInlineFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            return
        fields = [str(form.fields[name].label) for name in form.changed_data]
        fields += [
            str(formset.model._meta.verbose_name)
            for formset in formsets
            if formset.has_changed()
        ]
        if fields:
            account_changes.tell_about_change(
                form.instance,
                by=request.user,
                fields=fields,
                old_email=form.initial.get("email", ""),
            )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Accounts are erased through "Meine Daten" (core/personal_data.py),
        # which keeps the pseudonymised proof of attendance; not here.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    @admin.display(description=_("EFN"))
    def masked_efn(self, obj: User) -> str:
        return obj.efn_masked or "–"

    @admin.display(description=_("group leader"), boolean=True)
    def is_leader_column(self, obj: User) -> bool:
        return obj.is_leader


@admin.register(Chamber)
class ChamberAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "report_within_days"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(LeaderProfile)
class LeaderProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "qualification", "dbg_recognised_on", "is_balint_ifa"]
    list_select_related = ["user"]
    list_filter = ["is_balint_ifa", "user__chamber"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(Consent)
class ConsentAdmin(AuditedModelAdmin):
    list_display = ["user", "kind", "version", "given_at", "withdrawn_at"]
    list_select_related = ["user"]
    list_filter = ["kind", "version"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    readonly_fields = ["user", "kind", "version", "given_at", "withdrawn_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AuditedModelAdmin):
    """Who has which second factor; never the secrets (issue 11 item 3). A
    superuser may delete a lost authenticator, nobody edits one here."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__last_name"]
    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser
