"""E-mails of the mentoring programme, always through the outbox."""

from django.conf import settings
from django.urls import reverse

from balintkreis.accounts.models import User
from balintkreis.notifications import outbox


def send(recipient: User, template: str, *, key: str, context: dict) -> None:
    """Queue ``mentoring/email/<template>`` for ``recipient`` (German)."""
    outbox.enqueue(
        to=recipient.email,
        template=f"mentoring/email/{template}",
        context={**context, "recipient": recipient, "site_url": settings.SITE_URL},
        key=f"mentoring.{key}.{recipient.pk}",
        language="de",
    )


def absolute(view_name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(view_name, args=[pk])
