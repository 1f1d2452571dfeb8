from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link, ScheduledJob

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User
    from balintkreis.groups.access import GroupAccess
    from balintkreis.groups.models import BalintGroup


class MeetingsConfig(AppConfig):
    name = "balintkreis.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.meetings import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): reminders before meetings, every 15 minutes.
        return [
            ScheduledJob(
                id="meetings.send_reminders",
                task="balintkreis.meetings.tasks.send_reminders",
                minute="*/15",
            )
        ]

    def group_tabs(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        from balintkreis.groups.access import Action

        tabs = [
            Link(gettext("Meetings"), reverse("meetings:list", args=[group.slug]), 10)
        ]
        if access.may(Action.PLAN_MEETINGS):
            tabs.append(
                Link(
                    gettext("Participants and case presentations"),
                    reverse("meetings:members", args=[group.slug]),
                    20,
                )
            )
        tabs.append(
            Link(
                gettext("Subscribe to calendar"), reverse("meetings:calendar-feeds"), 80
            )
        )
        return tabs

    def group_dates(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        """The group's next dates for "Meine Gruppen" (groups), each a link
        to the meeting, and the page with all dates, leader and members."""
        return self.group_dates_many([group], user, {group.pk: access}).get(
            group.pk, []
        )

    def group_dates_many(
        self,
        groups: list[BalintGroup],
        user: User | AnonymousUser,
        accesses: dict[int, GroupAccess],
    ) -> dict[int, list[Link]]:
        """``group_dates`` of several groups in at most two queries (the
        next three dates of every group numbered in SQL; the entry dates of
        accepted members)."""
        from django.db.models import F, Q, Window
        from django.db.models.functions import RowNumber
        from django.utils import formats, timezone

        from balintkreis.groups.access import Action, Role
        from balintkreis.groups.models import Membership
        from balintkreis.meetings.models import Meeting

        readable = [g for g in groups if accesses[g.pk].may(Action.READ_MEETINGS)]
        if not readable:
            return {}
        since: dict[int, datetime.date] = {}
        joining = [g.pk for g in readable if accesses[g.pk].role == Role.JOINING]
        if joining and user.is_authenticated:
            # An accepted member's dates begin with the entry date.
            for group_id, started_on in (
                Membership.objects.filter(user=user, group_id__in=joining)
                .order_by("group_id", "-started_on")
                .values_list("group_id", "started_on")
            ):
                since.setdefault(group_id, started_on)
        which = Q()
        for group in readable:
            one = Q(group_id=group.pk)
            if group.pk in since:
                one &= Q(starts_at__date__gte=since[group.pk])
            which |= one
        upcoming = (
            Meeting.objects.upcoming()
            .filter(which)
            .annotate(
                number=Window(
                    RowNumber(),
                    partition_by=F("group_id"),
                    order_by=F("starts_at").asc(),
                )
            )
            .filter(number__lte=3)
            .order_by("starts_at")
        )
        by_group: dict[int, list[Link]] = {g.pk: [] for g in readable}
        slugs = {g.pk: g.slug for g in readable}
        for meeting in upcoming:
            start = timezone.localtime(meeting.starts_at)
            end = timezone.localtime(meeting.ends_at)
            when = formats.date_format(start, "D, d.m.Y, H:i")
            label = f"{when}–{end:%H:%M}, {meeting.place_label}".rstrip(", ")
            slug = slugs[meeting.group_id]
            url = reverse("meetings:detail", args=[slug, meeting.pk])
            links = by_group[meeting.group_id]
            links.append(Link(label, url, len(links)))
        for group_id, links in by_group.items():
            links.append(
                Link(
                    gettext("All dates, leader and members"),
                    reverse("meetings:list", args=[slugs[group_id]]),
                    100,
                )
            )
        return by_group
