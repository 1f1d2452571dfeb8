"""Delivering outbox rows exactly once, with retries and backoff."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from balintkreis.notifications.models import OutboxEmail

MAX_ATTEMPTS = 12


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, … minutes, at most six hours between attempts."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver(email_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Send one outbox row if it is due; return True when it was sent now.

    The conditional UPDATE (pending -> sending) lets exactly one worker claim
    the row, so two workers never send the same mail.
    """
    now = now or timezone.now()
    claimed = (
        OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .update(status=OutboxEmail.Status.SENDING)
    )
    if claimed != 1:
        return False
    email = OutboxEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"X-Balintkreis-Key": email.key[:100]},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as error:  # any SMTP or socket failure is retried
        attempts = email.attempts + 1
        with transaction.atomic():
            OutboxEmail.objects.filter(pk=email.pk).update(
                status=(
                    OutboxEmail.Status.FAILED
                    if attempts >= MAX_ATTEMPTS
                    else OutboxEmail.Status.PENDING
                ),
                attempts=attempts,
                next_attempt_at=now + backoff(attempts),
                last_error=f"{type(error).__name__}: {error}"[:2000],
            )
        return False
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT,
        attempts=email.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return True


def due_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Pending rows whose retry time has come (picked up by the periodic flush)."""
    now = now or timezone.now()
    return list(
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)[:500]
    )
