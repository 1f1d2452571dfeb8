"""Item 1 of issue 12 in the documents: late arrival is not full attendance
(R3, R12). Certificates, EFN lists, the year export, points and progress all
follow meetings/credit.py, with the tolerance CME_TOLERANCE_MINUTES."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.cme import certificate_pdf, certificates, deadlines, export
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import progress
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db

GOOD_EFN = "802760020090329"
LATE_EFN = "802760901234566"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def late_person(group):
    person = UserFactory(first_name="Lara", last_name="Spät", efn=LATE_EFN)
    MembershipFactory(group=group, user=person)
    return person


@pytest.fixture
def meetings(group, member, late_person):
    """Two dates: the member is present at both; Lara is late 10 minutes at
    the first and present at the second."""
    member.efn = GOOD_EFN
    member.save()
    EventNumberFactory(group=group)
    first = MeetingFactory(group=group, starts_at=days_ago(4))
    second = MeetingFactory(group=group, starts_at=days_ago(2))
    for meeting in (first, second):
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    AttendanceFactory(
        meeting=first,
        user=late_person,
        status="late",
        minutes_missed=10,
        confirmed=True,
    )
    AttendanceFactory(meeting=second, user=late_person, confirmed=True)
    return first, second


def test_late_arrival_gets_no_meeting_certificate(meetings, late_person):
    with pytest.raises(certificates.CertificateError):
        certificates.issue_for_meeting(meetings[0], user=late_person, by=late_person)


def test_late_arrival_within_tolerance_gets_a_certificate(
    settings, meetings, late_person
):
    settings.CME_TOLERANCE_MINUTES = 10
    certificate = certificates.issue_for_meeting(
        meetings[0], user=late_person, by=late_person
    )
    assert "Lara Spät" in text_of(certificate_pdf.render(certificate))


def test_term_certificate_leaves_out_the_late_date(meetings, late_person):
    certificate = certificates.issue_for_term(
        meetings[0].group, user=late_person, by=late_person
    )
    text = text_of(certificate_pdf.render(certificate))
    assert f"{meetings[1].local_date:%d.%m.%Y}" in text
    assert f"{meetings[0].local_date:%d.%m.%Y}" not in text
    assert certificate.double_sessions == 1
    assert certificate.points == 3


def test_efn_lists_of_the_meeting_leave_out_the_late_person(meetings):
    rows = export.rows_for_meeting(meetings[0])
    assert export.efn_text(rows) == f"{GOOD_EFN}\n"
    csv_lines = export.efn_csv(rows).splitlines()
    assert csv_lines[1:] == [
        f"{GOOD_EFN};{meetings[0].local_date.isoformat()};Moritz Mitglied"
    ]
    assert LATE_EFN not in export.efn_csv(rows)
    second = export.efn_text(export.rows_for_meeting(meetings[1]))
    assert LATE_EFN in second


def test_year_export_leaves_out_the_late_date(meetings):
    text, written, _left_out = export.year_csv(meetings[0].local_date.year)
    first_day = meetings[0].local_date.isoformat()
    second_day = meetings[1].local_date.isoformat()
    assert f"{LATE_EFN};{first_day}" not in text
    assert f"{LATE_EFN};{second_day}" in text
    assert written == 3


def test_year_export_follows_the_tolerance(settings, meetings):
    settings.CME_TOLERANCE_MINUTES = 10
    text, written, _left_out = export.year_csv(meetings[0].local_date.year)
    assert f"{LATE_EFN};{meetings[0].local_date.isoformat()}" in text
    assert written == 4


def test_open_reports_do_not_count_the_late_person(meetings):
    counts = {r.meeting.pk: r.open_count for r in deadlines.open_reports()}
    assert counts == {meetings[0].pk: 1, meetings[1].pk: 2}


def test_progress_and_points_leave_out_the_late_date(
    client, meetings, late_person, group
):
    [mine] = progress.for_person(late_person)
    assert mine.double_sessions == 1
    client.force_login(late_person)
    response = client.get(reverse("cme:my-progress"))
    assertContains(response, "10 Min. verpasst")
    assertContains(response, "unvollständige Teilnahme: zählt nicht")
    sections = response.context["sections"]
    [(_progress, rows, points)] = sections
    assert points == 3
    assert [pts for _a, pts, _c in rows] == [0, 3]
