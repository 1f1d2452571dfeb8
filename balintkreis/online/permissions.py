"""Who may enter a group's online room and see its presence (DOMAIN.md R10)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting
from balintkreis.online.presence import active_membership


@dataclass
class MeetingAccess:
    meeting: Meeting
    is_leader: bool


@dataclass
class GroupAccess:
    group: BalintGroup
    is_leader: bool


def is_group_leader(user: settings.AUTH_USER_MODEL, group: BalintGroup) -> bool:
    return user.pk in (group.leader_id, group.co_leader_id)


def get_online_meeting(
    user: settings.AUTH_USER_MODEL, meeting_id: int
) -> MeetingAccess:
    """An online meeting of a group the user leads or is an active member of.

    One query: the membership check rides along as an annotation. 404 for
    everybody else, so outsiders learn nothing about the meeting.
    """
    meeting = (
        Meeting.objects.select_related("group")
        .filter(pk=meeting_id, format=Meeting.Format.ONLINE)
        .annotate(is_member=active_membership(user.pk, on=timezone.localdate()))
        .first()
    )
    if meeting is None:
        raise Http404
    is_leader = is_group_leader(user, meeting.group)
    if not (is_leader or meeting.is_member):
        raise Http404
    return MeetingAccess(meeting=meeting, is_leader=is_leader)


def get_online_meeting_for_leader(
    user: settings.AUTH_USER_MODEL, meeting_id: int
) -> Meeting:
    """Members may know the meeting (403); everybody else gets 404."""
    access = get_online_meeting(user, meeting_id)
    if not access.is_leader:
        raise PermissionDenied
    return access.meeting


def get_group(user: settings.AUTH_USER_MODEL, slug: str) -> GroupAccess:
    group = (
        BalintGroup.objects.filter(slug=slug)
        .annotate(
            is_member=active_membership(
                user.pk, on=timezone.localdate(), group_ref="pk"
            )
        )
        .first()
    )
    if group is None:
        raise Http404
    is_leader = is_group_leader(user, group)
    if not (is_leader or group.is_member):
        raise Http404
    return GroupAccess(group=group, is_leader=is_leader)


def get_group_for_leader(user: settings.AUTH_USER_MODEL, slug: str) -> BalintGroup:
    access = get_group(user, slug)
    if not access.is_leader:
        raise PermissionDenied
    return access.group
