"""Outside entries: add, change, delete, confirm, reject; the encrypted scan."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.record import documents, entries
from balintkreis.record.models import EntryDocument, OutsideEntry
from balintkreis.record.tests.factories import PDF_BYTES, OutsideEntryFactory


def _upload(content: bytes = PDF_BYTES, name: str = "bescheinigung.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _values(**overrides):
    values = {
        "kind": OutsideEntry.Kind.GROUP,
        "title": "Balintgruppe Erfurt",
        "started_on": datetime.date(2024, 1, 10),
        "ended_on": datetime.date(2024, 8, 10),
        "double_sessions": 15,
        "mode": "in_person",
        "leader_name": "Dr. Muster",
        "leader_recognition": "",
        "organiser": "",
        "vnr": "",
        "confirming_leader": None,
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_scan_is_stored_encrypted_and_read_back_audited(participant):
    entry = entries.add(participant, by=participant, values=_values(), upload=_upload())
    stored = EntryDocument.objects.get(entry=entry)
    assert PDF_BYTES not in stored.encrypted_content.encode()
    assert b"Bescheinigung" not in stored.encrypted_content.encode()
    plain = documents.read(entry, by=participant)
    assert plain.content == PDF_BYTES
    assert plain.content_type == "application/pdf"
    assert AuditEvent.objects.filter(action="record.document.read").count() == 1


@pytest.mark.django_db
def test_upload_must_be_pdf_or_image(participant):
    with pytest.raises(documents.DocumentError):
        entries.add(
            participant,
            by=participant,
            values=_values(),
            upload=_upload(b"MZ\x90\x00 not a scan", "x.pdf"),
        )
    assert not OutsideEntry.objects.exists()


@pytest.mark.django_db
def test_upload_size_limit(participant, settings):
    settings.RECORD_MAX_UPLOAD_MB = 0
    with pytest.raises(documents.DocumentError):
        documents.check(_upload())


@pytest.mark.django_db
def test_leader_named_confirms_and_entry_is_frozen(participant):
    leader = LeaderFactory()
    entry = entries.add(
        participant,
        by=participant,
        values=_values(confirming_leader=leader),
        upload=_upload(),
    )
    assert entry.status == OutsideEntry.Status.SELF_REPORTED
    entries.confirm(entry, by=leader)
    entry.refresh_from_db()
    assert entry.status == OutsideEntry.Status.CONFIRMED
    assert entry.decided_by == leader
    with pytest.raises(entries.EntryError):
        entries.update(entry, by=participant, values=_values(double_sessions=20))
    with pytest.raises(entries.EntryError):
        entries.confirm(entry, by=leader)


@pytest.mark.django_db
def test_other_leader_and_the_person_cannot_confirm(participant, secretariat):
    named, other = LeaderFactory(), LeaderFactory()
    entry = OutsideEntryFactory(user=participant, confirming_leader=named, scan=True)
    with pytest.raises(entries.EntryError):
        entries.confirm(entry, by=other)
    with pytest.raises(entries.EntryError):
        entries.confirm(entry, by=participant)
    entries.confirm(entry, by=secretariat)


@pytest.mark.django_db
def test_a_leader_cannot_confirm_their_own_entry():
    leader = LeaderFactory()
    entry = OutsideEntryFactory(user=leader, confirming_leader=None, scan=True)
    with pytest.raises(entries.EntryError):
        entries.confirm(entry, by=leader)
    with pytest.raises(entries.EntryError):
        entries.add(leader, by=leader, values=_values(confirming_leader=leader))


@pytest.mark.django_db
def test_rejected_entry_returns_to_the_queue_when_changed(participant, secretariat):
    entry = OutsideEntryFactory(user=participant)
    with pytest.raises(entries.EntryError):
        entries.reject(entry, by=secretariat, reason=" ")
    entries.reject(entry, by=secretariat, reason="Die Bescheinigung fehlt.")
    entry.refresh_from_db()
    assert entry.status == OutsideEntry.Status.REJECTED
    entries.update(entry, by=participant, values=_values(), upload=_upload())
    entry.refresh_from_db()
    assert entry.status == OutsideEntry.Status.SELF_REPORTED
    assert entry.rejection_reason == ""
    assert entry.decided_by is None


@pytest.mark.django_db
def test_only_the_person_changes_or_deletes(participant):
    entry = OutsideEntryFactory(user=participant)
    stranger = UserFactory()
    with pytest.raises(entries.EntryError):
        entries.update(entry, by=stranger, values=_values())
    with pytest.raises(entries.EntryError):
        entries.delete(entry, by=stranger)
    entries.delete(entry, by=participant)
    assert not OutsideEntry.objects.exists()


@pytest.mark.django_db
def test_who_may_read_the_scan(participant, secretariat):
    named, other = LeaderFactory(), LeaderFactory()
    entry = OutsideEntryFactory(user=participant, confirming_leader=named)
    assert documents.may_read(participant, entry)
    assert documents.may_read(secretariat, entry)
    assert documents.may_read(named, entry)
    assert not documents.may_read(other, entry)
    assert not documents.may_read(UserFactory(), entry)


@pytest.mark.django_db
def test_key_rotation_keeps_the_scan_readable(participant, settings):
    entry = entries.add(participant, by=participant, values=_values(), upload=_upload())
    old = EntryDocument.objects.get().encrypted_content
    settings.FIELD_ENCRYPTION_KEYS = ["a-new-key", *settings.FIELD_ENCRYPTION_KEYS]
    assert documents.reencrypt_all() == 1
    assert EntryDocument.objects.get().encrypted_content != old
    settings.FIELD_ENCRYPTION_KEYS = ["a-new-key"]
    entry.refresh_from_db()
    assert documents.read(entry, by=participant).content == PDF_BYTES


@pytest.mark.django_db
def test_named_leader_and_person_get_mails(participant, secretariat):
    from balintkreis.notifications.models import OutboxEmail

    leader = LeaderFactory()
    entry = entries.add(
        participant,
        by=participant,
        values=_values(confirming_leader=leader),
        upload=_upload(),
    )
    to_leader = OutboxEmail.objects.get(to=leader.email)
    assert to_leader.subject == (
        "Ein Eintrag in einem Balint-Konto wartet auf Ihre Bestätigung"
    )
    entries.reject(entry, by=secretariat, reason="Datum fehlt")
    entries.update(entry, by=participant, values=_values(confirming_leader=leader))
    entries.confirm(entry, by=leader)
    subjects = sorted(
        OutboxEmail.objects.filter(to=participant.email).values_list(
            "subject", flat=True
        )
    )
    assert subjects == ["Ihr Eintrag wurde abgelehnt", "Ihr Eintrag wurde bestätigt"]
    assert OutboxEmail.objects.filter(to=leader.email).count() == 2


@pytest.mark.django_db
def test_no_confirmation_without_a_scan(participant, secretariat):
    entry = OutsideEntryFactory(user=participant)
    with pytest.raises(entries.EntryError):
        entries.confirm(entry, by=secretariat)
    entries.reject(entry, by=secretariat, reason="Bitte die Bescheinigung hochladen.")
