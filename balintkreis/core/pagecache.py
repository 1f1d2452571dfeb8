"""Whole-page cache for anonymous visitors of public pages (catalogue, group page).

Only requests without a session or pending messages are served from the cache,
so nothing personal is ever cached or shown to somebody else. Entries live
``seconds`` (default PUBLIC_PAGE_CACHE_SECONDS); rules that change what public
pages show call ``invalidate()`` so visitors see changes at once.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pagecache:version"


def invalidate() -> None:
    """Drop every cached public page (called by rules that change groups)."""
    cache.add(VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between add and incr
        cache.set(VERSION_KEY, 1, timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_anonymous(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _cacheable(request):
            return view(request, *args, **kwargs)
        key = f"pagecache:{translation.get_language()}:{request.get_full_path()}"
        # One round trip: the current version and the page, which is valid
        # only when it was stored under that version.
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY, 0)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            _version, content_type, content = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                cache.set(
                    key,
                    (version, response["Content-Type"], response.content),
                    timeout=seconds,
                )
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
