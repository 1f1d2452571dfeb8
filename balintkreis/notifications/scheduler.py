"""Periodic jobs: APScheduler cron triggers that only enqueue tasks.

``jobs.collected()`` maps a job name to (task path, crontab), collected from
the apps' ``AppConfig.scheduled_jobs()`` hooks (core/hooks.py). Each
firing claims its slot in ``ScheduledRun`` first; the unique (job, slot)
constraint lets exactly one of several schedulers enqueue the task.

``ScheduledRun`` is also the persistent record of the last run per job: a
daily job (fixed minute and hour, e.g. free places 00:05) whose last slot was
missed (scheduler stopped or stalled in that minute) runs once when the
scheduler starts (``catch_up``), and a late firing still counts for its slot.
Frequent jobs (every few minutes, hourly) simply wait for their next slot.
"""

import datetime
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from balintkreis.notifications import jobs
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


def is_daily(crontab: str) -> bool:
    """At most once a day: minute and hour are single numbers."""
    minute, hour, *_rest = crontab.split()
    return minute.isdigit() and hour.isdigit()


def _trigger(crontab: str) -> CronTrigger:
    return CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE)


def last_due_slot(crontab: str, now: datetime.datetime) -> datetime.datetime | None:
    """The latest slot of ``crontab`` at or before ``now`` (within eight days)."""
    trigger = _trigger(crontab)
    last = None
    fire = trigger.get_next_fire_time(None, now - datetime.timedelta(days=8))
    while fire is not None and fire <= now:
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + datetime.timedelta(seconds=1))
    return last


def run_job(job: str, *, now: datetime.datetime | None = None) -> bool:
    """Enqueue the task of ``job`` once for the current slot; True if enqueued.

    A daily job that fires late (a stalled scheduler) keeps its own slot, so
    it neither runs twice nor is skipped.
    """
    close_old_connections()
    task_path, crontab = jobs.collected()[job]
    now = now or timezone.now()
    slot = slot_for(now)
    if is_daily(crontab):
        slot = last_due_slot(crontab, now + datetime.timedelta(seconds=30)) or slot
    if not claim(job, slot=slot):
        logger.debug("scheduler: %s for %s already enqueued elsewhere", job, slot)
        return False
    import_string(task_path).enqueue()
    # Every minute for the outbox: DEBUG. What the task changed is logged by
    # the worker (tasklog.py).
    logger.debug("scheduler: enqueued %s for %s", job, slot)
    return True


def catch_up(*, now: datetime.datetime | None = None) -> list[str]:
    """Run each daily job whose last due slot has no run recorded, once.

    Called when the scheduler starts; returns the jobs enqueued.
    """
    close_old_connections()
    now = now or timezone.now()
    enqueued = []
    for job, (task_path, crontab) in jobs.collected().items():
        if not is_daily(crontab):
            continue
        slot = last_due_slot(crontab, now)
        if (
            slot is None
            or ScheduledRun.objects.filter(job=job, slot__gte=slot).exists()
        ):
            continue
        if claim(job, slot=slot):
            import_string(task_path).enqueue()
            enqueued.append(job)
            logger.warning("scheduler: missed %s for %s, enqueued now", job, slot)
    return enqueued


def build() -> BlockingScheduler:
    """A scheduler with one cron job per collected job (``jobs.collected``)."""
    scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
    for job, (_task_path, crontab) in jobs.collected().items():
        scheduler.add_job(
            run_job,
            _trigger(crontab),
            args=[job],
            id=job,
            name=job,
            coalesce=True,
            max_instances=1,
            # A stall of minutes still runs a daily job (for its own slot);
            # a frequent job just waits for its next slot.
            misfire_grace_time=6 * 3600 if is_daily(crontab) else 25,
        )
    return scheduler
