"""The audit log: one call per action, dotted action names.

People appear in the log only by a pseudonymous id (``person-<pk>``), never
by name: ``object_repr`` replaces the names of the people an object points
to, and ``redact_person`` removes what older rows or free text still hold
when a person deletes their account (issue 11 item 7, docs/privacy.md).
"""

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from balintkreis.core import personalpages
from balintkreis.core.models import AuditEvent

# How far ``object_repr`` follows loaded relations to find people's names
# (attendance -> meeting -> group -> leader).
REPR_DEPTH = 3


def pseudonym(person_pk: object) -> str:
    """How the audit log names a person."""
    return f"person-{person_pk}"


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``data`` must never contain an EFN or a password."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    fields = {
        "actor_id": user.pk if user is not None else None,
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": object_repr(obj) if obj is not None else "",
        "data": data or {},
    }
    # A page kept by the per-person cache writes this event again each time
    # it is served from there: every read stays in the log.
    with personalpages.audited(fields):
        return AuditEvent.objects.create(**fields)


def replay(fields: dict[str, Any]) -> AuditEvent:
    """The same event once more, now (a cached page was read again)."""
    return AuditEvent.objects.create(**fields)


def object_repr(obj: models.Model) -> str:
    """``str(obj)`` with every person in it replaced by their pseudonym.

    ``str`` loads the relations it prints, so walking the loaded relations
    afterwards finds those people without another query.
    """
    if isinstance(obj, get_user_model()):
        return pseudonym(obj.pk)
    text = str(obj)
    for person in _people_in(obj, depth=REPR_DEPTH):
        name = str(person)
        if name:
            text = text.replace(name, pseudonym(person.pk))
    return text[:200]


def _people_in(obj: models.Model, *, depth: int) -> Iterator[models.Model]:
    user_model = get_user_model()
    for field in obj._meta.concrete_fields:
        # Concrete relations are foreign keys (one-to-one included).
        if not isinstance(field, models.ForeignObject) or not field.is_cached(obj):
            continue
        related = field.get_cached_value(obj)
        if isinstance(related, user_model):
            yield related
        elif related is not None and depth > 1:
            yield from _people_in(related, depth=depth - 1)


def redact_person(person_pk: object, *, texts: Iterable[str]) -> int:
    """Replace the person's name, addresses and phone number by their
    pseudonym in the audit log and in Django's admin log; return rows changed.

    ``texts`` are the values to remove (accounts.personal_data.identifiers).
    Events about the person's own row are pseudonymised whatever they hold.
    """
    replacement = pseudonym(person_pk)
    needles = sorted({t for t in texts if t and len(t) >= 3}, key=len, reverse=True)
    variants = {v for needle in needles for v in (needle, _json_escaped(needle))}
    user_label = get_user_model()._meta.label_lower
    changed = 0
    match = Q(object_type=user_label, object_id=str(person_pk))
    for variant in variants:
        match |= Q(object_repr__icontains=variant) | Q(data_text__icontains=variant)
    events = AuditEvent.objects.annotate(data_text=Cast("data", TextField()))
    for event in events.filter(match).only(
        "object_type", "object_id", "object_repr", "data"
    ):
        if event.object_type == user_label and event.object_id == str(person_pk):
            event.object_repr = replacement
        event.object_repr = _replace(event.object_repr, needles, replacement)
        event.data = json.loads(_replace(json.dumps(event.data), needles, replacement))
        event.save(update_fields=["object_repr", "data"])
        changed += 1
    return changed + _redact_admin_log(person_pk, needles, replacement)


def _redact_admin_log(person_pk: object, needles: list[str], replacement: str) -> int:
    """The same for Django's LogEntry (changes made in the administration)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(get_user_model())
    match = Q(content_type=user_type, object_id=str(person_pk))
    for needle in needles:
        for variant in (needle, _json_escaped(needle)):
            match |= Q(object_repr__icontains=variant)
            match |= Q(change_message__icontains=variant)
    changed = 0
    for entry in LogEntry.objects.filter(match):
        if entry.content_type_id == user_type.pk and entry.object_id == str(person_pk):
            entry.object_repr = replacement
        entry.object_repr = _replace(entry.object_repr, needles, replacement)
        entry.change_message = _replace(entry.change_message, needles, replacement)
        entry.save(update_fields=["object_repr", "change_message"])
        changed += 1
    return changed


def _json_escaped(text: str) -> str:
    """The text as ``json.dumps`` stores it inside a string (umlauts escaped)."""
    return json.dumps(text)[1:-1]


def _replace(text: str, needles: list[str], replacement: str) -> str:
    for needle in needles:
        for variant in {needle, _json_escaped(needle)}:
            text = re.sub(re.escape(variant), replacement, text, flags=re.IGNORECASE)
    return text
