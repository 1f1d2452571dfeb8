from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link, ScheduledJob


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

    def group_tabs(self, group: object, user: object, access: object) -> list[Link]:
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
