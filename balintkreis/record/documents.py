"""Scanned certificates of outside entries, encrypted at rest (DOMAIN.md R11).

The file is kept in the database as a Fernet token made with the field key
(core/crypto.py), so it is covered by key rotation (``rotate_field_key``
hook of the app) and never lies as plain bytes on disk. Only the person and
the confirming role (the secretariat, or the recognised leader the entry
names) may read it; every read is audit-logged.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit, crypto
from balintkreis.core.errors import RuleError
from balintkreis.record.models import EntryDocument, OutsideEntry

# What a scan may be, recognised by its first bytes, not by its name.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


class DocumentError(RuleError):
    pass


@dataclass(frozen=True)
class PlainDocument:
    filename: str
    content_type: str
    content: bytes


def max_bytes() -> int:
    return settings.RECORD_MAX_UPLOAD_MB * 1024 * 1024


def content_type_of(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def check(upload: UploadedFile) -> str:
    """The upload's content type; ``DocumentError`` if too big or not a
    PDF, PNG or JPEG."""
    if (upload.size or 0) > max_bytes():
        raise DocumentError(
            _(
                "The file is larger than %(mb)d MB. Please scan it in a lower resolution."
            )
            % {"mb": settings.RECORD_MAX_UPLOAD_MB}
        )
    upload.seek(0)
    content_type = content_type_of(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise DocumentError(
            _("Please upload the certificate as a PDF, PNG or JPEG file.")
        )
    return content_type


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isalnum() or c in "._- ")[:150]
    return cleaned.strip() or "bescheinigung"


def store(entry: OutsideEntry, upload: UploadedFile) -> EntryDocument:
    """Encrypt and attach ``upload`` to ``entry`` (replacing an older one).
    Callers hold the transaction and write the audit event."""
    content_type = check(upload)
    content = upload.read()
    token = crypto.encrypt(base64.b64encode(content).decode("ascii"))
    document, _created = EntryDocument.objects.update_or_create(
        entry=entry,
        defaults={
            "filename": _safe_name(upload.name or ""),
            "content_type": content_type,
            "size": len(content),
            "encrypted_content": token,
        },
    )
    return document


def may_read(user: User, entry: OutsideEntry) -> bool:
    """The person; the secretariat; the recognised leader the entry names."""
    if entry.user_id == user.pk or user.is_secretariat:
        return True
    return entry.confirming_leader_id == user.pk and user.is_leader


def read(entry: OutsideEntry, *, by: User) -> PlainDocument:
    """The decrypted scan, audit-logged. Callers check ``may_read`` first
    (a refusal is a 404 there)."""
    document: EntryDocument = entry.document
    content = base64.b64decode(crypto.decrypt(document.encrypted_content))
    audit.record(
        by,
        "record.document.read",
        entry,
        data={"own": entry.user_id == by.pk},
    )
    return PlainDocument(document.filename, document.content_type, content)


def sample_tokens() -> list[str]:
    """A few stored tokens for the start-up key check (core/checks.py)."""
    return list(EntryDocument.objects.values_list("encrypted_content", flat=True)[:3])


def reencrypt_all() -> int:
    """Re-encrypt every scan with the newest field key (``rotate_field_key``)."""
    count = 0
    for document in EntryDocument.objects.only("pk", "encrypted_content").iterator():
        EntryDocument.objects.filter(pk=document.pk).update(
            encrypted_content=crypto.rotate(document.encrypted_content)
        )
        count += 1
    return count
