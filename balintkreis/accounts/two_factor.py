"""Two-factor log-in (issue 7): required for secretariat and leaders.

When ``MFA_REQUIRED_FOR_STAFF`` is on, a staff log-in without an authenticator
app marks the session; the middleware then sends every page to the TOTP
activation until the app is set up. The mark is set at log-in, so ordinary
requests cost no extra query.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from balintkreis.accounts import permissions
from balintkreis.accounts.models import User

SESSION_KEY = "accounts.two_factor_setup_required"


def is_required_for(user: User) -> bool:
    """Secretariat and leaders need a second factor when the setting is on."""
    if not settings.MFA_REQUIRED_FOR_STAFF:
        return False
    return permissions.is_secretariat(user) or permissions.is_leader(user)


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).exists()


def mark_session_after_login(request: HttpRequest, user: User) -> bool:
    """Remember in the session whether this person must still set up TOTP."""
    required = is_required_for(user) and not has_totp(user)
    if required:
        request.session[SESSION_KEY] = True
    else:
        request.session.pop(SESSION_KEY, None)
    return required


def setup_pending(request: HttpRequest) -> bool:
    """True while a marked session has no authenticator app yet."""
    if not request.session.get(SESSION_KEY):
        return False
    if not settings.MFA_REQUIRED_FOR_STAFF or not request.user.is_authenticated:
        request.session.pop(SESSION_KEY, None)
        return False
    if has_totp(request.user):
        request.session.pop(SESSION_KEY, None)
        return False
    return True
