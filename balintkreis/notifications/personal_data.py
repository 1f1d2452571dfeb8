"""E-mails sent to one person (core/personal_data.py composes all apps)."""

import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser

from balintkreis.notifications.models import OutboxEmail


def export(user: AbstractBaseUser) -> dict:
    emails = OutboxEmail.objects.filter(to__iexact=user.email).order_by("created_at")
    return {
        "emails": [
            {
                "created_at": e.created_at.isoformat(),
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                "subject": e.subject,
                "text": e.body_text,
            }
            for e in emails
        ]
    }


def erase(user: AbstractBaseUser) -> None:
    # Mail still waiting goes too: nobody should write to a deleted account.
    OutboxEmail.objects.filter(to__iexact=user.email).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """Sent and failed e-mails go after RETENTION_OUTBOX_DAYS (default 90)."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_OUTBOX_DAYS)
    deleted, _rows = (
        OutboxEmail.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING])
        .delete()
    )
    return deleted
