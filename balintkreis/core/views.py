from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

# Info pages are templates under core/pages/; the slug is the German path.
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
    return render(request, "core/home.html", {})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PAGES:
        raise Http404
    try:
        template = get_template(f"core/pages/{slug}.html")
    except TemplateDoesNotExist:
        raise Http404 from None
    return HttpResponse(template.render({}, request))


def health(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; also the benchmark's minimal-view ceiling."""
    return HttpResponse("ok", content_type="text/plain")
