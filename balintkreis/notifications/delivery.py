"""Delivering outbox rows exactly once, with retries and backoff.

A row moves pending -> sending -> sent. Claiming is a conditional UPDATE that
stamps the row with the claim time (the moment of this row's claim, not the
start of the flush) and a random claim token, so two workers never send the
same row, and only the claimant can mark it sent or failed. If a worker dies
while a row is "sending", ``release_stuck`` puts it back after
``OUTBOX_SENDING_TIMEOUT_MINUTES`` (keeping the token: a worker that was
merely slow still completes the row when nobody re-claimed it meanwhile).
The Message-ID derived from the idempotency key lets the receiving server
drop the rare duplicate of a mail that had in fact left just before a crash:
at most one duplicate per crash, with the same Message-ID.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from balintkreis.notifications.models import OutboxEmail
from balintkreis.notifications.outbox import attachments_of

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, … minutes, at most six hours between attempts."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def message_id(email: OutboxEmail) -> str:
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<{digest}@{domain}>"


def _claim(email_id: int, now: datetime.datetime) -> str | None:
    """Claim one due row; return the claim token, or None if not ours."""
    token = secrets.token_hex(16)
    claimed = (
        OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .update(
            status=OutboxEmail.Status.SENDING,
            claimed_at=max(now, timezone.now()),
            claim_token=token,
        )
    )
    return token if claimed == 1 else None


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
    for attachment in attachments_of(email):
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
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
    token = _claim(email_id, now)
    if token is None:
        return SKIPPED
    email = OutboxEmail.objects.get(pk=email_id)
    # The claimant's row: "sending", or released meanwhile but not re-claimed.
    mine = OutboxEmail.objects.filter(
        pk=email.pk,
        claim_token=token,
        status__in=[OutboxEmail.Status.SENDING, OutboxEmail.Status.PENDING],
    )
    try:
        _build(email).send()
    except Exception as error:  # any SMTP or socket failure is retried
        attempts = email.attempts + 1
        mine.update(
            status=(
                OutboxEmail.Status.FAILED
                if attempts >= MAX_ATTEMPTS
                else OutboxEmail.Status.PENDING
            ),
            attempts=attempts,
            next_attempt_at=now + backoff(attempts),
            claimed_at=None,
            claim_token="",
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        logger.warning(
            "outbox: mail %s (%s) not sent, attempt %s of %s: %s",
            email.pk,
            _event(email),
            attempts,
            MAX_ATTEMPTS,
            type(error).__name__,
        )
        return FAILED
    updated = mine.update(
        status=OutboxEmail.Status.SENT,
        attempts=email.attempts + 1,
        sent_at=timezone.now(),
        claimed_at=None,
        claim_token="",
        last_error="",
    )
    if not updated:
        # Released after the timeout and claimed by another worker while this
        # one was still sending: the mail goes out twice, same Message-ID.
        logger.warning("outbox: %s was re-claimed while being sent", email.pk)
    logger.info("outbox: mail %s (%s) sent", email.pk, _event(email))
    return SENT


def _event(email: OutboxEmail) -> str:
    """The event part of the key (``groups.application_accepted``): says what
    the mail was about without writing an address into the log."""
    return email.key.partition(":")[0]


def release_stuck(
    *,
    now: datetime.datetime | None = None,
    timeout: datetime.timedelta | None = None,
) -> int:
    """Put rows back to pending that a crashed worker left in "sending".

    Only rows claimed longer than the timeout ago (each row's own claim
    time); the claim token stays, so a worker that was merely slow can still
    mark its row sent unless another worker claimed it in between.
    ``timeout=timedelta(0)`` releases every "sending" row: for a supervisor
    that knows its only worker just died (``manage.py serve``).
    """
    now = now or timezone.now()
    if timeout is None:
        timeout = datetime.timedelta(minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES)
    cutoff = now - timeout
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
