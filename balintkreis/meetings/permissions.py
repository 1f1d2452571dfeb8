"""Who may see and act on a group's meetings (STYLE.md section 6).

Members (current or former), leaders and the secretariat may see a group's
meetings; everybody else gets 404. Only leaders and the secretariat may act
(403 for members).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from balintkreis.accounts.models import User
from balintkreis.groups.access import Action, MemberState, access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting


def can_lead(user: User, group: BalintGroup) -> bool:
    return access(group, user).may(Action.PLAN_MEETINGS)


def is_member(user: User, group: BalintGroup) -> bool:
    """Any membership, current, accepted or former."""
    return access(group, user).member_state != MemberState.NONE


def can_see(user: User, group: BalintGroup) -> bool:
    return access(group, user).may(Action.READ_MEETINGS)


def get_group_for_member(user: User, slug: str) -> BalintGroup:
    group: BalintGroup = get_object_or_404(
        BalintGroup.objects.select_related("leader", "co_leader", "chamber"), slug=slug
    )
    if not access(group, user).may(Action.READ_MEETINGS):
        raise Http404
    return group


def get_group_for_leader(user: User, slug: str) -> BalintGroup:
    group = get_group_for_member(user, slug)
    if not access(group, user).may(Action.PLAN_MEETINGS):
        raise PermissionDenied
    return group


def get_meeting_for_member(user: User, slug: str, pk: int) -> Meeting:
    group = get_group_for_member(user, slug)
    meeting: Meeting = get_object_or_404(group.meetings.all(), pk=pk)
    meeting.group = group
    return meeting


def get_meeting_for_leader(user: User, slug: str, pk: int) -> Meeting:
    group = get_group_for_leader(user, slug)
    meeting: Meeting = get_object_or_404(group.meetings.all(), pk=pk)
    meeting.group = group
    return meeting


def get_meeting_to_excuse(user: User, slug: str, pk: int) -> Meeting:
    """A date the person may excuse themselves from: members of the group
    (current or accepted); leaders and the secretariat get 403."""
    meeting = get_meeting_for_member(user, slug, pk)
    if not access(meeting.group, user).may(Action.EXCUSE_ABSENCE):
        raise PermissionDenied
    return meeting
