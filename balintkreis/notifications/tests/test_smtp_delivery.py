"""Delivery through a real SMTP server (aiosmtpd) running in the test process."""

import datetime
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone

from balintkreis.notifications import delivery, outbox, tasks
from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        port,
        2,
    )
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return port


@pytest.fixture
def smtp_server(smtp_settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings)

    def start():
        controller.start()
        return inbox

    yield start
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


@pytest.fixture
def email_template(tmp_path, settings):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "hello.subject.txt").write_text("Hallo {{ name }}\n")
    (folder / "hello.txt").write_text("Guten Tag, {{ name }}.")
    (folder / "hello.html").write_text("<p>Guten Tag, {{ name }}.</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    return "t/hello"


def test_mail_is_delivered_over_smtp_with_text_and_html(smtp_server, email_template):
    inbox = smtp_server()
    outbox.enqueue(
        to="ada@example.org", template=email_template, context={"name": "Ada"}, key="a1"
    )
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["ada@example.org"]
    content = envelope.content.decode()
    assert "Subject: Hallo Ada" in content
    assert "text/html" in content
    assert "Message-ID: <" in content
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_mail_waits_while_server_is_down_and_goes_out_once_later(
    smtp_server, email_template
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        email = outbox.enqueue(
            to="ben@example.org",
            template=email_template,
            context={"name": "Ben"},
            key="b1",
        )
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 1)
    # Still down a minute later: the periodic flush tries again and backs off.
    with time_machine.travel(
        start + datetime.timedelta(minutes=1, seconds=5), tick=False
    ):
        assert tasks.flush_outbox.call() == 0
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at == start + datetime.timedelta(
        minutes=1, seconds=5
    ) + delivery.backoff(2)
    assert "ConnectionRefusedError" in email.last_error
    # Not due yet: the next flush leaves it alone even when the server is back.
    inbox = smtp_server()
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        assert tasks.flush_outbox.call() == 0
    assert inbox.messages == []
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        assert tasks.flush_outbox.call() == 1
        assert tasks.flush_outbox.call() == 0
    assert len(inbox.messages) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (
        OutboxEmail.Status.SENT,
        3,
        "",
    )


def test_row_stuck_in_sending_is_released_after_timeout(
    smtp_server, email_template, settings
):
    inbox = smtp_server()
    email = OutboxEmail.objects.create(
        key="stuck",
        to="c@example.org",
        subject="S",
        body_text="T",
        status=OutboxEmail.Status.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    assert delivery.flush() == 0  # a worker may still be sending it
    later = timezone.now() + datetime.timedelta(
        minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES
    )
    assert delivery.flush(now=later) == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(inbox.messages) == 1


def test_same_key_is_stored_and_sent_once(smtp_server, email_template):
    inbox = smtp_server()
    for _ in range(3):
        outbox.enqueue(
            to="d@example.org",
            template=email_template,
            context={"name": "D"},
            key="same",
        )
    assert OutboxEmail.objects.count() == 1
    assert len(inbox.messages) == 1


def test_flush_stops_early_while_the_server_is_down(smtp_settings, email_template):
    for n in range(5):
        OutboxEmail.objects.create(
            key=f"k{n}", to="e@example.org", subject="S", body_text="T"
        )
    assert delivery.flush() == 0
    attempts = sorted(OutboxEmail.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 1, 1, 1]


def test_failed_mail_can_be_retried_from_the_admin_action(smtp_server):
    email = OutboxEmail.objects.create(
        key="f",
        to="f@example.org",
        subject="S",
        body_text="T",
        status=OutboxEmail.Status.FAILED,
        attempts=delivery.MAX_ATTEMPTS,
    )
    inbox = smtp_server()
    assert delivery.retry_failed([email.pk]) == 1
    assert delivery.flush() == 1
    assert len(inbox.messages) == 1
