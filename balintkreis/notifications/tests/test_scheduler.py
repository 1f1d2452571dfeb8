import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from balintkreis.notifications import jobs as scheduled_jobs
from balintkreis.notifications import scheduler
from balintkreis.notifications.models import ScheduledRun

pytestmark = pytest.mark.django_db(transaction=True)

CALLS = []


class FakeTask:
    def enqueue(self):
        CALLS.append(1)


FAKE = FakeTask()


@pytest.fixture
def fake_job(monkeypatch):
    CALLS.clear()
    jobs = {
        "test.job": ("balintkreis.notifications.tests.test_scheduler.FAKE", "* * * * *")
    }
    monkeypatch.setattr(scheduled_jobs, "collected", lambda: jobs)
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


def test_build_adds_a_cron_job_per_collected_job():
    jobs = scheduler.build()
    assert {job.id for job in jobs.get_jobs()} == set(scheduled_jobs.collected())
    flush = jobs.get_job("notifications.flush_outbox")
    assert "minute='*'" in str(flush.trigger)


def test_every_scheduled_task_runs():
    for job, (path, _crontab) in scheduled_jobs.collected().items():
        assert import_string(path).call() == 0, job
        assert scheduler.run_job(job) is True


# Missed daily jobs (issue 16 item 4).

BERLIN = datetime.timezone(datetime.timedelta(hours=1))  # November: CET


@pytest.fixture
def daily_and_frequent(monkeypatch):
    CALLS.clear()
    jobs = {
        "test.daily": (
            "balintkreis.notifications.tests.test_scheduler.FAKE",
            "5 0 * * *",
        ),
        "test.frequent": (
            "balintkreis.notifications.tests.test_scheduler.FAKE",
            "*/5 * * * *",
        ),
    }
    monkeypatch.setattr(scheduled_jobs, "collected", lambda: jobs)


def test_a_missed_daily_job_runs_once_on_start(daily_and_frequent):
    yesterday = datetime.datetime(2026, 11, 24, 0, 5, tzinfo=BERLIN)
    ScheduledRun.objects.create(job="test.daily", slot=yesterday)
    # The scheduler was down from 23:50 to 00:20: today's 00:05 was missed.
    with time_machine.travel(
        datetime.datetime(2026, 11, 25, 0, 20, tzinfo=BERLIN), tick=False
    ):
        assert scheduler.catch_up() == ["test.daily"]
        assert CALLS == [1]
        # A second start (or a second scheduler) does not run it again.
        assert scheduler.catch_up() == []
    assert CALLS == [1]
    runs = ScheduledRun.objects.filter(job="test.daily").order_by("slot")
    assert [run.slot for run in runs] == [
        yesterday,
        yesterday + datetime.timedelta(days=1),
    ]
    # Frequent jobs are not caught up.
    assert not ScheduledRun.objects.filter(job="test.frequent").exists()


def test_nothing_is_caught_up_when_the_last_slot_ran(daily_and_frequent):
    ScheduledRun.objects.create(
        job="test.daily", slot=datetime.datetime(2026, 11, 25, 0, 5, tzinfo=BERLIN)
    )
    with time_machine.travel(
        datetime.datetime(2026, 11, 25, 23, 59, tzinfo=BERLIN), tick=False
    ):
        assert scheduler.catch_up() == []
    assert CALLS == []


def test_a_late_firing_of_a_daily_job_keeps_its_slot(daily_and_frequent):
    slot = datetime.datetime(2026, 11, 25, 0, 5, tzinfo=BERLIN)
    # The scheduler stalled: the 00:05 firing comes at 00:17.
    late = slot + datetime.timedelta(minutes=12)
    assert scheduler.run_job("test.daily", now=late) is True
    assert ScheduledRun.objects.get(job="test.daily").slot == slot
    # After a restart at 00:30 nothing is run twice.
    with time_machine.travel(slot + datetime.timedelta(minutes=25), tick=False):
        assert scheduler.catch_up() == []
    assert CALLS == [1]


def test_build_gives_daily_jobs_a_long_misfire_grace(daily_and_frequent):
    jobs = scheduler.build()
    assert jobs.get_job("test.daily").misfire_grace_time >= 3600
    assert jobs.get_job("test.frequent").misfire_grace_time == 25


def test_apps_declare_the_jobs_and_times_of_before():
    """Issue 14 item 5: the jobs come from the AppConfigs, ids/times unchanged."""
    from balintkreis.notifications.jobs import collected

    assert collected() == {
        "core.purge_expired_data": (
            "balintkreis.core.tasks.purge_expired_data",
            "40 3 * * *",
        ),
        "notifications.flush_outbox": (
            "balintkreis.notifications.tasks.flush_outbox",
            "* * * * *",
        ),
        "notifications.prune_scheduled_runs": (
            "balintkreis.notifications.tasks.prune_scheduled_runs",
            "30 3 * * *",
        ),
        "groups.expire_offers": (
            "balintkreis.groups.tasks.expire_offers",
            "*/5 * * * *",
        ),
        "groups.remind_expiring_offers": (
            "balintkreis.groups.tasks.remind_expiring_offers",
            "15 * * * *",
        ),
        "groups.fill_free_places": (
            "balintkreis.groups.tasks.fill_free_places",
            "5 0 * * *",
        ),
        # Issue 13 item 5: reminders before meetings.
        "meetings.send_reminders": (
            "balintkreis.meetings.tasks.send_reminders",
            "*/15 * * * *",
        ),
        "cme.send_report_reminders": (
            "balintkreis.cme.tasks.send_report_reminders",
            "0 * * * *",
        ),
        # Issue 17: heartbeats buffered in the cache, written every minute.
        "online.flush_heartbeats": (
            "balintkreis.online.tasks.flush_heartbeats",
            "* * * * *",
        ),
        # Issue 18 item 5: friendly payment reminders every morning.
        "payments.send_payment_reminders": (
            "balintkreis.payments.tasks.send_payment_reminders",
            "30 8 * * *",
        ),
    }
