"""The logbook, the record export and the combined certificate as PDFs."""

import datetime
import io
import json

from django.urls import reverse
from pypdf import PdfReader

from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.cme.models import Certificate
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.record.models import OutsideEntry
from balintkreis.record.tests.factories import (
    ChosenTargetFactory,
    OutsideEntryFactory,
)


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _attend(user, group, days, *, leader=None, online=False):
    meeting = MeetingFactory(
        group=group, starts_at=days_ago(days), leader=leader, online=online
    )
    return AttendanceFactory(meeting=meeting, user=user, confirmed=True)


def test_logbook_pdf_lists_phases_seminars_and_confirmations(
    member, member_client, group
):
    ChosenTargetFactory(
        user=member,
        key="dbg_leader",
        training_started_on=datetime.date.today() - datetime.timedelta(days=50),
    )
    _attend(member, group, 100)
    _attend(member, group, 10)
    OutsideEntryFactory(
        user=member,
        kind=OutsideEntry.Kind.LEADER_SEMINAR,
        title="Leiterseminar Tübingen",
        double_sessions=6,
        started_on=datetime.date(2025, 3, 1),
        ended_on=None,
        confirmed=True,
    )
    response = member_client.get(reverse("record:logbook-pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Logbuch der Balint-Leiterausbildung (DBG)" in text
    assert "Moritz Mitglied" in text
    assert "Balintgruppe Jena Mitte" in text
    assert "Leiterseminar Tübingen" in text
    assert "1 von 35 Doppelsitzungen vor, 1 von 70 während der Ausbildung" in text
    assert "Anwesenheitsliste der Gruppenleitung" in text
    assert "Unterschrift der Person in Ausbildung" in text


def test_logbook_page_shows_the_sections(member_client):
    response = member_client.get(reverse("record:logbook"))
    assert response.status_code == 200
    assert "Leiterseminare" in response.text


def test_record_pdf_and_json_cover_platform_and_outside(member, member_client, group):
    _attend(member, group, 30)
    OutsideEntryFactory(user=member, title="Balintgruppe Gera")
    ChosenTargetFactory(user=member, key="psgv")
    text = _text(member_client.get(reverse("record:export-pdf")).content)
    assert "Balint-Konto von Moritz Mitglied" in text
    assert "Balintgruppe Jena Mitte" in text
    assert "Balintgruppe Gera" in text
    assert "Psychosomatische Grundversorgung (Kammer)" in text
    data = json.loads(member_client.get(reverse("record:export-json")).content)
    assert data["platform_sessions"][0]["group"] == "Balintgruppe Jena Mitte"
    assert data["outside_entries"][0]["title"] == "Balintgruppe Gera"
    assert data["chosen_targets"][0]["target"] == (
        "Psychosomatische Grundversorgung (Kammer)"
    )


def test_combined_certificate_has_one_certificate_per_series(
    member, member_client, group
):
    first_leader = group.leader
    second_leader = LeaderFactory(first_name="Nora", last_name="Neu")
    _attend(member, group, 300, leader=first_leader)
    _attend(member, group, 280, leader=first_leader)
    _attend(member, group, 100, leader=second_leader)
    other = BalintGroupFactory(title="Balintgruppe Weimar")
    _attend(member, other, 50, online=True)
    response = member_client.post(reverse("record:combined-certificate"))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Bescheinigung über Balintgruppenteilnahme – Übersicht" in text
    assert "Gesamt: 4 Doppelsitzungen" in text
    assert "Balintgruppe Weimar" in text
    certificates = Certificate.objects.filter(user=member, kind=Certificate.Kind.TERM)
    assert certificates.count() == 3
    # The same request again gives the same certificates.
    member_client.post(reverse("record:combined-certificate"))
    assert Certificate.objects.filter(user=member).count() == 3
    for certificate in certificates:
        assert certificate.number in text
    # Each series' certificate names the leader of that series (R6).
    leaders = {
        c.period_from: c.data["leader"]["name"]
        for c in certificates.filter(group=group)
    }
    assert sorted(leaders.values()) == sorted(
        [first_leader.display_name, second_leader.display_name]
    )


def test_combined_certificate_without_attendance_explains(participant_client):
    response = participant_client.post(
        reverse("record:combined-certificate"), follow=True
    )
    assert "noch keine bestätigte Teilnahme" in response.text
