"""E-mails of the registration rules, always through the outbox.

Each call passes an idempotency key naming the event, so a retried rule or a
second worker never sends the same e-mail twice.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from balintkreis.accounts.models import User
from balintkreis.groups.models import Application
from balintkreis.notifications import outbox

OFFER_SALT = "groups.offer"
# Context names of the offer links: a mail with any of them carries a secret.
OFFER_LINK_NAMES = frozenset({"offer_url", "accept_url", "decline_url"})


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def offer_token(application: Application) -> str:
    """A signed token naming the application; it is the key of the offer links."""
    return signing.dumps(application.pk, salt=OFFER_SALT)


def application_id_from_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=OFFER_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def offer_links(application: Application) -> dict[str, str]:
    token = offer_token(application)
    return {
        "offer_url": absolute(reverse("groups:offer", args=[token])),
        "accept_url": absolute(reverse("groups:offer-accept", args=[token])),
        "decline_url": absolute(reverse("groups:offer-decline", args=[token])),
    }


def send(template: str, *, to: User, key: str, **context: object) -> None:
    outbox.enqueue(
        to=to.email,
        template=f"groups/email/{template}",
        context={
            "recipient": to,
            "site_url": settings.SITE_URL,
            "my_groups_url": absolute(reverse("groups:my-groups")),
            **context,
        },
        key=key,
        # Offer links accept a place for the person: unreadable in the outbox.
        carries_secret=not OFFER_LINK_NAMES.isdisjoint(context),
    )


def send_to_address(template: str, *, to: str, key: str, **context: object) -> None:
    outbox.enqueue(
        to=to,
        template=f"groups/email/{template}",
        context={"site_url": settings.SITE_URL, **context},
        key=key,
    )
