"""Accreditation lead time (DOMAIN.md R2): the application for a VNR must
reach the chamber (LÄK Thüringen: at least 28 days) before the first session."""

import datetime

from django.utils import timezone

from balintkreis.cme import points
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting

LEAD_DAYS = 28


def application_due(
    group: BalintGroup, *, today: datetime.date | None = None
) -> datetime.date | None:
    """The latest application date for the first planned meeting without a
    VNR, or None when every planned meeting is covered."""
    today = today or timezone.localdate()
    upcoming: list[Meeting] = list(group.meetings.upcoming())
    numbers = points.event_numbers_for(upcoming)
    uncovered = [m for m in upcoming if numbers[m.pk] is None]
    if not uncovered:
        return None
    return uncovered[0].local_date - datetime.timedelta(days=LEAD_DAYS)
