from django_tasks import task

from balintkreis.notifications import delivery


@task()
def send_email(email_id: int) -> bool:
    return delivery.deliver(email_id)


@task()
def flush_outbox() -> int:
    """Retry due e-mails; enqueued periodically by the scheduler."""
    sent = 0
    for email_id in delivery.due_ids():
        sent += delivery.deliver(email_id)
    return sent
