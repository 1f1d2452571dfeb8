from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link

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
