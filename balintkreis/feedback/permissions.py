"""Feedback is for the group only; reading it is for its intended readers."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Meeting


def is_leader_of(user: settings.AUTH_USER_MODEL, group: BalintGroup) -> bool:
    return user.pk in (group.leader_id, group.co_leader_id)


def is_member_of(user: settings.AUTH_USER_MODEL, group: BalintGroup) -> bool:
    today = timezone.localdate()
    return (
        Membership.objects.filter(group=group, user=user, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exists()
    )


def get_group(user: settings.AUTH_USER_MODEL, slug: str) -> BalintGroup:
    """Leaders and active members; 404 for everybody else."""
    group = BalintGroup.objects.filter(slug=slug).first()
    if group is None or not (is_leader_of(user, group) or is_member_of(user, group)):
        raise Http404
    return group


def get_group_for_leader(user: settings.AUTH_USER_MODEL, slug: str) -> BalintGroup:
    group = get_group(user, slug)
    if not is_leader_of(user, group):
        raise PermissionDenied
    return group


def get_meeting(user: settings.AUTH_USER_MODEL, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_related("group").filter(pk=meeting_id).first()
    if meeting is None or not (
        is_leader_of(user, meeting.group) or is_member_of(user, meeting.group)
    ):
        raise Http404
    return meeting


def get_meeting_for_leader(user: settings.AUTH_USER_MODEL, meeting_id: int) -> Meeting:
    meeting = get_meeting(user, meeting_id)
    if not is_leader_of(user, meeting.group):
        raise PermissionDenied
    return meeting
