import io

import pytest
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

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def counted(group, member):
    member.efn = "802760020090329"
    member.save()
    EventNumberFactory(group=group)
    rows = []
    for days, online in [(60, False), (46, True), (32, False)]:
        meeting = MeetingFactory(group=group, starts_at=days_ago(days), online=online)
        rows.append(AttendanceFactory(meeting=meeting, user=member, confirmed=True))
    return rows


def test_meeting_certificate_pdf_has_r12_content(counted, member):
    certificate = certificates.issue_for_meeting(
        counted[0].meeting, user=member, by=member
    )
    text = text_of(certificate_pdf.render(certificate))
    assert "Teilnahmebescheinigung" in text
    assert "Moritz Mitglied" in text
    assert "802760020090329" in text
    assert VALID_VNR in text
    assert "3 Punkte, Kategorie C" in text
    assert "18:00–19:30" in text
    assert "Institut, Raum 1" in text
    assert "Lena Leitung" in text
    flat = " ".join(text.split())
    assert "anrechenbar mit 3 Punkten (Kategorie C)" in flat
    assert "Unterschrift" in text
    assert certificate.number in text
    assert certificate.code in text
    assert certificate.number.startswith("BK-")


def test_meeting_certificate_only_for_confirmed_attendance(group, member):
    meeting = MeetingFactory(group=group)
    AttendanceFactory(meeting=meeting, user=member)  # not confirmed
    with pytest.raises(certificates.CertificateError):
        certificates.issue_for_meeting(meeting, user=member, by=member)


def test_meeting_certificate_is_issued_once(counted, member):
    first = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    again = certificates.issue_for_meeting(counted[0].meeting, user=member, by=member)
    assert first == again


def test_term_certificate_lists_every_date_and_totals(counted, member, group):
    certificate = certificates.issue_for_term(group, user=member, by=member)
    assert certificate.double_sessions == 3
    assert certificate.points == 9
    text = text_of(certificate_pdf.render(certificate))
    assert "Bescheinigung über Balintgruppenteilnahme" in text
    for row in counted:
        assert f"{row.meeting.local_date:%d.%m.%Y}" in text
    assert "online" in text
    assert "in Präsenz" in text
    assert "3 Doppelsitzungen (6 Unterrichtseinheiten), davon 1 online" in text
    assert VALID_VNR in text
    assert "Stempel" in text


def test_download_by_owner_only(member_client, outsider_client, counted, member, group):
    response = member_client.post(reverse("cme:issue-term", args=[group.slug]))
    certificate = Certificate.objects.get()
    assert response.url == reverse("cme:certificate-pdf", args=[certificate.number])
    pdf = member_client.get(response.url)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Moritz Mitglied" in text_of(pdf.content)
    assert outsider_client.get(response.url).status_code == 404


def test_issue_meeting_view_refuses_unconfirmed(member_client, member, group):
    meeting = MeetingFactory(group=group)
    response = member_client.post(
        reverse("cme:issue-meeting", args=[group.slug, meeting.pk]), follow=True
    )
    assertContains(response, "von der Gruppenleitung bestätigte Teilnahme")
    assert not Certificate.objects.exists()


def test_public_verification_shows_initials_only(client, counted, member, group):
    certificate = certificates.issue_for_term(group, user=member, by=member)
    response = client.get(reverse("cme:verify", args=[certificate.code.lower()]))
    assertContains(response, "Diese Bescheinigung ist echt.")
    assertContains(response, "M. M.")
    assert "Mitglied" not in response.content.decode()
    assert "802760020090329" not in response.content.decode()
    assert client.get(reverse("cme:verify", args=["NOPE"])).status_code == 404


def test_progress_page(member_client, counted):
    response = member_client.get(reverse("cme:my-progress"))
    assertContains(response, "3 von 15 Doppelsitzungen")
    assertContains(response, "Teilnahmebescheinigung")


@pytest.mark.parametrize("count", [3, 30])
def test_progress_page_query_count_is_constant(
    member_client, member, group, count, django_assert_num_queries, settings
):
    # The rendering's queries, without the per-person page cache's own.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    EventNumberFactory(group=group)
    for i in range(count):
        meeting = MeetingFactory(group=group, starts_at=days_ago(5 + i))
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    # session, user, attendance history, groups, upcoming, counted attendance of
    # those days (points, day cap across groups), VNRs, meeting certificates,
    # term certificates
    with django_assert_num_queries(9):
        response = member_client.get(reverse("cme:my-progress"))
    assert response.status_code == 200
