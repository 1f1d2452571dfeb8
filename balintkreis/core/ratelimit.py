"""A fixed-window rate limit in the cache (Redis when configured, so it is
shared by several app servers; the database cache otherwise)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from balintkreis.core.errors import RuleError

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


def client_ip(request: HttpRequest) -> str:
    """The client's address, behind ``TRUSTED_PROXY_COUNT`` reverse proxies.

    Each trusted proxy appends the address it received the request from to
    ``X-Forwarded-For`` (nginx: ``$proxy_add_x_forwarded_for``), so the client
    is the entry that many places from the right. Entries further left were
    sent by the client and may be made up; they are never used. A request
    without enough entries did not come through the proxies and counts under
    its own address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(entries) < count:
        return remote
    return entries[-count]


def hit(scope: str, key: str, *, rate: str) -> bool:
    """Count one attempt; return False when the limit is exceeded."""
    limit, period = parse(rate)
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=period + 5)
        count = 1
    return count <= limit


class RateLimited(RuleError):
    pass


def check(
    request: HttpRequest,
    scope: str,
    *,
    rate: str,
    message: str,
    key: str | None = None,
) -> None:
    """Raise RateLimited with a German message when the client is over limit.

    Counted per IP address unless ``key`` names something else (a person)."""
    if not hit(scope, key or client_ip(request), rate=rate):
        raise RateLimited(message)
