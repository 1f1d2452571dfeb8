from __future__ import annotations

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

    def group_dates(self, group: object, user: object, access: object) -> list[Link]:
        """The group's next dates for "Meine Gruppen" (groups), each a link
        to the meeting, and the page with all dates, leader and members."""
        from django.utils import formats, timezone

        from balintkreis.groups.access import Action, Role

        if not access.may(Action.READ_MEETINGS):
            return []
        upcoming = group.meetings.upcoming().order_by("starts_at")
        if access.role == Role.JOINING:
            # An accepted member's dates begin with the entry date.
            entry = group.memberships.filter(user=user).order_by("-started_on")
            upcoming = upcoming.filter(starts_at__date__gte=entry[0].started_on)
        upcoming = upcoming[:3]
        links = []
        for order, meeting in enumerate(upcoming):
            start = timezone.localtime(meeting.starts_at)
            end = timezone.localtime(meeting.ends_at)
            when = formats.date_format(start, "D, d.m.Y, H:i")
            label = f"{when}–{end:%H:%M}, {meeting.place_label}".rstrip(", ")
            url = reverse("meetings:detail", args=[group.slug, meeting.pk])
            links.append(Link(label, url, order))
        links.append(
            Link(
                gettext("All dates, leader and members"),
                reverse("meetings:list", args=[group.slug]),
                100,
            )
        )
        return links
