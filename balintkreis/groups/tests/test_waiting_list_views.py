import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.core.models import AuditEvent
from balintkreis.groups import offers
from balintkreis.groups.models import Application, Membership
from balintkreis.groups.tests.factories import FeeTierFactory, MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_waiting_list_shows_positions(leader_client, group):
    first = ApplicationFactory(group=group, waiting=True)
    second = ApplicationFactory(group=group, waiting=True)
    response = leader_client.get(reverse("groups:waiting-list", args=[group.slug]))
    html = response.content.decode()
    assert html.index(first.user.display_name) < html.index(second.user.display_name)
    assert "Verschieben" not in html  # only the secretariat moves people


def test_secretariat_moves_with_reason(secretariat_client, group):
    first = ApplicationFactory(group=group, waiting=True)
    second = ApplicationFactory(group=group, waiting=True)
    url = reverse("groups:waiting-list-move", args=[group.slug, second.pk])
    response = secretariat_client.post(url, {"position": "1", "reason": ""})
    assertContains(response, "Bitte geben Sie einen Grund", status_code=422)
    response = secretariat_client.post(url, {"position": "5", "reason": "Härtefall"})
    assertContains(response, "zwischen 1 und 2", status_code=422)
    response = secretariat_client.post(url, {"position": "1", "reason": "Härtefall"})
    assert response.status_code == 302
    order = list(group.applications.waiting().values_list("pk", flat=True))
    assert order == [second.pk, first.pk]
    assert AuditEvent.objects.filter(action="groups.waiting_list.moved").count() == 1


def test_offer_page_accepts_by_post_only(client, group):
    application = ApplicationFactory(group=group, offered=True)
    token = offers.offer_token(application)
    response = client.get(reverse("groups:offer-accept", args=[token]))
    assertContains(response, "Platz annehmen")
    assert not Membership.objects.exists()
    response = client.post(reverse("groups:offer-accept", args=[token]), follow=True)
    assertContains(response, "Sie sind jetzt Mitglied der Gruppe")
    assertContains(response, "Sie haben diesen Platz angenommen")
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def test_offer_can_be_declined(client, group):
    application = ApplicationFactory(group=group, offered=True)
    token = offers.offer_token(application)
    response = client.post(reverse("groups:offer-decline", args=[token]), follow=True)
    assertContains(response, "Sie haben das Angebot abgelehnt")
    application.refresh_from_db()
    assert application.status == Application.Status.OFFER_DECLINED


def test_expired_offer_link_explains_what_happened_and_what_to_do(client, group):
    application = ApplicationFactory(
        group=group,
        offered=True,
        offer_expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    token = offers.offer_token(application)
    response = client.get(reverse("groups:offer-accept", args=[token]))
    assertContains(response, "Dieses Angebot ist am")
    assertContains(response, "nächsten Person auf der Warteliste angeboten")
    assertContains(response, "Erneut anmelden")
    assertContains(response, "Schreiben Sie uns")
    response = client.post(reverse("groups:offer-accept", args=[token]))
    assertContains(response, "Dieses Angebot ist abgelaufen", status_code=409)
    application.refresh_from_db()
    assert application.status == Application.Status.EXPIRED
    assert not Membership.objects.exists()


def test_forged_offer_token_is_404(client):
    assert client.get(reverse("groups:offer", args=["1:forged"])).status_code == 404


def test_members_page_lists_entry_and_leaving_dates(leader_client, group, member):
    former = MembershipFactory(
        group=group,
        started_on=datetime.date(2025, 1, 1),
        ended_on=datetime.date(2025, 6, 30),
        end_reason="Umzug",
    )
    response = leader_client.get(reverse("groups:members", args=[group.slug]))
    assertContains(response, member.display_name)
    assertContains(response, former.user.display_name)
    assertContains(response, "30.06.2025")
    assertContains(response, "Umzug")
    assert "Mitgliedschaft beenden" not in response.content.decode()


def test_secretariat_ends_membership_with_date(secretariat_client, group, member):
    membership = member.memberships.get()
    url = reverse("groups:membership-end", args=[group.slug, membership.pk])
    response = secretariat_client.post(url, {"ended_on": "", "reason": "Umzug"})
    assert response.status_code == 422
    assertContains(response, "Umzug", status_code=422)
    today = timezone.localdate()
    response = secretariat_client.post(
        url, {"ended_on": today.isoformat(), "reason": "Umzug"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_on == today


def test_secretariat_carries_members_over(secretariat_client, group, member):
    stays = MembershipFactory(group=group)
    url = reverse("groups:carry-over", args=[group.slug])
    response = secretariat_client.get(url)
    assertContains(response, member.display_name)
    response = secretariat_client.post(url, {"continuing": [stays.pk]})
    assert response.status_code == 422
    start = timezone.localdate() + datetime.timedelta(days=30)
    response = secretariat_client.post(
        url, {"next_term_starts_on": start.isoformat(), "continuing": [stays.pk]}
    )
    assert response.status_code == 302
    assert member.memberships.get().ended_on == start
    stays.refresh_from_db()
    assert stays.ended_on is None


def test_offer_page_of_a_group_with_fee_on_request_says_so_once(client, group):
    """Even with a fee schedule, "auf Anfrage" shows no computed fee."""
    group.fee_schedule = FeeTierFactory(price_per_session="45.00").schedule
    group.fee_and_places_on_request = True
    group.save()
    application = ApplicationFactory(group=group, offered=True)
    page = client.get(reverse("groups:offer", args=[offers.offer_token(application)]))
    html = page.content.decode()
    assert html.count("individuell") == 1
    assert "individuell mit Ihnen vereinbart" in html
    assert "Die Gebühr beträgt" not in html
    assert "€" not in html.split("<main", 1)[-1]
    assertContains(page, "frage=kosten")
