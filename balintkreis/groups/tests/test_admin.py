import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.models import Inquiry
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    InquiryFactory,
    MembershipFactory,
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True, is_secretariat=True)
    )
    return client


@pytest.mark.django_db
def test_group_list_shows_computed_free_places(admin_client):
    group = BalintGroupFactory(title="Gruppe Jena", capacity=10)
    MembershipFactory.create_batch(4, group=group)

    response = admin_client.get(reverse("admin:groups_balintgroup_changelist"))

    assertContains(response, "Gruppe Jena")
    assertContains(response, "Freie Plätze")
    assertContains(response, '<td class="field-free_places_display">6</td>', html=True)


@pytest.mark.django_db
def test_group_list_search_and_filters(admin_client):
    BalintGroupFactory(title="Gruppe Jena", city="Jena")
    BalintGroupFactory(title="Gruppe Gera", city="Gera")
    url = reverse("admin:groups_balintgroup_changelist")

    response = admin_client.get(url, {"q": "Gera"})
    assert [g.title for g in response.context["cl"].result_list] == ["Gruppe Gera"]

    response = admin_client.get(url, {"city": "Jena"})
    assert [g.title for g in response.context["cl"].result_list] == ["Gruppe Jena"]


@pytest.mark.django_db
def test_group_form_has_german_labels_entry_dates_and_fee(admin_client):
    schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=schedule)
    group = BalintGroupFactory(fee_schedule=schedule)

    response = admin_client.get(
        reverse("admin:groups_balintgroup_change", args=[group.pk])
    )

    assertContains(response, "Einstiegstermine")
    assertContains(response, "Kurzname in der Adresse")
    assertContains(response, "45.00 € je Doppelsitzung, 450.00 € je Laufzeit")


@pytest.mark.django_db
def test_fee_schedule_form_has_tier_inline(admin_client):
    schedule = FeeScheduleFactory()

    response = admin_client.get(
        reverse("admin:groups_feeschedule_change", args=[schedule.pk])
    )

    assertContains(response, "Gebührenstufen")


@pytest.mark.django_db
def test_admin_action_marks_inquiries_answered(admin_client):
    inquiry = InquiryFactory()

    response = admin_client.post(
        reverse("admin:groups_inquiry_changelist"),
        {"action": "mark_answered", "_selected_action": [inquiry.pk]},
        follow=True,
    )

    assertContains(response, "1 Anfrage als beantwortet markiert.")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["balintgroup", "feeschedule", "membership", "inquiry"],
)
def test_admin_pages_load(admin_client, name):
    response = admin_client.get(reverse(f"admin:groups_{name}_changelist"))
    assert response.status_code == 200
    response = admin_client.get(reverse(f"admin:groups_{name}_add"))
    assert response.status_code == 200
