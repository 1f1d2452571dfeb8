import pytest
from django.core import mail
from django.urls import reverse

from balintkreis.mentoring import mentee_requests
from balintkreis.mentoring.models import MentoringRequest, Mentorship, Topic
from balintkreis.mentoring.tests.factories import (
    MentoringRequestFactory,
    MentorProfileFactory,
    MentorshipFactory,
)


def _create_url(profile):
    return reverse("mentoring:request-create", args=[profile.pk])


def _data(**overrides):
    data = {
        "situation": "new",
        "topics": [Topic.objects.get(code="acquisition").pk],
        "message": "Ich möchte in Gera eine Gruppe gründen.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db(transaction=True)
def test_mentee_sends_request_and_both_get_an_email(
    mentee, mentee_client, mentor_profile
):
    response = mentee_client.post(_create_url(mentor_profile), _data())

    request = MentoringRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("mentoring:request-detail", args=[request.pk])
    assert request.mentee == mentee
    assert request.status == "pending"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [mentee.email, mentor_profile.user.email]
    )
    to_mentor = next(m for m in mail.outbox if m.to == [mentor_profile.user.email])
    assert "Neue Mentoring-Anfrage von Mia Mentee" in to_mentor.subject
    assert to_mentor.alternatives  # HTML part


def test_invalid_request_keeps_input_and_saves_nothing(mentee_client, mentor_profile):
    response = mentee_client.post(
        _create_url(mentor_profile), _data(topics=[], message="Mein Plan")
    )
    assert response.status_code == 422
    assert "Mein Plan" in response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not MentoringRequest.objects.exists()


def test_request_page_shows_the_boundary(mentee_client, mentor_profile):
    html = mentee_client.get(_create_url(mentor_profile)).content.decode()
    assert "ersetzt weder Supervision noch kollegiale Intervision" in html


def test_second_pending_request_to_same_mentor_is_refused(
    mentee_client, mentor_profile
):
    mentee_client.post(_create_url(mentor_profile), _data())
    response = mentee_client.post(_create_url(mentor_profile), _data())
    assert response.status_code == 422
    assert "bereits eine Anfrage" in response.content.decode()
    assert MentoringRequest.objects.count() == 1


def test_full_mentor_cannot_be_asked(mentee, mentor_profile):
    mentor_profile.max_mentees = 1
    mentor_profile.save()
    MentorshipFactory(request__mentor=mentor_profile.user)
    with pytest.raises(mentee_requests.RequestError):
        mentee_requests.send(
            mentor_profile, mentee=mentee, situation="new", topics=[], message="Hallo"
        )


def test_mentor_cannot_ask_themselves(mentor_profile):
    with pytest.raises(mentee_requests.RequestError):
        mentee_requests.send(
            mentor_profile,
            mentee=mentor_profile.user,
            situation="new",
            topics=[],
            message="Hallo",
        )


@pytest.mark.django_db(transaction=True)
def test_mentor_accepts_and_both_get_an_email(mentor_client, mentor_profile, mentee):
    request = MentoringRequestFactory(mentor=mentor_profile.user, mentee=mentee)

    response = mentor_client.post(
        reverse("mentoring:request-accept", args=[request.pk])
    )

    mentorship = Mentorship.objects.get()
    assert response.url == reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    request.refresh_from_db()
    assert request.status == "accepted"
    assert {m.to[0] for m in mail.outbox} == {mentee.email, mentor_profile.user.email}
    assert all(m.subject.endswith("Mentoring-Anfrage angenommen") for m in mail.outbox)
    to_mentee = next(m for m in mail.outbox if m.to == [mentee.email])
    assert mentor_profile.user.email in to_mentee.body


def test_accept_respects_capacity(mentor_client, mentor_profile):
    mentor_profile.max_mentees = 1
    mentor_profile.save()
    MentorshipFactory(request__mentor=mentor_profile.user)
    request = MentoringRequestFactory(mentor=mentor_profile.user)

    response = mentor_client.post(
        reverse("mentoring:request-accept", args=[request.pk]), follow=True
    )

    assert "so viele Mentees" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"
    assert Mentorship.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_mentor_declines_with_reason(mentor_client, mentor_profile, mentee):
    request = MentoringRequestFactory(mentor=mentor_profile.user, mentee=mentee)

    response = mentor_client.post(
        reverse("mentoring:request-decline", args=[request.pk]),
        {"reason": "Zurzeit keine Kapazität."},
    )

    assert response.url == reverse("mentoring:home")
    request.refresh_from_db()
    assert request.status == "declined"
    assert request.decline_reason == "Zurzeit keine Kapazität."
    to_mentee = next(m for m in mail.outbox if m.to == [mentee.email])
    assert "Zurzeit keine Kapazität." in to_mentee.body


def test_mentee_cannot_accept_own_request(mentee_client, mentee, mentor_profile):
    request = MentoringRequestFactory(mentor=mentor_profile.user, mentee=mentee)
    url = reverse("mentoring:request-accept", args=[request.pk])
    assert mentee_client.post(url).status_code == 403


def test_mentor_cannot_withdraw_the_mentees_request(mentor_client, mentor_profile):
    request = MentoringRequestFactory(mentor=mentor_profile.user)
    url = reverse("mentoring:request-withdraw", args=[request.pk])
    assert mentor_client.post(url).status_code == 403


def test_mentee_withdraws(mentee_client, mentee, mentor_profile):
    request = MentoringRequestFactory(mentor=mentor_profile.user, mentee=mentee)
    mentee_client.post(reverse("mentoring:request-withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "withdrawn"


@pytest.mark.parametrize(
    "name",
    [
        "mentoring:request-detail",
        "mentoring:request-accept",
        "mentoring:request-decline",
    ],
)
def test_outsider_and_secretariat_get_404(outsider_client, secretariat_client, name):
    request = MentoringRequestFactory()
    url = reverse(name, args=[request.pk])
    method = "get" if name.endswith("detail") else "post"
    assert getattr(outsider_client, method)(url).status_code == 404
    assert getattr(secretariat_client, method)(url).status_code == 404


def test_answered_request_cannot_be_answered_again(mentor_profile):
    request = MentoringRequestFactory(mentor=mentor_profile.user)
    mentee_requests.decline(request)
    with pytest.raises(mentee_requests.RequestError):
        mentee_requests.accept(request)


def test_unlisted_mentor_cannot_be_asked(mentee_client):
    hidden = MentorProfileFactory(is_listed=False)
    assert mentee_client.get(_create_url(hidden)).status_code == 404
