"""Attack: lock everybody out through the reverse proxy, or dodge a limit.

Reproduced behind the nginx of docs/deployment.md: every request reached
Django from the proxy's address, so the limits counted one bucket for all
visitors, and ten wrong passwords a minute from one person locked out every
log-in. Trusting ``X-Forwarded-For`` naively would let an attacker reset
their own bucket by sending a made-up first entry.

Defence (issue 11 item 8): ``TRUSTED_PROXY_COUNT`` proxies are trusted; the
client is the address the outermost trusted proxy saw (the entry that many
places from the right of ``X-Forwarded-For``), in ``core/ratelimit.py`` and
in allauth (``ALLAUTH_TRUSTED_PROXY_COUNT`` and the account adapter).
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core import ratelimit

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.5"
NEIGHBOUR = "198.51.100.7"
LOGIN = reverse("account_login")


def through_proxy(xff: str) -> Client:
    """A client as nginx forwards it: proxy address, appended X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)


def wrong_log_ins(client: Client, count: int) -> None:
    for i in range(count):
        client.post(LOGIN, {"login": f"nobody{i}@example.org", "password": "x" * 12})


def locked_out(client: Client, user) -> bool:
    response = client.post(LOGIN, {"login": user.email, "password": "geheim-genug-123"})
    return "Zu viele gescheiterte" in response.content.decode()


@pytest.fixture
def neighbour(db):
    return UserFactory(email="nachbarin@example.org")


def test_one_client_behind_the_proxy_does_not_lock_out_the_other(settings, neighbour):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = through_proxy(ATTACKER)
    wrong_log_ins(attacker, 11)
    assert locked_out(attacker, neighbour)
    assert not locked_out(through_proxy(NEIGHBOUR), neighbour)


def test_a_made_up_first_entry_does_not_reset_the_bucket(settings, neighbour):
    settings.TRUSTED_PROXY_COUNT = 1
    wrong_log_ins(through_proxy(ATTACKER), 11)
    # The attacker sends "X-Forwarded-For: 192.0.2.99"; nginx appends theirs.
    spoofed = through_proxy(f"192.0.2.99, {ATTACKER}")
    assert locked_out(spoofed, neighbour)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert ratelimit.client_ip(request) == ATTACKER


def test_project_limiter_counts_per_client_behind_the_proxy(settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()
    attacker = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    spoofed = factory.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}"
    )
    neighbour = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=NEIGHBOUR)
    assert ratelimit.client_ip(attacker) == ATTACKER
    assert ratelimit.client_ip(spoofed) == ATTACKER
    for _ in range(3):
        ratelimit.hit("test", ratelimit.client_ip(attacker), rate="3/h")
    assert not ratelimit.hit("test", ratelimit.client_ip(spoofed), rate="3/h")
    assert ratelimit.hit("test", ratelimit.client_ip(neighbour), rate="3/h")


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}, 10.0.0.1"
    )
    assert ratelimit.client_ip(request) == ATTACKER
