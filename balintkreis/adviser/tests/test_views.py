import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import ChamberFactory, UserFactory
from balintkreis.adviser import catalogue
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory
from balintkreis.record.tests.factories import ChosenTargetFactory, OutsideEntryFactory

URL = reverse("adviser:adviser")
PSGV_HAUSARZT = {
    "profession": "physician",
    "specialty": "general",
    "in_training": "yes",
    "goal": "psgv",
    "completed": "0",
    "mode": "both",
    "region": "TH",
    "city": "Jena",
}


def in_days(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))


def plan(group: BalintGroup, count: int, *, every: int = 14, online: bool = False):
    for index in range(count):
        MeetingFactory(
            group=group,
            starts_at=in_days(3 + index * every),
            format=Meeting.Format.ONLINE if online else Meeting.Format.IN_PERSON,
        )


@pytest.fixture
def thueringen(db):
    return ChamberFactory()


@pytest.mark.django_db
def test_the_questions_are_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Welche Weiterbildung passt zu mir?" in response.text
    assert "Ihr Beruf" in response.text


@pytest.mark.django_db
def test_home_and_navigation_link_to_the_adviser(client):
    html = client.get(reverse("core:home")).text
    assert html.count(f'href="{URL}"') >= 2


@pytest.mark.django_db
def test_answer_for_a_hausarzt_in_training_who_needs_psgv(client, thueringen):
    jena = BalintGroupFactory(title="Jena Mitte", chamber=thueringen)
    plan(jena, 6)
    BalintGroupFactory(
        title="Nur online", format=BalintGroup.Format.ONLINE, city="", venue=""
    )
    BalintGroupFactory(title="Gruppe in Berlin", city="Berlin")
    response = client.get(URL, PSGV_HAUSARZT)
    assert response.status_code == 200
    html = response.text
    assert "Ihr Ziel: Psychosomatische Grundversorgung (Kammer)" in html
    assert "Quelle: BÄK (Muster-)Kursbuch Psychosomatische Grundversorgung." in html
    assert "Jena Mitte" in html
    assert "Gruppe in Berlin" not in html
    assert "rein online stattfindende Gruppe wird nicht aufgeführt" in html
    assert reverse("groups:detail", args=[jena.slug]) in html
    assert "etwa 7 Monate, also etwa bis" in html
    assert "Einstieg möglich am" in html


@pytest.mark.django_db
def test_unconfirmed_value_asks_to_check_with_the_chamber(client):
    response = client.get(
        URL,
        {"profession": "physician", "specialty": "psychiatry", "goal": "specialist"},
    )
    assert "Dieser Wert ist nicht bestätigt." in response.text
    assert "Bitte bei Ihrer Kammer prüfen." in response.text


@pytest.mark.django_db
def test_invalid_answers_keep_the_input_and_say_what_is_wrong(client):
    response = client.get(
        URL, {"profession": "", "goal": "psgv", "completed": "viele", "city": "Gera"}
    )
    assert response.status_code == 422
    html = response.text
    assert "Bitte wählen Sie Ihren Beruf." in html
    assert "Bitte geben Sie eine ganze Zahl ein" in html
    assert 'value="Gera"' in html
    assert 'value="viele"' in html


@pytest.mark.django_db
def test_unknown_choice_is_a_german_error_not_a_500(client):
    response = client.get(URL, {"profession": "astronaut", "goal": "mars"})
    assert response.status_code == 422


@pytest.mark.django_db
def test_psychologist_learns_what_counts_for_them(client):
    BalintGroupFactory(title="Offene Gruppe")
    response = client.get(URL, {"profession": "pp", "goal": "psgv"})
    html = response.text
    assert "Qualifikationen für Ärztinnen und Ärzte" in html
    assert "2 Punkte je Doppelsitzung" in html
    assert "Offene Gruppe" in html


@pytest.mark.django_db
def test_english_works(client):
    client.cookies["django_language"] = "en"
    response = client.get(
        URL, {"profession": "physician", "goal": "cme"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "What CME points" not in response.text
    assert "Category C" in response.text or "category C" in response.text


def _signed_in_hausarzt(chamber) -> tuple[User, Client]:
    person = UserFactory(
        profession=User.Profession.TRAINEE,
        specialty="Allgemeinmedizin",
        chamber=chamber,
    )
    group = BalintGroupFactory()
    for days in (40, 26, 12):
        AttendanceFactory(
            meeting=MeetingFactory(group=group, starts_at=in_days(-days)),
            user=person,
            confirmed=True,
        )
    OutsideEntryFactory(user=person, double_sessions=4)
    client = Client()
    client.force_login(person)
    return person, client


@pytest.mark.django_db
def test_signed_in_person_finds_profile_and_record_filled_in(thueringen):
    _person, client = _signed_in_hausarzt(thueringen)
    html = client.get(URL).text
    # Every counted double session: 3 on the platform, 4 from outside.
    assert 'value="7"' in html
    assert '<option value="general" selected>' in html
    assert '<option value="TH" selected>' in html
    assert "Ihr Profil und Ihr Balint-Konto" in html


@pytest.mark.django_db
def test_a_target_chosen_in_the_record_is_the_goal(thueringen):
    person, client = _signed_in_hausarzt(thueringen)
    ChosenTargetFactory(user=person, key="psgv")
    html = client.get(URL).text
    assert 'value="psgv" class="choices" required id="id_goal_0" checked' in html
    # PSGV counts the best series only: the outside entry's 4 double sessions
    # beat the platform group's 3.
    assert '<input type="number" name="completed" value="4"' in html


@pytest.mark.django_db
def test_the_answer_names_what_the_record_counts(thueringen):
    _person, client = _signed_in_hausarzt(thueringen)
    html = client.get(URL, PSGV_HAUSARZT | {"completed": "4"}).text
    assert "Doppelsitzungen zählen für dieses Ziel." in html
    assert "Davon sind 4 noch nicht bestätigt." in html
    assert reverse("record:overview") in html


@pytest.mark.django_db
def test_a_signed_in_member_continues_in_their_own_group(thueringen):
    _person, client = _signed_in_hausarzt(thueringen)
    html = client.get(URL, PSGV_HAUSARZT | {"region": "", "city": ""}).text
    assert "Ihre Gruppe" in html
    assert "Ihre Serie in dieser Gruppe hat 3 Doppelsitzungen" in html


def _answer_queries(client, django_assert_num_queries, settings, groups: int) -> None:
    # The rate limit's counter lives in the cache (Redis in production);
    # the database cache of the test settings would add its own queries.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    for index in range(groups):
        group = BalintGroupFactory(title=f"Gruppe {index}")
        plan(group, 2)
    # 1 the listed groups with leaders, chamber and free places
    # 2 their entry dates
    # 3 their planned dates within a year
    with django_assert_num_queries(3):
        response = client.get(URL, PSGV_HAUSARZT | {"region": "", "city": ""})
    assert response.text.count('class="card"') == groups


@pytest.mark.django_db
def test_queries_for_3_groups(client, django_assert_num_queries, settings):
    _answer_queries(client, django_assert_num_queries, settings, 3)


@pytest.mark.django_db
def test_queries_for_30_groups(client, django_assert_num_queries, settings):
    _answer_queries(client, django_assert_num_queries, settings, 30)


@pytest.mark.django_db
def test_chamber_of_a_state(thueringen):
    ChamberFactory(name="Ärztekammer Sachsen-Anhalt", short_name="ÄKSA")
    assert catalogue.chamber_for("TH") == "LÄKTh"
    assert catalogue.chamber_for("SN") is None
    assert catalogue.chamber_for("ST") == "ÄKSA"
    assert catalogue.chamber_for("") is None
