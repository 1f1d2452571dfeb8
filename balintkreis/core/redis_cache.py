"""Django's Redis cache, with one Redis client per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` client for every
cache call (about 0.3 ms: the client registers ~170 response callbacks each
time), which was a tenth of a page served from the per-person page cache on
PostgreSQL (issue 17). A client only wraps its pool and is safe to share;
Django keeps one cache backend per thread, so each thread keeps its own.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient
