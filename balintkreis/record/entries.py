"""Outside entries of the record: add, change, delete, confirm, reject.

The person enters what happened outside the platform (a certificate of
another provider, a study conference, a large group, a leader seminar,
supervised leading). The entry counts as self-reported until the
secretariat or the recognised leader it names confirms it against the
uploaded certificate; nobody confirms their own entry. A confirmed entry is
no longer editable by the person (they may still delete it: it is their
record). Every change is audit-logged.
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.notifications import outbox
from balintkreis.record import documents
from balintkreis.record.models import EntryDocument, OutsideEntry

# The fields a person fills in (forms.OutsideEntryForm).
FIELDS = (
    "kind",
    "title",
    "started_on",
    "ended_on",
    "double_sessions",
    "mode",
    "leader_name",
    "leader_recognition",
    "organiser",
    "vnr",
    "confirming_leader",
)


class EntryError(RuleError):
    pass


def _audit_data(entry: OutsideEntry) -> dict[str, Any]:
    return {
        "kind": entry.kind,
        "double_sessions": entry.double_sessions,
        "status": entry.status,
    }


def add(
    user: User,
    *,
    by: User,
    values: dict[str, Any],
    upload: UploadedFile | None = None,
) -> OutsideEntry:
    """A new self-reported entry of ``user``, with its scan if given."""
    if by.pk != user.pk:
        raise EntryError(_("Only the person themselves can add to their record."))
    with transaction.atomic():
        entry = OutsideEntry(user=user, **{k: values.get(k) for k in FIELDS})
        _clean_leader(entry)
        entry.full_clean()
        entry.save()
        if upload is not None:
            documents.store(entry, upload)
        audit.record(by, "record.entry.added", entry, data=_audit_data(entry))
        _ask_leader(entry)
    return entry


def _ask_leader(entry: OutsideEntry) -> None:
    """Tell the named leader that an entry waits for them (in the transaction)."""
    leader = entry.confirming_leader
    if leader is None:
        return
    outbox.enqueue(
        to=leader,
        template="record/email/entry_to_confirm",
        key=f"record.entry.{entry.pk}.to_confirm.{entry.updated_at.isoformat()}",
        context={
            "entry": entry,
            "person": entry.user,
            "url": absolute_url("record:review", entry.pk),
        },
    )


def _clean_leader(entry: OutsideEntry) -> None:
    leader = entry.confirming_leader
    if leader is None:
        return
    if leader.pk == entry.user_id:
        raise EntryError(_("You cannot confirm your own entries."))
    if not leader.is_leader:
        raise EntryError(_("Please choose a group leader recognised on this platform."))


def update(
    entry: OutsideEntry,
    *,
    by: User,
    values: dict[str, Any],
    upload: UploadedFile | None = None,
) -> OutsideEntry:
    """Change an entry that nobody has confirmed; a rejected one becomes
    self-reported again, so it returns to the confirmation queue."""
    with transaction.atomic():
        entry = OutsideEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.user_id != by.pk:
            raise EntryError(_("Only the person themselves can change their record."))
        if not entry.is_editable:
            raise EntryError(
                _("This entry has been confirmed and can no longer be changed.")
            )
        for name in FIELDS:
            setattr(entry, name, values.get(name))
        entry.status = OutsideEntry.Status.SELF_REPORTED
        entry.decided_at = None
        entry.decided_by = None
        entry.rejection_reason = ""
        _clean_leader(entry)
        entry.full_clean()
        entry.save()
        if upload is not None:
            documents.store(entry, upload)
        audit.record(by, "record.entry.changed", entry, data=_audit_data(entry))
        _ask_leader(entry)
    return entry


def delete(entry: OutsideEntry, *, by: User) -> None:
    """The person removes an entry (with its scan) from their record."""
    if entry.user_id != by.pk:
        raise EntryError(_("Only the person themselves can change their record."))
    with transaction.atomic():
        audit.record(by, "record.entry.deleted", entry, data=_audit_data(entry))
        entry.delete()


def may_decide(user: User, entry: OutsideEntry) -> bool:
    """The secretariat, or the recognised leader the entry names; never the
    person themselves."""
    if entry.user_id == user.pk:
        return False
    if user.is_secretariat:
        return True
    return user.is_leader and entry.confirming_leader_id == user.pk


def _decide(
    entry: OutsideEntry, *, by: User, status: str, reason: str = ""
) -> OutsideEntry:
    with transaction.atomic():
        entry = OutsideEntry.objects.select_for_update().get(pk=entry.pk)
        if not may_decide(by, entry):
            raise EntryError(_("You may not confirm this entry."))
        if entry.status != OutsideEntry.Status.SELF_REPORTED:
            raise EntryError(_("This entry has already been decided."))
        entry.status = status
        entry.decided_by = by
        entry.decided_at = timezone.now()
        entry.rejection_reason = reason
        entry.save(
            update_fields=[
                "status",
                "decided_by",
                "decided_at",
                "rejection_reason",
                "updated_at",
            ]
        )
        audit.record(by, f"record.entry.{status}", entry, data=_audit_data(entry))
        outbox.enqueue(
            to=entry.user,
            template="record/email/entry_decided",
            key=f"record.entry.{entry.pk}.{status}.{entry.decided_at.isoformat()}",
            context={
                "entry": entry,
                "is_confirmed": entry.is_confirmed,
                "url": absolute_url("record:overview"),
            },
        )
    return entry


def confirm(entry: OutsideEntry, *, by: User) -> OutsideEntry:
    """Confirm a self-reported entry against its uploaded certificate:
    without a scan there is nothing to confirm against."""
    if not EntryDocument.objects.filter(entry=entry).exists():
        raise EntryError(
            _("Without an uploaded certificate the entry cannot be confirmed.")
        )
    return _decide(entry, by=by, status=OutsideEntry.Status.CONFIRMED)


def reject(entry: OutsideEntry, *, by: User, reason: str) -> OutsideEntry:
    """Reject a self-reported entry; the reason tells the person what to fix."""
    reason = (reason or "").strip()
    if not reason:
        raise EntryError(
            _("Please give a reason, so the person can correct the entry.")
        )
    return _decide(entry, by=by, status=OutsideEntry.Status.REJECTED, reason=reason)
