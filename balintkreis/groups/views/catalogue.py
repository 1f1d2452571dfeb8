from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from balintkreis.core.pagecache import cache_for_anonymous
from balintkreis.groups import fees
from balintkreis.groups.forms import CatalogueFilterForm
from balintkreis.groups.models import BalintGroup

NEXT_DATES = 5
PER_PAGE = 24


@require_GET
@cache_for_anonymous
def catalogue(request: HttpRequest) -> HttpResponse:
    listed = BalintGroup.objects.listed()
    cities = list(
        listed.exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )
    form = CatalogueFilterForm(request.GET or None, cities=cities)
    groups = form.filter(listed.with_catalogue_data())
    # A national society lists hundreds of groups: one page shows PER_PAGE.
    page = Paginator(groups, PER_PAGE).get_page(request.GET.get("seite"))
    rows = [(group, fees.fee_for(group)) for group in page.object_list]
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "groups/group_list.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "filter_query": query.urlencode(),
            "is_filtered": bool(query),
        },
    )


@require_GET
@cache_for_anonymous
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Paused and closed groups stay reachable (old links, members); the page
    # says so, and only the catalogue hides them.
    group = get_object_or_404(
        BalintGroup.objects.with_catalogue_data().select_related(
            "leader__leader_profile", "co_leader__leader_profile"
        ),
        slug=slug,
    )
    today = timezone.localdate()
    context = {
        "group": group,
        "fee": fees.fee_for(group),
        "leaders": [(u, getattr(u, "leader_profile", None)) for u in group.leaders()],
        "next_meetings": group.meetings.filter(
            starts_at__gte=timezone.now(), is_cancelled=False
        ).order_by("starts_at")[:NEXT_DATES],
        "entry_dates": [d for d in group.entry_dates.all() if d.starts_on >= today],
        "is_listed": group.status
        in (BalintGroup.Status.OPEN, BalintGroup.Status.FORMING),
    }
    return render(request, "groups/group_detail.html", context)
