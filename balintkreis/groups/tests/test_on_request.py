"""Seed 000: "Kosten und freie Plätze auf Anfrage" in catalogue and group page;
a change of a group shows at once for anonymous visitors (page cache); members
hear of a new format."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.groups import group_changes
from balintkreis.groups.admin import BalintGroupAdmin
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeTierFactory,
    MembershipFactory,
)
from balintkreis.notifications.models import OutboxEmail

CATALOGUE = reverse("groups:catalogue")


@pytest.fixture
def on_request(db):
    tier = FeeTierFactory(price_per_session="45.00")
    return BalintGroupFactory(
        title="Balintgruppe Thüringen",
        slug="thueringen",
        fee_schedule=tier.schedule,
        fee_and_places_on_request=True,
    )


@pytest.mark.django_db
def test_catalogue_says_on_request_with_a_button_to_ask(client, on_request):
    page = client.get(CATALOGUE)

    assertContains(page, "auf Anfrage")
    assertContains(page, "freie Plätze auf Anfrage")
    assertNotContains(page, "45,00")
    assertNotContains(page, "12 freie Plätze")
    ask = f"{reverse('groups:contact')}?gruppe=thueringen&amp;frage=kosten"
    assertContains(page, ask)
    assertContains(page, "Kosten und freie Plätze erfragen")


@pytest.mark.django_db
def test_group_page_says_on_request(client, on_request):
    page = client.get(reverse("groups:detail", args=["thueringen"]))

    assertContains(page, "auf Anfrage")
    assertNotContains(page, "45,00")
    assertNotContains(page, "12 von 12")
    assertNotContains(page, "Plätze sind frei")
    assertContains(page, "Kosten und freie Plätze erfragen")


@pytest.mark.django_db
def test_the_button_leads_to_the_inquiry_form_for_that_group(client, on_request):
    page = client.get(
        reverse("groups:contact"), {"gruppe": "thueringen", "frage": "kosten"}
    )

    form = page.context["form"]
    assert form.initial["group"] == "thueringen"
    assert "Balintgruppe Thüringen" in form.initial["message"]
    assertContains(page, "Bitte nennen Sie mir die Gebühr und die freien Plätze")


@pytest.mark.django_db
def test_the_free_places_filter_keeps_groups_on_request(client, on_request):
    full = BalintGroupFactory(title="Volle Gruppe", capacity=3, min_size=3)
    MembershipFactory.create_batch(3, group=full)

    page = client.get(CATALOGUE, {"free_only": "on"})

    assertContains(page, "Balintgruppe Thüringen")
    assertNotContains(page, "Volle Gruppe")


@pytest.mark.django_db
def test_a_change_in_the_administration_shows_at_once_for_visitors(
    client, settings, secretariat, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    tier = FeeTierFactory(price_per_session="45.00")
    group = BalintGroupFactory(title="Gruppe Erfurt", fee_schedule=tier.schedule)
    assertContains(client.get(CATALOGUE), "45,00")

    group.fee_and_places_on_request = True
    group.save()
    assertContains(client.get(CATALOGUE), "45,00")  # still the cached page

    request = RequestFactory().post("/admin/")
    request.user = secretariat

    class Form:
        initial = {"format": group.format}

    with django_capture_on_commit_callbacks(execute=True):
        BalintGroupAdmin(BalintGroup, None).save_model(request, group, Form(), True)

    page = client.get(CATALOGUE)
    assertNotContains(page, "45,00")
    assertContains(page, "auf Anfrage")


@pytest.mark.django_db
def test_members_hear_of_a_new_format_in_their_language(secretariat):
    group = BalintGroupFactory(title="Gruppe Weimar")
    german = MembershipFactory(
        group=group, user__first_name="Hanna", user__last_name="Neumann"
    ).user
    german.form_of_address, german.title = "ms", "Dr. med."
    german.save()
    english = MembershipFactory(
        group=group, user__last_name="Smith", user__form_of_address="mr"
    ).user
    english.language = "en"
    english.save()
    MembershipFactory(group=group, ended_on="2020-01-01", started_on="2019-01-01")

    group.format = BalintGroup.Format.ONLINE
    group.save()
    told = group_changes.group_changed(group, by=secretariat, old_format="in_person")

    assert told == 2
    de = OutboxEmail.objects.get(to=german.email)
    assert de.subject == "Neues Format der Gruppe „Gruppe Weimar“"
    assert de.body_text.startswith("Sehr geehrte Frau Dr. Neumann,")
    assert "bisher in Präsenz, künftig online" in de.body_text
    assert "Technik-Check" in de.body_text
    en = OutboxEmail.objects.get(to=english.email)
    assert en.subject == "New format of the group “Gruppe Weimar”"
    assert en.body_text.startswith("Dear Mr Smith,")
    assert "until now in person, from now on online" in en.body_text


@pytest.mark.django_db
def test_no_mail_when_the_format_stays(secretariat):
    group = BalintGroupFactory()
    MembershipFactory(group=group)

    assert (
        group_changes.group_changed(group, by=secretariat, old_format="in_person") == 0
    )
    assert group_changes.group_changed(group, by=secretariat) == 0
    assert not OutboxEmail.objects.exists()
