from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from balintkreis.core import fragments
from balintkreis.core.pagecache import cache_for_anonymous
from balintkreis.core.personalpages import cache_per_person
from balintkreis.groups import fees
from balintkreis.groups.forms import CatalogueFilterForm
from balintkreis.groups.models import BalintGroup

NEXT_DATES = 5
PER_PAGE = 24
CARD = "groups/_group_card.html"
CARD_INCLUDES = (
    "groups/_places_badge.html",
    "groups/_rhythm.html",
    "groups/_fee.html",
    "groups/_recognition.html",
    "groups/_ask_fee_button.html",
)


def _card_values(group: BalintGroup, fee: fees.Fee | None) -> tuple:
    """Everything a card shows: the group's fields and annotations (free
    places), its leaders' names, chamber and fee. The card's cache key."""
    return (
        fragments.model_values(group),
        group.leader.display_name,
        group.co_leader.display_name if group.co_leader else None,
        group.chamber.name if group.chamber else None,
        fee,
    )


def group_cards(groups: list[BalintGroup]) -> list:
    """The rendered cards of ``groups``, each shared by everybody who sees
    the same data (core/fragments.py)."""
    items = []
    for group in groups:
        fee = fees.fee_for(group)
        items.append((_card_values(group, fee), {"group": group, "fee": fee}))
    return fragments.render_many(CARD, items, includes=CARD_INCLUDES)


@require_GET
@cache_for_anonymous
@cache_per_person
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
    cards = group_cards(list(page.object_list))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "groups/group_list.html",
        {
            "form": form,
            "cards": cards,
            "page": page,
            "filter_query": query.urlencode(),
            "is_filtered": bool(query),
        },
    )


@require_GET
@cache_for_anonymous
@cache_per_person
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
