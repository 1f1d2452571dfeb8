"""Error pages (400, 403, 404, 500, CSRF failure) and the favicon.

Each page says what happened and where to go next, in the person's language
(core.middleware.LanguageMiddleware has activated it before the view ran).
``balintkreis/urls.py`` names the handlers, settings.CSRF_FAILURE_VIEW the
CSRF page.

The 500 page renders without a request context: no context processor, no
query, nothing that could fail a second time (the database may be the cause).
A 404 never names the group of the address: the person may not know that it
exists (STYLE.md section 6). A 403 may, as the person may see the group.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

from balintkreis.groups.models import BalintGroup

PAGES = {
    400: (
        _("The request could not be processed"),
        _(
            "Your browser sent something the server could not understand, "
            "for example an incomplete form. Please go back and try again."
        ),
    ),
    403: (
        _("Access denied"),
        _(
            "You are not allowed to do this, or not with your current role. "
            "If you think this is a mistake, please contact the secretariat."
        ),
    ),
    404: (
        _("Page not found"),
        _(
            "This page does not exist or is not open to you. Please check the "
            "address or start again from the home page."
        ),
    ),
}


def _group_of(request: HttpRequest) -> BalintGroup | None:
    """The group of the requested address (``/gruppen/<slug>/…``), if any."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if not isinstance(slug, str):
        return None
    return BalintGroup.objects.filter(slug=slug).first()


def _page(
    request: HttpRequest,
    status: int,
    *,
    group: BalintGroup | None = None,
    reason: str = "",
) -> HttpResponse:
    title, text = PAGES[status]
    _ensure_user(request)
    context = {
        "status": status,
        "title": title,
        "text": text,
        "group": group,
        "reason": reason,
        "login_next": request.get_full_path(),
    }
    return render(request, "site/error.html", context, status=status)


def _ensure_user(request: HttpRequest) -> None:
    # A request refused by a middleware before AuthenticationMiddleware (a
    # foreign Host header) has no user; the frame's navigation needs one.
    if not hasattr(request, "user"):
        request.user = AnonymousUser()


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, 403, group=_group_of(request))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request, no context processors: see the module docstring.
    html = loader.get_template("site/error_500.html").render({"status": 500})
    return HttpResponse(html, status=500)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: mostly an expired form or blocked cookies."""
    _ensure_user(request)
    context = {
        "status": 403,
        "title": _("The form has expired"),
        "text": _(
            "For your security, a form can only be sent from this website and "
            "while your session is open. Please go back, reload the page and "
            "send the form again. If this keeps happening, allow cookies for "
            "this website."
        ),
        "login_next": "/",
    }
    return render(request, "site/error.html", context, status=403)


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to
    the SVG icon (a hashed static file)."""
    return HttpResponseRedirect(static("core/favicon.svg"))
