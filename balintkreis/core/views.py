import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def health(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; also the benchmark's minimal-view ceiling."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness for load balancers: 200 when the database and the cache
    answer, 503 naming what failed (no details: the check is public)."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("readiness: database check failed")
        failed.append("database")
    try:
        cache.set("healthz:ready", "ok", 10)
        if cache.get("healthz:ready") != "ok":
            raise RuntimeError("cache did not return the value just written")
    except Exception:
        logger.exception("readiness: cache check failed")
        failed.append("cache")
    if failed:
        return HttpResponse(
            "unavailable: " + ", ".join(failed),
            status=503,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")


def set_language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the interface language by a plain link (keeps public pages cacheable)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
