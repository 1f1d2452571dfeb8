"""The record's pages: overview, entries, targets, confirmation queue."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.record import entries
from balintkreis.record.models import ChosenTarget, OutsideEntry
from balintkreis.record.tests.factories import (
    PDF_BYTES,
    ChosenTargetFactory,
    OutsideEntryFactory,
)


def _form(**overrides):
    data = {
        "kind": "group",
        "title": "Balintgruppe Erfurt",
        "started_on": "2024-01-10",
        "ended_on": "2024-08-10",
        "double_sessions": "15",
        "mode": "in_person",
        "leader_name": "Dr. Muster",
        "leader_recognition": "DBG",
        "organiser": "Praxis Muster",
        "vnr": "",
        "confirming_leader": "",
    }
    data.update(overrides)
    return data


def test_overview_lists_platform_dates_entries_and_progress(
    member, member_client, group
):
    for days in (200, 100):
        meeting = MeetingFactory(group=group, starts_at=days_ago(days))
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    unconfirmed = MeetingFactory(group=group, starts_at=days_ago(10))
    AttendanceFactory(meeting=unconfirmed, user=member)
    OutsideEntryFactory(user=member, title="Balintgruppe Gera")
    ChosenTargetFactory(user=member, key="psgv")
    response = member_client.get(reverse("record:overview"))
    assertContains(response, "Mein Balint-Konto")
    assertContains(response, "Balintgruppe Jena Mitte")
    assertContains(response, "Balintgruppe Gera")
    assertContains(response, "noch nicht von der Gruppenleitung bestätigt")
    assertContains(response, "Psychosomatische Grundversorgung (Kammer)")
    assertContains(response, "Was eine Sitzung nicht zählen lässt")


def test_add_entry_with_scan(participant, participant_client):
    scan = SimpleUploadedFile("scan.pdf", PDF_BYTES, content_type="application/pdf")
    response = participant_client.post(
        reverse("record:entry-create"), {**_form(), "scan": scan}
    )
    assert response.status_code == 302
    entry = OutsideEntry.objects.get(user=participant)
    assert entry.status == OutsideEntry.Status.SELF_REPORTED
    assert entry.document.filename == "scan.pdf"
    download = participant_client.get(reverse("record:entry-document", args=[entry.pk]))
    assert download.content == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"


def test_invalid_entry_keeps_input_and_explains(participant, participant_client):
    response = participant_client.post(
        reverse("record:entry-create"),
        _form(ended_on="2023-01-01", vnr="12345", title="Meine Gruppe"),
    )
    assert response.status_code == 422
    assertContains(
        response, "Das letzte Datum kann nicht vor dem ersten liegen.", status_code=422
    )
    assertContains(response, "Die VNR hat genau 19 Ziffern", status_code=422)
    assertContains(response, 'value="Meine Gruppe"', status_code=422)
    assert not OutsideEntry.objects.exists()


def test_wrong_file_type_is_refused(participant, participant_client):
    scan = SimpleUploadedFile("scan.pdf", b"hello", content_type="application/pdf")
    response = participant_client.post(
        reverse("record:entry-create"), {**_form(), "scan": scan}
    )
    assertContains(response, "PDF-, PNG- oder JPEG-Datei", status_code=422)


def test_confirmed_entry_cannot_be_edited(participant, participant_client):
    entry = OutsideEntryFactory(user=participant, confirmed=True)
    response = participant_client.get(reverse("record:entry-edit", args=[entry.pk]))
    assert response.status_code == 302
    response = participant_client.post(
        reverse("record:entry-edit", args=[entry.pk]), _form(double_sessions="99")
    )
    entry.refresh_from_db()
    assert entry.double_sessions == 15


def test_edit_and_delete_own_entry(participant, participant_client):
    entry = OutsideEntryFactory(user=participant)
    response = participant_client.post(
        reverse("record:entry-edit", args=[entry.pk]), _form(double_sessions="12")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.double_sessions == 12
    assert (
        participant_client.get(
            reverse("record:entry-delete", args=[entry.pk])
        ).status_code
        == 200
    )
    participant_client.post(reverse("record:entry-delete", args=[entry.pk]))
    assert not OutsideEntry.objects.exists()


def test_others_get_404_for_entries(participant, outsider_client):
    entry = OutsideEntryFactory(user=participant)
    for name in ("record:entry-edit", "record:entry-delete", "record:entry-document"):
        assert outsider_client.get(reverse(name, args=[entry.pk])).status_code == 404


def test_queue_for_named_leader_and_secretariat(
    participant, secretariat_client, client
):
    leader = LeaderFactory()
    named = OutsideEntryFactory(
        user=participant, confirming_leader=leader, title="Mit Leitung", scan=True
    )
    other = OutsideEntryFactory(user=participant, title="Ohne Leitung")
    client.force_login(leader)
    response = client.get(reverse("record:queue"))
    assertContains(response, "Mit Leitung")
    assertNotContains(response, "Ohne Leitung")
    assert client.get(reverse("record:review", args=[other.pk])).status_code == 404
    response = secretariat_client.get(reverse("record:queue"))
    assertContains(response, "Ohne Leitung")
    response = client.post(reverse("record:confirm", args=[named.pk]))
    assert response.status_code == 302
    named.refresh_from_db()
    assert named.status == OutsideEntry.Status.CONFIRMED


def test_queue_is_forbidden_for_participants(participant_client):
    assert participant_client.get(reverse("record:queue")).status_code == 403


def test_reject_needs_a_reason(participant, secretariat_client):
    entry = OutsideEntryFactory(user=participant)
    response = secretariat_client.post(reverse("record:reject", args=[entry.pk]), {})
    assert response.status_code == 422
    response = secretariat_client.post(
        reverse("record:reject", args=[entry.pk]), {"reason": "Datum fehlt"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.rejection_reason == "Datum fehlt"


def test_secretariat_reads_the_scan_audited(
    participant, secretariat, secretariat_client
):
    scan = SimpleUploadedFile("scan.pdf", PDF_BYTES, content_type="application/pdf")
    entry = entries.add(
        participant,
        by=participant,
        values={
            **_form(),
            "started_on": datetime.date(2024, 1, 1),
            "ended_on": None,
            "double_sessions": 3,
            "confirming_leader": None,
        },
        upload=scan,
    )
    response = secretariat_client.get(reverse("record:entry-document", args=[entry.pk]))
    assert response.content == PDF_BYTES
    event = AuditEvent.objects.get(action="record.document.read")
    assert event.actor == secretariat


def test_choose_and_remove_targets(participant, participant_client):
    response = participant_client.get(reverse("record:targets"))
    assertContains(response, "Balintgruppenleiterin oder -leiter (DBG)")
    assertContains(response, "Bitte bei Ihrer Kammer prüfen.")
    response = participant_client.post(
        reverse("record:target-choose"),
        {"key": "dbg_leader", "training_started_on": "2025-01-01"},
    )
    assert response.status_code == 302
    chosen = ChosenTarget.objects.get(user=participant)
    assert chosen.training_started_on == datetime.date(2025, 1, 1)
    response = participant_client.get(reverse("record:overview"))
    assertContains(response, "Vor der Ausbildung")
    participant_client.post(reverse("record:target-remove", args=[chosen.pk]))
    assert not ChosenTarget.objects.exists()


def test_unknown_target_is_refused(participant_client):
    response = participant_client.post(reverse("record:target-choose"), {"key": "nope"})
    assert response.status_code == 422


def test_navigation_and_dashboard_link_to_the_record(participant_client):
    response = participant_client.get(reverse("accounts:dashboard"))
    assertContains(response, reverse("record:overview"))


def _overview_queries(user, group, count):
    for days in range(count):
        meeting = MeetingFactory(group=group, starts_at=days_ago(400 - 10 * days))
        AttendanceFactory(meeting=meeting, user=user, confirmed=True)
        OutsideEntryFactory(user=user)
    ChosenTargetFactory(user=user, key="psgv")
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("record:overview")).status_code == 200
    return len(queries)


def test_overview_queries_do_not_grow_with_the_record(member, group):
    # Session, person, messages; attendance rows, points (VNRs of the dates),
    # outside entries with scans, chosen targets, the chamber: the same for
    # 3 and for 30 dates and entries.
    few = _overview_queries(member, group, 3)
    other = UserFactory()
    MembershipFactory(group=group, user=other)
    assert _overview_queries(other, group, 30) == few
