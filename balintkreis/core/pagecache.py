"""Whole-page cache for anonymous visitors of public pages (catalogue, group page).

Only requests without a session or pending messages are served from the cache,
so nothing personal is ever cached or shown to somebody else. Entries live
``seconds`` (default PUBLIC_PAGE_CACHE_SECONDS); rules that change what public
pages show call ``invalidate()`` so visitors see changes at once.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pagecache:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate() -> None:
    """Drop every cached public page (called by rules that change groups)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_anonymous(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _cacheable(request):
            return view(request, *args, **kwargs)
        key = (
            f"pagecache:{_version()}:{translation.get_language()}:"
            f"{request.get_full_path()}"
        )
        cached = cache.get(key)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                cache.set(
                    key,
                    (response.status_code, response["Content-Type"], response.content),
                    timeout=seconds,
                )
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    return wrapper
