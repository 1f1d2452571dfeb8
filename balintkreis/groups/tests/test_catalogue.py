import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.tests.factories import ChamberFactory, LeaderFactory
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    EntryDateFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MembershipFactory,
)

URL = reverse("groups:catalogue")


def full_group(**fields):
    """A group with everything the catalogue shows: fee, entry date, co-leader.

    Meetings are created through ``group.meetings`` so these tests need no
    import from the meetings app (which builds on groups).
    """
    schedule = FeeScheduleFactory(name="Standard")
    if not schedule.tiers.exists():
        FeeTierFactory(schedule=schedule)
    group = BalintGroupFactory(
        fee_schedule=schedule,
        chamber=ChamberFactory(),
        co_leader=LeaderFactory(),
        **fields,
    )
    EntryDateFactory(group=group)
    MembershipFactory.create_batch(2, group=group)
    return group


@pytest.mark.django_db
def test_catalogue_lists_open_and_forming_groups_only(client):
    full_group(title="Offene Gruppe")
    full_group(title="Neue Gruppe", status=BalintGroup.Status.FORMING)
    full_group(title="Pausierte Gruppe", status=BalintGroup.Status.PAUSED)
    full_group(title="Beendete Gruppe", status=BalintGroup.Status.CLOSED)

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, "Offene Gruppe")
    assertContains(response, "Neue Gruppe")
    assertContains(response, "in Gründung")
    assertNotContains(response, "Pausierte Gruppe")
    assertNotContains(response, "Beendete Gruppe")
    assertContains(response, "2 Gruppen gefunden")


@pytest.mark.django_db
def test_catalogue_shows_places_fee_leaders_and_recognition(client):
    group = full_group(title="Balintgruppe Jena", capacity=12, term_sessions=10)

    response = client.get(URL)

    assertContains(response, "10 freie Plätze")
    assertContains(response, "45,00 € je Doppelsitzung")
    assertContains(response, "450,00 € je Halbjahr (10 Doppelsitzungen)")
    assertContains(response, group.leader.display_name)
    assertContains(response, group.co_leader.display_name)
    assertContains(response, "Landesärztekammer Thüringen")
    assertContains(response, "Kategorie C, 3 Fortbildungspunkte je Doppelsitzung")
    assertContains(response, "Psychosomatische Grundversorgung")
    assertContains(response, "14-täglich, Mittwoch, 18:00 Uhr")


@pytest.mark.django_db
def test_full_group_is_shown_as_fully_booked(client):
    group = BalintGroupFactory(capacity=3, min_size=3)
    MembershipFactory.create_batch(3, group=group)

    response = client.get(URL)

    assertContains(response, "ausgebucht")
    assertNotContains(response, "freie Plätze</span>")


@pytest.mark.django_db
def test_group_without_fitting_tier_shows_fee_on_request(client):
    BalintGroupFactory(fee_schedule=None)

    assertContains(client.get(URL), "Gebühr auf Anfrage")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"city": "Erfurt"}, "Gruppe Erfurt", "Gruppe Jena"),
        ({"format": "online"}, "Gruppe Online", "Gruppe Jena"),
        ({"weekday": "0"}, "Gruppe Erfurt", "Gruppe Jena"),
        ({"free_only": "on"}, "Gruppe Jena", "Gruppe Voll"),
    ],
)
def test_filters_narrow_the_list(client, query, shown, hidden):
    BalintGroupFactory(title="Gruppe Jena", city="Jena")
    BalintGroupFactory(
        title="Gruppe Erfurt", city="Erfurt", weekday=BalintGroup.Weekday.MONDAY
    )
    BalintGroupFactory(title="Gruppe Online", online=True)
    full = BalintGroupFactory(title="Gruppe Voll", capacity=3, min_size=3)
    MembershipFactory.create_batch(3, group=full)

    response = client.get(URL, query)

    assertContains(response, shown)
    assertNotContains(response, hidden)


@pytest.mark.django_db
def test_filters_keep_the_chosen_values(client):
    BalintGroupFactory(city="Erfurt")

    response = client.get(URL, {"city": "Erfurt", "free_only": "on"})

    assertContains(
        response, '<option value="Erfurt" selected>Erfurt</option>', html=True
    )
    assertContains(response, 'name="free_only" id="id_free_only" checked')


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_not_an_error(client):
    BalintGroupFactory(title="Gruppe Jena")

    response = client.get(URL, {"city": "Atlantis", "weekday": "neun"})

    assert response.status_code == 200
    assertContains(response, "Gruppe Jena")


@pytest.mark.django_db
def test_empty_result_offers_the_contact_form(client):
    response = client.get(URL, {"format": "hybrid"})

    assertContains(response, "Keine Gruppe passt zu diesen Filtern.")
    assertContains(response, reverse("groups:contact"))


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_catalogue_query_count_does_not_grow_with_groups(
    client, django_assert_num_queries, count
):
    for _ in range(count):
        full_group()
    # 1. distinct cities for the filter
    # 2. count of the groups found (pagination)
    # 3. one page of groups with leader, co-leader, chamber, fee schedule and
    #    free places
    # 4. fee tiers of the schedules (prefetch)
    # 5. entry dates of the groups (prefetch)
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(count, 24)


@pytest.mark.django_db
def test_catalogue_pages_keep_the_filters(client):
    for n in range(30):
        BalintGroupFactory(title=f"Gruppe {n:02d}", city="Jena")
    first = client.get(URL, {"city": "Jena"}).content.decode()
    assert "30 Gruppen gefunden" in first
    assert "Seite 1 von 2" in first
    assert "?city=Jena&amp;seite=2" in first
    second = client.get(URL, {"city": "Jena", "seite": "2"}).content.decode()
    assert second.count('class="card"') == 6
    assert client.get(URL, {"seite": "kaputt"}).status_code == 200


@pytest.mark.django_db
def test_detail_shows_everything_a_participant_needs(client):
    group = full_group(
        title="Balintgruppe Jena",
        description="Wir treffen uns im Institut.",
        cooperation_partner="Institut für Psychotherapie Jena (Demo)",
        audience="Hausärztinnen und Hausärzte",
        venue="Seminarraum, Lindenhof 4, Jena",
    )
    profile = group.leader.leader_profile
    profile.chamber_recognition = "Landesärztekammer Thüringen, anerkannt bis 2029"
    profile.dbg_recognised_on = datetime.date(2015, 3, 1)
    profile.save()

    response = client.get(reverse("groups:detail", args=[group.slug]))

    assert response.status_code == 200
    for text in [
        "<h1>Balintgruppe Jena</h1>",
        "Wir treffen uns im Institut.",
        "10 von 12",
        "Seminarraum, Lindenhof 4, Jena",
        "Hausärztinnen und Hausärzte",
        "Institut für Psychotherapie Jena (Demo)",
        "45,00 € je Doppelsitzung",
        "Anerkannt von der Landesärztekammer Thüringen",
        "Kategorie C: 3 Fortbildungspunkte je Doppelsitzung",
        "Anrechenbar auf die Zusatzbezeichnung Psychosomatische Grundversorgung",
        "Anrechenbar im Rahmen der Facharztweiterbildung",
        profile.qualification,
        "anerkannt seit 2015",
        "anerkannt bis 2029",
        group.co_leader.display_name,
        "Einstiegstermine",
    ]:
        assertContains(response, text)
    assertContains(response, f"{reverse('groups:contact')}?gruppe={group.slug}")


@pytest.mark.django_db
def test_detail_lists_up_to_five_upcoming_dates_without_cancelled_ones(client):
    group = BalintGroupFactory()
    now = timezone.now()
    group.meetings.create(starts_at=now - datetime.timedelta(days=3))
    group.meetings.create(starts_at=now + datetime.timedelta(days=1), is_cancelled=True)
    for week in range(1, 8):
        group.meetings.create(starts_at=now + datetime.timedelta(weeks=week))

    response = client.get(reverse("groups:detail", args=[group.slug]))

    assert len(response.context["next_meetings"]) == 5
    assert all(
        not m.is_cancelled and m.starts_at > now
        for m in response.context["next_meetings"]
    )


@pytest.mark.django_db
def test_detail_without_dates_says_they_follow(client):
    group = BalintGroupFactory()

    response = client.get(reverse("groups:detail", args=[group.slug]))

    assertContains(response, "Die nächsten Termine werden bald veröffentlicht.")
    assertContains(response, "Einstieg nach Absprache.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "text"),
    [
        (BalintGroup.Status.PAUSED, "Diese Gruppe pausiert derzeit"),
        (BalintGroup.Status.CLOSED, "Diese Gruppe ist beendet."),
    ],
)
def test_paused_and_closed_groups_stay_reachable_and_say_so(client, status, text):
    group = BalintGroupFactory(status=status)

    response = client.get(reverse("groups:detail", args=[group.slug]))

    assert response.status_code == 200
    assertContains(response, text)
    assertNotContains(response, "Zu dieser Gruppe anfragen")


@pytest.mark.django_db
def test_forming_group_says_when_it_starts(client):
    group = BalintGroupFactory(status=BalintGroup.Status.FORMING, min_size=8)

    response = client.get(reverse("groups:detail", args=[group.slug]))

    assertContains(response, "sobald sich 8 Personen angemeldet haben")


@pytest.mark.django_db
def test_unknown_group_is_404(client):
    assert (
        client.get(reverse("groups:detail", args=["gibt-es-nicht"])).status_code == 404
    )


@pytest.mark.django_db
def test_catalogue_refuses_post(client):
    assert client.post(URL).status_code == 405
