"""The one rule "counts for CME" (meetings/credit.py, R3/R12): the Python
predicate and the Q must agree on every case, for every tolerance."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import attendance, credit
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# (status, minutes missed, confirmed) -> counts with tolerance 0 / tolerance 10
CASES = [
    ("present", None, True, True, True),
    ("present", None, False, False, False),
    ("late", 5, True, False, True),
    ("late", 10, True, False, True),
    ("late", 11, True, False, False),
    ("late", 5, False, False, False),
    ("late", None, True, False, False),  # minutes not recorded: not complete
    ("excused", None, True, False, False),
    ("absent", None, True, False, False),
]


@pytest.mark.parametrize("tolerance", [0, 10])
def test_predicate_and_query_agree_on_every_case(settings, group, tolerance):
    settings.CME_TOLERANCE_MINUTES = tolerance
    meeting = MeetingFactory(group=group)
    expected = {}
    for status, missed, confirmed, at_zero, at_ten in CASES:
        row = AttendanceFactory(
            meeting=meeting,
            user=UserFactory(),
            status=status,
            minutes_missed=missed,
            confirmed_at=timezone.now() if confirmed else None,
        )
        expected[row.pk] = at_ten if tolerance else at_zero
    rows = list(Attendance.objects.filter(meeting=meeting))
    by_predicate = {row.pk: credit.counts_for_cme(row) for row in rows}
    by_model = {row.pk: row.counts for row in rows}
    counted = set(Attendance.objects.counting().values_list("pk", flat=True))
    by_query = {row.pk: row.pk in counted for row in rows}
    related = set(
        type(meeting)
        .objects.filter(credit.counts_for_cme_q("attendances__"))
        .values_list("attendances__pk", flat=True)
    )
    by_relation = {row.pk: row.pk in related for row in rows}
    assert by_predicate == expected
    assert by_model == expected
    assert by_query == expected
    assert by_relation == expected


def test_status_values_are_in_step_with_the_model():
    assert credit.PRESENT == Attendance.Status.PRESENT
    assert credit.LATE == Attendance.Status.LATE


def test_default_tolerance_is_zero():
    from django.conf import settings

    assert settings.CME_TOLERANCE_MINUTES == 0


def test_late_arrival_does_not_count_by_default(meeting, member, leader):
    row = attendance.mark(
        meeting, member=member, status="late", by=leader, minutes_missed=5
    )
    attendance.confirm(meeting, by=leader)
    row.refresh_from_db()
    assert row.minutes_missed == 5
    assert not row.counts


def test_minutes_missed_are_only_kept_for_late(meeting, member, leader):
    attendance.mark(meeting, member=member, status="late", by=leader, minutes_missed=5)
    row = attendance.mark(
        meeting, member=member, status="present", by=leader, minutes_missed=5
    )
    assert row.minutes_missed is None


def test_minutes_missed_out_of_range_are_refused(meeting, member, leader):
    with pytest.raises(attendance.AttendanceError, match="zwischen 1 und 90"):
        attendance.mark(
            meeting, member=member, status="late", by=leader, minutes_missed=0
        )
    with pytest.raises(attendance.AttendanceError):
        attendance.mark(
            meeting, member=member, status="late", by=leader, minutes_missed=91
        )


def test_correcting_minutes_of_a_confirmed_row_is_logged(meeting, member, leader):
    from balintkreis.core.models import AuditEvent

    attendance.mark(meeting, member=member, status="late", by=leader, minutes_missed=20)
    attendance.confirm(meeting, by=leader)
    attendance.mark(meeting, member=member, status="late", by=leader, minutes_missed=3)
    event = AuditEvent.objects.get(action="meetings.attendance.corrected")
    assert event.data["minutes_missed"] == [20, 3]


def sheet_url(meeting):
    return reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])


def test_sheet_says_what_late_means_at_the_moment_of_marking(
    leader_client, meeting, member
):
    response = leader_client.get(sheet_url(meeting))
    assertContains(response, "Verspätung ist unvollständige Teilnahme")
    assertContains(response, "keine Teilnahmebescheinigung")
    assertContains(response, "Minuten verpasst (nur bei verspätet)")


def test_sheet_with_tolerance_says_how_much_may_be_missed(
    settings, leader_client, meeting, member
):
    settings.CME_TOLERANCE_MINUTES = 10
    response = leader_client.get(sheet_url(meeting))
    assertContains(response, "Nur bis zu 10 verpasste Minuten zählen")


def test_sheet_requires_minutes_for_late_and_keeps_input(
    leader_client, meeting, member
):
    second = UserFactory(first_name="Zora", last_name="Zweite")
    MembershipFactory(group=meeting.group, user=second)
    response = leader_client.post(
        sheet_url(meeting), {f"p{member.pk}": "late", f"p{second.pk}": "present"}
    )
    assert response.status_code == 422
    assertContains(
        response,
        "Bitte geben Sie an, wie viele Minuten Moritz Mitglied",
        status_code=422,
    )
    assertContains(
        response, f'value="late" class="tap" id="id_p{member.pk}_1"', status_code=422
    )
    assert not Attendance.objects.exists()


def test_sheet_records_minutes_missed(leader_client, meeting, member):
    response = leader_client.post(
        reverse("meetings:attendance-confirm", args=[meeting.group.slug, meeting.pk]),
        {f"p{member.pk}": "late", f"m{member.pk}": "12"},
    )
    assert response.status_code == 302
    row = Attendance.objects.get()
    assert (row.status, row.minutes_missed) == ("late", 12)
    assert row.confirmed_at is not None
    assert not row.counts
    page = leader_client.get(sheet_url(meeting))
    assertContains(page, 'value="12"')
