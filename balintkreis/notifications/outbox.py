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

import base64
import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Attachment:
    """A file sent with a mail, e.g. a calendar entry (text/calendar)."""

    filename: str
    content: bytes
    mimetype: str


def _stored(attachments: list[Attachment]) -> str:
    if not attachments:
        return ""
    return json.dumps(
        [
            {
                "filename": a.filename,
                "mimetype": a.mimetype,
                "content": base64.b64encode(a.content).decode("ascii"),
            }
            for a in attachments
        ]
    )


def attachments_of(email: OutboxEmail) -> list[Attachment]:
    """The files stored with an outbox row (for the worker and tests)."""
    if not email.attachments:
        return []
    return [
        Attachment(
            filename=item["filename"],
            content=base64.b64decode(item["content"]),
            mimetype=item["mimetype"],
        )
        for item in json.loads(email.attachments)
    ]


def recipient_address(to: Recipient | str) -> str:
    """The address of ``to``: an address as is, else the object's ``email``."""
    return to if isinstance(to, str) else str(to.email)


def recipient_language(to: Recipient | str) -> str:
    """The recipient's language preference if the user model has one, else de."""
    return getattr(to, "language", "") or "de"


def letter_salutation(to: Any) -> str:
    """The opening line of the letter, in the active language: the person's
    own (``User.letter_salutation``, accounts/salutation.py) or, for a bare
    address, a neutral greeting. Templates get it as ``salutation``; a caller
    that knows the name behind an address passes its own ``salutation``."""
    if hasattr(to, "letter_salutation"):
        return to.letter_salutation()
    return str(_("Good day,"))


def enqueue(
    *,
    to: Recipient | str,
    template: str,
    context: dict[str, Any],
    key: str,
    language: str | None = None,
    reply_to: str = "",
    carries_secret: bool = False,
    attachments: list[Attachment] | None = None,
) -> OutboxEmail:
    """Store one e-mail and schedule its delivery after commit.

    Idempotent: a second call with the same ``key`` returns the first row and
    sends nothing new. ``carries_secret``: the body holds a link or code that
    grants access (reset, confirmation, log-in code, offer); nobody can read
    it after this call, only the worker sends it. ``attachments``: files
    sent with the mail (stored encrypted with the row).
    """
    existing = OutboxEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = language or recipient_language(to)
    # Times in mails are always local time (issue 12 item 7), whatever zone
    # the calling code has active.
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        context = {
            "site_url": settings.SITE_URL,
            "recipient": None if isinstance(to, str) else to,
            "salutation": letter_salutation(to),
            **context,
        }
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
                to=recipient_address(to),
                reply_to=reply_to,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                carries_secret=carries_secret,
                attachments=_stored(attachments or []),
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
