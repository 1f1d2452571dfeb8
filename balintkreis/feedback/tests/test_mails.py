"""Mails people expect from the feedback app: a vote opens, feedback is asked."""

import pytest

from balintkreis.feedback import polls, presenter
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.notifications.models import OutboxEmail


@pytest.mark.django_db
def test_members_are_told_when_a_vote_opens(group, member, leader):
    english = MembershipFactory(
        group=group, user__last_name="Smith", user__form_of_address="mr"
    ).user
    english.language = "en"
    english.save()
    former = MembershipFactory(
        group=group, started_on="2020-01-01", ended_on="2021-01-01"
    ).user

    poll = polls.open_poll(
        group, question="Online weiterarbeiten?", choices=["Ja", "Nein"], by=leader
    )

    german = OutboxEmail.objects.get(key=f"feedback.poll_opened.{poll.pk}.{member.pk}")
    assert german.subject == f"Abstimmung in der Gruppe „{group.title}“ geöffnet"
    assert german.body_text.startswith("Guten Tag Moritz Mitglied,")
    assert "Online weiterarbeiten?" in german.body_text
    assert "anonym" in german.body_text
    assert f"/gruppen/{group.slug}/abstimmungen/" in german.body_text
    mail = OutboxEmail.objects.get(key=f"feedback.poll_opened.{poll.pk}.{english.pk}")
    assert mail.subject == f"A vote is open in the group “{group.title}”"
    assert mail.body_text.startswith("Dear Mr Smith,")
    assert not OutboxEmail.objects.filter(to=former.email).exists()
    assert not OutboxEmail.objects.filter(to=leader.email).exists()


@pytest.mark.django_db
def test_the_feedback_request_opens_with_the_salutation(past_meeting, member, leader):
    member.form_of_address, member.title = "mr", "Dr. med."
    member.save()

    presenter.request_feedback(past_meeting, presenter=member, by=leader)

    mail = OutboxEmail.objects.get(to=member.email)
    assert mail.body_text.startswith("Sehr geehrter Herr Dr. Mitglied,")
