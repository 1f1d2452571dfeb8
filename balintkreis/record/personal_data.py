"""Outside entries and chosen targets of one person (core/personal_data.py
composes all apps). Platform attendance is exported by meetings.

The scans are not in the export (they are the person's own uploads, which
they can download from the record); their file names are. On account
deletion everything of the record goes: it proves nothing to a chamber, the
certificates of the other providers do. Entries the person confirmed for
others stay, without the link to them.
"""

import datetime

from django.db import transaction

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.record import targets
from balintkreis.record.models import ChosenTarget, OutsideEntry


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def _entry(entry: OutsideEntry) -> dict:
    document = getattr(entry, "document", None)
    return {
        "kind": entry.get_kind_display(),
        "title": entry.title,
        "started_on": _iso(entry.started_on),
        "ended_on": _iso(entry.ended_on),
        "double_sessions": entry.double_sessions,
        "mode": entry.get_mode_display(),
        "leader_name": entry.leader_name,
        "leader_recognition": entry.leader_recognition,
        "organiser": entry.organiser,
        "vnr": entry.vnr,
        "status": entry.get_status_display(),
        "decided_at": _iso(entry.decided_at),
        "rejection_reason": entry.rejection_reason,
        "scan": document.filename if document else None,
        "created_at": _iso(entry.created_at),
    }


def _title(key: str) -> str:
    try:
        return str(targets.get(key).title)
    except KeyError:
        return key


def export(user: User) -> dict:
    entries = OutsideEntry.objects.filter(user=user).select_related("document")
    return {
        "outside_entries": [_entry(e) for e in entries],
        "chosen_targets": [
            {
                "target": _title(c.key),
                "training_started_on": _iso(c.training_started_on),
                "chosen_at": _iso(c.chosen_at),
            }
            for c in ChosenTarget.objects.filter(user=user)
        ],
    }


def erase(user: User) -> None:
    with transaction.atomic():
        OutsideEntry.objects.filter(user=user).delete()
        ChosenTarget.objects.filter(user=user).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """The record is kept while the account exists: it is the person's own
    collection, and they delete entries themselves."""
    return 0
