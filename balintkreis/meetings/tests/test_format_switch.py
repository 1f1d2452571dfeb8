"""Switching all upcoming meetings' format in one step (issue 15 item 7)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.feedback import polls
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import schedule
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago

pytestmark = pytest.mark.django_db


def url(group):
    return reverse("meetings:format-switch", args=[group.slug])


@pytest.mark.django_db(transaction=True)
def test_leader_switches_all_upcoming_meetings_online(
    leader, leader_client, member, group
):
    past = MeetingFactory(group=group)
    upcoming = [MeetingFactory(group=group, starts_at=days_ago(-d)) for d in (7, 14)]
    confirmed = MeetingFactory(group=group, starts_at=days_ago(-21))
    confirmed.attendance_confirmed_at = timezone.now()
    confirmed.save()
    response = leader_client.post(url(group), {"format": "online", "place": ""})
    assert response.status_code == 302
    for meeting in upcoming:
        meeting.refresh_from_db()
        assert meeting.format == Meeting.Format.ONLINE
    past.refresh_from_db()
    confirmed.refresh_from_db()
    assert past.format == confirmed.format == Meeting.Format.IN_PERSON
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Format der kommenden Sitzungen" in mail.outbox[0].subject


def test_preview_shows_the_psgv_online_share_warning(leader_client, group):
    for d in (7, 14, 21):
        MeetingFactory(group=group, starts_at=days_ago(-d))
    response = leader_client.get(url(group) + "?format=online")
    assertContains(response, "Psychosomatische Grundversorgung")
    assertContains(response, "3 von 3 geplanten Doppelsitzungen")


def test_in_person_needs_a_place(leader, group):
    MeetingFactory(group=group, starts_at=days_ago(-7), online=True)
    with pytest.raises(schedule.ScheduleError):
        schedule.switch_format(group, format="in_person", place="", by=leader)
    changed = schedule.switch_format(
        group, format="in_person", place="Institut, Raum 2", by=leader
    )
    assert changed[0].place == "Institut, Raum 2"


def test_members_may_not_switch(member_client, group):
    assert member_client.get(url(group)).status_code == 403


def test_closed_format_vote_offers_the_switch(leader, leader_client, group, settings):
    settings.POLL_MIN_VOTES = 1
    poll = polls.open_poll(
        group, question=polls.DEFAULT_QUESTION, choices=polls.DEFAULT_CHOICES, by=leader
    )
    for _ in range(2):
        voter = MembershipFactory(group=group).user
        polls.vote(poll, voter=voter, choice_id=poll.choices.get(label="Online").pk)
    polls.close_poll(poll, by=leader)
    html = leader_client.get(
        reverse("feedback:polls", args=[group.slug])
    ).content.decode()
    assert f"{url(group)}?format=online" in html
    assert "Format aller kommenden Sitzungen ändern" in html
