import pytest
from django.core import mail
from django.urls import reverse

from balintkreis.mentoring import mentorships
from balintkreis.mentoring.models import Mentorship


def _url(mentorship):
    return reverse("mentoring:mentorship-end", args=[mentorship.pk])


@pytest.mark.django_db(transaction=True)
def test_mentee_ends_with_closing_feedback(mentee_client, mentorship, mentor):
    response = mentee_client.post(
        _url(mentorship), {"feedback": "Sehr hilfreich beim Kammerantrag."}
    )

    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED
    assert mentorship.closing_feedback == "Sehr hilfreich beim Kammerantrag."
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "Mentoring beendet" in mail.outbox[0].subject


def test_feedback_is_required(mentee_client, mentorship):
    response = mentee_client.post(_url(mentorship), {"feedback": ""})
    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_ended_mentorship_cannot_end_again(mentorship, mentor):
    mentorships.end(mentorship, by=mentor, feedback="Danke")
    with pytest.raises(mentorships.MentorshipError):
        mentorships.end(mentorship, by=mentor, feedback="Danke")


def test_outsider_cannot_end(outsider_client, mentorship):
    assert outsider_client.post(_url(mentorship), {"feedback": "x"}).status_code == 404
