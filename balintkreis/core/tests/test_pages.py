import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.site.views import PAGES

TITLES = {
    "balintgruppe": "Was ist eine Balintgruppe?",
    "fuer-wen": "Für wen?",
    "anerkennung": "Anerkennung und Fortbildungspunkte",
    "online-gruppen": "Online-Gruppen",
    "mentoring": "Mentoring",
    "datenschutz": "Datenschutzhinweise",
    "impressum": "Impressum",
}


def test_every_page_has_a_german_title():
    assert set(TITLES) == PAGES


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "title"), TITLES.items())
def test_info_page_is_german_with_one_h1(client, slug, title):
    response = client.get(reverse("core:page", args=[slug]))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assertContains(response, f"<h1>{title}</h1>", html=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "text"),
    [
        ("anerkennung", "Kategorie C"),
        ("anerkennung", "in der Regel 3 Punkte"),
        ("anerkennung", "15 Doppelsitzungen zu 90 Minuten (30 Stunden)"),
        ("anerkennung", "mindestens sechs Monate"),
        ("anerkennung", "die erste und die letzte Sitzung in Präsenz"),
        ("online-gruppen", "Jitsi Meet"),
        ("online-gruppen", "Chrome, Edge, Opera oder Brave"),
        ("online-gruppen", "keine Videos zu streamen"),
        ("mentoring", "etwa drei Treffen"),
        ("mentoring", "persönliche Supervision"),
        ("datenschutz", "markierten Stellen vor dem Start ergänzen"),
        ("datenschutz", "Keine Patientendaten."),
        ("impressum", "muss die folgenden Angaben vor dem Start ergänzen"),
    ],
)
def test_info_pages_state_the_domain_facts(client, slug, text):
    assertContains(client.get(reverse("core:page", args=[slug])), text)


@pytest.mark.django_db
def test_privacy_notice_shows_its_version(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2030-01"

    assertContains(client.get(reverse("core:page", args=["datenschutz"])), "2030-01")


@pytest.mark.django_db
def test_unknown_page_is_404(client):
    assert client.get(reverse("core:page", args=["gibt-es-nicht"])).status_code == 404


@pytest.mark.django_db
def test_home_links_to_catalogue_contact_and_info_pages(client):
    response = client.get(reverse("core:home"))

    assertContains(response, "So funktioniert es")
    assertContains(response, reverse("groups:catalogue"))
    assertContains(response, reverse("groups:contact"))
    for slug in ["balintgruppe", "fuer-wen", "anerkennung", "online-gruppen"]:
        assertContains(response, reverse("core:page", args=[slug]))
