"""Periodic jobs: APScheduler cron triggers that only enqueue tasks.

``settings.SCHEDULED_JOBS`` maps a job name to (task path, crontab). Each
firing claims its slot in ``ScheduledRun`` first; the unique (job, slot)
constraint lets exactly one of several schedulers enqueue the task.
"""

import datetime
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from balintkreis.notifications.models import ScheduledRun

logger = logging.getLogger(__name__)


def slot_for(moment: datetime.datetime) -> datetime.datetime:
    """The minute a firing belongs to, rounded to the nearest minute.

    Rounding (not truncating) keeps two schedulers whose clocks differ by a
    few seconds on the same slot; all jobs fire at whole minutes.
    """
    rounded = moment + datetime.timedelta(seconds=30)
    return rounded.replace(second=0, microsecond=0)


def claim(job: str, *, slot: datetime.datetime) -> bool:
    """Record (job, slot); False when another scheduler already did."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job, slot=slot)
    except IntegrityError:
        return False
    return True


def run_job(job: str, *, now: datetime.datetime | None = None) -> bool:
    """Enqueue the task of ``job`` once for the current slot; True if enqueued."""
    close_old_connections()
    task_path, _crontab = settings.SCHEDULED_JOBS[job]
    slot = slot_for(now or timezone.now())
    if not claim(job, slot=slot):
        logger.info("scheduler: %s for %s already enqueued elsewhere", job, slot)
        return False
    import_string(task_path).enqueue()
    logger.info("scheduler: enqueued %s for %s", job, slot)
    return True


def build() -> BlockingScheduler:
    """A scheduler with one cron job per entry of ``SCHEDULED_JOBS``."""
    scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
    for job, (_task_path, crontab) in settings.SCHEDULED_JOBS.items():
        scheduler.add_job(
            run_job,
            CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE),
            args=[job],
            id=job,
            name=job,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=25,
        )
    return scheduler
