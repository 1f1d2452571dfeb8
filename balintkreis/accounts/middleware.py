from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from balintkreis.accounts import two_factor

# Pages a person may use before the authenticator app is set up: the MFA pages
# themselves (all named ``mfa_…``), re-authentication on the way to them,
# e-mail verification (allauth refuses MFA for unverified addresses) and log-out.
ALLOWED_URL_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "account_email",
    "account_confirm_email",
    "account_email_verification_sent",
    "set_language",
}


class RequireStaffTwoFactorMiddleware:
    """Send staff sessions without TOTP to the activation page (issue 7)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if not request.session.get(two_factor.SESSION_KEY):
            return None
        name = request.resolver_match.url_name if request.resolver_match else ""
        if name and (name.startswith("mfa_") or name in ALLOWED_URL_NAMES):
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        if not two_factor.setup_pending(request):
            return None
        messages.warning(
            request,
            _(
                "Please set up two-factor log-in first: as secretariat or group "
                "leader you work with confidential data."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
