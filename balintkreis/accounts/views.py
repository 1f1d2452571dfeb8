from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.accounts import my_data, permissions, profiles
from balintkreis.accounts.forms import (
    DeleteAccountForm,
    LeaderProfileForm,
    ProfileForm,
)
from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core import personal_data, ratelimit
from balintkreis.core.errors import RuleError


# The EFN never reaches error reports or logs (DOMAIN.md R1).
@sensitive_post_parameters("efn")
@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "accounts/profile_edit.html", {"form": form}, status=422
            )
        profiles.save_profile(form.instance, changed_fields=form.changed_data)
        messages.success(request, _("Your profile has been saved."))
        if profiles.efn_is_unusual(form.instance):
            messages.warning(
                request,
                _(
                    "Your EFN does not start with 80276, the prefix of physicians "
                    "in Germany. That is fine for psychotherapists; otherwise "
                    "please check it."
                ),
            )
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@permissions.leader_required
@require_http_methods(["GET", "POST"])
def leader_profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = permissions.get_leader_profile_for_user(request.user)
    form = LeaderProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "accounts/leader_profile_edit.html", {"form": form}, status=422
            )
        profiles.save_leader_profile(
            form.instance, actor=request.user, changed_fields=form.changed_data
        )
        messages.success(request, _("Your leader profile has been saved."))
        return redirect("accounts:leader-profile")
    return render(request, "accounts/leader_profile_edit.html", {"form": form})


@login_required
@require_GET
def data_overview(request: HttpRequest) -> HttpResponse:
    """Everything stored about the person, readable (Art. 15 DSGVO)."""
    data = personal_data.export_for_download(request.user, kind="html")
    return render(
        request,
        "accounts/my_data.html",
        {"sections": my_data.readable(data), "created_at": data["created_at"]},
    )


@login_required
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    """The same as a JSON file (Art. 20 DSGVO), the EFN in full."""
    data = personal_data.export_for_download(request.user, kind="json")
    response = JsonResponse(
        data, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="meine-daten.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        try:
            ratelimit.check(
                request,
                "account-delete",
                rate="10/h",
                message=_("Too many attempts. Please try again in an hour."),
            )
            if form.is_valid():
                personal_data.erase(request.user)
                logout(request)
                messages.success(request, _("Your account has been deleted."))
                return redirect("core:home")
        except RuleError as error:
            form.add_error(None, error.message)
        return render(
            request, "accounts/account_delete.html", {"form": form}, status=422
        )
    return render(request, "accounts/account_delete.html", {"form": form})
