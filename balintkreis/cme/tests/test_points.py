"""Item 2 of issue 12: category C points per day across meetings (R5),
on the rule and in the documents (certificate PDF, progress page, VNR form)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from pytest_django.asserts import assertContains

from balintkreis.cme import certificate_pdf, certificates, points
from balintkreis.cme.points import DayMeeting
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


SATURDAY = timezone.localdate() - datetime.timedelta(
    days=(timezone.localdate().weekday() - 5) % 7 or 7
)


# -- the rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("double_sessions", "expected"), [(1, 3), (2, 5), (3, 8), (4, 10)]
)
def test_suggestion_for_one_date(double_sessions, expected):
    assert points.suggest(double_sessions=double_sessions) == expected


def test_block_saturday_without_vnr_gives_eight():
    assert points.points_for_day([DayMeeting(key=1, double_sessions=3)]) == {1: 8}


def test_three_separate_double_sessions_on_one_day_give_eight():
    day = [DayMeeting(key=k, double_sessions=1) for k in (1, 2, 3)]
    assert points.points_for_day(day) == {1: 3, 2: 3, 3: 2}


def test_the_bescheid_wins_once_per_date_and_vnr():
    day = [
        DayMeeting(key=1, double_sessions=1, vnr="A", awarded=4),
        DayMeeting(key=2, double_sessions=1, vnr="A", awarded=4),
    ]
    assert points.points_for_day(day) == {1: 4, 2: 0}


def test_a_vnr_meeting_uses_up_the_days_extra_points():
    day = [
        DayMeeting(key=1, double_sessions=3, vnr="A", awarded=8),
        DayMeeting(key=2, double_sessions=1),
    ]
    assert points.points_for_day(day) == {1: 8, 2: 2}


# -- the documents -------------------------------------------------------------


@pytest.fixture
def physician(member):
    member.efn = "802760020090329"
    member.save()
    return member


def test_block_saturday_without_vnr_prints_eight_points(group, physician):
    meeting = MeetingFactory(
        group=group,
        starts_at=at(SATURDAY, 9),
        duration_minutes=300,
        double_sessions=3,
    )
    AttendanceFactory(meeting=meeting, user=physician, confirmed=True)
    certificate = certificates.issue_for_meeting(meeting, user=physician, by=physician)
    assert certificate.points == 8
    assert "8 Punkte, Kategorie C" in text_of(certificate_pdf.render(certificate))


@pytest.fixture
def three_meetings(group, physician):
    """Three separate 90-minute meetings on one day: one in another group."""
    other = BalintGroupFactory(leader=group.leader)
    MembershipFactory(group=other, user=physician)
    meetings = [
        MeetingFactory(group=group, starts_at=at(SATURDAY, 9)),
        MeetingFactory(group=group, starts_at=at(SATURDAY, 11)),
        MeetingFactory(group=other, starts_at=at(SATURDAY, 14)),
    ]
    for meeting in meetings:
        AttendanceFactory(meeting=meeting, user=physician, confirmed=True)
    return meetings


def test_three_meetings_on_one_day_in_the_documents(
    three_meetings, physician, member_client, group
):
    by_meeting = points.points_by_meeting(physician, three_meetings)
    assert list(by_meeting.values()) == [3, 3, 2]
    third = certificates.issue_for_meeting(
        three_meetings[2], user=physician, by=physician
    )
    assert "2 Punkte, Kategorie C" in text_of(certificate_pdf.render(third))
    term = certificates.issue_for_term(group, user=physician, by=physician)
    assert term.points == 6
    term_text = text_of(certificate_pdf.render(term))
    assert "Fortbildungspunkte 6" in term_text
    # One row per date: ... in Präsenz <place> <double sessions> <VNR> <points>
    rows = [line for line in term_text.splitlines() if "in Präsenz" in line]
    assert [line.endswith(" 1 – 3") for line in rows] == [True, True]
    response = member_client.get(reverse("cme:my-progress"))
    totals = [total for _p, _rows, total in response.context["sections"]]
    assert sorted(totals) == [2, 6]
    assert sum(totals) == 8


def test_vnr_points_win_in_the_certificate(group, physician):
    EventNumberFactory(group=group, points=5)
    meeting = MeetingFactory(group=group, starts_at=at(SATURDAY, 9))
    AttendanceFactory(meeting=meeting, user=physician, confirmed=True)
    certificate = certificates.issue_for_meeting(meeting, user=physician, by=physician)
    assert "5 Punkte, Kategorie C" in text_of(certificate_pdf.render(certificate))


def test_vnr_form_prefills_the_suggestion(leader_client, group):
    group.sessions_per_date = 3
    group.save()
    response = leader_client.get(reverse("cme:event-numbers", args=[group.slug]))
    assertContains(response, 'name="points" value="8"')
    assertContains(response, "Vorschlag für Kategorie C: 8 pro Termin")


def test_vnr_form_keeps_the_points_of_an_existing_bescheid(leader_client, group):
    number = EventNumberFactory(group=group, points=6)
    response = leader_client.get(
        reverse("cme:event-number-edit", args=[group.slug, number.pk])
    )
    assertContains(response, 'name="points" value="6"')
