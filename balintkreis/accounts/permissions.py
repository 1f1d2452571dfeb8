"""Roles (participant, leader, secretariat) for every app.

Predicates answer "may this person…"; the decorators guard whole views:
anonymous people are sent to the log-in page, the wrong role gets 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from balintkreis.accounts.models import LeaderProfile, User
from balintkreis.core import hooks


def is_secretariat(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_secretariat
    )


def require_secretariat(user: Any) -> None:
    """403 for people who are not the secretariat (inside permission getters)."""
    if not is_secretariat(user):
        raise PermissionDenied


def is_leader(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.is_leader
    )


def is_participant(user: Any) -> bool:
    """Everybody signed in takes part; leaders and secretariat too."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def has_staff_duties(user: Any) -> bool:
    """Leads or co-leads a group, leader role, secretariat, superuser (or
    Django staff, who may enter the administration).

    These are the people who may read other people's confidential data, so
    they need a second factor on every request (accounts/two_factor.py), may
    be changed in the administration by a superuser only, and their sessions
    expire (accounts/staff_sessions.py). "Leads a group" is the groups app's
    own rule, contributed through the ``staff_duties(user)`` hook of its
    AppConfig (core/hooks.py) because groups builds on accounts. At most two
    queries (leader profile, groups led), none for superusers, staff and the
    secretariat.
    """
    if not is_participant(user):
        return False
    if user.is_superuser or user.is_staff or user.is_secretariat or user.is_leader:
        return True
    return any(
        staff_duties(user)
        for _config, staff_duties in hooks.contributions("staff_duties")
    )


def may_change_account(actor: Any, person: User) -> bool:
    """Only a superuser changes an account with staff duties (issue 11 item 2);
    the secretariat changes the accounts of participants."""
    if not is_participant(actor):
        return False
    if actor.is_superuser:
        return True
    return is_secretariat(actor) and not has_staff_duties(person)


def _role_required(
    predicate: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def secretariat_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Anonymous → log-in page; signed in but not secretariat → 403."""
    return _role_required(is_secretariat)(view)


def leader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous → log-in page; signed in but not a leader → 403."""
    return _role_required(is_leader)(view)


def get_leader_profile_for_user(user: User) -> LeaderProfile:
    """The person's own leader profile; 403 for everybody who is not a leader."""
    if not is_leader(user):
        raise PermissionDenied
    return user.leader_profile
