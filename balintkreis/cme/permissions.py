"""Who may see and act on a group's certificates (STYLE.md section 6).

The right itself is the table's ``Action.CORRECT_CERTIFICATES``
(``groups/access.py``); this module only loads and checks in one step.
"""

from django.core.exceptions import PermissionDenied

from balintkreis.accounts.models import User
from balintkreis.groups.access import Action, access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import permissions as meeting_permissions


def get_group_for_certificates(user: User, slug: str) -> BalintGroup:
    """The group for those who correct its certificates; members get 403,
    everybody else 404."""
    group = meeting_permissions.get_group_for_member(user, slug)
    if not access(group, user).may(Action.CORRECT_CERTIFICATES):
        raise PermissionDenied
    return group
