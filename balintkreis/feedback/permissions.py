"""Feedback is for the group only; reading it is for its intended readers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.groups.access import Action, MemberState, access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting


def is_leader_of(user: User, group: BalintGroup) -> bool:
    return access(group, user).may(Action.READ_FEEDBACK)


def is_member_of(user: User, group: BalintGroup) -> bool:
    """An active member today (votes and presenters are members)."""
    rights = access(group, user, on=timezone.localdate())
    return rights.member_state == MemberState.ACTIVE


def get_group(user: User, slug: str) -> BalintGroup:
    """Leaders and active members; 404 for everybody else."""
    group: BalintGroup | None = BalintGroup.objects.filter(slug=slug).first()
    if group is None or not access(group, user).may(Action.VOTE):
        raise Http404
    return group


def get_group_for_leader(user: User, slug: str) -> BalintGroup:
    group = get_group(user, slug)
    if not access(group, user).may(Action.RUN_POLLS):
        raise PermissionDenied
    return group


def get_meeting(user: User, meeting_id: int) -> Meeting:
    meeting: Meeting | None = (
        Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    )
    if meeting is None or not access(meeting.group, user).may(Action.VOTE):
        raise Http404
    return meeting


def get_meeting_for_leader(user: User, meeting_id: int) -> Meeting:
    meeting = get_meeting(user, meeting_id)
    if not access(meeting.group, user).may(Action.READ_FEEDBACK):
        raise PermissionDenied
    return meeting
