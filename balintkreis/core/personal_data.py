"""Personal data of one person across all apps (issue 7, DOMAIN.md R11).

The composition root: each app's ``personal_data`` module has

- ``export(user) -> dict``: everything the app holds about the person;
- ``erase(user) -> None``: delete what it owns of the person, or pseudonymise
  the records that prove CME attendance (Art. 17(3)(b) DSGVO);
- ``purge_expired(*, now) -> int``: delete or pseudonymise what is past its
  retention period (settings ``RETENTION_*``); returns the rows touched.

An app declares its module as the ``personal_data`` hook of its AppConfig
(set in ``ready()``, core/hooks.py); core names no app. Export follows the
order of INSTALLED_APPS, which follows DESIGN.md's dependency direction
(tests/test_architecture.py); erasure and purging run it backwards, so rows
that refer to a lower app's rows go first (mentoring sessions before the
person, attendance before its meeting's group).
"""

import datetime
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from balintkreis.core import audit, dates, hooks
from balintkreis.core.models import AuditEvent


def years_before(now: datetime.datetime, years: int) -> datetime.datetime:
    """The same calendar day ``years`` earlier (28 February for 29 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def modules() -> list[tuple[str, ModuleType]]:
    """(app label, module) for every app that declares a personal_data hook.

    The app of the user model (the person's own record) comes first, so that
    erasure, running backwards, deletes the person after everything else and
    the others still find the person's e-mail address.
    """
    owner = settings.AUTH_USER_MODEL.split(".")[0]
    found = sorted(
        hooks.contributions("personal_data"), key=lambda found: found[0].label != owner
    )
    return [(config.label, module) for config, module in found]


def export(user: Any, *, now: datetime.datetime | None = None) -> dict:
    """Everything about the person, as JSON-ready data (Art. 15/20 DSGVO).

    The person's own EFN is included in full: they may see it (R1).
    Anonymous vote ballots are not linked to anybody, so they are not here.
    """
    data: dict = {"created_at": dates.local_iso(now or timezone.now())}
    for label, module in modules():
        data[label] = module.export(user)
    data["activity"] = [
        {
            "time": dates.local_iso(event.created_at),
            "action": event.action,
            "object_type": event.object_type,
        }
        for event in AuditEvent.objects.filter(actor=user).order_by("created_at")
    ]
    return data


def export_for_download(user: Any, *, kind: str) -> dict:
    """The export, audit-logged (format only, never its content)."""
    data = export(user)
    audit.record(user, "accounts.personal_data.exported", user, data={"format": kind})
    return data


def erase(user: Any) -> None:
    """Delete the person's account and data; keep pseudonymised proof.

    Each app deletes what it owns or pseudonymises what proves CME
    attendance; accounts goes last and deletes the person, or pseudonymises
    the row when proof records still point to it. Callers check the
    password; a refusal raises a RuleError (e.g. the person leads a group).
    """
    pk = user.pk
    with transaction.atomic():
        for _label, module in reversed(modules()):
            module.erase(user)
        audit.record(None, "accounts.account.erased", data={"person": pk})


def purge_expired(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every app's retention rule once (the daily job); rows per app."""
    now = now or timezone.now()
    counts = {}
    with transaction.atomic():
        for label, module in reversed(modules()):
            counts[label] = module.purge_expired(now=now)
    if any(counts.values()):
        audit.record(None, "core.retention.purged", data=counts)
    return counts
