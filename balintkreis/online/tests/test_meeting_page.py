import datetime

import jwt
import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.online import rooms
from balintkreis.online.models import Room
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("online:room", args=[meeting.pk])


def test_member_gets_the_room_with_jitsi_script(member_client, meeting, settings):
    settings.JITSI_MODE = "selfhosted"
    settings.JITSI_DOMAIN = "meet.example.org"
    response = member_client.get(url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert rooms.room_name_for(meeting) in html
    assert 'src="https://meet.example.org/external_api.js"' in html
    assert "org.jitsi.meet://meet.example.org/" in html
    assert "In der Jitsi-App öffnen" in html
    assert response.context["config"]["isModerator"] is False
    assert response.context["config"]["jwt"] is None
    assert html.count("<h1") == 1


def test_room_name_is_stable_and_unguessable(member_client, leader_client, meeting):
    member_client.get(url(meeting))
    leader_client.get(url(meeting))
    room = Room.objects.get(group=meeting.group)
    assert Room.objects.count() == 1
    assert len(room.slug) >= 20
    assert meeting.group.slug not in rooms.room_name_for(meeting)
    assert room.slug in rooms.room_name_for(meeting)


def test_leader_is_moderator_with_token(leader_client, meeting, settings):
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = "test-secret-0123456789abcdef0123456789"
    response = leader_client.get(url(meeting))
    config = response.context["config"]
    claims = jwt.decode(
        config["jwt"],
        settings.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience=settings.JITSI_JWT_AUDIENCE,
    )
    assert config["isModerator"] is True
    assert claims["context"]["user"]["moderator"] == "true"
    assert claims["room"] == rooms.room_name_for(meeting)


def test_member_token_is_not_moderator(member_client, meeting, settings):
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = "test-secret-0123456789abcdef0123456789"
    config = member_client.get(url(meeting)).context["config"]
    claims = jwt.decode(
        config["jwt"], settings.JITSI_APP_SECRET, algorithms=["HS256"], audience="jitsi"
    )
    assert claims["context"]["user"]["moderator"] == "false"


def test_outsider_gets_a_german_message_without_room_name(
    outsider_client, member_client, meeting
):
    member_client.get(url(meeting))
    response = outsider_client.get(url(meeting))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Online-Sitzung nicht verfügbar" in html
    assert Room.objects.get().slug not in html
    assert rooms.room_name_for(meeting) not in html


def test_former_member_is_refused(group):
    meeting = OnlineMeetingFactory(group=group)
    former = MembershipFactory(
        group=group, ended_on=timezone.localdate() - datetime.timedelta(days=1)
    ).user
    from django.test import Client

    client = Client()
    client.force_login(former)
    assert client.get(url(meeting)).status_code == 404


def test_room_opens_fifteen_minutes_before_the_start(member_client, group):
    soon = OnlineMeetingFactory(
        group=group, starts_at=timezone.now() + datetime.timedelta(minutes=14)
    )
    later = OnlineMeetingFactory(
        group=group, starts_at=timezone.now() + datetime.timedelta(minutes=40)
    )
    assert member_client.get(url(soon)).status_code == 200
    response = member_client.get(url(later))
    assert response.status_code == 403
    assert "Der Raum öffnet 15 Minuten vor Beginn" in response.content.decode()
    assert "balintkreis-" not in response.content.decode()


def test_room_closes_at_the_end(member_client, group):
    past = OnlineMeetingFactory(
        group=group, starts_at=timezone.now() - datetime.timedelta(minutes=91)
    )
    response = member_client.get(url(past))
    assert response.status_code == 403
    assert "Diese Sitzung ist beendet." in response.content.decode()


def test_in_person_meeting_has_no_room(member_client, group):
    meeting = OnlineMeetingFactory(group=group, format="in_person")
    assert member_client.get(url(meeting)).status_code == 404


def test_anonymous_is_sent_to_login(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_group_overview_lists_join_link(member_client, meeting):
    response = member_client.get(reverse("online:group", args=[meeting.group.slug]))
    assert response.status_code == 200
    assert url(meeting) in response.content.decode()
    assert "Technik-Check" in response.content.decode()


def test_group_overview_is_hidden_from_outsiders(outsider_client, meeting):
    response = outsider_client.get(reverse("online:group", args=[meeting.group.slug]))
    assert response.status_code == 404
