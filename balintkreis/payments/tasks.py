"""Background tasks of payments, enqueued by the scheduler (apps.py)."""

from django.utils import timezone
from django_tasks import task

from balintkreis.payments import reminders


@task()
def send_payment_reminders() -> int:
    """Friendly reminders for overdue invoices; run every morning."""
    return reminders.send_reminders(today=timezone.localdate())
