import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.core.errors import RuleError
from balintkreis.feedback import polls
from balintkreis.feedback.models import Ballot, Poll, PollVoter, SealedBallot
from balintkreis.groups.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(group, leader):
    return polls.open_poll(
        group, question=polls.DEFAULT_QUESTION, choices=polls.DEFAULT_CHOICES, by=leader
    )


def choice(poll, label):
    return poll.choices.get(label=label).pk


def test_ballots_carry_no_person_no_time_and_random_keys():
    voter_fields = {f.name for f in PollVoter._meta.get_fields()}
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    sealed_fields = {f.name for f in SealedBallot._meta.get_fields()}
    assert ballot_fields == {"id", "poll", "choice"}
    assert sealed_fields == {"id", "poll", "sealed"}
    assert voter_fields == {"id", "poll", "user"}
    for model in (Ballot, SealedBallot, PollVoter):
        assert model._meta.pk.get_internal_type() == "UUIDField"
        assert not model._meta.ordering


def test_each_member_votes_once(poll, member):
    polls.vote(poll, voter=member, choice_id=choice(poll, "Online"))
    with pytest.raises(RuleError):
        polls.vote(poll, voter=member, choice_id=choice(poll, "Hybrid"))
    assert SealedBallot.objects.count() == 1
    assert PollVoter.objects.count() == 1


def test_every_vote_reseals_all_ballots(poll, member, group):
    other = MembershipFactory(group=group).user
    polls.vote(poll, voter=member, choice_id=choice(poll, "Online"))
    first = set(SealedBallot.objects.values_list("id", "sealed"))
    polls.vote(poll, voter=other, choice_id=choice(poll, "In Präsenz"))
    second = set(SealedBallot.objects.values_list("id", "sealed"))
    assert not {key for key, _ in first} & {key for key, _ in second}
    assert not {sealed for _, sealed in first} & {sealed for _, sealed in second}
    assert len({len(sealed) for _, sealed in second}) == 1
    assert SealedBallot.objects.count() == 2
    assert Ballot.objects.count() == 0


def vote_three(poll, group, labels=("In Präsenz", "In Präsenz", "Hybrid")):
    for label in labels:
        user = MembershipFactory(group=group).user
        polls.vote(poll, voter=user, choice_id=choice(poll, label))


def test_outsider_and_closed_poll_are_refused(poll, outsider, member, leader):
    with pytest.raises(RuleError):
        polls.vote(poll, voter=outsider, choice_id=choice(poll, "Online"))
    vote_three(poll, poll.group)
    polls.close_poll(poll, by=leader)
    with pytest.raises(RuleError):
        polls.vote(poll, voter=member, choice_id=choice(poll, "Online"))


def test_results_only_when_closed(poll, group, leader):
    vote_three(poll, group)
    assert polls.results(poll) == []
    assert not polls.can_close(
        polls.open_poll(group, question="Noch eine?", choices=["Ja", "Nein"], by=leader)
    )
    assert polls.can_close(poll)
    poll = polls.close_poll(poll, by=leader)
    assert not SealedBallot.objects.filter(poll=poll).exists()
    results = {r.label: r.votes for r in polls.results(poll)}
    assert results == {"In Präsenz": 2, "Online": 0, "Hybrid": 1}


def test_leader_opens_poll_with_default_question(leader_client, group):
    page = leader_client.get(reverse("feedback:poll-new", args=[group.slug]))
    assert polls.DEFAULT_QUESTION in page.content.decode()
    response = leader_client.post(
        reverse("feedback:poll-new", args=[group.slug]),
        {"question": polls.DEFAULT_QUESTION, "choices": "In Präsenz\nOnline\nHybrid"},
        follow=True,
    )
    assert "Die Abstimmung ist geöffnet" in response.content.decode()
    assert Poll.objects.get().choices.count() == 3


def test_poll_with_one_answer_is_refused(leader_client, group):
    response = leader_client.post(
        reverse("feedback:poll-new", args=[group.slug]),
        {"question": "Weiter so?", "choices": "Ja"},
    )
    assert response.status_code == 422
    assert "mindestens zwei Antworten" in response.content.decode()
    assert "Weiter so?" in response.content.decode()
    assert not Poll.objects.exists()


def test_member_cannot_open_poll_outsider_sees_nothing(
    member_client, outsider_client, group
):
    url = reverse("feedback:poll-new", args=[group.slug])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404
    assert (
        outsider_client.get(reverse("feedback:polls", args=[group.slug])).status_code
        == 404
    )


def test_member_votes_through_the_page(member_client, poll):
    page = member_client.get(reverse("feedback:polls", args=[poll.group.slug]))
    assert polls.DEFAULT_QUESTION in page.content.decode()
    response = member_client.post(
        reverse("feedback:poll-vote", args=[poll.pk]),
        {"choice": choice(poll, "Hybrid")},
        follow=True,
    )
    assert "anonym gezählt" in response.content.decode()
    again = member_client.post(
        reverse("feedback:poll-vote", args=[poll.pk]),
        {"choice": choice(poll, "Online")},
        follow=True,
    )
    assert "bereits abgestimmt" in again.content.decode()


def test_closing_shows_the_result_to_the_group(
    leader_client, member_client, poll, member
):
    vote_three(poll, poll.group, labels=("Hybrid", "Hybrid", "Hybrid"))
    assert (
        member_client.post(reverse("feedback:poll-close", args=[poll.pk])).status_code
        == 403
    )
    leader_client.post(reverse("feedback:poll-close", args=[poll.pk]))
    page = member_client.get(reverse("feedback:polls", args=[poll.group.slug]))
    html = page.content.decode()
    assert "abgeschlossen" in html
    assert "100 %" in html


def test_leader_sees_why_a_poll_cannot_be_closed_yet(leader_client, poll, member):
    polls.vote(poll, voter=member, choice_id=choice(poll, "Hybrid"))
    page = leader_client.get(reverse("feedback:polls", args=[poll.group.slug]))
    html = page.content.decode()
    assert "sobald mindestens 3 Mitglieder abgestimmt haben" in html
    assert reverse("feedback:poll-close", args=[poll.pk]) not in html


def test_outsider_cannot_vote(outsider_client, poll):
    response = outsider_client.post(
        reverse("feedback:poll-vote", args=[poll.pk]), {"choice": 1}
    )
    assert response.status_code == 404


def test_demo_opens_the_default_vote_once():
    import io

    from balintkreis.feedback import demo as feedback_demo
    from balintkreis.online import demo as online_demo

    online_demo.load(stdout=io.StringIO())
    feedback_demo.load(stdout=io.StringIO())
    feedback_demo.load(stdout=io.StringIO())
    assert Poll.objects.get().question == polls.DEFAULT_QUESTION


def test_a_poll_below_k_ends_without_result_and_its_votes_unread(
    leader_client, poll, member
):
    polls.vote(poll, voter=member, choice_id=choice(poll, "Online"))
    response = leader_client.get(reverse("feedback:polls", args=[poll.group.slug]))
    assertContains(response, "Abstimmung ohne Ergebnis beenden")
    response = leader_client.post(reverse("feedback:poll-end", args=[poll.pk]))
    assert response.status_code == 302
    poll.refresh_from_db()
    assert not poll.is_open
    assert not SealedBallot.objects.filter(poll=poll).exists()
    assert not Ballot.objects.filter(poll=poll).exists()
    assert polls.results(poll) == []
    page = leader_client.get(reverse("feedback:polls", args=[poll.group.slug]))
    assertContains(page, "kein Ergebnis")
    assertNotContains(page, "Online</td>")


def test_a_poll_with_k_votes_cannot_be_ended_without_its_result(poll, group, leader):
    vote_three(poll, group)
    with pytest.raises(RuleError):
        polls.end_without_result(poll, by=leader)
    assert SealedBallot.objects.filter(poll=poll).count() == 3
