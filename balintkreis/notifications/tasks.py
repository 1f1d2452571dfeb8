import datetime

from django.utils import timezone
from django_tasks import task

from balintkreis.notifications import delivery, taskrows
from balintkreis.notifications.models import ScheduledRun


@task()
def send_email(email_id: int) -> bool:
    return delivery.deliver(email_id)


@task()
def flush_outbox() -> int:
    """Retry due e-mails; enqueued every minute by the scheduler. Also puts
    back task rows a killed worker left RUNNING (taskrows.py)."""
    taskrows.release_lost()
    return delivery.flush()


@task()
def prune_scheduled_runs() -> int:
    """Forget scheduler slots older than 30 days."""
    cutoff = timezone.now() - datetime.timedelta(days=30)
    deleted, _ = ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return deleted
