import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import ChamberFactory, UserFactory
from balintkreis.cme import deadlines, export
from balintkreis.cme.models import ReportEntry
from balintkreis.cme.tasks import send_report_reminders
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db

GOOD_EFN = "802760020090329"
OTHER_EFN = "802760901234566"


@pytest.fixture
def reported_meeting(group, member):
    EventNumberFactory(group=group)
    meeting = MeetingFactory(group=group, starts_at=days_ago(2))
    member.efn = GOOD_EFN
    member.save()
    AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    second = UserFactory(first_name="Zora", last_name="Zweite", efn=OTHER_EFN)
    MembershipFactory(group=group, user=second)
    AttendanceFactory(meeting=meeting, user=second, confirmed=True)
    missing = UserFactory(first_name="Ohne", last_name="Nummer")
    MembershipFactory(group=group, user=missing)
    AttendanceFactory(meeting=meeting, user=missing, confirmed=True)
    broken = UserFactory(
        first_name="Falsche", last_name="Ziffer", efn="802760020090320"
    )
    MembershipFactory(group=group, user=broken)
    AttendanceFactory(meeting=meeting, user=broken, confirmed=True)
    absent = UserFactory(efn="802760020090329")
    MembershipFactory(group=group, user=absent)
    AttendanceFactory(meeting=meeting, user=absent, status="absent", confirmed=True)
    return meeting


def test_efn_text_and_csv_list_valid_confirmed_attendees(reported_meeting):
    rows = export.rows_for_meeting(reported_meeting)
    assert len(rows) == 4
    assert export.efn_text(rows) == f"{GOOD_EFN}\n{OTHER_EFN}\n"
    day = reported_meeting.local_date.isoformat()
    assert export.efn_csv(rows).splitlines() == [
        "efn;teilnahmedatum;name",
        f"{GOOD_EFN};{day};Moritz Mitglied",
        f"{OTHER_EFN};{day};Zora Zweite",
    ]
    problems = sorted(r.problem for r in rows if r.problem)
    assert problems == ["EFN fehlt", "EFN ungültig"]


def test_report_page_flags_problems_and_masks_efns(leader_client, reported_meeting):
    url = reverse(
        "cme:meeting-report", args=[reported_meeting.group.slug, reported_meeting.pk]
    )
    response = leader_client.get(url)
    assertContains(response, "EFN fehlt")
    assertContains(response, "EFN ungültig")
    assertContains(response, "80276•••••••329")
    assert GOOD_EFN not in response.content.decode()


def test_download_is_audited_without_efn(leader_client, reported_meeting):
    url = reverse(
        "cme:meeting-report-csv",
        args=[reported_meeting.group.slug, reported_meeting.pk],
    )
    response = leader_client.get(url)
    assert GOOD_EFN in response.content.decode()
    event = AuditEvent.objects.get(action="cme.export.downloaded")
    assert event.data == {"format": "csv", "rows": 2, "flagged": 2}
    assert GOOD_EFN not in str(AuditEvent.objects.values_list("data", flat=True))


def test_vnr_export_covers_term(leader_client, reported_meeting):
    event_number = reported_meeting.group.event_numbers.get()
    url = reverse(
        "cme:vnr-report-txt", args=[reported_meeting.group.slug, event_number.pk]
    )
    assert leader_client.get(url).content.decode() == f"{GOOD_EFN}\n{OTHER_EFN}\n"


def test_mark_reported_sets_status_per_attendee(leader_client, reported_meeting):
    url = reverse(
        "cme:meeting-report-done",
        args=[reported_meeting.group.slug, reported_meeting.pk],
    )
    response = leader_client.post(url, follow=True)
    assertContains(response, "2 Teilnehmende als gemeldet markiert.")
    assert ReportEntry.objects.filter(status="reported").count() == 2
    assertContains(response, "gemeldet")


def test_export_permissions(member_client, outsider_client, reported_meeting):
    url = reverse(
        "cme:meeting-report-txt",
        args=[reported_meeting.group.slug, reported_meeting.pk],
    )
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


def test_due_date_follows_chamber(group, member):
    chamber = ChamberFactory(
        name="Sächsische Landesärztekammer", short_name="SLÄK", report_within_days=14
    )
    event_number = EventNumberFactory(group=group, chamber=chamber)
    meeting = MeetingFactory(group=group, starts_at=days_ago(2))
    due = timezone.localtime(deadlines.due_at(meeting, event_number))
    assert due.date() == meeting.local_date + datetime.timedelta(days=14)


def test_overdue_reports_on_leader_dashboard(leader_client, reported_meeting):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=10)):
        response = leader_client.get(reverse("cme:reports-due"))
    assertContains(response, "überfällig")
    assertContains(response, reported_meeting.group.title)


def test_reports_dashboard_for_members_is_403(member_client):
    assert member_client.get(reverse("cme:reports-due")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_reminder_48_hours_before_deadline_once(reported_meeting, leader):
    due = deadlines.due_at(reported_meeting, reported_meeting.group.event_numbers.get())
    with time_machine.travel(due - datetime.timedelta(hours=60)):
        assert send_report_reminders.call() == 0
    with time_machine.travel(due - datetime.timedelta(hours=40)):
        assert send_report_reminders.call() == 1
        send_report_reminders.call()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [leader.email]
    assert "Erinnerung" in mail.outbox[0].subject


def test_after_the_correction_window_rows_go_the_paper_route(reported_meeting, leader):
    rows = export.rows_for_meeting(reported_meeting)
    export.mark_reported(rows, by=leader, method="manual")
    ReportEntry.objects.update(status="failed")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        rows = export.rows_for_meeting(reported_meeting)
        assert export.mark_reported(rows, by=leader, method="manual") == 0
    assert set(ReportEntry.objects.values_list("status", flat=True)) == {"paper"}


def test_year_csv_lists_reportable_rows_with_their_vnr(reported_meeting):
    text, written, left_out = export.year_csv(reported_meeting.local_date.year)
    vnr = export.rows_for_meeting(reported_meeting)[0].event_number.vnr
    day = reported_meeting.local_date.isoformat()
    assert text.splitlines() == [
        "vnr;efn;teilnahmedatum;name",
        f"{vnr};{GOOD_EFN};{day};Moritz Mitglied",
        f"{vnr};{OTHER_EFN};{day};Zora Zweite",
    ]
    assert (written, left_out) == (2, 2)  # missing and invalid EFN left out
    assert export.year_csv(reported_meeting.local_date.year - 1)[1:] == (0, 0)


def test_year_export_command_writes_file_and_audits_counts_only(
    reported_meeting, tmp_path
):
    from django.core.management import call_command

    target = tmp_path / "jahr.csv"
    call_command(
        "chamber_export",
        "--year",
        str(reported_meeting.local_date.year),
        "--output",
        str(target),
    )
    assert GOOD_EFN in target.read_text()
    event = AuditEvent.objects.get(action="cme.export.year")
    assert event.data["rows"] == 2
    assert GOOD_EFN not in str(event.data)
