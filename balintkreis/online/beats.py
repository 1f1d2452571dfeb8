"""Heartbeats buffered in the cache (Redis), written in batches (issue 17).

On PostgreSQL every heartbeat used to be one committed ``UPDATE``: 0.28–0.41
of ``/healthz/`` in the benchmark, the budget is 0.7. With
``PRESENCE_BUFFER`` on (the default when ``REDIS_URL`` is set) the usual
beat is one cache read and one cache write, no query:

- ``online:live:<meeting>:<person>`` holds the current stretch's last beat
  (server time, beat id, quality). The rule (``presence.record``) writes it
  when a stretch is current after a join, a beat or a rejoin, and deletes it
  on a leave; every buffered beat refreshes it.
- A beat goes to the buffer only while that entry exists, is at most
  ``LEFT_AFTER`` old and the beat id is new. Anything else – a first join, a
  rejoin after a gap, a leave – runs the full rule as before, which first
  takes over the buffered beat of that person (``take``).
- ``flush()`` writes the buffered beats of all current presences in one
  batch: every minute from the task worker (``online.flush_heartbeats``),
  and for one meeting before anything counts its minutes (proposals, the
  online report).
- The connection panel lays the buffered beats over the stored rows
  (``overlay``: one cache round trip), so it shows the live state between
  flushes.

A dropped connection loses no minute: its last beat stays in the cache (a
day) until a flush or the rule writes it, and the stretch ends where that
beat was heard, exactly as without the buffer. Only a cache that loses its
data (Redis restarted without persistence) loses at most the beats since the
last flush, one minute of presence.
"""

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.utils import timezone

from balintkreis.online.models import Presence

# Long enough to outlive any meeting; a flush writes the beats long before.
TIMEOUT = 24 * 3600


class Beat(TypedDict):
    at: float  # server time, POSIX seconds
    beat_id: str
    quality: int | None


# One round trip per beat on Redis: read, check and write in one script.
# The entry is "<at>;<quality>;<beat id>" (plain text, so the script can read
# it); KEYS[1] the entry, ARGV: now, beat id, quality ("" = keep), the
# longest gap in seconds, the timeout. Returns 0: the rule has to decide.
_BEAT_SCRIPT = """
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local at, q, id = string.match(v, '^([^;]*);([^;]*);(.*)$')
at = tonumber(at)
local now = tonumber(ARGV[1])
if not at or now - at > tonumber(ARGV[4]) then return 0 end
if ARGV[2] ~= '' and ARGV[2] == id then return 1 end
if ARGV[3] ~= '' then q = ARGV[3] end
if at > now then now = at end
redis.call('SET', KEYS[1], string.format('%.6f', now) .. ';' .. q .. ';' .. ARGV[2],
  'EX', tonumber(ARGV[5]))
return 1
"""


def _encode(beat: Beat) -> str:
    quality = "" if beat["quality"] is None else str(beat["quality"])
    return f"{beat['at']:.6f};{quality};{beat['beat_id']}"


def _decode(raw: object) -> Beat | None:
    """An entry as stored; anything else (an entry of an older format, a
    lost one) is no entry: the beat then takes the rule, which stores it."""
    if isinstance(raw, bytes):
        raw = raw.decode(errors="replace")
    if not isinstance(raw, str):
        return None
    at, quality, beat_id = (raw.split(";", 2) + ["", ""])[:3]
    try:
        return {
            "at": float(at),
            "beat_id": beat_id,
            "quality": int(quality) if quality else None,
        }
    except ValueError:
        return None


def _redis() -> tuple[RedisCache, Any] | None:
    """Django's Redis cache and its client, when the cache is Redis (one
    client per connection pool: core/redis_cache.py)."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    return backend, backend._cache.get_client(write=True)  # type: ignore[attr-defined]


def _beat_script(client: Any) -> Any:
    """The script registered once per client: EVALSHA, not the script's text
    with every beat (redis-py loads it again if the server lost it)."""
    script = getattr(client, "_presence_beat_script", None)
    if script is None:
        script = client.register_script(_BEAT_SCRIPT)
        client._presence_beat_script = script
    return script


def _get_many(names: list[str]) -> dict[str, Beat]:
    redis = _redis()
    if redis is None:
        raw = cache.get_many(names)
        found = {name: _decode(raw.get(name)) for name in names}
    else:
        backend, client = redis
        keys = [backend.make_and_validate_key(name) for name in names]
        values = client.mget(keys) if keys else []
        found = {
            name: _decode(value) for name, value in zip(names, values, strict=True)
        }
    return {name: beat for name, beat in found.items() if beat is not None}


def _get(name: str) -> Beat | None:
    return _get_many([name]).get(name)


def _set(name: str, beat: Beat) -> None:
    redis = _redis()
    if redis is None:
        cache.set(name, _encode(beat), TIMEOUT)
    else:
        backend, client = redis
        client.set(backend.make_and_validate_key(name), _encode(beat), ex=TIMEOUT)


def _delete(name: str) -> None:
    redis = _redis()
    if redis is None:
        cache.delete(name)
    else:
        backend, client = redis
        client.delete(backend.make_and_validate_key(name))


def enabled() -> bool:
    return bool(settings.PRESENCE_BUFFER)


def key(meeting_id: int, user_id: int) -> str:
    return f"online:live:{meeting_id}:{user_id}"


def _at(beat: Beat) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(beat["at"], tz=datetime.UTC)


def remember(presence: Presence) -> None:
    """After the rule: a current stretch is buffered from now on, a closed
    one is not (its next beat takes the rule: a rejoin)."""
    if not enabled():
        return
    name = key(presence.meeting_id, presence.user_id)
    if presence.left_at is not None:
        _delete(name)
        return
    beat: Beat = {
        "at": presence.last_seen_at.timestamp(),
        "beat_id": presence.last_beat_id,
        "quality": presence.quality,
    }
    _set(name, beat)


def beat(
    meeting_id: int,
    *,
    user_id: int,
    beat_id: str,
    quality: int | None,
    left_after: datetime.timedelta,
    now: datetime.datetime | None = None,
) -> bool:
    """Take a heartbeat into the buffer; False: the rule has to decide."""
    if not enabled():
        return False
    now = now or timezone.now()
    name = key(meeting_id, user_id)
    redis = _redis()
    if redis is not None:
        backend, client = redis
        return bool(
            _beat_script(client)(
                keys=[backend.make_and_validate_key(name)],
                args=[
                    f"{now.timestamp():.6f}",
                    beat_id,
                    "" if quality is None else str(quality),
                    left_after.total_seconds(),
                    TIMEOUT,
                ],
            )
        )
    last = _get(name)
    if last is None or now - _at(last) > left_after:
        return False
    if beat_id and beat_id == last["beat_id"]:
        return True  # a repeat: already heard
    _set(
        name,
        {
            "at": max(now.timestamp(), last["at"]),
            "beat_id": beat_id,
            "quality": last["quality"] if quality is None else quality,
        },
    )
    return True


def take(presence: Presence) -> None:
    """Bring a locked presence row up to its buffered beat (in the rule)."""
    if not enabled() or presence.left_at is not None:
        return
    last = _get(key(presence.meeting_id, presence.user_id))
    if last is None or _at(last) <= presence.last_seen_at:
        return
    presence.last_seen_at = _at(last)
    presence.last_beat_id = last["beat_id"]
    if last["quality"] is not None:
        presence.quality = last["quality"]


def overlay(presences: Iterable[Presence]) -> None:
    """Lay the buffered beats over loaded presences (not saved): the live
    state for the connection panel, one cache round trip."""
    if not enabled():
        return
    rows = [p for p in presences if p.left_at is None]
    if not rows:
        return
    found = _get_many([key(p.meeting_id, p.user_id) for p in rows])
    for presence in rows:
        last = found.get(key(presence.meeting_id, presence.user_id))
        if last is not None and _at(last) > presence.last_seen_at:
            presence.last_seen_at = _at(last)
            if last["quality"] is not None:
                presence.quality = last["quality"]


def flush(
    meeting_ids: Iterable[int] | None = None, *, now: datetime.datetime | None = None
) -> int:
    """Write the buffered beats of current presences (of ``meeting_ids``, or
    of every meeting) in one batch; returns the number of rows written."""
    if not enabled():
        return 0
    now = now or timezone.now()
    current = Presence.objects.filter(
        left_at__isnull=True, last_seen_at__gte=now - datetime.timedelta(days=1)
    )
    if meeting_ids is not None:
        current = current.filter(meeting_id__in=list(meeting_ids))
    rows = list(current.values_list("pk", "meeting_id", "user_id", "last_seen_at"))
    if not rows:
        return 0
    found = _get_many([key(m, u) for _pk, m, u, _seen in rows])
    adapt = connection.ops.adapt_datetimefield_value
    updates = []
    for pk, meeting_id, user_id, seen in rows:
        last = found.get(key(meeting_id, user_id))
        if last is None or _at(last) <= seen:
            continue
        at = adapt(_at(last))
        updates.append([at, last["beat_id"], last["quality"], pk, at])
    if not updates:
        return 0
    table = Presence._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # Only forward, and never into a stretch that was closed meanwhile.
        cursor.executemany(
            f"UPDATE {table} SET last_seen_at = %s, last_beat_id = %s, "
            "quality = COALESCE(%s, quality) "
            "WHERE id = %s AND left_at IS NULL AND last_seen_at < %s",
            updates,
        )
    return len(updates)
