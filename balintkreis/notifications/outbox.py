"""The e-mail outbox: rules call ``enqueue`` inside their transaction.

``enqueue`` is the one way to send a mail (issue 14 item 3): template name,
recipient (a user object or an address), context, idempotency key,
language (default: the recipient's ``language`` if the user model has one,
else "de"), plus ``reply_to`` and ``carries_secret``. Apps call it directly;
which person gets which mail stays in each app's rule module. Every template
gets ``site_url`` and, when ``to`` is a person, ``recipient``.

Templates: ``<template>.subject.txt``, ``<template>.txt`` and optionally
``<template>.html``, rendered in the recipient's language. Bodies are stored
encrypted; ``read_body`` is the only way for a person to read one.
"""

from typing import Any, Protocol, TypedDict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.notifications.models import OutboxEmail


class BodyNotReadable(RuleError):
    pass


class Recipient(Protocol):
    """A person the outbox writes to: the accounts app's ``User`` fits
    (notifications sits below accounts and cannot import it)."""

    @property
    def email(self) -> str: ...


class EmailBody(TypedDict):
    """What ``read_body`` shows a reader."""

    text: str
    html: str


def recipient_address(to: Recipient | str) -> str:
    """The address of ``to``: an address as is, else the object's ``email``."""
    return to if isinstance(to, str) else str(to.email)


def recipient_language(to: Recipient | str) -> str:
    """The recipient's language preference if the user model has one, else de."""
    return getattr(to, "language", "") or "de"


def enqueue(
    *,
    to: Recipient | str,
    template: str,
    context: dict[str, Any],
    key: str,
    language: str | None = None,
    reply_to: str = "",
    carries_secret: bool = False,
) -> OutboxEmail:
    """Store one e-mail and schedule its delivery after commit.

    Idempotent: a second call with the same ``key`` returns the first row and
    sends nothing new. ``carries_secret``: the body holds a link or code that
    grants access (reset, confirmation, log-in code, offer); nobody can read
    it after this call, only the worker sends it.
    """
    existing = OutboxEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = language or recipient_language(to)
    context = {
        "site_url": settings.SITE_URL,
        "recipient": None if isinstance(to, str) else to,
        **context,
    }
    to = recipient_address(to)
    # Times in mails are always local time (issue 12 item 7), whatever zone
    # the calling code has active.
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        body_text = render_to_string(f"{template}.txt", context)
        body_html: str
        try:
            body_html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    try:
        # A savepoint: when a concurrent transaction stored the same key first,
        # only this insert is undone, not the caller's transaction.
        with transaction.atomic():
            email = OutboxEmail.objects.create(
                key=key,
                to=to,
                reply_to=reply_to,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                carries_secret=carries_secret,
            )
    except IntegrityError:
        return OutboxEmail.objects.get(key=key)
    from balintkreis.notifications.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(email.pk))
    return email


def read_body(email: OutboxEmail, *, reader: Any, reason: str = "") -> EmailBody:
    """The text and HTML of one queued or sent e-mail, for a person.

    Every read is audit-logged, refused ones too; a mail that carries a
    secret is never readable (the worker alone decrypts it to send it).
    Raises ``BodyNotReadable`` for those.
    """
    audit.record(
        reader,
        "notifications.email.body_read",
        email,
        data={"granted": not email.carries_secret, "reason": reason[:200]},
    )
    if email.carries_secret:
        raise BodyNotReadable(
            _(
                "This e-mail contains a link or code that grants access; its text "
                "cannot be read by anybody."
            )
        )
    return {"text": email.body_text, "html": email.body_html}
