from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import ScheduledJob


class NotificationsConfig(AppConfig):
    name = "balintkreis.notifications"
    verbose_name = _("Notifications")

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): send the outbox every minute; forget old runs.
        return [
            ScheduledJob(
                id="notifications.flush_outbox",
                task="balintkreis.notifications.tasks.flush_outbox",
            ),
            ScheduledJob(
                id="notifications.prune_scheduled_runs",
                task="balintkreis.notifications.tasks.prune_scheduled_runs",
                minute="30",
                hour="3",
            ),
        ]

    def ready(self) -> None:
        # Hook (core/hooks.py): the e-mails sent to a person.
        from django_tasks.signals import task_finished

        from balintkreis.notifications import personal_data, tasklog

        self.personal_data = personal_data
        # The worker logs what a task changed, not that it ran (tasklog.py).
        task_finished.connect(tasklog.log_finished, dispatch_uid="tasklog")
