"""E-mails sent to one person (core/personal_data.py composes all apps)."""

import datetime

from django.conf import settings

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.notifications.models import OutboxEmail

# In place of the text of a mail with a reset link, log-in code or offer link.
SECRET_PLACEHOLDER = "[link or code withheld / Link oder Code nicht exportiert]"


def export(user: User) -> dict:
    """The person's mails; texts with a secret are withheld, and reading the
    others is audit-logged like every read of an outbox body."""
    emails = list(
        OutboxEmail.objects.filter(to__iexact=user.email).order_by("created_at")
    )
    read = [e.pk for e in emails if not e.carries_secret]
    if read:
        audit.record(
            user, "notifications.email.body_read", data={"emails": read, "export": 1}
        )
    return {
        "emails": [
            {
                "created_at": e.created_at.isoformat(),
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                "subject": e.subject,
                "text": SECRET_PLACEHOLDER if e.carries_secret else e.body_text,
            }
            for e in emails
        ]
    }


def erase(user: User) -> None:
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
