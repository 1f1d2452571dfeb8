"""Periodic meeting rules, enqueued by ``manage.py scheduler`` (apps.py)."""

from django_tasks import task

from balintkreis.meetings import reminders


@task()
def send_reminders() -> int:
    return reminders.send_due_reminders()
