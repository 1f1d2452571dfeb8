"""Fallback link, silent phase and technical contact (issue 15 items 3–6)."""

import json

import jwt
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.models import Attendance
from balintkreis.online import options, passes
from balintkreis.online.models import MeetingOptions, TechnicalContact

pytestmark = pytest.mark.django_db


def room(meeting):
    return reverse("online:room", args=[meeting.pk])


def test_leader_sets_a_fallback_link(leader_client, meeting):
    url = reverse("online:fallback-link", args=[meeting.pk])
    assert leader_client.get(url).status_code == 200
    response = leader_client.post(url, {"fallback_url": "https://video.example.org/x"})
    assert response.status_code == 302
    assert options.fallback_url(meeting) == "https://video.example.org/x"


def test_fallback_link_must_be_https(leader_client, meeting):
    url = reverse("online:fallback-link", args=[meeting.pk])
    response = leader_client.post(url, {"fallback_url": "http://video.example.org/x"})
    assert response.status_code == 422
    assertContains(response, "mit https:// beginnt", status_code=422)
    assertContains(response, "http://video.example.org/x", status_code=422)
    assert not MeetingOptions.objects.exists()


def test_members_may_not_set_the_fallback_link(member_client, outsider_client, meeting):
    url = reverse("online:fallback-link", args=[meeting.pk])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


def test_with_a_fallback_link_presence_comes_from_the_sheet_only(
    member_client, leader, leader_client, meeting
):
    options.set_fallback_url(meeting, url="https://video.example.org/x", by=leader)
    response = member_client.get(room(meeting))
    html = response.content.decode()
    assert "https://video.example.org/x" in html
    assert "nur über die Anwesenheitsliste der Gruppenleitung" in html
    assert response.context["presence_pass"] == ""
    assert response.context["config"]["tracksPresence"] is False
    assert 'id="connection-list"' not in html
    adopt = leader_client.post(
        reverse("online:attendance-adopt", args=[meeting.pk]), follow=True
    )
    assertContains(adopt, "Anwesenheitsliste")
    assert not Attendance.objects.exists()


def test_silent_phase_is_set_by_the_leader_and_shown_to_all(
    client, leader, member, meeting
):
    url = reverse("online:silence", args=[meeting.pk])
    member_pass = passes.issue(meeting, member, is_leader=False)
    leader_pass = passes.issue(meeting, leader, is_leader=True)
    refused = client.post(
        url,
        json.dumps({"silent": True}),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=member_pass,
    )
    assert refused.status_code == 403
    assert "Gruppenleitung" in refused.json()["error"]
    response = client.post(
        url,
        json.dumps({"silent": True}),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=leader_pass,
    )
    assert response.json() == {"silent": True}
    panel = client.get(
        reverse("online:connections", args=[meeting.pk]),
        HTTP_X_PRESENCE_PASS=member_pass,
    ).json()
    assert panel["silent"] is True
    assert MeetingOptions.objects.get(meeting=meeting).silent_since is not None
    bad = client.post(
        url, "{}", content_type="application/json", HTTP_X_PRESENCE_PASS=leader_pass
    )
    assert bad.status_code == 400


def test_leader_names_a_member_as_technical_contact(
    leader_client, member, member_client, group, meeting, settings
):
    url = reverse("online:technical-contact", args=[group.slug])
    assert leader_client.get(url).status_code == 200
    response = leader_client.post(
        url,
        {
            "person": member.pk,
            "phone": "03641 123456",
            "email": "technik@example.org",
            "is_moderator": "on",
        },
    )
    assert response.status_code == 302
    contact = TechnicalContact.objects.get(group=group)
    assert contact.person == member
    assert contact.is_moderator
    settings.JITSI_APP_ID = "balintkreis"
    settings.JITSI_APP_SECRET = "test-secret-0123456789abcdef0123456789"
    page = member_client.get(room(meeting))
    assertContains(page, "Bei Technikproblemen:")
    assertContains(page, "03641 123456")
    claims = jwt.decode(
        page.context["config"]["jwt"],
        settings.JITSI_APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
    )
    assert claims["context"]["user"]["moderator"] == "true"


def test_technical_contact_must_belong_to_the_group(leader_client, group):
    stranger = UserFactory()
    url = reverse("online:technical-contact", args=[group.slug])
    response = leader_client.post(url, {"person": stranger.pk, "phone": "123"})
    assert response.status_code == 422
    assertContains(response, "123", status_code=422)
    assert not TechnicalContact.objects.exists()


def test_contact_without_moderator_choice_is_no_moderator(leader, group, meeting):
    person = MembershipFactory(group=group).user
    options.name_contact(
        group, person=person, phone="", email="", is_moderator=False, by=leader
    )
    assert not options.is_contact_moderator(group, person)


def test_members_may_not_name_the_contact(member_client, group):
    url = reverse("online:technical-contact", args=[group.slug])
    assert member_client.get(url).status_code == 403


def test_room_failure_block_names_the_contact(member_client, leader, group, meeting):
    html = member_client.get(room(meeting)).content.decode()
    failed = html.split('id="room-failed"', 1)[1].split("</section>", 1)[0]
    assert "Neu laden" in failed
    assert leader.email in failed
