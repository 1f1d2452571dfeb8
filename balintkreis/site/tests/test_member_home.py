"""The member's section of the personal overview (site/homes/member.py) and
"Ich kann nicht teilnehmen" (meetings.attendance.excuse)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.errors import RuleError
from balintkreis.feedback.models import Poll, PresenterFeedback
from balintkreis.groups.models import Application
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.meetings import attendance
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.online.models import TechCheck
from balintkreis.site.homes.member import member_home


def _home(user, **kwargs):
    return member_home(user, today=timezone.localdate(), **kwargs)


@pytest.mark.django_db
def test_next_dates_per_group_with_place_or_online(member, group):
    other = BalintGroupFactory(title="Balintgruppe Online")
    MembershipFactory(group=other, user=member)
    MeetingFactory(group=group, starts_at=days_ago(3))
    for days in (7, 14, 21, 28):
        MeetingFactory(group=group, starts_at=days_ago(-days))
    MeetingFactory(group=other, starts_at=days_ago(-2), online=True)
    home = _home(member)
    dates = {g.group.title: g.dates for g in home.groups}
    assert len(dates["Balintgruppe Jena Mitte"]) == 3
    assert dates["Balintgruppe Jena Mitte"][0].meeting.starts_at == days_ago(-7)
    assert dates["Balintgruppe Online"][0].meeting.is_online
    assert all(row.excuse == "open" for row in dates["Balintgruppe Jena Mitte"])


@pytest.mark.django_db
def test_queries_do_not_grow_with_groups_and_meetings(member, group):
    def count():
        with CaptureQueriesContext(connection) as queries:
            _home(member)
        return len(queries)

    MeetingFactory(group=group, starts_at=days_ago(-7))
    count()  # creates the calendar address once
    before = count()
    for n in range(3):
        other = BalintGroupFactory(title=f"Gruppe {n}")
        MembershipFactory(group=other, user=member)
        for days in (1, 8, 15, 22):
            meeting = MeetingFactory(group=other, starts_at=days_ago(-days))
        MeetingFactory(group=other, starts_at=days_ago(10))
        AttendanceFactory(
            meeting=MeetingFactory(group=other, starts_at=days_ago(20)),
            user=member,
            confirmed=True,
        )
        Poll.objects.create(
            group=other, question=f"Frage {n}", opened_at=timezone.now()
        )
        attendance.excuse(meeting, member=member)
    assert count() == before


@pytest.mark.django_db
def test_online_room_button_only_while_the_room_is_open(member, group):
    now = timezone.now()
    soon = MeetingFactory(
        group=group, starts_at=now + datetime.timedelta(minutes=10), online=True
    )
    later = MeetingFactory(
        group=group, starts_at=now + datetime.timedelta(days=7), online=True
    )
    rows = {row.meeting.pk: row for row in _home(member).groups[0].dates}
    assert rows[soon.pk].join_url == reverse("online:room", args=[soon.pk])
    assert rows[later.pk].join_url == ""


@pytest.mark.django_db
def test_techcheck_hint_before_the_first_online_meeting(member, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-5), online=True)
    assert _home(member).techcheck_before == meeting
    TechCheck.objects.create(user=member, verdict="good", checked_at=timezone.now())
    assert _home(member).techcheck_before is None


@pytest.mark.django_db
def test_excuse_and_withdraw(member, group, leader):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-7))
    row = attendance.excuse(meeting, member=member, note="Dienst in der Klinik")
    assert (row.status, row.excuse_note, row.confirmed_at) == (
        Attendance.Status.EXCUSED,
        "Dienst in der Klinik",
        None,
    )
    attendance.excuse(meeting, member=member, note="Nachtdienst")
    row.refresh_from_db()
    assert row.excuse_note == "Nachtdienst"
    assert _home(member).groups[0].dates[0].excuse == "excused"
    attendance.withdraw_excuse(meeting, member=member)
    assert not Attendance.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_excuse_refused_for_past_meetings_non_members_and_confirmed_rows(
    member, group, leader
):
    past = MeetingFactory(group=group, starts_at=days_ago(2))
    with pytest.raises(RuleError, match="bereits begonnen"):
        attendance.excuse(past, member=member)
    future = MeetingFactory(group=group, starts_at=days_ago(-7))
    with pytest.raises(RuleError):
        attendance.excuse(future, member=UserFactory())
    cancelled = MeetingFactory(group=group, starts_at=days_ago(-8), is_cancelled=True)
    with pytest.raises(RuleError, match="abgesagt"):
        attendance.excuse(cancelled, member=member)
    AttendanceFactory(meeting=future, user=member, status="excused", confirmed=True)
    with pytest.raises(RuleError, match="bereits"):
        attendance.excuse(future, member=member)
    with pytest.raises(RuleError):
        attendance.withdraw_excuse(future, member=member)


@pytest.mark.django_db
def test_excuse_page_and_the_leaders_sheet(member_client, leader_client, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-7))
    url = reverse("meetings:excuse", args=[group.slug, meeting.pk])
    assert "Ich kann nicht teilnehmen" in member_client.get(url).text
    response = member_client.post(url, {"note": "Urlaub"})
    assert response.status_code == 302
    sheet = leader_client.get(
        reverse("meetings:attendance", args=[group.slug, meeting.pk])
    )
    assert "entschuldigt" in sheet.text
    assert "Urlaub" in sheet.text
    assert leader_client.get(url).status_code == 403
    withdraw = reverse("meetings:excuse-withdraw", args=[group.slug, meeting.pk])
    assert member_client.post(withdraw).status_code == 302
    assert not Attendance.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_excuse_page_for_a_past_meeting_says_why(member_client, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(1))
    url = reverse("meetings:excuse", args=[group.slug, meeting.pk])
    assert "nicht mehr" in member_client.get(url).text
    response = member_client.post(url, {"note": "zu spät"})
    assert response.status_code == 422
    assert "bereits begonnen" in response.text


@pytest.mark.django_db
def test_waiting_positions_and_offers(participant):
    group = BalintGroupFactory(title="Balintgruppe Erfurt")
    for rank in range(2):
        Application.objects.create(
            group=group, user=UserFactory(), status="waiting", waiting_rank=rank
        )
    Application.objects.create(
        group=group, user=participant, status="waiting", waiting_rank=5
    )
    offered_group = BalintGroupFactory(title="Balintgruppe Weimar")
    first = MeetingFactory(group=offered_group, starts_at=days_ago(-9))
    Application.objects.create(
        group=offered_group,
        user=participant,
        status="offered",
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + datetime.timedelta(days=2),
    )
    home = _home(participant)
    assert [w.phrase for w in home.waiting] == [
        "Sie stehen auf Platz 3 der Warteliste."
    ]
    assert home.offers[0].first_date == first
    assert home.offers[0].url.startswith("/angebot/")
    assert home


@pytest.mark.django_db
def test_feedback_requests_and_open_polls(member, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(3))
    PresenterFeedback.objects.create(
        meeting=meeting, presenter=member, requested_at=timezone.now()
    )
    Poll.objects.create(
        group=group, question="Online weiter?", opened_at=timezone.now()
    )
    home = _home(member)
    assert [f.meeting for f in home.feedback_requests] == [meeting]
    assert [p.question for p in home.open_polls] == ["Online weiter?"]


@pytest.mark.django_db
def test_overview_page_shows_the_member_section(member_client, group, member):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-7), place="Praxis Nord")
    AttendanceFactory(
        meeting=MeetingFactory(group=group, starts_at=days_ago(14)),
        user=member,
        confirmed=True,
    )
    text = member_client.get(reverse("accounts:dashboard")).text
    assert "Praxis Nord" in text
    assert reverse("meetings:excuse", args=[group.slug, meeting.pk]) in text
    assert "webcal://testserver/kalender/" in text
    assert "Psychosomatischen Grundversorgung" in text
    assert "Es fehlt noch: 14 weitere Doppelsitzungen" in text


@pytest.mark.django_db
def test_leader_without_membership_gets_no_member_section(leader_client, group):
    text = leader_client.get(reverse("accounts:dashboard")).text
    assert 'id="home-member"' not in text


@pytest.mark.django_db
def test_group_page_names_leader_and_members(member_client, group, member, outsider):
    MembershipFactory(group=group, user=UserFactory(first_name="Olga", last_name="Ost"))
    text = member_client.get(reverse("meetings:list", args=[group.slug])).text
    assert "Lena Leitung" in text
    assert "Olga Ost" in text
    assert "Moritz Mitglied" in text


@pytest.mark.django_db
def test_my_groups_shows_the_next_dates(member_client, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-7), place="Praxis Nord")
    text = member_client.get(reverse("groups:my-groups")).text
    assert "Nächste Termine" in text
    assert reverse("meetings:detail", args=[group.slug, meeting.pk]) in text
    assert "Praxis Nord" in text
    assert "Alle Termine, Gruppenleitung und Mitglieder" in text


@pytest.mark.django_db
def test_meeting_page_offers_the_excuse_to_members_only(
    member_client, leader_client, group
):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-7))
    url = reverse("meetings:detail", args=[group.slug, meeting.pk])
    excuse = reverse("meetings:excuse", args=[group.slug, meeting.pk])
    assert excuse in member_client.get(url).text
    assert excuse not in leader_client.get(url).text


@pytest.mark.django_db
def test_accepted_member_excuses_only_dates_after_entry(group):
    joining = UserFactory()
    MembershipFactory(
        group=group,
        user=joining,
        started_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    before_entry = MeetingFactory(group=group, starts_at=days_ago(-5))
    for days in (1, 2, 3, 4):
        MeetingFactory(group=group, starts_at=days_ago(-days))
    after_entry = MeetingFactory(group=group, starts_at=days_ago(-12))
    home = _home(joining)
    assert home.groups[0].is_joining
    assert [row.meeting for row in home.groups[0].dates] == [after_entry]
    attendance.excuse(after_entry, member=joining)
    with pytest.raises(RuleError, match="Mitglied"):
        attendance.excuse(before_entry, member=joining)


@pytest.mark.django_db
def test_nothing_to_show_for_a_person_without_groups(outsider):
    assert not _home(outsider)


@pytest.mark.django_db
def test_my_groups_shows_an_accepted_member_the_dates_from_entry(group):
    from django.test import Client

    joining = UserFactory()
    MembershipFactory(
        group=group,
        user=joining,
        started_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    before_entry = MeetingFactory(group=group, starts_at=days_ago(-5))
    after_entry = MeetingFactory(group=group, starts_at=days_ago(-12))
    client = Client()
    client.force_login(joining)
    text = client.get(reverse("groups:my-groups")).text
    assert reverse("meetings:detail", args=[group.slug, after_entry.pk]) in text
    assert reverse("meetings:detail", args=[group.slug, before_entry.pk]) not in text


@pytest.mark.django_db
def test_my_groups_shows_three_dates_per_group_from_the_entry_date(
    participant_client, participant
):
    """The dates of all groups come in one query (issue 17): three per group,
    and an accepted member's begin with the entry date."""
    running, joining = BalintGroupFactory(), BalintGroupFactory()
    MembershipFactory(group=running, user=participant)
    MembershipFactory(
        group=joining,
        user=participant,
        started_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    soon = [
        MeetingFactory(group=running, starts_at=days_ago(-d)) for d in (3, 10, 17, 24)
    ]
    before_entry = MeetingFactory(group=joining, starts_at=days_ago(-10))
    after_entry = MeetingFactory(group=joining, starts_at=days_ago(-30))

    text = participant_client.get(reverse("groups:my-groups")).text

    def shown(meeting):
        return reverse("meetings:detail", args=[meeting.group.slug, meeting.pk]) in text

    assert [shown(m) for m in soon] == [True, True, True, False]
    assert not shown(before_entry)
    assert shown(after_entry)
