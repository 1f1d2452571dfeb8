"""The leader's home (site/homes/leader.py) and its section of the dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.feedback import presenter
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.online.models import TechCheck
from balintkreis.record.tests.factories import OutsideEntryFactory
from balintkreis.site.homes.leader import leader_home

DASHBOARD = "accounts:dashboard"


def _in(days: int, hour: int = 18) -> datetime.datetime:
    return days_ago(-days, hour)


@pytest.mark.django_db
def test_nobody_without_a_group_gets_a_leader_home(participant, mentor):
    assert leader_home(participant) is None
    assert leader_home(mentor) is None


@pytest.mark.django_db
def test_next_meeting_comes_first_with_one_tap_to_each_page(
    leader_client, leader, group
):
    later = MeetingFactory(group=group, starts_at=_in(14))
    nearer = MeetingFactory(group=group, starts_at=_in(7), format="online", place="")
    MeetingFactory(group=group, starts_at=_in(3), is_cancelled=True)
    MeetingFactory(group=group, starts_at=days_ago(2))

    home = leader_home(leader)
    assert home.next_meeting == nearer
    assert not home.meets_today

    html = leader_client.get(reverse(DASHBOARD)).text
    attendance = reverse("meetings:attendance", args=[group.slug, nearer.pk])
    assert html.index("Nächste Sitzung") < html.index("Meine Übersicht") + 2000
    assert f'href="{attendance}">Anwesenheit erfassen' in html
    assert reverse("online:room", args=[nearer.pk]) in html
    assert reverse("meetings:case-add", args=[group.slug, nearer.pk]) in html
    assert reverse("meetings:attendance", args=[group.slug, later.pk]) not in html


@pytest.mark.django_db
def test_todays_meeting_stays_first_until_attendance_is_confirmed(leader, group):
    earlier_today = timezone.now() - datetime.timedelta(hours=3)
    today = MeetingFactory(group=group, starts_at=earlier_today, duration_minutes=90)
    MeetingFactory(group=group, starts_at=_in(7))
    home = leader_home(leader)
    assert home.next_meeting == today
    assert home.meets_today

    today.attendance_confirmed_at = timezone.now()
    today.save()
    assert leader_home(leader).next_meeting != today


@pytest.mark.django_db
def test_held_meetings_without_confirmed_attendance(
    leader_client, leader, group, member
):
    from balintkreis.meetings import attendance

    forgotten = MeetingFactory(group=group, starts_at=days_ago(5))
    done = MeetingFactory(group=group, starts_at=days_ago(12))
    attendance.mark(done, member=member, status="present", by=leader)
    attendance.confirm(done, by=leader)
    MeetingFactory(group=group, starts_at=days_ago(90))  # too long ago
    MeetingFactory(group=group, starts_at=days_ago(3), is_cancelled=True)

    assert leader_home(leader).unconfirmed == [forgotten]
    html = leader_client.get(reverse(DASHBOARD)).text
    assert "Noch zu bestätigende Anwesenheit" in html
    assert reverse("meetings:attendance", args=[group.slug, forgotten.pk]) in html


@pytest.mark.django_db
def test_in_person_meeting_has_no_room_link(leader_client, group):
    meeting = MeetingFactory(group=group, starts_at=_in(2))
    html = leader_client.get(reverse(DASHBOARD)).text
    assert reverse("online:room", args=[meeting.pk]) not in html
    assert "Online-Raum öffnen" not in html


@pytest.mark.django_db
def test_pending_applications_of_own_groups_only(leader_client, leader, group):
    mine = ApplicationFactory(group=group, user=UserFactory(last_name="Wartend"))
    ApplicationFactory(group=group, waiting=True)  # on the waiting list: no decision
    ApplicationFactory(user=UserFactory(last_name="Fremd"))  # another group

    assert leader_home(leader).pending_applications == [mine]
    html = leader_client.get(reverse(DASHBOARD)).text
    assert "1 Anmeldung wartet auf Ihre Entscheidung" in html
    assert "Wartend" in html
    assert "Fremd" not in html
    assert reverse("groups:application-list", args=[group.slug]) in html


@pytest.mark.django_db
def test_open_chamber_reports_only_actionable_and_own(leader, group, member):
    member.efn = "802760020090329"
    member.save()
    held = MeetingFactory(group=group, starts_at=days_ago(20))
    AttendanceFactory(meeting=held, user=member, confirmed=True)
    unconfirmed = MeetingFactory(group=group, starts_at=days_ago(10))
    AttendanceFactory(meeting=unconfirmed, user=member)  # not confirmed: not open
    other = MeetingFactory(starts_at=days_ago(20))
    AttendanceFactory(meeting=other, confirmed=True)

    home = leader_home(leader)
    assert [r.meeting for r in home.open_reports] == [held]
    assert home.overdue_reports == 1
    [row] = home.reports_by_group
    assert (row.group, row.first.meeting, row.overdue) == (group, held, 1)


@pytest.mark.django_db
def test_new_presenter_feedback_until_the_leader_reads_it(
    leader_client, leader, group, member
):
    meeting = MeetingFactory(group=group, starts_at=days_ago(2))
    feedback = presenter.request_feedback(meeting, presenter=member, by=leader)
    assert leader_home(leader).new_feedback == []  # requested, not sent yet
    presenter.submit(
        feedback,
        held_by_group=4,
        held_by_leadership=4,
        what_helped="Geheimer Text",
        what_was_hard="",
    )
    [news] = leader_home(leader).new_feedback
    assert (news.meeting, news.count) == (meeting, 1)
    html = leader_client.get(reverse(DASHBOARD)).text
    assert reverse("feedback:meeting", args=[meeting.pk]) in html
    assert "Geheimer Text" not in html  # the text only on the feedback page

    presenter.read_for_leader(meeting, reader=leader)
    assert leader_home(leader).new_feedback == []


@pytest.mark.django_db
def test_absence_warnings_for_current_members(leader, group, member, settings):
    settings.MEETINGS_ABSENCE_WARNING_AT = 2
    former = UserFactory()
    MembershipFactory(
        group=group,
        user=former,
        started_on=timezone.localdate() - datetime.timedelta(days=60),
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    for days in (5, 12):
        meeting = MeetingFactory(group=group, starts_at=days_ago(days))
        for person in (member, former):
            AttendanceFactory(
                meeting=meeting, user=person, status="absent", confirmed=True
            )
    [warning] = leader_home(leader).absences
    assert (warning.person, warning.group, warning.missed) == (member, group, 2)


@pytest.mark.django_db
def test_members_without_tech_check_before_an_online_meeting(
    leader_client, leader, group, member
):
    ready = UserFactory(last_name="Bereit")
    poor = UserFactory(last_name="Wackelig")
    for person in (ready, poor):
        MembershipFactory(group=group, user=person)
    TechCheck.objects.create(user=ready, verdict="good", checked_at=timezone.now())
    TechCheck.objects.create(user=poor, verdict="poor", checked_at=timezone.now())
    meeting = MeetingFactory(group=group, starts_at=_in(5), format="online", place="")

    [gap] = leader_home(leader).tech_check_gaps
    assert gap.meeting == meeting
    assert gap.without_check == [member]
    assert gap.not_ready == [poor]
    html = leader_client.get(reverse(DASHBOARD)).text
    assert "Noch kein Technik-Check:" in html
    assert "Moritz Mitglied" in html


@pytest.mark.django_db
def test_no_tech_check_warning_far_ahead_or_in_person(leader, group, member):
    MeetingFactory(group=group, starts_at=_in(30), format="online", place="")
    MeetingFactory(group=group, starts_at=_in(3))
    assert leader_home(leader).tech_check_gaps == []


def _world(leader, groups: int) -> None:
    """Groups with members, meetings, applications, reports and feedback."""
    for n in range(groups):
        group = BalintGroupFactory(leader=leader)
        person = UserFactory(efn="802760020090329")
        MembershipFactory(group=group, user=person)
        ApplicationFactory(group=group)
        held = MeetingFactory(group=group, starts_at=days_ago(3 + n))
        AttendanceFactory(meeting=held, user=person, confirmed=True)
        missed = MeetingFactory(group=group, starts_at=days_ago(30 + n))
        AttendanceFactory(meeting=missed, user=person, status="absent", confirmed=True)
        MeetingFactory(group=group, starts_at=_in(2), format="online", place="")
        feedback = presenter.request_feedback(held, presenter=person, by=leader)
        presenter.submit(
            feedback,
            held_by_group=3,
            held_by_leadership=3,
            what_helped="",
            what_was_hard="",
        )
        OutsideEntryFactory(user=person, confirming_leader=leader)


@pytest.mark.django_db
@pytest.mark.parametrize("groups", [3, 30])
def test_query_count_does_not_grow_with_the_data(leader, groups, settings):
    settings.MEETINGS_ABSENCE_WARNING_AT = 1
    _world(leader, groups)
    with CaptureQueriesContext(connection) as queries:
        home = leader_home(leader)
    assert len(home.groups) == groups
    assert len(home.pending_applications) == groups
    assert len(home.open_reports) == groups
    assert len(home.new_feedback) == groups
    assert len(home.absences) == groups
    assert len(home.tech_check_gaps) == groups
    assert len(home.unconfirmed) == 2 * groups
    assert home.record_entries_to_confirm == groups
    # groups, unconfirmed meetings, next meeting, applications, open reports (meetings, their groups, open lines counted, lines with an entry,
    # people, event numbers), feedback, absences and their people, online
    # meetings ahead, members with their checks, record entries to confirm
    assert len(queries) <= 15, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_record_entries_naming_the_leader_are_counted_and_linked(
    leader_client, leader, group
):
    other_leader = UserFactory()
    OutsideEntryFactory(confirming_leader=leader)
    OutsideEntryFactory(confirming_leader=leader)
    OutsideEntryFactory(confirming_leader=leader, confirmed=True)  # decided
    OutsideEntryFactory(confirming_leader=other_leader)  # names somebody else
    OutsideEntryFactory()  # names nobody: the secretariat's
    OutsideEntryFactory(user=leader, confirming_leader=leader)  # never one's own
    home = leader_home(leader)
    assert home is not None
    assert home.record_entries_to_confirm == 2
    assert home.has_tasks
    page = leader_client.get(reverse(DASHBOARD)).content.decode()
    assert "2 Einträge in Balint-Konten warten auf Ihre Bestätigung" in page
    assert f'href="{reverse("record:queue")}"' in page


@pytest.mark.django_db
def test_no_record_box_without_entries_to_confirm(leader_client, leader, group):
    home = leader_home(leader)
    assert home is not None
    assert home.record_entries_to_confirm == 0
    page = leader_client.get(reverse(DASHBOARD)).content.decode()
    assert "Balint-Konten warten" not in page
