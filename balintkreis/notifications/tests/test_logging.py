"""Quiet logs (docs/logging.md): at INFO only what happened."""

import datetime
import logging

import pytest
from django.utils import timezone

from balintkreis.notifications import outbox, scheduler, tasks
from balintkreis.notifications.tests.test_outbox import email_template  # noqa: F401


@pytest.mark.django_db(transaction=True)  # run_job closes old connections
def test_an_empty_scheduler_firing_and_task_log_nothing_at_info(caplog):
    caplog.set_level(logging.INFO)
    assert scheduler.run_job("notifications.flush_outbox")
    assert tasks.flush_outbox.enqueue().return_value == 0
    assert caplog.records == []


@pytest.mark.django_db
def test_apscheduler_and_the_task_worker_are_quiet_at_info(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("apscheduler.executors.default").info("Running job")
    logging.getLogger("apscheduler.scheduler").info("Added job")
    # db_worker sets these loggers to INFO itself; the filter still holds.
    logging.getLogger("django_tasks").setLevel(logging.INFO)
    logging.getLogger("django_tasks").info("Task id=1 state=SUCCESSFUL")
    logging.getLogger("django_tasks_db").info("Starting worker")
    logging.getLogger("django_tasks").error("Task id=2 failed")
    assert [r.getMessage() for r in caplog.records] == ["Task id=2 failed"]
    logging.getLogger("django_tasks").setLevel(logging.NOTSET)


@pytest.mark.django_db(transaction=True)
def test_a_sent_mail_is_one_info_line_without_the_address(caplog, email_template):  # noqa: F811
    caplog.set_level(logging.INFO)
    email = outbox.enqueue(
        to="ada@example.org",
        template=email_template,
        context={"name": "Ada"},
        key="groups.application_accepted:7",
    )
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [f"outbox: mail {email.pk} (groups.application_accepted) sent"]
    assert "ada@example.org" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_task_that_changed_something_is_one_info_line(caplog, email_template):  # noqa: F811
    caplog.set_level(logging.INFO)
    # Sent at once, then put back as if the mail server had been down.
    outbox_row = outbox.enqueue(
        to="ada@example.org", template=email_template, context={}, key="k:1"
    )
    outbox_row.status = outbox_row.Status.PENDING
    outbox_row.next_attempt_at = timezone.now() - datetime.timedelta(minutes=1)
    outbox_row.save()
    caplog.clear()
    assert tasks.flush_outbox.enqueue().return_value == 1
    assert [r.getMessage() for r in caplog.records] == [
        f"outbox: mail {outbox_row.pk} (k) sent",
        "task flush_outbox: 1",
    ]
