import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from balintkreis.core.models import AuditEvent
from balintkreis.groups import inquiries
from balintkreis.groups.models import BalintGroup, Inquiry
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    InquiryFactory,
    MembershipFactory,
)

TODAY = reverse("groups:today")
INBOX = reverse("groups:inquiry-list")


def answer_url(inquiry):
    return reverse("groups:inquiry-answer", args=[inquiry.pk])


@pytest.mark.django_db
def test_today_shows_new_inquiries_and_group_places(secretariat_client):
    InquiryFactory(name="Clara Neu")
    InquiryFactory(name="Bert Alt", status=Inquiry.Status.ANSWERED)
    BalintGroupFactory(title="Gruppe mit Platz", capacity=10)
    full = BalintGroupFactory(title="Gruppe ohne Platz", capacity=3, min_size=3)
    MembershipFactory.create_batch(3, group=full)
    BalintGroupFactory(title="Gruppe in Pause", status=BalintGroup.Status.PAUSED)
    BalintGroupFactory(title="Gruppe vorbei", status=BalintGroup.Status.CLOSED)

    response = secretariat_client.get(TODAY)

    assert response.status_code == 200
    assertContains(response, "Heute im Sekretariat")
    assertContains(response, "Clara Neu")
    assertNotContains(response, "Bert Alt")
    assert [g.title for g in response.context["with_free_places"]] == [
        "Gruppe mit Platz"
    ]
    assert [g.title for g in response.context["full_groups"]] == ["Gruppe ohne Platz"]
    assert [g.title for g in response.context["paused_groups"]] == ["Gruppe in Pause"]
    assertNotContains(response, "Gruppe vorbei")
    assertContains(response, "1 volle Gruppe")
    # Group rows lead to the group's work pages, not to the public page.
    with_place = response.context["with_free_places"][0]
    assertContains(response, reverse("groups:application-list", args=[with_place.slug]))
    assertNotContains(
        response, f'href="{reverse("groups:detail", args=[with_place.slug])}"'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", [TODAY, INBOX])
@pytest.mark.parametrize(
    "persona", ["participant_client", "member_client", "leader_client"]
)
def test_secretariat_pages_are_403_for_other_roles(request, url, persona):
    response = request.getfixturevalue(persona).get(url)

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", [TODAY, INBOX])
def test_secretariat_pages_send_anonymous_people_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_inbox_lists_inquiries_with_status_and_filter(secretariat_client):
    InquiryFactory(name="Clara Neu", message="Wann ist der nächste Einstieg?")
    InquiryFactory(name="Bert Alt", status=Inquiry.Status.ANSWERED)

    response = secretariat_client.get(INBOX)
    assertContains(response, "Clara Neu")
    assertContains(response, "Wann ist der nächste Einstieg?")
    assertContains(response, "Bert Alt")
    assertContains(response, "Als beantwortet markieren")

    response = secretariat_client.get(INBOX, {"status": "new"})
    assertContains(response, "Clara Neu")
    assertNotContains(response, "Bert Alt")


@pytest.mark.django_db
def test_marking_an_inquiry_answered(secretariat_client, secretariat):
    inquiry = InquiryFactory(name="Clara Neu")

    response = secretariat_client.post(answer_url(inquiry), follow=True)

    assertRedirects(response, INBOX)
    assertContains(response, "Die Anfrage von Clara Neu ist als beantwortet markiert.")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED
    assert inquiry.answered_at is not None
    event = AuditEvent.objects.get(action="groups.inquiry.answered")
    assert event.actor == secretariat


@pytest.mark.django_db
def test_marking_twice_warns_and_changes_nothing(secretariat_client):
    inquiry = InquiryFactory(status=Inquiry.Status.ANSWERED)

    response = secretariat_client.post(answer_url(inquiry), follow=True)

    assertContains(response, "Diese Anfrage ist bereits als beantwortet markiert.")


@pytest.mark.django_db
def test_mark_answered_rule_refuses_a_second_answer(secretariat):
    inquiry = InquiryFactory()
    inquiries.mark_answered(inquiry, by=secretariat)

    with pytest.raises(inquiries.AlreadyAnswered):
        inquiries.mark_answered(inquiry, by=secretariat)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant_client", "leader_client"])
def test_marking_answered_is_403_for_other_roles(request, persona):
    inquiry = InquiryFactory()

    response = request.getfixturevalue(persona).post(answer_url(inquiry))

    assert response.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


@pytest.mark.django_db
def test_marking_answered_needs_post_and_an_existing_inquiry(secretariat_client):
    inquiry = InquiryFactory()

    assert secretariat_client.get(answer_url(inquiry)).status_code == 405
    missing = reverse("groups:inquiry-answer", args=[inquiry.pk + 100])
    assert secretariat_client.post(missing).status_code == 404


@pytest.mark.django_db
def test_marking_answered_sends_anonymous_people_to_log_in(client):
    inquiry = InquiryFactory()

    response = client.post(answer_url(inquiry))

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW
