"""Attack: join the group's video room after leaving the group.

Without Jitsi tokens (e.g. on meet.jit.si) the room name is the only key,
and it used to be fixed per group forever: a member copies it from the
meeting page (or the Jitsi app's history), leaves the group, and joins every
later session, hearing other physicians' cases. A mentee whose mentorship
has ended keeps getting join tokens for the pair's room, and every join
token and the embedded meeting hands the person's e-mail address to the
video server.

Defence: each meeting has its own room name, derived with a server secret
and shown only on the meeting page to current members and leaders; Prosody
presence events for any other name are ignored; tokens only for running
mentorships; no e-mail address to Jitsi unless ``JITSI_SEND_EMAIL``.
"""

import datetime
import json

import jwt
import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.core import jitsi
from balintkreis.groups.models import Membership
from balintkreis.mentoring import mentorships
from balintkreis.mentoring.tests.factories import MentorshipFactory
from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db
SECRET = "test-secret-0123456789abcdef0123456789"
EVENT_SECRET = "prosody-shared-secret"


@pytest.fixture
def tokens(settings):
    settings.JITSI_DOMAIN = "meet.example.org"
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = SECRET
    return settings


def room_name_seen(client, meeting) -> str:
    response = client.get(reverse("online:room", args=[meeting.pk]))
    assert response.status_code == 200
    return response.context["config"]["roomName"]


def test_saved_room_name_does_not_open_the_next_meeting(
    member_client, leader_client, member, group, settings
):
    settings.JITSI_EVENT_SYNC_SECRET = EVENT_SECRET
    first = OnlineMeetingFactory(group=group)
    saved = room_name_seen(member_client, first)
    assert room_name_seen(member_client, first) == saved
    assert room_name_seen(leader_client, first) == saved

    Membership.objects.filter(user=member, group=group).update(
        ended_on=timezone.localdate()
    )
    first.starts_at = timezone.now() - datetime.timedelta(days=7)
    first.save()
    second = OnlineMeetingFactory(group=group)

    assert (
        member_client.get(reverse("online:room", args=[second.pk])).status_code == 404
    )
    current = room_name_seen(leader_client, second)
    assert current != saved
    assert saved.split("-")[-1] not in current
    # A presence reported by Prosody for the old name counts for nothing.
    response = leader_client.post(
        reverse("online:event-occupant", args=["joined"]),
        data=json.dumps(
            {"room_name": saved, "occupant": {"id": jitsi.user_id(member)}}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {EVENT_SECRET}",
    )
    assert response.json() == {"status": "ignored"}
    assert not Presence.objects.exists()


def test_room_names_differ_per_group_and_per_meeting(leader_client, group):
    names = {room_name_seen(leader_client, OnlineMeetingFactory(group=group))}
    other = OnlineMeetingFactory(group=group, starts_at=timezone.now())
    names.add(room_name_seen(leader_client, other))
    assert len(names) == 2
    for name in names:
        assert group.slug not in name
        assert len(name.rsplit("-", 1)[-1]) >= 16


def test_mentee_of_an_ended_mentorship_gets_no_token(client, tokens):
    mentorship = MentorshipFactory()
    client.force_login(mentorship.mentee)
    url = reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    assert "jwt=" in client.get(url).context["room_url"]
    mentorships.end(mentorship, by=mentorship.mentor, feedback="")
    response = client.get(url)
    assert not response.context["room_url"]
    assert "jwt=" not in response.content.decode()
    assert mentorship.room_name not in response.content.decode()


def test_no_email_address_goes_to_jitsi(member_client, member, group, tokens):
    meeting = OnlineMeetingFactory(group=group)
    response = member_client.get(reverse("online:room", args=[meeting.pk]))
    config = response.context["config"]
    claims = jwt.decode(config["jwt"], SECRET, algorithms=["HS256"], audience="jitsi")
    assert "email" not in claims["context"]["user"]
    assert "email" not in config
    assert member.email not in response.content.decode()


def test_operator_may_send_the_email_address(member_client, member, group, tokens):
    tokens.JITSI_SEND_EMAIL = True
    meeting = OnlineMeetingFactory(group=group)
    config = member_client.get(reverse("online:room", args=[meeting.pk])).context[
        "config"
    ]
    claims = jwt.decode(config["jwt"], SECRET, algorithms=["HS256"], audience="jitsi")
    assert claims["context"]["user"]["email"] == member.email
    assert config["email"] == member.email
