from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.forms import ProfileForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            messages.success(request, _("Your profile has been saved."))
            if efn_rules.is_unusual(user.efn):
                messages.warning(
                    request,
                    _(
                        "Your EFN does not start with 80276, the prefix of physicians "
                        "in Germany. That is fine for psychotherapists; otherwise "
                        "please check it."
                    ),
                )
            return redirect("accounts:profile")
        return render(request, "accounts/profile_edit.html", {"form": form}, status=422)
    return render(request, "accounts/profile_edit.html", {"form": form})
