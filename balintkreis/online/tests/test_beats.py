"""Heartbeats buffered in the cache and written in batches (online/beats.py).

Every test runs on local memory (the buffer must work with any Django cache
backend) and, when a Redis server answers at ``REDIS_TEST_URL``, on Redis,
where a beat is one script (one round trip).
"""

import datetime
import json
import os
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from balintkreis.online import beats, passes, presence, tasks
from balintkreis.online.models import Presence
from balintkreis.online.presence import Kind

pytestmark = pytest.mark.django_db

SECONDS = datetime.timedelta(seconds=1)


REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 - no server: the Redis runs are skipped
        return False


@pytest.fixture(
    autouse=True,
    params=[
        "locmem",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not _redis_answers(), reason="no Redis"),
        ),
    ],
)
def buffered(request, settings):
    settings.PRESENCE_BUFFER = True
    if request.param == "redis":
        # Own key prefix: the test database may be shared, so no FLUSHDB.
        prefix = f"beats-tests-{uuid.uuid4().hex}"
        backend = {
            "BACKEND": "balintkreis.core.redis_cache.RedisCache",  # as in settings
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "beats-tests",
        }
    settings.CACHES = {**settings.CACHES, "default": backend}
    if request.param == "locmem":
        cache.clear()
    yield request.param
    if request.param == "redis":
        import redis

        client = redis.Redis.from_url(REDIS_TEST_URL)
        for name in client.scan_iter(f"{prefix}:*"):
            client.delete(name)
    else:
        cache.clear()


def beat(meeting, user, at, beat_id, quality=None) -> bool:
    return presence.touch(
        meeting.pk, user_id=user.pk, beat_id=beat_id, quality=quality, now=at
    )


def stored(user) -> Presence:
    return Presence.objects.get(user=user)


def test_the_usual_beat_costs_no_query(member, meeting, django_assert_num_queries):
    client = Client()
    grant = passes.issue(meeting, member, is_leader=False)

    def post(body):
        return client.post(
            reverse("online:heartbeat", args=[meeting.pk]),
            data=json.dumps(body),
            content_type="application/json",
            HTTP_X_PRESENCE_PASS=grant,
        )

    assert post({"kind": "joined", "beat_id": "j"}).status_code == 200
    seen = stored(member).last_seen_at
    with django_assert_num_queries(0):
        response = post({"kind": "beat", "beat_id": "b1", "quality": 70})
    assert response.status_code == 200
    # Not written yet: the worker does it.
    assert stored(member).last_seen_at == seen


def test_flush_writes_the_last_buffered_beat(member, meeting):
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1", quality=90)
    assert beat(meeting, member, t0 + 30 * SECONDS, "b2", quality=60)
    assert stored(member).last_seen_at == t0

    assert tasks.flush_heartbeats.call() == 1

    row = stored(member)
    assert row.last_seen_at == t0 + 30 * SECONDS
    assert row.last_beat_id == "b2"
    assert row.quality == 60
    assert row.rejoins == 0
    assert beats.flush() == 0  # nothing new


def test_a_repeated_beat_is_heard_once(member, meeting):
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1")
    assert beat(meeting, member, t0 + 40 * SECONDS, "b1")  # a retry
    beats.flush()
    assert stored(member).last_seen_at == t0 + 15 * SECONDS


def test_a_dropped_connection_loses_no_minute(member, meeting):
    """20 minutes of beats, all still in the buffer, then the line drops:
    the proposal counts the 20 minutes, as without the buffer."""
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    for n in range(1, 81):
        assert beat(meeting, member, t0 + n * 15 * SECONDS, f"b{n}")

    after = meeting.ends_at + datetime.timedelta(minutes=1)
    [row] = [p for p in presence.proposals(meeting, now=after) if p.user == member]

    assert row.minutes == 20
    assert row.rejoins == 0
    assert stored(member).last_seen_at == t0 + 20 * 60 * SECONDS


def test_a_rejoin_after_a_gap_ends_the_stretch_where_the_buffer_heard_it(
    member, meeting
):
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    for n in range(1, 21):
        assert beat(meeting, member, t0 + n * 15 * SECONDS, f"b{n}")
    last_heard = t0 + 300 * SECONDS
    back = last_heard + presence.LEFT_AFTER + 60 * SECONDS

    # Too long silent for the buffer: the rule decides, a rejoin.
    assert not beat(meeting, member, back, "late")
    presence.record(meeting, user=member, kind=Kind.BEAT, beat_id="late", now=back)

    row = stored(member)
    assert row.rejoins == 1
    first, second = row.intervals.order_by("started_at")
    assert first.ended_at == last_heard
    assert second.started_at == back
    # And the next beats are buffered again.
    assert beat(meeting, member, back + 15 * SECONDS, "next")


def test_a_leave_takes_the_buffered_beats_and_stops_the_buffer(member, meeting):
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1")
    presence.record(
        meeting, user=member, kind=Kind.LEFT, beat_id="l", now=t0 + 20 * SECONDS
    )

    row = stored(member)
    assert row.left_at == t0 + 20 * SECONDS
    assert not beat(meeting, member, t0 + 30 * SECONDS, "b2")  # needs the rule
    assert beats.flush() == 0
    assert stored(member).left_at == t0 + 20 * SECONDS


def test_the_panel_shows_live_state_between_flushes(
    member, leader, meeting, django_assert_num_queries
):
    from django.utils import timezone

    now = timezone.now()
    presence.record(
        meeting, user=member, kind=Kind.JOINED, now=now - 60 * SECONDS, quality=40
    )
    # Stored: a minute ago, so "reconnecting"; buffered: just now.
    assert beat(meeting, member, now - 2 * SECONDS, "b1", quality=95)

    with django_assert_num_queries(1):
        data = presence.panel(meeting.pk, with_timeline=False, now=now)

    [person] = data["people"]
    assert person["status"] == "connected"
    assert person["quality"] == 95
    # The panel changed nothing stored.
    assert stored(member).last_seen_at == now - 60 * SECONDS


def test_without_the_buffer_every_beat_is_written(settings, member, meeting):
    settings.PRESENCE_BUFFER = False
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1")
    assert stored(member).last_seen_at == t0 + 15 * SECONDS
    assert beats.flush() == 0


def test_an_entry_of_an_older_format_takes_the_rule(member, meeting, buffered):
    """After a deploy the entries written before (a pickled dict) are no
    entries: the beat takes the rule, which stores the new format."""
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    name = beats.key(meeting.pk, member.pk)
    old = {"at": t0.timestamp(), "beat_id": "j", "quality": None}
    if buffered == "redis":
        import pickle

        backend, client = beats._redis()
        client.set(backend.make_and_validate_key(name), pickle.dumps(old))
    else:
        cache.set(name, old)

    def buffered_beat(at, beat_id):
        return beats.beat(
            meeting.pk,
            user_id=member.pk,
            beat_id=beat_id,
            quality=None,
            left_after=presence.LEFT_AFTER,
            now=at,
        )

    assert not buffered_beat(t0 + 15 * SECONDS, "b1")
    # The usual path writes the beat and buffers the following ones.
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1")
    assert stored(member).last_seen_at == t0 + 15 * SECONDS
    assert buffered_beat(t0 + 30 * SECONDS, "b2")


def test_one_redis_client_per_cache_backend(buffered, member, meeting):
    """Redis: the client (and its registered script) is built once, not per
    beat; the beats still go through it."""
    if buffered != "redis":
        assert beats._redis() is None
        return
    first, second = beats._redis(), beats._redis()
    assert first is not None
    assert second is not None
    assert first[1] is second[1]
    t0 = meeting.starts_at
    presence.record(meeting, user=member, kind=Kind.JOINED, beat_id="j", now=t0)
    assert beat(meeting, member, t0 + 15 * SECONDS, "b1")
    assert beat(meeting, member, t0 + 30 * SECONDS, "b2")
    assert beats._beat_script(first[1]) is beats._beat_script(second[1])
    assert beats.flush([meeting.pk], now=t0 + 31 * SECONDS) == 1
    assert stored(member).last_seen_at == t0 + 30 * SECONDS
