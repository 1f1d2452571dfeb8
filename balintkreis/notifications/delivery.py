"""Delivering outbox rows exactly once, with retries and backoff.

A row moves pending -> sending -> sent. Claiming is a conditional UPDATE, so
two workers never send the same row. If a worker dies while a row is
"sending", ``release_stuck`` puts it back after
``OUTBOX_SENDING_TIMEOUT_MINUTES``; the Message-ID derived from the
idempotency key lets the receiving server drop the rare duplicate of a mail
that had in fact left just before the crash.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from balintkreis.notifications.models import OutboxEmail

MAX_ATTEMPTS = 12


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, … minutes, at most six hours between attempts."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def message_id(email: OutboxEmail) -> str:
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<{digest}@{domain}>"


def _claim(email_id: int, now: datetime.datetime) -> bool:
    claimed = (
        OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .update(status=OutboxEmail.Status.SENDING, claimed_at=now)
    )
    return claimed == 1


def _build(email: OutboxEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={
            "Message-ID": message_id(email),
            "X-Balintkreis-Key": email.key[:100],
        },
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def deliver(email_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Send one outbox row if it is due; return True when it was sent now.

    Any failure (SMTP down, refused, timeout) puts the row back to pending
    with exponential backoff; after ``MAX_ATTEMPTS`` it is marked failed and
    shown in the admin.
    """
    return _deliver(email_id, now=now or timezone.now()) == SENT


SENT, FAILED, SKIPPED = "sent", "failed", "skipped"


def _deliver(email_id: int, *, now: datetime.datetime) -> str:
    if not _claim(email_id, now):
        return SKIPPED
    email = OutboxEmail.objects.get(pk=email_id)
    try:
        _build(email).send()
    except Exception as error:  # any SMTP or socket failure is retried
        attempts = email.attempts + 1
        OutboxEmail.objects.filter(
            pk=email.pk, status=OutboxEmail.Status.SENDING
        ).update(
            status=(
                OutboxEmail.Status.FAILED
                if attempts >= MAX_ATTEMPTS
                else OutboxEmail.Status.PENDING
            ),
            attempts=attempts,
            next_attempt_at=now + backoff(attempts),
            claimed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        return FAILED
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT,
        attempts=email.attempts + 1,
        sent_at=timezone.now(),
        claimed_at=None,
        last_error="",
    )
    return SENT


def release_stuck(*, now: datetime.datetime | None = None) -> int:
    """Put rows back to pending that a crashed worker left in "sending"."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES)
    return OutboxEmail.objects.filter(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=cutoff
    ).update(
        status=OutboxEmail.Status.PENDING,
        claimed_at=None,
        next_attempt_at=now,
        last_error="released after a timeout in sending",
    )


def retry_failed(email_ids: list[int]) -> int:
    """Give failed rows a fresh set of attempts (admin action)."""
    return OutboxEmail.objects.filter(
        pk__in=email_ids, status=OutboxEmail.Status.FAILED
    ).update(status=OutboxEmail.Status.PENDING, attempts=0, next_attempt_at=None)


def due_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Pending rows whose retry time has come (picked up by the periodic flush)."""
    now = now or timezone.now()
    return list(
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )


def flush(*, now: datetime.datetime | None = None) -> int:
    """Release stuck rows, then send every due row; return how many went out.

    Stops after three failures in a row: the server is most likely down, and
    each further try would only wait for the connection timeout.
    """
    now = now or timezone.now()
    release_stuck(now=now)
    sent = failures = 0
    for email_id in due_ids(now=now):
        outcome = _deliver(email_id, now=now)
        sent += outcome == SENT
        failures = failures + 1 if outcome == FAILED else 0
        if failures >= 3:
            break
    return sent
