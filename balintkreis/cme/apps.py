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


class CmeConfig(AppConfig):
    name = "balintkreis.cme"
    verbose_name = _("CME and certificates")

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): remind leaders of due chamber reports hourly.
        return [
            ScheduledJob(
                id="cme.send_report_reminders",
                task="balintkreis.cme.tasks.send_report_reminders",
                minute="0",
            )
        ]

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.cme import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def footer_links(self, user: User | AnonymousUser) -> list[Link]:
        return [Link(gettext("Verify a certificate"), reverse("cme:verify-form"), 30)]

    def group_tabs(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        from balintkreis.groups.access import Action

        if not access.may(Action.READ_EFN_LISTS):
            return []
        return [
            Link(
                gettext("Event numbers (VNR)"),
                reverse("cme:event-numbers", args=[group.slug]),
                30,
            ),
            Link(
                gettext("Issued certificates"),
                reverse("cme:group-certificates", args=[group.slug]),
                31,
            ),
        ]

    def meeting_links(
        self, meeting: Meeting, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        url = reverse("cme:meeting-report", args=[meeting.group.slug, meeting.pk])
        return [Link(gettext("Chamber report"), url, 60)]
