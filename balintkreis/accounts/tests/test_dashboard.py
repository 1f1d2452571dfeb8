import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.tests.factories import ChamberFactory

URL = reverse("accounts:dashboard")


def test_dashboard_shows_sections_and_missing_efn(participant, participant_client):
    response = participant_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assertContains(response, "<h1>Meine Übersicht</h1>", html=True)
    assertContains(response, "EFN fehlt")
    assertContains(response, "Fortbildungspunkte")
    assertContains(response, "Meine Gruppen")
    assertContains(response, "Konto und Sicherheit")
    assertNotContains(response, reverse("accounts:leader-profile"))
    assertNotContains(response, reverse("admin:index"))


def test_complete_profile_shows_masked_efn_only(participant, participant_client):
    participant.efn = "802760020090329"
    participant.chamber = ChamberFactory()
    participant.save()
    response = participant_client.get(URL)
    assertContains(response, "80276•••••••329")
    assertNotContains(response, "802760020090329")
    assertNotContains(response, "EFN fehlt")
    assertContains(response, "vollständig")


def test_leader_and_secretariat_see_their_links(leader_client, secretariat_client):
    assertContains(leader_client.get(URL), reverse("accounts:leader-profile"))
    assertContains(secretariat_client.get(URL), reverse("admin:index"))


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_query_budget(
    participant_client, django_assert_num_queries, settings
):
    # The rendering's queries, without the per-person page cache's own.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    # session, user, leader profile lookup, groups led (one UNION query);
    # the member section (site/homes/member.py): memberships, attendance
    # history and groups for PSGV progress, certificates, feedback requests,
    # open applications, the latest invoices (billing) – a fixed number,
    # test_member_home.py checks that it does not grow with groups and dates.
    with django_assert_num_queries(11):
        participant_client.get(URL)


@pytest.mark.django_db
def test_dashboard_lists_the_groups_a_leader_leads(leader_client, group):
    from balintkreis.accounts.tests.factories import LeaderFactory
    from balintkreis.groups.tests.factories import BalintGroupFactory

    co_led = BalintGroupFactory(title="Co-geleitete Gruppe", co_leader=group.leader)
    BalintGroupFactory(title="Fremde Gruppe", leader=LeaderFactory())
    response = leader_client.get(URL)
    html = response.content.decode()
    assert "Gruppen, die ich leite" in html
    assert f"/gruppen/{group.slug}/sitzungen/" in html
    assert f"/gruppen/{co_led.slug}/sitzungen/" in html
    assert "Fremde Gruppe" not in html
