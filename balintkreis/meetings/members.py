"""Who belongs to a meeting: the group's members on the day of the meeting."""

import datetime

from django.db.models import Q, QuerySet

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting


def members_on(group: BalintGroup, day: datetime.date) -> QuerySet[User]:
    """People with a membership active on ``day``, in name order."""
    return (
        User.objects.filter(
            memberships__group=group,
            memberships__started_on__lte=day,
        )
        .filter(
            Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=day)
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def expected_for(meeting: Meeting) -> QuerySet[User]:
    """Members expected at a meeting, plus anybody already marked for it."""
    day = meeting.local_date
    return (
        User.objects.filter(
            Q(
                memberships__group_id=meeting.group_id,
                memberships__started_on__lte=day,
            )
            & (Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=day))
            | Q(attendances__meeting=meeting)
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
