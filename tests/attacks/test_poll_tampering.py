"""Attack: change a poll in the administration after people voted.

The secretariat (or a superuser) opens a running vote in the admin and
rewrites the question or an answer ("In Präsenz" becomes "Online"), moves
the poll to another group, or clears ``closed_at`` of a closed poll to
reopen it: the votes already cast then count for something the voters never
saw. Once the first vote is cast, question, answers, group and closing are
read-only everywhere, and a closed poll stays closed.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from balintkreis.feedback import polls
from balintkreis.feedback.models import Poll, PollChoice
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would submit from the page's main form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(client, url: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    return parser.data


@pytest.fixture(params=["secretariat_client", "admin_client"])
def staff_client(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def voted_poll(group, leader, member):
    poll = polls.open_poll(
        group, question="Präsenz oder online?", choices=["Präsenz", "Online"], by=leader
    )
    polls.vote(poll, voter=member, choice_id=poll.choices.get(label="Präsenz").pk)
    return poll


def test_question_answers_and_group_cannot_change_after_a_vote(
    staff_client, voted_poll
):
    other_group = BalintGroupFactory()
    url = reverse("admin:feedback_poll_change", args=[voted_poll.pk])
    assert staff_client.get(url).status_code == 200
    data = form_data(staff_client, url)
    data.update(
        {
            "question": "Online oder Präsenz?",
            "group": str(other_group.pk),
            "choices-0-label": "Online",
            "choices-1-label": "Präsenz",
            "closed_at_0": "01.01.2026",
            "closed_at_1": "10:00:00",
        }
    )
    staff_client.post(url, data)
    voted_poll.refresh_from_db()
    assert voted_poll.question == "Präsenz oder online?"
    assert voted_poll.group_id != other_group.pk
    assert voted_poll.is_open
    labels = list(
        voted_poll.choices.order_by("position").values_list("label", flat=True)
    )
    assert labels == ["Präsenz", "Online"]


def test_no_answer_can_be_added_or_deleted_after_a_vote(staff_client, voted_poll):
    url = reverse("admin:feedback_poll_change", args=[voted_poll.pk])
    data = form_data(staff_client, url)
    first = voted_poll.choices.order_by("position").first()
    data.update(
        {
            "choices-TOTAL_FORMS": "3",
            "choices-2-label": "Hybrid",
            "choices-2-position": "2",
            "choices-2-poll": str(voted_poll.pk),
            "choices-0-DELETE": "on",
        }
    )
    staff_client.post(url, data)
    assert PollChoice.objects.filter(pk=first.pk).exists()
    assert not PollChoice.objects.filter(label="Hybrid").exists()


def test_a_closed_poll_cannot_be_reopened(staff_client, voted_poll, leader):
    for _ in range(2):
        user = MembershipFactory(group=voted_poll.group).user
        polls.vote(voted_poll, voter=user, choice_id=voted_poll.choices.first().pk)
    polls.close_poll(voted_poll, by=leader)
    url = reverse("admin:feedback_poll_change", args=[voted_poll.pk])
    data = form_data(staff_client, url)
    data.update({"closed_at_0": "", "closed_at_1": ""})
    staff_client.post(url, data)
    assert not Poll.objects.get(pk=voted_poll.pk).is_open


def test_a_poll_without_votes_stays_editable(staff_client, group, leader):
    poll = polls.open_poll(group, question="Termin?", choices=["Mo", "Di"], by=leader)
    url = reverse("admin:feedback_poll_change", args=[poll.pk])
    data = form_data(staff_client, url)
    data.update({"question": "Neuer Termin?", "choices-1-label": "Mi"})
    response = staff_client.post(url, data)
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.question == "Neuer Termin?"
    assert poll.choices.filter(label="Mi").exists()


def test_a_vote_between_opening_and_saving_the_page_wins(voted_poll):
    from balintkreis.feedback.admin import PollForm

    form = PollForm(
        instance=voted_poll,
        data={
            "group": voted_poll.group_id,
            "question": "Online oder Präsenz?",
            "opened_at_0": "01.12.2026",
            "opened_at_1": "10:00:00",
        },
    )
    assert not form.is_valid()
    assert "bereits abgestimmt" in str(form.non_field_errors())
