"""Who belongs to a meeting: the group's members on the day of the meeting."""

import datetime
from collections.abc import Mapping

from django.db.models import Q, QuerySet

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Attendance, Meeting


def _member_ids(
    group_id: int, day: datetime.date
) -> QuerySet[Membership, Mapping[str, object]]:
    # One membership row must satisfy both conditions; subqueries instead of
    # joins keep the query small however many attendance rows people have.
    return Membership.objects.active_on(day).filter(group_id=group_id).values("user_id")


def members_on(group: BalintGroup, day: datetime.date) -> QuerySet[User]:
    """People with a membership active on ``day``, in name order."""
    return User.objects.filter(pk__in=_member_ids(group.pk, day)).order_by(
        "last_name", "first_name", "pk"
    )


def expected_for(meeting: Meeting) -> QuerySet[User]:
    """Members expected at a meeting, plus anybody already marked for it."""
    marked = Attendance.objects.filter(meeting=meeting).values("user_id")
    return User.objects.filter(
        Q(pk__in=_member_ids(meeting.group_id, meeting.local_date)) | Q(pk__in=marked)
    ).order_by("last_name", "first_name", "pk")
