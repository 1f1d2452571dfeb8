"""The usual heartbeat answered before the middleware chain (online/middleware.py).

``HeartbeatMiddleware`` answers only a beat it can prove: a valid pass for
this meeting, a valid body of kind "beat", taken by ``presence.touch``.
Everything else must go on to the chain and the view (asserted here with a
chain that records what reached it).
"""

import datetime
import json

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from balintkreis.online import passes, presence
from balintkreis.online.middleware import HeartbeatMiddleware
from balintkreis.online.models import Presence
from balintkreis.online.tests.factories import OnlineMeetingFactory

pytestmark = pytest.mark.django_db


class Chain:
    """Stands for the rest of the middleware chain and the view."""

    def __init__(self) -> None:
        self.reached: list[HttpRequest] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.reached.append(request)
        return HttpResponse("chain", status=299)


def beat_request(meeting, grant, body=None, *, method="post", path=None):
    body = {"kind": "beat", "beat_id": "m1"} if body is None else body
    url = path or reverse("online:heartbeat", args=[meeting.pk])
    factory = RequestFactory()
    data = body if isinstance(body, str) else json.dumps(body)
    headers = {"HTTP_X_PRESENCE_PASS": grant}
    if method == "get":
        return factory.get(url, **headers)
    return factory.post(url, data=data, content_type="application/json", **headers)


@pytest.fixture
def joined(member, meeting):
    """The member joined a moment ago (the rule ran)."""
    presence.record(meeting, user=member, kind=presence.Kind.JOINED, beat_id="j0")
    return passes.issue(meeting, member, is_leader=False)


def test_the_usual_beat_is_answered_before_the_chain(member, meeting, joined):
    chain = Chain()
    before = Presence.objects.get(user=member).last_seen_at
    response = HeartbeatMiddleware(chain)(beat_request(meeting, joined))
    assert chain.reached == []
    assert response.status_code == 200
    assert json.loads(response.content)["ok"] is True
    # As the chain would (CommonMiddleware): not sent chunked.
    assert response["Content-Length"] == str(len(response.content))
    stored = Presence.objects.get(user=member)
    assert stored.last_seen_at > before
    assert stored.last_beat_id == "m1"


@pytest.mark.parametrize(
    "grant",
    ["", "garbage", "forged", "other meeting", "expired"],
)
def test_without_a_valid_pass_the_chain_answers(member, meeting, joined, grant):
    if grant == "forged":
        grant = joined[:-3] + ("abc" if not joined.endswith("abc") else "xyz")
    elif grant == "other meeting":
        grant = passes.issue(OnlineMeetingFactory(), member, is_leader=False)
    elif grant == "expired":
        past = OnlineMeetingFactory(
            group=meeting.group,
            starts_at=timezone.now() - datetime.timedelta(hours=5),
        )
        grant = passes.issue(past, member, is_leader=False)
    before = Presence.objects.get(user=member)
    chain = Chain()
    response = HeartbeatMiddleware(chain)(beat_request(meeting, grant))
    assert response.status_code == 299
    assert len(chain.reached) == 1
    after = Presence.objects.get(user=member)
    assert (after.last_seen_at, after.last_beat_id) == (
        before.last_seen_at,
        before.last_beat_id,
    )


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        {"kind": "beat", "beat_id": "<script>"},
        {"kind": "joined", "beat_id": "j1"},
        {"kind": "left", "beat_id": "l1"},
    ],
)
def test_anything_but_a_valid_beat_goes_to_the_view(meeting, joined, body):
    chain = Chain()
    response = HeartbeatMiddleware(chain)(beat_request(meeting, joined, body))
    assert response.status_code == 299
    assert len(chain.reached) == 1


def test_a_beat_the_conditional_update_refuses_goes_to_the_rule(member, meeting):
    """A beat after a long gap is a rejoin: the view's rule takes it, once."""
    grant = passes.issue(meeting, member, is_leader=False)
    presence.record(
        meeting,
        user=member,
        kind=presence.Kind.JOINED,
        beat_id="j0",
        now=timezone.now() - datetime.timedelta(minutes=5),
    )
    chain = Chain()
    response = HeartbeatMiddleware(chain)(beat_request(meeting, grant))
    assert response.status_code == 299
    assert len(chain.reached) == 1
    # End to end the rule counts the rejoin.
    response = Client().post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=json.dumps({"kind": "beat", "beat_id": "r1"}),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=grant,
    )
    assert response.status_code == 200
    assert Presence.objects.get(user=member).rejoins == 1


@pytest.mark.parametrize(
    "path",
    [
        "/online/sitzungen/{id}/verbindungen/",
        "/online/sitzungen/{id}/puls/extra/",
        "/online/sitzungen/{id}/puls",
        "/x/online/sitzungen/{id}/puls/",
    ],
)
def test_only_the_heartbeat_url_is_taken(meeting, joined, path):
    chain = Chain()
    request = beat_request(meeting, joined, path=path.format(id=meeting.pk))
    assert HeartbeatMiddleware(chain)(request).status_code == 299
    assert len(chain.reached) == 1


def test_a_get_goes_to_the_view(meeting, joined):
    chain = Chain()
    request = beat_request(meeting, joined, method="get")
    assert HeartbeatMiddleware(chain)(request).status_code == 299


def test_the_host_is_checked_as_for_every_view(member, meeting, joined):
    before = Presence.objects.get(user=member).last_seen_at
    response = Client().post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=json.dumps({"kind": "beat", "beat_id": "h1"}),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=joined,
        HTTP_HOST="evil.example",
    )
    assert response.status_code == 400
    assert Presence.objects.get(user=member).last_seen_at == before


def test_the_middleware_is_installed_before_sessions(settings):
    chain = settings.MIDDLEWARE
    ours = chain.index("balintkreis.online.middleware.HeartbeatMiddleware")
    assert chain.index("django.middleware.security.SecurityMiddleware") < ours
    assert ours < chain.index("django.contrib.sessions.middleware.SessionMiddleware")


def test_end_to_end_the_usual_beat_sets_no_cookie(member, meeting, joined):
    client = Client()
    response = client.post(
        reverse("online:heartbeat", args=[meeting.pk]),
        data=json.dumps({"kind": "beat", "beat_id": "c1"}),
        content_type="application/json",
        HTTP_X_PRESENCE_PASS=joined,
    )
    assert response.status_code == 200
    assert not response.cookies
    assert Presence.objects.get(user=member).last_beat_id == "c1"
