from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts import permissions, staff_sessions, two_factor

# Pages a person may use before the authenticator app is set up, by full view
# name (an admin page is "admin:…", so the admin's authenticator pages are not
# among them): allauth's MFA overview, TOTP set-up and authentication,
# re-authentication on the way to them, e-mail verification (allauth refuses
# MFA for unverified addresses), the language switch and log-out.
ALLOWED_VIEW_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        "set_language",
    }
)


class RequireStaffTwoFactorMiddleware:
    """Send people with staff duties and no TOTP to the activation page, on
    every request (issue 7, issue 11 item 4)."""

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
        if not settings.MFA_REQUIRED_FOR_STAFF or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEW_NAMES:
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


class StaffSessionExpiryMiddleware:
    """Log out people with staff duties after the idle time and the maximum
    session age (issue 11 item 5); participants are not affected.

    Costs no query while a session is within both limits: who has staff
    duties is asked only once a limit has passed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            reason = staff_sessions.limit_passed(request.session, now=now)
            if reason is not None and permissions.has_staff_duties(request.user):
                logout(request)
                messages.warning(request, staff_sessions.message(reason))
                return redirect_to_login(request.get_full_path())
            if reason is not None:
                staff_sessions.start(request.session, now=now)
            else:
                staff_sessions.touch(request.session, now=now)
        return self.get_response(request)
