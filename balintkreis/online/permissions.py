"""Who may enter a group's online room and see its presence (DOMAIN.md R10)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.groups.access import Action, access, member_state_annotation
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting


@dataclass
class MeetingAccess:
    meeting: Meeting
    is_leader: bool


@dataclass
class GroupAccess:
    group: BalintGroup
    is_leader: bool


def is_group_leader(user: User, group: BalintGroup) -> bool:
    return access(group, user).may(Action.MODERATE_ONLINE)


def get_online_meeting(user: User, meeting_id: int) -> MeetingAccess:
    """An online meeting of a group the user leads or is an active member of.

    One query: the membership check rides along as an annotation. 404 for
    everybody else, so outsiders learn nothing about the meeting.
    """
    meeting = (
        Meeting.objects.select_related("group")
        .filter(pk=meeting_id, format=Meeting.Format.ONLINE)
        .annotate(
            member_state=member_state_annotation(
                user, on=timezone.localdate(), group_ref="group"
            )
        )
        .first()
    )
    if meeting is None:
        raise Http404
    rights = access(meeting.group, user, member_state=meeting.member_state)
    if not rights.may(Action.JOIN_ONLINE):
        raise Http404
    return MeetingAccess(meeting=meeting, is_leader=rights.may(Action.MODERATE_ONLINE))


def get_online_meeting_for_leader(user: User, meeting_id: int) -> Meeting:
    """Members may know the meeting (403); everybody else gets 404."""
    access = get_online_meeting(user, meeting_id)
    if not access.is_leader:
        raise PermissionDenied
    return access.meeting


def get_group(user: User, slug: str) -> GroupAccess:
    group = (
        BalintGroup.objects.filter(slug=slug)
        .annotate(member_state=member_state_annotation(user, on=timezone.localdate()))
        .first()
    )
    if group is None:
        raise Http404
    rights = access(group, user, member_state=group.member_state)
    if not rights.may(Action.JOIN_ONLINE):
        raise Http404
    return GroupAccess(group=group, is_leader=rights.may(Action.MODERATE_ONLINE))


def get_group_for_leader(user: User, slug: str) -> BalintGroup:
    access = get_group(user, slug)
    if not access.is_leader:
        raise PermissionDenied
    return access.group
