"""The signed offer links that e-mails of the waiting list carry.

Mails themselves go through ``notifications.outbox.enqueue``, called by the
rule modules; a mail with these links passes ``carries_secret=True``.
"""

from django.core import signing

from balintkreis.core.links import absolute_url
from balintkreis.groups.models import Application

OFFER_SALT = "groups.offer"


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
        "offer_url": absolute_url("groups:offer", token),
        "accept_url": absolute_url("groups:offer-accept", token),
        "decline_url": absolute_url("groups:offer-decline", token),
    }
