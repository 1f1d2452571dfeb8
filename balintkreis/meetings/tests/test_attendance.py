import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import attendance
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_mark_creates_unconfirmed_row(meeting, member, leader):
    row = attendance.mark(meeting, member=member, status="present", by=leader)
    assert row.status == "present"
    assert row.mode == "in_person"
    assert row.confirmed_at is None
    assert not row.counts


def test_mark_by_system_proposal_is_allowed(meeting, member):
    row = attendance.mark(
        meeting, member=member, status="present", by=None, mode="online"
    )
    assert row.mode == "online"


def test_mark_refuses_non_member(meeting, leader, outsider):
    with pytest.raises(attendance.AttendanceError):
        attendance.mark(meeting, member=outsider, status="present", by=leader)


def test_mark_refuses_other_leader(meeting, member, mentor):
    with pytest.raises(attendance.AttendanceError):
        attendance.mark(meeting, member=member, status="present", by=mentor)


def test_future_meeting_allows_only_excused(group, member, leader):
    meeting = MeetingFactory(group=group, future=True)
    attendance.mark(meeting, member=member, status="excused", by=leader)
    with pytest.raises(attendance.AttendanceError):
        attendance.mark(meeting, member=member, status="present", by=leader)


def test_confirm_requires_every_member(meeting, member, leader):
    with pytest.raises(attendance.AttendanceError, match="noch offen: 1"):
        attendance.confirm(meeting, by=leader)
    attendance.mark(meeting, member=member, status="present", by=leader)
    assert attendance.confirm(meeting, by=leader) == 1
    row = Attendance.objects.get()
    assert row.counts
    assert row.confirmed_by == leader
    meeting.refresh_from_db()
    assert meeting.attendance_confirmed_at is not None


def test_correction_of_confirmed_row_is_logged(meeting, member, leader):
    attendance.mark(meeting, member=member, status="present", by=leader)
    attendance.confirm(meeting, by=leader)
    row = attendance.mark(meeting, member=member, status="absent", by=leader)
    assert row.status == "absent"
    assert row.confirmed_at is not None
    event = AuditEvent.objects.get(action="meetings.attendance.corrected")
    assert event.data == {
        "from": ["present", "in_person"],
        "to": ["absent", "in_person"],
    }


def test_system_cannot_change_confirmed_row(meeting, member, leader):
    attendance.mark(meeting, member=member, status="present", by=leader)
    attendance.confirm(meeting, by=leader)
    with pytest.raises(attendance.AttendanceError):
        attendance.mark(meeting, member=member, status="absent", by=None)


def test_sheet_page_lists_members_with_big_buttons(leader_client, meeting, member):
    response = leader_client.get(
        reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    )
    assertContains(response, "Moritz Mitglied")
    assertContains(response, "Anwesend")
    assertContains(response, "Verspätet")
    assertContains(response, "Entschuldigt")
    assertContains(response, "Speichern und bestätigen")


def test_sheet_confirm_happy_path(leader_client, meeting, member):
    url = reverse("meetings:attendance-confirm", args=[meeting.group.slug, meeting.pk])
    response = leader_client.post(url, {f"p{member.pk}": "present"}, follow=True)
    assertContains(response, "Anwesenheit bestätigt (1 Eintrag)")
    assert Attendance.objects.get().counts


def test_sheet_confirm_incomplete_is_422_and_nothing_confirmed(
    leader_client, meeting, member
):
    other = UserFactory(first_name="Olga")
    MembershipFactory(group=meeting.group, user=other)
    url = reverse("meetings:attendance-confirm", args=[meeting.group.slug, meeting.pk])
    response = leader_client.post(url, {f"p{member.pk}": "present"})
    assert response.status_code == 422
    assertContains(
        response, "Bitte erfassen Sie zuerst alle Teilnehmenden", status_code=422
    )
    assert not Attendance.objects.filter(confirmed_at__isnull=False).exists()
    assert not Attendance.objects.exists()


def test_sheet_invalid_status_is_422(leader_client, meeting, member):
    url = reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    response = leader_client.post(url, {f"p{member.pk}": "maybe"})
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_sheet_save_without_confirming(leader_client, meeting, member):
    url = reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    response = leader_client.post(url, {f"p{member.pk}": "excused"}, follow=True)
    assertContains(response, "Anwesenheit gespeichert")
    assert Attendance.objects.get().status == "excused"


def test_sheet_outsider_gets_404(outsider_client, meeting):
    url = reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    assert outsider_client.get(url).status_code == 404


def test_sheet_member_gets_403(member_client, meeting):
    url = reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    assert member_client.get(url).status_code == 403


def test_attendance_pdf_has_sticker_and_signature_columns(
    leader_client, meeting, member
):
    import io

    from pypdf import PdfReader

    url = reverse("meetings:attendance-pdf", args=[meeting.group.slug, meeting.pk])
    response = leader_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Anwesenheitsliste" in text
    assert "Moritz Mitglied" in text
    assert "EFN (Aufkleber)" in text
    assert "Unterschrift" in text


@pytest.mark.parametrize("count", [3, 30])
def test_sheet_query_count_is_constant(
    leader_client, meeting, count, django_assert_num_queries, settings
):
    # The rendering's queries, without the per-person page cache's own.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    for _i in range(count - 1):
        MembershipFactory(group=meeting.group)
    url = reverse("meetings:attendance", args=[meeting.group.slug, meeting.pk])
    # session, user, group, meeting, members, attendance statuses
    with django_assert_num_queries(6):
        response = leader_client.get(url)
    assert response.status_code == 200
