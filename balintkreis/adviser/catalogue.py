"""The catalogue as the adviser reads it: listed groups with free places, their
federal state and their pace, in a fixed number of queries whatever the
number of groups (tests/test_views.py counts them)."""

import datetime
from collections import defaultdict

from django.utils import timezone

from balintkreis.accounts.models import Chamber
from balintkreis.adviser import advice
from balintkreis.core.regions import Region
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.days_off import state_for
from balintkreis.meetings.models import Meeting


def candidates(
    *, today: datetime.date | None = None
) -> list[tuple[BalintGroup, str, advice.Pace]]:
    """Every listed group with its state and pace: groups with their leaders,
    chamber and free places (one query), their planned dates within the pace
    horizon (one query)."""
    today = today or timezone.localdate()
    groups: list[BalintGroup] = list(
        BalintGroup.objects.listed()
        .select_related("leader", "co_leader", "chamber")
        .with_free_places(on=today)
        .order_by("title")
    )
    horizon = today + datetime.timedelta(days=advice.PACE_HORIZON_DAYS)
    planned: dict[int, list[advice.PlannedDate]] = defaultdict(list)
    rows = (
        Meeting.objects.filter(
            group__in=BalintGroup.objects.listed(),
            is_cancelled=False,
            starts_at__date__gte=today,
            starts_at__date__lte=horizon,
        )
        .order_by("starts_at")
        .values_list("group_id", "starts_at", "double_sessions", "format")
    )
    for group_id, starts_at, double_sessions, meeting_format in rows:
        planned[group_id].append(
            advice.PlannedDate(
                on=timezone.localdate(starts_at),
                double_sessions=double_sessions,
                is_online=meeting_format == Meeting.Format.ONLINE,
            )
        )
    return [
        (group, state_for(group), advice.pace_of(group, planned[group.pk], today=today))
        for group in groups
    ]


def chamber_for(region: str) -> str | None:
    """The short name of the physicians' chamber of a federal state (its name
    holds the state's, as ``state_for`` reads it), or None: one query."""
    if not region:
        return None
    label = Region(region).label
    chamber = (
        Chamber.objects.filter(kind=Chamber.Kind.PHYSICIANS, name__contains=label)
        .order_by("name")
        .first()
    )
    return chamber.short_name if chamber else None
