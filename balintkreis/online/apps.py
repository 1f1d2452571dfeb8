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
    from balintkreis.meetings.models import Meeting


class OnlineConfig(AppConfig):
    name = "balintkreis.online"
    verbose_name = _("Online")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.online import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): write the buffered heartbeats (online/beats.py).
        return [
            ScheduledJob(
                id="online.flush_heartbeats",
                task="balintkreis.online.tasks.flush_heartbeats",
                minute="*",
            )
        ]

    def group_tabs(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        if not group.is_online_capable:
            return []
        url = reverse("online:group", args=[group.slug])
        return [Link(gettext("Online meetings"), url, 40)]

    def meeting_links(
        self, meeting: Meeting, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        if not meeting.is_online:
            return []
        links = [
            Link(
                gettext("Presence in the online meeting"),
                reverse("online:attendance", args=[meeting.pk]),
                40,
            )
        ]
        if not meeting.is_cancelled:
            room = reverse("online:room", args=[meeting.pk])
            links.append(Link(gettext("Join the online meeting"), room, primary=True))
        return links
