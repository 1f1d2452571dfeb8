"""Issue 12 items 3 and 4: what a certificate says, one certificate per fact,
corrections that revoke, and the visible revocation (PDF and verification)."""

import datetime
import io
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader
from pytest_django.asserts import assertContains

from balintkreis.cme import certificate_pdf, certificates
from balintkreis.cme.models import Certificate
from balintkreis.cme.tests.factories import VALID_VNR, EventNumberFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def counted(group, member):
    profile = group.leader.leader_profile
    profile.chamber_recognition = "Landesärztekammer Thüringen, anerkannt bis 2029"
    profile.dbg_number = "DBG-0815"
    profile.dbg_recognised_on = datetime.date(2019, 3, 1)
    profile.save()
    EventNumberFactory(group=group, chamber__name="Landesärztekammer Thüringen")
    rows = []
    for days, online, place in [
        (60, False, "Institut, Raum 1"),
        (46, True, ""),
        (32, False, "Praxis am Markt"),
    ]:
        meeting = MeetingFactory(
            group=group, starts_at=days_ago(days), online=online, place=place
        )
        rows.append(AttendanceFactory(meeting=meeting, user=member, confirmed=True))
    return rows


# --- item 3: content ---------------------------------------------------------


@pytest.mark.django_db
def test_term_certificate_says_what_r12_asks(counted, member, group, settings):
    settings.CME_ORGANISER = "Demo-Institut Balint (fiktiv)"
    certificate = certificates.issue_for_term(group, user=member, by=member)
    text = text_of(certificate_pdf.render(certificate))
    assert "Kategorie C" in text
    assert "Institut, Raum 1" in text
    assert "Praxis am Markt" in text
    assert "in Präsenz" in text
    assert "online" in text
    # the chamber's mandatory sentence with the points of this VNR
    assert (
        "Die Veranstaltung ist von der Landesärztekammer Thüringen anerkannt "
        "und anrechenbar mit 9 Punkten (Kategorie C)." in text
    )
    assert "Landesärztekammer Thüringen, anerkannt bis 2029" in text
    assert "Deutschen Balint-Gesellschaft seit 01.03.2019" in text
    assert "DBG-0815" in text
    assert "Veranstalter Demo-Institut Balint (fiktiv)" in text
    assert "18:00–19:30" in text


@pytest.mark.django_db
def test_meeting_certificate_says_mode_and_recognition(counted, member):
    certificate = certificates.issue_for_meeting(
        counted[1].meeting, user=member, by=member
    )
    text = text_of(certificate_pdf.render(certificate))
    assert "Form online" in text
    assert "Ort online" in text
    assert "Deutschen Balint-Gesellschaft seit 01.03.2019" in text
    assert "anrechenbar mit 3 Punkten (Kategorie C)" in text


# --- item 4: one certificate per fact ----------------------------------------


@pytest.mark.django_db
def test_term_certificate_is_the_same_on_every_click(
    member_client, counted, member, group
):
    first = member_client.post(reverse("cme:issue-term", args=[group.slug]))
    second = member_client.post(reverse("cme:issue-term", args=[group.slug]))
    assert first.url == second.url
    assert Certificate.objects.filter(kind="term").count() == 1
    assert member_client.get(first.url).status_code == 200


@pytest.mark.django_db
def test_double_issue_gives_one_meeting_certificate(counted, member):
    meeting = counted[0].meeting
    a = certificates.issue_for_meeting(meeting, user=member, by=member)
    b = certificates.issue_for_meeting(meeting, user=member, by=member)
    assert a.pk == b.pk
    assert Certificate.objects.filter(meeting=meeting).count() == 1


@pytest.mark.django_db
def test_issuing_a_meeting_certificate_looks_for_a_valid_one_once(counted, member):
    """Looked up once under the person's lock (issue 17: no second look)."""
    meeting = counted[0].meeting
    with CaptureQueriesContext(connection) as queries:
        certificates.issue_for_meeting(meeting, user=member, by=member)
    lookups = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and '"cme_certificate"' in q["sql"]
    ]
    assert len(lookups) == 1
    assert Certificate.objects.filter(meeting=meeting).count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_valid_certificate_for_one_fact(counted, member):
    term = certificates.issue_for_term(counted[0].meeting.group, user=member, by=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            number="dup-1",
            code="DUP1",
            kind="term",
            user=member,
            group=term.group,
            period_from=term.period_from,
            period_until=term.period_until,
            double_sessions=1,
            points=1,
        )
    meeting_cert = certificates.issue_for_meeting(
        counted[0].meeting, user=member, by=member
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            number="dup-2",
            code="DUP2",
            kind="meeting",
            user=member,
            group=term.group,
            meeting=meeting_cert.meeting,
            period_from=term.period_from,
            period_until=term.period_from,
            double_sessions=1,
            points=1,
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_issue_one_certificate(counted, member, group):
    """Threads on PostgreSQL (row lock + unique constraint); SQLite skips."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    meeting = counted[0].meeting
    barrier = threading.Barrier(4)
    results, errors = [], []

    def click(kind: str) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            if kind == "meeting":
                results.append(
                    certificates.issue_for_meeting(meeting, user=member, by=member).pk
                )
            else:
                results.append(
                    certificates.issue_for_term(group, user=member, by=member).pk
                )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=click, args=(k,)) for k in ["meeting"] * 2]
    threads += [threading.Thread(target=click, args=(k,)) for k in ["term"] * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Certificate.objects.filter(kind="meeting").count() == 1
    assert Certificate.objects.filter(kind="term").count() == 1
    assert len(set(results)) == 2


@pytest.mark.django_db
def test_correction_revokes_with_reason_and_replaces(
    counted, member, group, leader_client, client
):
    old = certificates.issue_for_term(group, user=member, by=member)
    response = leader_client.post(
        reverse("cme:certificate-correct", args=[group.slug, old.pk]),
        {"reason": "Datum 02.10. nachgetragen"},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert old.revoked_reason == "Datum 02.10. nachgetragen"
    new = old.replaced_by
    assert new is not None
    assert new.is_valid
    assert new.pk != old.pk
    old_text = text_of(certificate_pdf.render(old))
    assert "WIDERRUFEN" in old_text
    assert "Grund: Datum 02.10. nachgetragen" in old_text
    assert f"Ersetzt durch Bescheinigung Nr. {new.number}" in old_text
    new_text = text_of(certificate_pdf.render(new))
    assert "WIDERRUFEN" not in new_text
    assert f"ersetzt die Bescheinigung Nr. {old.number}" in new_text
    # the same fact now gives the corrected certificate
    assert certificates.issue_for_term(group, user=member, by=member) == new
    page = client.get(reverse("cme:verify", args=[old.code]))
    assertContains(page, "Diese Bescheinigung wurde widerrufen.")
    assertContains(page, "Datum 02.10. nachgetragen")
    assertContains(page, new.number)
    assertContains(
        client.get(reverse("cme:verify", args=[new.code])),
        "Diese Bescheinigung ist echt.",
    )


@pytest.mark.django_db
def test_correction_needs_a_reason_and_keeps_the_certificate(
    counted, member, group, leader_client
):
    old = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    response = leader_client.post(
        reverse("cme:certificate-correct", args=[group.slug, old.pk]), {"reason": ""}
    )
    assert response.status_code == 422
    assertContains(response, "Bitte geben Sie einen Grund an.", status_code=422)
    old.refresh_from_db()
    assert old.is_valid


@pytest.mark.django_db
def test_only_leaders_and_secretariat_correct(
    counted, member, group, member_client, outsider_client, secretariat_client
):
    cert = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    url = reverse("cme:certificate-revoke", args=[group.slug, cert.pk])
    assert member_client.post(url, {"reason": "x"}).status_code == 403
    assert outsider_client.post(url, {"reason": "x"}).status_code == 404
    cert.refresh_from_db()
    assert cert.is_valid
    assert secretariat_client.post(url, {"reason": "Doppelt"}).status_code == 302
    cert.refresh_from_db()
    assert not cert.is_valid
    assert cert.replaced_by is None
    # a new click after a plain revocation issues a new certificate
    again = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    assert again.pk != cert.pk
    assert again.is_valid


@pytest.mark.django_db
def test_member_page_lists_all_certificates(counted, member, group, member_client):
    single = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    term = certificates.issue_for_term(group, user=member, by=member)
    revoked = certificates.issue_for_meeting(counted[1].meeting, user=member, by=member)
    certificates.revoke(revoked, by=group.leader, reason="Anwesenheit korrigiert")
    page = member_client.get(reverse("cme:my-progress"))
    for c in (single, term, revoked):
        assertContains(page, c.number)
    assertContains(page, "widerrufen")
    assert (
        member_client.get(
            reverse("cme:certificate-pdf", args=[single.number])
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_group_certificates_page_for_leader(counted, member, group, leader_client):
    cert = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    page = leader_client.get(reverse("cme:group-certificates", args=[group.slug]))
    assertContains(page, cert.number)
    assertContains(page, "Korrigieren")
    pdf = leader_client.get(reverse("cme:certificate-pdf", args=[cert.number]))
    assert pdf.status_code == 200
    assert VALID_VNR in text_of(pdf.content)
