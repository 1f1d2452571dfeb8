import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from balintkreis.meetings.models import Attendance
from balintkreis.online import presence
from balintkreis.online.models import PresenceInterval, TechCheck
from balintkreis.online.presence import Kind
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(group, member):
    start = timezone.now() - datetime.timedelta(minutes=100)
    meeting = OnlineMeetingFactory(group=group, starts_at=start)
    for minute, kind in ((0, Kind.JOINED), (90, Kind.LEFT)):
        presence.record(
            meeting,
            user=member,
            kind=kind,
            source=PresenceInterval.Source.SERVER,
            now=start + datetime.timedelta(minutes=minute),
        )
    return meeting


def test_leader_sees_proposal_with_minutes_and_readiness(leader_client, past, member):
    TechCheck.objects.create(user=member, verdict="good", checked_at=timezone.now())
    response = leader_client.get(reverse("online:attendance", args=[past.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert member.display_name in html
    assert "anwesend" in html
    assert "Vorschlag übernehmen" in html
    assert "bereit" in html


def test_adopting_the_proposal(leader_client, past, member):
    response = leader_client.post(
        reverse("online:attendance-adopt", args=[past.pk]), follow=True
    )
    assert "Der Vorschlag wurde übernommen" in response.content.decode()
    assert Attendance.objects.get(meeting=past, user=member).status == "present"


def test_adopting_too_early_shows_german_error(leader_client, meeting):
    response = leader_client.post(
        reverse("online:attendance-adopt", args=[meeting.pk]), follow=True
    )
    assert "sobald die Sitzung beendet ist" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("name", ["online:attendance", "online:attendance-adopt"])
def test_member_gets_403_outsider_404(name, member_client, outsider_client, past):
    method = "post" if name.endswith("adopt") else "get"
    url = reverse(name, args=[past.pk])
    assert getattr(member_client, method)(url).status_code == 403
    assert getattr(outsider_client, method)(url).status_code == 404


def test_report_has_readiness_and_svg_chart(leader_client, group, past, member):
    response = leader_client.get(reverse("online:report", args=[group.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "<rect" in html
    assert "100 %" in html
    assert "nicht gemacht" in html


def test_report_is_for_leaders(member_client, outsider_client, group):
    url = reverse("online:report", args=[group.slug])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404
