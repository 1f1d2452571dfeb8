import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.groups.models import Application, InterestListEntry
from balintkreis.groups.tests.factories_registration import (
    ApplicationFactory,
    InterestListEntryFactory,
)

pytestmark = pytest.mark.django_db


def test_my_groups_shows_applications_positions_and_memberships(
    member_client, member, group
):
    other_waiting = ApplicationFactory(waiting=True, waiting_rank=1)
    mine = ApplicationFactory(
        group=other_waiting.group, user=member, waiting=True, waiting_rank=2
    )
    response = member_client.get(reverse("groups:my-groups"))
    assertContains(response, group.title)
    assertContains(response, "aktiv")
    assertContains(response, mine.group.title)
    assertContains(response, "Position auf der Warteliste: 2")
    assertContains(response, "auf der Warteliste")


def test_open_offer_links_to_the_offer_page(participant_client, participant):
    ApplicationFactory(user=participant, offered=True)
    response = participant_client.get(reverse("groups:my-groups"))
    assertContains(response, "Angebot beantworten")


def test_withdraw_own_application(participant_client, participant):
    application = ApplicationFactory(user=participant, waiting=True)
    url = reverse("groups:application-withdraw", args=[application.pk])
    response = participant_client.post(url, follow=True)
    assertContains(response, "wurde zurückgezogen")
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    response = participant_client.post(url, follow=True)
    assertContains(response, "bereits abgeschlossen")


def test_cannot_withdraw_someone_elses_application(outsider_client):
    application = ApplicationFactory(waiting=True)
    url = reverse("groups:application-withdraw", args=[application.pk])
    assert outsider_client.post(url).status_code == 404


def test_member_leaves_with_a_date(member_client, member):
    membership = member.memberships.get()
    url = reverse("groups:leave", args=[membership.pk])
    response = member_client.post(url, {"ended_on": "kein Datum"})
    assert response.status_code == 422
    response = member_client.post(url, {"ended_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_on == timezone.localdate()


def test_cannot_end_someone_elses_membership(outsider_client, member):
    url = reverse("groups:leave", args=[member.memberships.get().pk])
    assert outsider_client.get(url).status_code == 404


def test_interest_list_sign_up_and_removal(participant_client, participant):
    url = reverse("groups:interest-register")
    response = participant_client.post(url, {"region": "", "format": "online"})
    assert response.status_code == 422
    response = participant_client.post(
        url, {"region": "TH", "format": "online"}, follow=True
    )
    assertContains(response, "Sie stehen auf der Interessenliste")
    assertContains(response, "Thüringen, online")
    response = participant_client.post(url, {"region": "TH", "format": "online"})
    assertContains(response, "bereits auf der Interessenliste", status_code=422)
    entry = InterestListEntry.objects.get()
    participant_client.post(reverse("groups:interest-remove", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.ended_at is not None


def test_interest_overview_for_secretariat(secretariat_client):
    InterestListEntryFactory()
    response = secretariat_client.get(reverse("groups:interest-overview"))
    assertContains(response, "Thüringen")
