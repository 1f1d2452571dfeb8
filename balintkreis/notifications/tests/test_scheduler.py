import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from balintkreis.notifications import scheduler
from balintkreis.notifications.models import ScheduledRun

pytestmark = pytest.mark.django_db(transaction=True)

CALLS = []


class FakeTask:
    def enqueue(self):
        CALLS.append(1)


FAKE = FakeTask()


@pytest.fixture
def fake_job(settings):
    CALLS.clear()
    settings.SCHEDULED_JOBS = {
        "test.job": ("balintkreis.notifications.tests.test_scheduler.FAKE", "* * * * *")
    }
    return "test.job"


def test_slot_is_the_nearest_minute():
    base = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
    assert scheduler.slot_for(base + datetime.timedelta(seconds=20)) == base
    assert scheduler.slot_for(base - datetime.timedelta(seconds=2)) == base


def test_two_schedulers_enqueue_a_slot_once(fake_job):
    # Early in a minute, so that two seconds later is still the same slot.
    now = timezone.now().replace(second=10, microsecond=0)
    assert scheduler.run_job(fake_job, now=now) is True
    # The second scheduler's clock is two seconds off: same slot, skipped.
    assert scheduler.run_job(fake_job, now=now + datetime.timedelta(seconds=2)) is False
    assert CALLS == [1]
    assert ScheduledRun.objects.count() == 1
    assert scheduler.run_job(fake_job, now=now + datetime.timedelta(minutes=1)) is True
    assert CALLS == [1, 1]


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database has no concurrent writers",
)
def test_concurrent_schedulers_claim_a_slot_once(fake_job):
    now = timezone.now()
    results = []

    def fire():
        try:
            results.append(scheduler.run_job(fake_job, now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert CALLS == [1]


def test_build_adds_a_cron_job_per_setting(settings):
    jobs = scheduler.build()
    assert {job.id for job in jobs.get_jobs()} == set(settings.SCHEDULED_JOBS)
    flush = jobs.get_job("notifications.flush_outbox")
    assert "minute='*'" in str(flush.trigger)


def test_every_scheduled_task_runs(settings):
    for job, (path, _crontab) in settings.SCHEDULED_JOBS.items():
        assert import_string(path).call() == 0, job
        assert scheduler.run_job(job) is True
