"""Pages that span apps: home, info pages, the personal overview."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.views.decorators.http import require_GET

from balintkreis.accounts import permissions, profiles, two_factor
from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.groups.models import BalintGroup
from balintkreis.site.homes import member

# Info pages are templates under site/pages/; the slug is the German path.
PAGES = {
    "balintgruppe",
    "fuer-wen",
    "anerkennung",
    "online-gruppen",
    "mentoring",
    "datenschutz",
    "impressum",
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", {})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PAGES:
        raise Http404
    try:
        template = get_template(f"site/pages/{slug}.html")
    except TemplateDoesNotExist:
        raise Http404 from None
    context = {"privacy_notice_version": settings.PRIVACY_NOTICE_VERSION}
    return HttpResponse(template.render(context, request))


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "site/dashboard.html",
        {
            "missing": profiles.missing_items(user),
            "efn_missing": profiles.efn_missing(user),
            "is_leader": permissions.is_leader(user),
            "is_secretariat": permissions.is_secretariat(user),
            "two_factor_required": two_factor.is_required_for(user),
            "led_groups": list(BalintGroup.objects.led_by(user).order_by("title")),
            "member_home": member.member_home(
                user,
                today=timezone.localdate(),
                site_url=request.build_absolute_uri("/"),
            ),
        },
    )
