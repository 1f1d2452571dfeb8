"""The record in 'Meine Daten' and on account deletion."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.core import personal_data
from balintkreis.record import documents
from balintkreis.record.models import ChosenTarget, EntryDocument, OutsideEntry
from balintkreis.record.tests.factories import (
    PDF_BYTES,
    ChosenTargetFactory,
    OutsideEntryFactory,
)

pytestmark = pytest.mark.django_db


def test_export_has_entries_and_targets_but_not_the_scan(participant):
    entry = OutsideEntryFactory(user=participant, vnr="2760012024200354002")
    documents.store(entry, SimpleUploadedFile("scan.pdf", PDF_BYTES))
    ChosenTargetFactory(user=participant, key="zusatz_psychotherapie")
    data = personal_data.export(participant)["record"]
    assert data["outside_entries"][0]["vnr"] == "2760012024200354002"
    assert data["outside_entries"][0]["scan"] == "scan.pdf"
    assert data["chosen_targets"][0]["target"] == "Zusatz-Weiterbildung Psychotherapie"
    assert "Bescheinigung" not in str(data)


def test_erasure_deletes_the_record_and_keeps_others_entries(participant):
    leader = LeaderFactory()
    own = OutsideEntryFactory(user=participant)
    documents.store(own, SimpleUploadedFile("scan.pdf", PDF_BYTES))
    ChosenTargetFactory(user=participant)
    confirmed_by_leader = OutsideEntryFactory(
        user=participant, confirming_leader=leader
    )
    someone_elses = OutsideEntryFactory(confirming_leader=leader, decided_by=leader)
    personal_data.erase(leader)
    someone_elses.refresh_from_db()
    assert someone_elses.confirming_leader is None
    assert someone_elses.decided_by is None
    personal_data.erase(participant)
    assert not OutsideEntry.objects.filter(pk__in=[own.pk, confirmed_by_leader.pk])
    assert not EntryDocument.objects.exists()
    assert not ChosenTarget.objects.exists()


def test_demo_record_is_idempotent():
    import io

    from balintkreis.accounts.tests.factories import UserFactory
    from balintkreis.record import demo

    member = UserFactory(email=demo.DEMO_MEMBER)
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert OutsideEntry.objects.filter(user=member).count() == 2
    assert ChosenTarget.objects.filter(user=member).count() == 1
