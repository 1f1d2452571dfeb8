import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

pytestmark = pytest.mark.django_db


def apply_url(group):
    return reverse("groups:apply", args=[group.slug])


def test_apply_page_shows_form_with_free_places(participant_client, group):
    response = participant_client.get(apply_url(group))
    assertContains(response, "Schweigepflichtvereinbarung")
    assertContains(response, "12 Plätze sind frei.")
    assert response.content.decode().count("<h1") == 1


def test_anonymous_visitor_is_sent_to_log_in(client, group):
    response = client.get(apply_url(group))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_apply_creates_application_and_redirects_to_my_groups(
    participant_client, participant, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = participant_client.post(
            apply_url(group), {"message": "Ich freue mich", "confidentiality": "on"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:my-groups")
    application = Application.objects.get(user=participant)
    assert application.status == Application.Status.PENDING
    assert application.message == "Ich freue mich"
    page = participant_client.get(response["Location"])
    assertContains(page, "Vielen Dank, Ihre Anmeldung ist eingegangen.")
    assertContains(page, "wartet auf Entscheidung")
    assert any(m.to == [participant.email] for m in mail.outbox)


def test_apply_without_confidentiality_is_refused_and_keeps_input(
    participant_client, group
):
    response = participant_client.post(apply_url(group), {"message": "Mein Text"})
    assert response.status_code == 422
    assertContains(
        response,
        "Bitte akzeptieren Sie die Schweigepflichtvereinbarung",
        status_code=422,
    )
    assertContains(response, "Mein Text", status_code=422)
    assert not Application.objects.exists()


def test_double_click_makes_one_application_and_says_so(participant_client, group):
    data = {"message": "", "confidentiality": "on"}
    participant_client.post(apply_url(group), data)
    response = participant_client.post(apply_url(group), data, follow=True)
    assert Application.objects.count() == 1
    assertContains(response, "Sie haben sich bereits für diese Gruppe angemeldet.")


def test_apply_page_says_when_already_applied(participant_client, participant, group):
    ApplicationFactory(group=group, user=participant)
    response = participant_client.get(apply_url(group))
    assertContains(response, "Sie haben sich bereits für diese Gruppe angemeldet")
    assert '<form method="post" class="apply-form"' not in response.content.decode()


def test_paused_group_says_so(participant_client):
    group = BalintGroupFactory(status=BalintGroup.Status.PAUSED)
    response = participant_client.get(apply_url(group))
    assertContains(response, "Diese Gruppe pausiert")
    response = participant_client.post(apply_url(group), {"confidentiality": "on"})
    assertContains(response, "Diese Gruppe pausiert", status_code=422)
    assert not Application.objects.exists()


def test_closed_group_unknown_to_the_person_is_404(participant_client):
    group = BalintGroupFactory(status=BalintGroup.Status.CLOSED)
    assert participant_client.get(apply_url(group)).status_code == 404


def test_closed_group_says_so_to_a_former_member(participant_client, participant):
    group = BalintGroupFactory(status=BalintGroup.Status.CLOSED)
    MembershipFactory(group=group, user=participant, ended_on=timezone.localdate())
    response = participant_client.get(apply_url(group))
    assertContains(response, "Diese Gruppe ist geschlossen")


def test_full_group_tells_applicant_the_waiting_position(participant_client, group):
    for _ in range(group.capacity):
        MembershipFactory(group=group)
    response = participant_client.post(
        apply_url(group), {"confidentiality": "on"}, follow=True
    )
    assertContains(response, "Sie stehen auf Platz 1 der Warteliste")
    assertContains(response, "Position auf der Warteliste: 1")


def test_leader_sees_queue_and_accepts_with_entry_date(
    leader_client, group, participant
):
    application = ApplicationFactory(group=group, user=participant, message="Hallo")
    response = leader_client.get(reverse("groups:application-list", args=[group.slug]))
    assertContains(response, participant.display_name)
    assertContains(response, "Hallo")
    url = reverse("groups:application-accept", args=[group.slug, application.pk])
    entry = timezone.localdate() + datetime.timedelta(days=7)
    response = leader_client.post(url, {"entry_on": entry.isoformat(), "note": ""})
    assert response.status_code == 302
    membership = Membership.objects.get(user=participant)
    assert membership.started_on == entry
    page = leader_client.get(response["Location"])
    assertContains(page, "ist jetzt Mitglied der Gruppe")


def test_accept_without_entry_date_is_refused(leader_client, group):
    application = ApplicationFactory(group=group)
    url = reverse("groups:application-accept", args=[group.slug, application.pk])
    response = leader_client.post(url, {"entry_on": "", "note": "Willkommen"})
    assert response.status_code == 422
    assertContains(response, "Willkommen", status_code=422)
    assert not Membership.objects.exists()


def test_decline_needs_a_reason(leader_client, group):
    application = ApplicationFactory(group=group)
    url = reverse("groups:application-decline", args=[group.slug, application.pk])
    response = leader_client.post(url, {"reason": ""})
    assertContains(response, "Bitte geben Sie eine Begründung", status_code=422)
    response = leader_client.post(url, {"reason": "Gruppe passt nicht"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED


def test_deciding_twice_shows_an_error(leader_client, group):
    application = ApplicationFactory(group=group, status=Application.Status.WITHDRAWN)
    url = reverse("groups:application-decline", args=[group.slug, application.pk])
    response = leader_client.post(url, {"reason": "x"})
    assertContains(response, "bereits entschieden", status_code=422)


def test_application_of_another_group_is_404(leader_client, group):
    other = ApplicationFactory()
    url = reverse("groups:application-accept", args=[group.slug, other.pk])
    assert leader_client.get(url).status_code == 404


def test_queue_query_count_does_not_grow_with_rows(
    leader_client, group, django_assert_max_num_queries
):
    for _ in range(3):
        ApplicationFactory(group=group)
    url = reverse("groups:application-list", args=[group.slug])
    # session, user, group, free places (2), pending, recent, messages
    with django_assert_max_num_queries(10):
        leader_client.get(url)
    for _ in range(27):
        ApplicationFactory(group=group)
    with django_assert_max_num_queries(10):
        leader_client.get(url)
