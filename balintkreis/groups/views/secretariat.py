from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import require_secretariat
from balintkreis.core.errors import RuleError
from balintkreis.groups import inquiries
from balintkreis.groups.models import BalintGroup, Inquiry
from balintkreis.groups.permissions import get_inquiry_for_secretariat

INQUIRIES_PER_PAGE = 25


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """What needs the secretariat's attention today."""
    require_secretariat(request.user)
    groups = list(
        BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED)
        .select_related("leader", "co_leader")
        .with_free_places()
    )
    listed = (BalintGroup.Status.OPEN, BalintGroup.Status.FORMING)
    new = Inquiry.objects.filter(status=Inquiry.Status.NEW).select_related("group")
    context = {
        "new_inquiries": new,
        "with_free_places": [g for g in groups if g.status in listed and g.free_places],
        "full_groups": [g for g in groups if g.status in listed and not g.free_places],
        "paused_groups": [g for g in groups if g.status == BalintGroup.Status.PAUSED],
    }
    return render(request, "groups/today.html", context)


@login_required
@require_GET
def inquiry_list(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    status = request.GET.get("status", "")
    found = Inquiry.objects.select_related("group")
    if status in Inquiry.Status.values:
        found = found.filter(status=status)
    page = Paginator(found, INQUIRIES_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "groups/inquiry_list.html",
        {"page": page, "status": status, "statuses": Inquiry.Status.choices},
    )


@login_required
@require_POST
def inquiry_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_secretariat(request.user, pk)
    try:
        inquiries.mark_answered(inquiry, by=request.user)
    except RuleError as err:
        messages.warning(request, err.message)
    else:
        messages.success(
            request,
            _("The inquiry from %(name)s is marked as answered.")
            % {"name": inquiry.name},
        )
    return redirect("groups:inquiry-list")
