"""URL × persona matrix for the online and feedback pages (STYLE.md 11)."""

import datetime

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from balintkreis.feedback import polls
from balintkreis.meetings.models import Meeting

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, 302


@pytest.fixture
def objects(group, leader):
    running = Meeting.objects.create(
        group=group,
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        format=Meeting.Format.ONLINE,
    )
    poll = polls.open_poll(group, question="Weiter?", choices=["Ja", "Nein"], by=leader)
    return {"meeting": running.pk, "slug": group.slug, "poll": poll.pk}


# name, argument key, expected for anonymous, outsider, member, leader
GET_MATRIX = [
    ("online:group", "slug", LOGIN, NOT_FOUND, OK, OK),
    ("online:report", "slug", LOGIN, NOT_FOUND, FORBIDDEN, OK),
    ("online:room", "meeting", LOGIN, NOT_FOUND, OK, OK),
    ("online:attendance", "meeting", LOGIN, NOT_FOUND, FORBIDDEN, OK),
    ("online:fallback-link", "meeting", LOGIN, NOT_FOUND, FORBIDDEN, OK),
    ("online:technical-contact", "slug", LOGIN, NOT_FOUND, FORBIDDEN, OK),
    ("online:techcheck", None, LOGIN, OK, OK, OK),
    ("feedback:meeting", "meeting", LOGIN, NOT_FOUND, FORBIDDEN, OK),
    ("feedback:presenter-form", "meeting", LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN),
    ("feedback:polls", "slug", LOGIN, NOT_FOUND, OK, OK),
    ("feedback:poll-new", "slug", LOGIN, NOT_FOUND, FORBIDDEN, OK),
]
PERSONAS = ["anonymous", "outsider", "member", "leader"]


@pytest.mark.parametrize(("name", "key", "a", "o", "m", "l"), GET_MATRIX)
def test_get_matrix(name, key, a, o, m, l, objects, request):  # noqa: E741
    url = reverse(name, args=[objects[key]] if key else [])
    for persona, wanted in zip(PERSONAS, (a, o, m, l), strict=True):
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        status = client.get(url).status_code
        assert status == wanted, f"{persona} {url}: {status}"


def test_every_named_url_is_covered():
    covered = {row[0] for row in GET_MATRIX} | {
        # POST/JSON endpoints with their own tests
        "online:heartbeat",
        "online:silence",
        "online:connections",
        "online:attendance-adopt",
        "online:techcheck-ping",
        "online:techcheck-download",
        "online:techcheck-upload",
        "online:techcheck-save",
        "online:event-occupant",
        "online:event-room",
        "feedback:request",
        "feedback:note",
        "feedback:poll-vote",
        "feedback:poll-close",
        "feedback:poll-end",
    }
    names = set()
    for namespace in ("online", "feedback"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {
            f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)
        }
    assert names <= covered, names - covered
