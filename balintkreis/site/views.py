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
from balintkreis.core.personalpages import cache_per_person
from balintkreis.site import search
from balintkreis.site.homes import member
from balintkreis.site.homes.leader import leader_home
from balintkreis.site.homes.secretariat import secretariat_home

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
@cache_per_person
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page after log-in: a section for each role the person has, the
    most actionable first (site/homes/), then profile and account."""
    user = request.user
    return render(
        request,
        "site/dashboard.html",
        {
            "leader_home": leader_home(user),
            "secretariat_home": (
                secretariat_home(user) if permissions.is_secretariat(user) else None
            ),
            "member_home": member.member_home(
                user,
                today=timezone.localdate(),
                site_url=request.build_absolute_uri("/"),
            ),
            "missing": profiles.missing_items(user),
            "efn_missing": profiles.efn_missing(user),
            "is_leader": permissions.is_leader(user),
            "two_factor_required": two_factor.is_required_for(user),
        },
    )


@require_GET
@permissions.secretariat_required
def person_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The secretariat finds a person and their memberships and applications."""
    result = search.find_people(request.GET.get("q", ""), reader=request.user)
    return render(
        request,
        "site/person_search.html",
        {"result": result, "min_length": search.MIN_LENGTH},
    )
