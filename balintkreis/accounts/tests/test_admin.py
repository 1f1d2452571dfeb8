import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.models import Consent
from balintkreis.accounts.tests.factories import ChamberFactory, UserFactory

EFN = "802760020090329"


@pytest.fixture
def admin_client_de(db):
    admin = UserFactory(
        is_staff=True, is_superuser=True, is_secretariat=True, first_name="Ada"
    )
    client = Client()
    client.force_login(admin)
    return client


def test_people_list_masks_efn_and_filters(admin_client_de, leader):
    UserFactory(first_name="Erika", last_name="Efn", efn=EFN, chamber=ChamberFactory())
    url = reverse("admin:accounts_user_changelist")
    response = admin_client_de.get(url)
    assertContains(response, "80276•••••••329")
    assertNotContains(response, EFN)
    assertContains(response, "Gruppenleitung")
    response = admin_client_de.get(url, {"role": "leader"})
    assertContains(response, leader.email)
    assertNotContains(response, "Erika")
    response = admin_client_de.get(url, {"q": "Erika"})
    assertContains(response, "80276•••••••329")


def test_efn_is_not_searchable(admin_client_de):
    UserFactory(first_name="Erika", efn=EFN)
    response = admin_client_de.get(
        reverse("admin:accounts_user_changelist"), {"q": EFN}
    )
    assertNotContains(response, "Erika")


def test_change_page_shows_inlines_and_masked_efn(admin_client_de, leader):
    leader.efn = EFN
    leader.save()
    Consent.objects.create(user=leader, kind=Consent.Kind.PRIVACY, version="2026-11")
    response = admin_client_de.get(
        reverse("admin:accounts_user_change", args=[leader.pk])
    )
    assert response.status_code == 200
    assertContains(response, "80276•••••••329")
    assertNotContains(response, EFN)
    assertContains(response, "Psychosomatische Medizin")
    assertContains(response, "2026-11")


def test_add_person_page_renders(admin_client_de):
    response = admin_client_de.get(reverse("admin:accounts_user_add"))
    assert response.status_code == 200
    assertContains(response, 'name="email"')
