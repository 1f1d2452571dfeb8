import pytest
from django.core import mail
from django.urls import reverse

from balintkreis.core.models import AuditEvent
from balintkreis.feedback import notes, presenter
from balintkreis.feedback.models import LeaderNote, PresenterFeedback

pytestmark = pytest.mark.django_db

ANSWERS = {
    "held_by_group": "4",
    "held_by_leadership": "5",
    "what_helped": "Die ruhige Art der Leitung.",
    "what_was_hard": "Die lange Stille am Anfang.",
}


@pytest.fixture
def asked(past_meeting, member, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return presenter.request_feedback(past_meeting, presenter=member, by=leader)


def test_leader_asks_the_presenter_who_gets_an_email(asked, member):
    assert mail.outbox[0].to == [member.email]
    assert "fallvorstellung" in mail.outbox[0].body


def test_leader_asks_through_the_page(leader_client, past_meeting, member):
    response = leader_client.post(
        reverse("feedback:request", args=[past_meeting.pk]),
        {"presenter": member.pk},
        follow=True,
    )
    assert "um eine Rückmeldung gebeten" in response.content.decode()
    assert PresenterFeedback.objects.filter(presenter=member).exists()


def test_asking_twice_is_refused_in_german(leader_client, asked, member):
    response = leader_client.post(
        reverse("feedback:request", args=[asked.meeting.pk]), {"presenter": member.pk}
    )
    assert response.status_code == 422
    assert "bereits um eine Rückmeldung gebeten" in response.content.decode()


def test_presenter_submits_once(member_client, asked):
    url = reverse("feedback:presenter-form", args=[asked.meeting.pk])
    response = member_client.post(url, ANSWERS, follow=True)
    assert "Vielen Dank" in response.content.decode()
    asked.refresh_from_db()
    assert asked.held_by_group == 4
    assert asked.submitted_at is not None


def test_text_that_names_a_patient_is_held_back(member_client, asked):
    url = reverse("feedback:presenter-form", args=[asked.meeting.pk])
    answers = {**ANSWERS, "what_was_hard": "Frau Becker hat mich sehr beschäftigt."}
    response = member_client.post(url, answers)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Frau Becker" in html
    assert "Person mit Anrede" in html
    asked.refresh_from_db()
    assert asked.submitted_at is None
    confirmed = member_client.post(url, {**answers, "confirm_no_patient_data": "on"})
    assert confirmed.status_code == 302


def test_missing_scale_is_an_error(member_client, asked):
    url = reverse("feedback:presenter-form", args=[asked.meeting.pk])
    response = member_client.post(url, {**ANSWERS, "held_by_group": ""})
    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()


def test_member_not_asked_gets_403_outsider_404(
    member_client, outsider_client, past_meeting
):
    url = reverse("feedback:presenter-form", args=[past_meeting.pk])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


def test_only_leaders_read_feedback_and_reads_are_logged(
    leader_client, member_client, outsider_client, asked
):
    presenter.submit(
        asked,
        held_by_group=3,
        held_by_leadership=4,
        what_helped="Zuhören",
        what_was_hard="",
    )
    url = reverse("feedback:meeting", args=[asked.meeting.pk])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404
    response = leader_client.get(url)
    assert "Zuhören" in response.content.decode()
    assert AuditEvent.objects.filter(action="feedback.presenter.read").count() == 1


def test_private_note_only_for_its_author(leader_client, leader, past_meeting, group):
    url = reverse("feedback:note", args=[past_meeting.pk])
    response = leader_client.post(url, {"text": "Gruppe wirkte müde."}, follow=True)
    assert "Ihre private Notiz wurde gespeichert" in response.content.decode()
    assert LeaderNote.objects.get().author == leader
    page = leader_client.get(reverse("feedback:meeting", args=[past_meeting.pk]))
    assert "Gruppe wirkte müde." in page.content.decode()
    assert AuditEvent.objects.filter(action="feedback.note.read").exists()
    from balintkreis.accounts.tests.factories import LeaderFactory

    co_leader = LeaderFactory()
    group.co_leader = co_leader
    group.save()
    assert notes.read_note(past_meeting, author=co_leader) is None


def test_empty_note_is_refused(leader_client, past_meeting):
    response = leader_client.post(
        reverse("feedback:note", args=[past_meeting.pk]), {"text": ""}
    )
    assert response.status_code == 422
    assert not LeaderNote.objects.exists()


def test_recorded_presenters_are_offered_first(
    leader_client, past_meeting, member, leader
):
    from balintkreis.groups.tests.factories import MembershipFactory
    from balintkreis.meetings.models import CasePresentation

    other = MembershipFactory(group=past_meeting.group).user
    CasePresentation.objects.create(
        meeting=past_meeting, presenter=other, theme="Fall 1", created_by=leader
    )
    response = leader_client.get(reverse("feedback:meeting", args=[past_meeting.pk]))
    choices = list(response.context["request_form"].fields["presenter"].queryset)
    assert choices == [other]
