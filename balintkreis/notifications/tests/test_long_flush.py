"""Exactly once, also for flushes longer than the sending timeout (issue 16
item 3): two flusher processes on one SQLite file, a slow SMTP server
(aiosmtpd in this process), a timeout of about a second. Before the fix the
claim carried the flush's start time, so the second flusher released and
re-sent the row the first one was still sending (250 mails arrived 253
times with a one-minute timeout).
"""

import asyncio
import datetime
import email
import subprocess
import sys
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from balintkreis.notifications import delivery
from balintkreis.notifications.models import OutboxEmail
from tests.embedded import ROOT, env_for, free_port, manage, migrated_var_dir

MAILS = 24
DELAY = 0.2  # seconds per mail: one flush takes ~5 s, the timeout is 1.2 s


class SlowInbox:
    def __init__(self):
        self.message_ids = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(DELAY)
        message = email.message_from_bytes(envelope.content)
        self.message_ids.append(message["Message-ID"])
        return "250 OK"


@pytest.fixture
def slow_smtp():
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


CREATE = f"""
from balintkreis.notifications.models import OutboxEmail
OutboxEmail.objects.bulk_create(
    OutboxEmail(key=f"long-{{n}}", to=f"p{{n}}@example.org", subject="S", body_text="T")
    for n in range({MAILS})
)
"""
FLUSH = "from balintkreis.notifications import delivery; print(delivery.flush())"
REPORT = """
from balintkreis.notifications.models import OutboxEmail
print(sorted(set(OutboxEmail.objects.values_list("status", flat=True))))
"""


def test_flush_longer_than_the_timeout_with_a_second_flusher_sends_each_once(
    tmp_path, slow_smtp
):
    inbox, port = slow_smtp
    env = env_for(
        migrated_var_dir(tmp_path / "var"),
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DJANGO_SETTINGS_MODULE=(
            "balintkreis.notifications.tests.fast_timeout_settings"
        ),
        TEST_SENDING_TIMEOUT_MINUTES="0.02",
    )
    manage(env, "shell", "-c", CREATE)

    def flusher():
        return subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", FLUSH],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )

    processes = [flusher()]
    try:
        time.sleep(2.5)  # the first flush is still running, past the timeout
        processes.append(flusher())
        time.sleep(2.0)
        processes.append(flusher())
        sent = [int(p.communicate(timeout=120)[0].split()[-1]) for p in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.communicate()
    assert sum(sent) == MAILS
    assert sent[0] > 0
    assert sent[1] > 0, "the second flusher should have taken over some rows"
    counts = Counter(inbox.message_ids)
    assert len(counts) == MAILS
    assert [mid for mid, n in counts.items() if n > 1] == []
    assert "['sent']" in manage(env, "shell", "-c", REPORT)


# In-process: what the claim token allows and forbids.

pytestmark = pytest.mark.django_db(transaction=True)


class _Message:
    def __init__(self, on_send):
        self.on_send = on_send

    def send(self):
        self.on_send()


def _row(key="slow"):
    return OutboxEmail.objects.create(
        key=key, to="s@example.org", subject="S", body_text="T"
    )


def test_slow_worker_still_completes_a_released_row_nobody_reclaimed(
    monkeypatch, settings
):
    email_row = _row()
    later = timezone.now() + datetime.timedelta(
        minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES + 1
    )
    # While this worker is "sending", another flush releases the row.
    monkeypatch.setattr(
        delivery,
        "_build",
        lambda e: _Message(lambda: delivery.release_stuck(now=later)),
    )
    assert delivery.deliver(email_row.pk) is True
    email_row.refresh_from_db()
    assert email_row.status == OutboxEmail.Status.SENT
    assert email_row.claim_token == ""
    # The flush that released it finds nothing left to send.
    assert delivery.due_ids(now=later) == []


def test_a_slow_worker_cannot_mark_a_row_another_worker_reclaimed(
    monkeypatch, settings
):
    email_row = _row()
    later = timezone.now() + datetime.timedelta(
        minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES + 1
    )
    tokens = []

    def released_and_reclaimed():
        delivery.release_stuck(now=later)
        tokens.append(delivery._claim(email_row.pk, later))

    monkeypatch.setattr(delivery, "_build", lambda e: _Message(released_and_reclaimed))
    delivery.deliver(email_row.pk)
    email_row.refresh_from_db()
    # Still the second claimant's: the first one's "sent" did not apply.
    assert tokens[0] is not None
    assert (email_row.status, email_row.claim_token) == (
        OutboxEmail.Status.SENDING,
        tokens[0],
    )


def test_claim_time_is_the_rows_own_not_the_flush_start():
    email_row = _row()
    flush_start = timezone.now() - datetime.timedelta(minutes=30)
    token = delivery._claim(email_row.pk, flush_start)
    email_row.refresh_from_db()
    assert token
    assert email_row.claim_token == token
    assert email_row.claimed_at > timezone.now() - datetime.timedelta(seconds=5)
    # So a concurrent flush does not take it away from its claimant.
    assert delivery.release_stuck() == 0
