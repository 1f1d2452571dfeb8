"""E-mails sent to one person (core/personal_data.py composes all apps)."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q

from balintkreis.core import audit, dates
from balintkreis.notifications.models import OutboxEmail
from balintkreis.notifications.outbox import Recipient

# In place of the text of a mail with a reset link, log-in code or offer link.
SECRET_PLACEHOLDER = "[link or code withheld / Link oder Code nicht exportiert]"


def export(user: Recipient) -> dict[str, Any]:
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
                "created_at": dates.local_iso(e.created_at),
                "sent_at": dates.local_iso(e.sent_at),
                "subject": e.subject,
                "text": SECRET_PLACEHOLDER if e.carries_secret else e.body_text,
            }
            for e in emails
        ]
    }


def erase(user: Recipient) -> None:
    # Mail still waiting goes too: nobody should write to a deleted account.
    OutboxEmail.objects.filter(to__iexact=user.email).delete()


def erase_about(*, addresses: list[str], identifiers: list[str]) -> None:
    """Delete every mail to any of the person's addresses and every mail that
    mentions them (to leaders, mentors, the secretariat), sent or waiting: no
    copy of a message about the person stays (issue 11 item 7). Called by
    ``accounts.personal_data.erase``, which knows the person's addresses and
    name forms (this app sits below accounts). Bodies are decrypted here to
    look for the person; none of them is shown, so this is no read to audit."""
    to_person = Q(pk__in=[])
    for address in addresses:
        to_person |= Q(to__iexact=address) | Q(reply_to__iexact=address)
    OutboxEmail.objects.filter(to_person).delete()
    needles = [text.lower() for text in identifiers]
    mentioning = [
        email.pk
        for email in OutboxEmail.objects.only("subject", "body_text", "body_html")
        if _mentions(email, needles)
    ]
    OutboxEmail.objects.filter(pk__in=mentioning).delete()


def _mentions(email: OutboxEmail, needles: list[str]) -> bool:
    text = f"{email.subject}\n{email.body_text}\n{email.body_html}".lower()
    return any(needle in text for needle in needles)


def purge_expired(*, now: datetime.datetime) -> int:
    """Sent and failed e-mails go after RETENTION_OUTBOX_DAYS (default 90)."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_OUTBOX_DAYS)
    deleted, _rows = (
        OutboxEmail.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING])
        .delete()
    )
    return deleted
