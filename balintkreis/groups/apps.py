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


class GroupsConfig(AppConfig):
    name = "balintkreis.groups"
    verbose_name = _("Balint groups")

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): offers expire and are reminded; free places
        # are offered to the waiting list every night.
        return [
            ScheduledJob(
                id="groups.expire_offers",
                task="balintkreis.groups.tasks.expire_offers",
                minute="*/5",
            ),
            ScheduledJob(
                id="groups.remind_expiring_offers",
                task="balintkreis.groups.tasks.remind_expiring_offers",
                minute="15",
            ),
            ScheduledJob(
                id="groups.fill_free_places",
                task="balintkreis.groups.tasks.fill_free_places",
                minute="5",
                hour="0",
            ),
        ]

    def ready(self) -> None:
        from balintkreis.groups import demo, personal_data

        # Hooks (core/hooks.py).
        self.personal_data = personal_data
        self.demo = demo.load

    def staff_duties(self, user: User) -> bool:
        """Leads or co-leads a group (accounts.permissions.has_staff_duties)."""
        from balintkreis.groups.models import BalintGroup

        return BalintGroup.objects.led_by(user).exists()

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        entries = [
            Link(gettext("Find a group"), reverse("groups:catalogue"), 10),
            Link(gettext("Contact"), reverse("groups:contact"), 50),
        ]
        if user.is_authenticated and user.is_secretariat:
            entries += [
                Link(gettext("Today"), reverse("groups:today"), 70),
                Link(gettext("Inquiries"), reverse("groups:inquiry-list"), 80),
            ]
        return entries

    def group_tabs(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        from balintkreis.groups.access import Action

        if not access.may(Action.MANAGE_APPLICATIONS):
            return []
        slug = [group.slug]
        return [
            Link(
                gettext("Applications and waiting list"),
                reverse("groups:application-list", args=slug),
                60,
            ),
            Link(gettext("Members"), reverse("groups:members", args=slug), 70),
        ]
