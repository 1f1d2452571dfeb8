from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from balintkreis.core.redis_cache import RedisCache

URL = "redis://127.0.0.1:6379/13"


def test_one_client_serves_every_call():
    cache = RedisCache(URL, {"KEY_PREFIX": "redis-cache-test"})
    assert isinstance(cache, DjangoRedisCache)  # what online/beats.py looks for
    cache.set("page", {"a": 1}, timeout=30)
    cache.set_many({"n": 7, "s": "Ärztinnen"}, timeout=30)
    assert cache.get("page") == {"a": 1}
    assert cache.get_many(["n", "s", "missing"]) == {"n": 7, "s": "Ärztinnen"}
    assert cache.incr("n") == 8
    assert cache._cache.get_client(write=True) is cache._cache.get_client()
    cache.delete_many(["page", "n", "s"])
    assert cache.get("page") is None
