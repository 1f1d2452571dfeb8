"""The e-mail outbox: rules call ``enqueue`` inside their transaction.

Templates: ``<template>.subject.txt``, ``<template>.txt`` and optionally
``<template>.html``, rendered in the recipient's language.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from balintkreis.notifications.models import OutboxEmail


def enqueue(
    *,
    to: str,
    template: str,
    context: dict,
    key: str,
    language: str = "de",
    reply_to: str = "",
) -> OutboxEmail:
    """Store one e-mail and schedule its delivery after commit.

    Idempotent: a second call with the same ``key`` returns the first row and
    sends nothing new.
    """
    existing = OutboxEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    # Times in mails are always local time (issue 12 item 7), whatever zone
    # the calling code has active.
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        body_text = render_to_string(f"{template}.txt", context)
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
            )
    except IntegrityError:
        return OutboxEmail.objects.get(key=key)
    from balintkreis.notifications.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(email.pk))
    return email
