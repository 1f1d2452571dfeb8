"""Clean up django-tasks rows that a killed worker left RUNNING.

A worker that dies (``kill -9``, out of memory, power cut) never marks its
task finished, so the row would stay RUNNING for ever. Every task of this
project is safe to run again (the outbox claim guards each mail, periodic
jobs re-check their state), so such a row goes back to READY; a row that
already lost ``MAX_LOST`` workers is marked FAILED instead, so a task that
kills its worker cannot loop.

The embedded supervisor (``manage.py serve``) releases the rows of a worker
the moment it dies; elsewhere ``release_lost`` runs with every outbox flush
and releases rows RUNNING for longer than ``TASK_RUNNING_TIMEOUT_MINUTES``.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_LOST = 3
RUNNING = "RUNNING"


def release_lost(
    *, worker_id: str | None = None, now: datetime.datetime | None = None
) -> int:
    """Put RUNNING rows of a dead worker (or running too long) back; return count."""
    now = now or timezone.now()
    rows = DBTaskResult.objects.filter(status=RUNNING)
    if worker_id is None:
        cutoff = now - datetime.timedelta(minutes=settings.TASK_RUNNING_TIMEOUT_MINUTES)
        rows = rows.filter(started_at__lt=cutoff)
    released = 0
    for row in rows:
        if worker_id is not None and (row.worker_ids or [None])[-1] != worker_id:
            continue
        if len(row.worker_ids) >= MAX_LOST:
            changed = DBTaskResult.objects.filter(pk=row.pk, status=RUNNING).update(
                status="FAILED",
                finished_at=now,
                exception_class_path="balintkreis.notifications.taskrows.WorkerLost",
                traceback=f"worker lost {len(row.worker_ids)} times while running",
            )
        else:
            changed = DBTaskResult.objects.filter(pk=row.pk, status=RUNNING).update(
                status="READY", started_at=None
            )
        if changed:
            released += 1
            logger.warning(
                "task %s (%s) left RUNNING by worker %s released",
                row.pk,
                row.task_path,
                row.worker_ids[-1] if row.worker_ids else "?",
            )
    return released
