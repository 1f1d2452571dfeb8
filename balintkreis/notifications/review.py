"""Mail held for review after restoring a backup.

A backup catches some mail pending or "sending"; after a restore nobody
knows whether it went out in between (a restored dump once re-sent 41
delivered mails). ``hold_unsent`` gives those rows the status "review"; they
go out only after ``manage.py outbox_review --send …`` (or are discarded).
"""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from balintkreis.notifications.models import OutboxEmail


def hold_unsent() -> int:
    """Pending or sending rows -> review; task rows caught RUNNING -> READY."""
    held = OutboxEmail.objects.filter(
        status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING]
    ).update(
        status=OutboxEmail.Status.REVIEW,
        claimed_at=None,
        claim_token="",
        last_error="held after restoring a backup: perhaps sent already",
    )
    # Their workers are gone; the tasks are safe to run again (taskrows.py).
    DBTaskResult.objects.filter(status="RUNNING").update(
        status="READY", started_at=None
    )
    return held


def release(*, ids: list[int] | None = None) -> int:
    """Held rows (all, or these ids) -> pending, due now."""
    rows = OutboxEmail.objects.filter(status=OutboxEmail.Status.REVIEW)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(
        status=OutboxEmail.Status.PENDING,
        next_attempt_at=timezone.now(),
        last_error="released for sending after review",
    )


def discard(*, ids: list[int]) -> int:
    """Held rows that did go out before: mark them failed, never send."""
    return OutboxEmail.objects.filter(
        status=OutboxEmail.Status.REVIEW, pk__in=ids
    ).update(
        status=OutboxEmail.Status.FAILED,
        last_error="discarded after review (already sent before the restore)",
    )
