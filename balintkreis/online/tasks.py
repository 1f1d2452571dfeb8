"""Background tasks of online, enqueued by the scheduler (apps.py)."""

from django_tasks import task

from balintkreis.online import beats


@task()
def flush_heartbeats() -> int:
    """Write the heartbeats buffered in the cache (online/beats.py); every minute."""
    return beats.flush()
