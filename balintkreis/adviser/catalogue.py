"""The catalogue as the adviser reads it: listed groups with free places, their
federal state and their pace, in a fixed number of queries whatever the
number of groups (tests/test_views.py counts them)."""

import datetime
from collections import defaultdict

from django.utils import timezone

from balintkreis.accounts.models import Chamber
from balintkreis.adviser import advice
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import days_off
from balintkreis.meetings.models import Meeting


def candidates(
    *, today: datetime.date | None = None
) -> list[tuple[BalintGroup, str, advice.Pace]]:
    """Every listed group with its state and pace: groups with their leaders,
    chamber and free places (one query), their entry dates (one query), their
    planned dates within the pace horizon (one query)."""
    today = today or timezone.localdate()
    groups: list[BalintGroup] = list(
        BalintGroup.objects.listed()
        .select_related("leader", "co_leader", "chamber")
        .prefetch_related("entry_dates")
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
        (
            group,
            days_off.state_in(group.chamber.name if group.chamber else ""),
            advice.pace_of(
                group,
                planned[group.pk],
                today=today,
                entry_dates=[entry.starts_on for entry in group.entry_dates.all()],
            ),
        )
        for group in groups
    ]


def chamber_for(region: str) -> str | None:
    """The short name of the physicians' chamber of a federal state, or None
    (one query over the few chambers)."""
    if not region:
        return None
    for chamber in Chamber.objects.filter(kind=Chamber.Kind.PHYSICIANS).order_by(
        "name"
    ):
        if days_off.state_in(chamber.name) == region:
            return chamber.short_name
    return None
