"""The audit log: one call per action, dotted action names."""

from typing import Any

from django.db import models

from balintkreis.core.models import AuditEvent


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    data: dict | None = None,
) -> AuditEvent:
    """Write one audit event. ``data`` must never contain an EFN or a password."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
    )
