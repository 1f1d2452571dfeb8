"""Who may see and do what in the groups app (STYLE.md section 6)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import require_secretariat
from balintkreis.groups.access import Action, access
from balintkreis.groups.models import Application, BalintGroup, Inquiry, Membership


def get_inquiry_for_secretariat(user: User, pk: int) -> Inquiry:
    require_secretariat(user)
    return get_object_or_404(Inquiry, pk=pk)


# Registration (issue 3): leaders of the group and the secretariat manage its
# applications, waiting list and members. May not know the group (not listed,
# not theirs) -> 404; may see it but not act -> 403.

KNOWN_TO_PUBLIC = (
    BalintGroup.Status.OPEN,
    BalintGroup.Status.FORMING,
    BalintGroup.Status.PAUSED,
)


def is_staff_of(user: User, group: BalintGroup) -> bool:
    """Leaders of the group and the secretariat manage its registrations."""
    return access(group, user).may(Action.MANAGE_APPLICATIONS)


def may_know(user: User, group: BalintGroup) -> bool:
    return group.status in KNOWN_TO_PUBLIC or access(group, user).may(Action.KNOW_GROUP)


def get_group_to_apply(user: User, slug: str) -> BalintGroup:
    group = get_object_or_404(BalintGroup, slug=slug)
    if not may_know(user, group):
        raise Http404
    return group


def get_group_for_staff(user: User, slug: str) -> BalintGroup:
    """The group for its leaders and the secretariat."""
    group = get_object_or_404(BalintGroup, slug=slug)
    if is_staff_of(user, group):
        return group
    if may_know(user, group):
        raise PermissionDenied
    raise Http404


def get_group_for_secretariat(user: User, slug: str) -> BalintGroup:
    group = get_group_for_staff(user, slug)
    if not access(group, user).may(Action.ADMINISTER_MEMBERSHIPS):
        raise PermissionDenied
    return group


def get_application_for_staff(user: User, slug: str, pk: int) -> Application:
    group = get_group_for_staff(user, slug)
    return get_object_or_404(group.applications.select_related("user"), pk=pk)


def get_waiting_application_for_secretariat(
    user: User, slug: str, pk: int
) -> Application:
    group = get_group_for_secretariat(user, slug)
    return get_object_or_404(group.applications.select_related("user"), pk=pk)


def get_own_application(user: User, pk: int) -> Application:
    return get_object_or_404(user.applications.select_related("group"), pk=pk)


def get_membership_for_secretariat(user: User, slug: str, pk: int) -> Membership:
    group = get_group_for_secretariat(user, slug)
    return get_object_or_404(group.memberships.select_related("user"), pk=pk)


def get_own_membership(user: User, pk: int) -> Membership:
    return get_object_or_404(user.memberships.select_related("group"), pk=pk)
