"""Item 5 of issue 12: chamber reports that can be finished (R4). A leader
resolves lines without a usable EFN; "überfällig" counts only lines somebody
can act on; a late EFN makes the line reportable within the window."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.cme import deadlines, export, resolutions
from balintkreis.cme.models import ReportEntry
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db

GOOD_EFN = "802760020090329"
LATE_EFN = "802760901234566"


@pytest.fixture
def old_meeting(group, member):
    """Twelve days ago: reported by hand for the member, two without EFN."""
    EventNumberFactory(group=group)
    meeting = MeetingFactory(group=group, starts_at=days_ago(12))
    member.efn = GOOD_EFN
    member.save()
    AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    for first, last in (("Ohne", "Nummer"), ("Paula", "Papier")):
        person = UserFactory(first_name=first, last_name=last)
        MembershipFactory(group=group, user=person)
        AttendanceFactory(meeting=meeting, user=person, confirmed=True)
    return meeting


def line_of(meeting, last_name):
    return meeting.attendances.get(user__last_name=last_name)


def report_url(meeting):
    return reverse("cme:meeting-report", args=[meeting.group.slug, meeting.pk])


def test_unresolved_lines_without_efn_stay_overdue(old_meeting, leader):
    export.mark_reported(
        export.rows_for_meeting(old_meeting), by=leader, method="manual"
    )
    [report] = deadlines.open_reports()
    assert report.open_count == 2
    assert report.is_overdue(timezone.now())


def test_resolving_every_line_finishes_the_report(old_meeting, leader):
    export.mark_reported(
        export.rows_for_meeting(old_meeting), by=leader, method="manual"
    )
    resolutions.resolve(line_of(old_meeting, "Nummer"), resolution="no_efn", by=leader)
    resolutions.resolve(
        line_of(old_meeting, "Papier"), resolution="paper_handed_out", by=leader
    )
    assert deadlines.open_reports() == []
    statuses = dict(
        ReportEntry.objects.values_list("attendance__user__last_name", "status")
    )
    assert statuses["Nummer"] == "no_efn"
    assert statuses["Papier"] == "paper_handed_out"
    assert AuditEvent.objects.filter(action="cme.report.resolved").count() == 2


def test_no_efn_asks_the_participant_by_email_once(old_meeting, leader):
    line = line_of(old_meeting, "Nummer")
    resolutions.resolve(line, resolution="no_efn", by=leader)
    resolutions.resolve(line, resolution="no_efn", by=leader)
    [email] = OutboxEmail.objects.all()
    assert email.to == line.user.email
    assert "EFN" in email.subject
    assert "/konto/profil/" in email.body_text or "profil" in email.body_text


def test_paper_sends_no_email(old_meeting, leader):
    resolutions.resolve(
        line_of(old_meeting, "Papier"), resolution="paper_handed_out", by=leader
    )
    assert not OutboxEmail.objects.exists()


def test_efn_added_within_the_window_makes_the_line_reportable(old_meeting, leader):
    line = line_of(old_meeting, "Nummer")
    resolutions.resolve(line, resolution="no_efn", by=leader)
    line.user.efn = LATE_EFN
    line.user.save()
    rows = export.rows_for_meeting(old_meeting)
    assert LATE_EFN in export.efn_text(rows)
    assert f"{LATE_EFN};{old_meeting.local_date.isoformat()};Ohne Nummer" in (
        export.efn_csv(rows)
    )
    [report] = deadlines.open_reports()
    # the member, the reopened line and the unresolved "Papier" line
    assert report.open_count == 3
    export.mark_reported(rows, by=leader, method="manual")
    assert ReportEntry.objects.get(attendance=line).status == "reported"


def test_efn_added_after_the_window_stays_resolved(old_meeting, leader):
    line = line_of(old_meeting, "Nummer")
    resolutions.resolve(line, resolution="no_efn", by=leader)
    line.user.efn = LATE_EFN
    line.user.save()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        rows = export.rows_for_meeting(old_meeting)
        assert LATE_EFN not in export.efn_text(rows)
        assert LATE_EFN not in export.efn_csv(rows)


def test_paper_line_stays_closed_when_an_efn_arrives(old_meeting, leader):
    line = line_of(old_meeting, "Papier")
    resolutions.resolve(line, resolution="paper_handed_out", by=leader)
    line.user.efn = LATE_EFN
    line.user.save()
    assert LATE_EFN not in export.efn_text(export.rows_for_meeting(old_meeting))


def test_a_line_with_a_valid_efn_cannot_be_resolved(old_meeting, leader, member):
    with pytest.raises(resolutions.ResolutionError, match="gültige EFN"):
        resolutions.resolve(
            old_meeting.attendances.get(user=member), resolution="no_efn", by=leader
        )


def test_leader_clicks_from_dashboard_to_resolved(leader_client, old_meeting):
    dashboard = leader_client.get(reverse("cme:reports-due"))
    assertContains(dashboard, "1 Meldung ist überfällig.")
    assertContains(dashboard, report_url(old_meeting))
    page = leader_client.get(report_url(old_meeting))
    line = line_of(old_meeting, "Nummer")
    action = reverse(
        "cme:meeting-report-resolve",
        args=[old_meeting.group.slug, old_meeting.pk, line.pk],
    )
    assertContains(page, f'action="{action}"')
    assertContains(page, "keine EFN – nicht meldbar")
    assertContains(page, "Bescheinigung auf Papier ausgehändigt")
    response = leader_client.post(action, {"resolution": "no_efn"}, follow=True)
    assertContains(response, "Ohne Nummer: keine EFN – nicht meldbar.")
    assertContains(response, "Geklärte Zeilen")


def test_resolve_view_refuses_an_unknown_choice(leader_client, old_meeting):
    line = line_of(old_meeting, "Nummer")
    action = reverse(
        "cme:meeting-report-resolve",
        args=[old_meeting.group.slug, old_meeting.pk, line.pk],
    )
    response = leader_client.post(action, {"resolution": "reported"}, follow=True)
    assertContains(response, "Bitte wählen Sie")
    assert not ReportEntry.objects.exists()


def test_resolve_view_404_for_another_meetings_line(leader_client, old_meeting, group):
    other = MeetingFactory(group=group, starts_at=days_ago(20))
    line = line_of(old_meeting, "Nummer")
    action = reverse("cme:meeting-report-resolve", args=[group.slug, other.pk, line.pk])
    assert leader_client.post(action, {"resolution": "no_efn"}).status_code == 404


def test_overdue_dashboard_after_resolution(leader_client, old_meeting, leader):
    export.mark_reported(
        export.rows_for_meeting(old_meeting), by=leader, method="manual"
    )
    for name in ("Nummer", "Papier"):
        resolutions.resolve(
            line_of(old_meeting, name), resolution="paper_handed_out", by=leader
        )
    response = leader_client.get(reverse("cme:reports-due"))
    assertNotContains(response, "überfällig")
