from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def health(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; also the benchmark's minimal-view ceiling."""
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
