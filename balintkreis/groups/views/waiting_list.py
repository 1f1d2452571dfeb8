"""The waiting list of a group, and the offer pages reached from the e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core import hooks
from balintkreis.core.errors import RuleError
from balintkreis.groups import (
    applications,
    fees,
    memberships,
    offers,
    permissions,
    waiting_list,
)
from balintkreis.groups.forms import MoveForm
from balintkreis.groups.models import Application


@login_required
def waiting_list_view(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_staff(request.user, slug)
    waiting = list(group.applications.waiting().select_related("user"))
    offers = group.applications.filter(
        status=Application.Status.OFFERED
    ).select_related("user")
    return render(
        request,
        "groups/waiting_list.html",
        {
            "group": group,
            "entries": list(enumerate(waiting, start=1)),
            "offers": offers,
            "can_move": request.user.is_secretariat,
            "free_places": waiting_list.free_places(group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def waiting_list_move(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    application = permissions.get_waiting_application_for_secretariat(
        request.user, slug, pk
    )
    form = MoveForm(
        request.POST or None,
        initial={"position": waiting_list.position(application)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            waiting_list.move(application, actor=request.user, **_move_args(form))
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is now number %(position)d on the waiting list.")
                % {
                    "name": application.user.display_name,
                    "position": form.cleaned_data["position"],
                },
            )
            return redirect("groups:waiting-list", slug=slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "groups/waiting_list_move.html",
        {"group": application.group, "application": application, "form": form},
        status=status,
    )


def _move_args(form: MoveForm) -> dict:
    return {
        "to_position": form.cleaned_data["position"],
        "reason": form.cleaned_data["reason"],
    }


def _offer_for_token(token: str) -> Application:
    application_id = offers.application_id_from_token(token)
    if application_id is None:
        raise Http404
    return get_object_or_404(
        Application.objects.select_related("group", "user", "membership"),
        pk=application_id,
    )


def _offer_page(
    request: HttpRequest, application: Application, *, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    is_expired = application.status == Application.Status.EXPIRED or (
        application.status == Application.Status.OFFERED
        and application.offer_is_expired(now)
    )
    is_open = application.status == Application.Status.OFFERED and not is_expired
    entry_fee = None
    offer_notes: list[hooks.Link] = []
    if is_open:
        group = application.group
        entry_on = memberships.default_entry_on(group, today=timezone.localdate())
        # "Auf Anfrage": the fee is agreed with the person, whatever the fee
        # schedule would say; the page says so once (groups/_entry_fee.html).
        if not group.fee_and_places_on_request:
            entry_fee = fees.entry_fee(group, entry_on=entry_on)
        # What apps above add before the person accepts (billing: the amount
        # invoiced and where the invoice goes).
        offer_notes = hooks.links("offer_notes", group, application.user, entry_on)
    return render(
        request,
        "groups/offer.html",
        {
            "entry_fee": entry_fee,
            "offer_notes": offer_notes,
            "application": application,
            "group": application.group,
            "token": offers.offer_token(application),
            "is_open": is_open,
            "is_expired": is_expired,
            "is_accepted": application.status == Application.Status.ACCEPTED,
        },
        status=status,
    )


@require_http_methods(["GET"])
def offer(request: HttpRequest, token: str) -> HttpResponse:
    """The offer behind the e-mail links; answering it needs a POST, so link
    scanners of mail providers cannot accept or decline by following it."""
    return _offer_page(request, _offer_for_token(token))


@require_http_methods(["GET", "POST"])
def offer_accept(request: HttpRequest, token: str) -> HttpResponse:
    application = _offer_for_token(token)
    if request.method == "GET":
        return _offer_page(request, application)
    try:
        applications.accept_offer(application)
    except RuleError as error:
        messages.error(request, error.message)
        application.refresh_from_db()
        return _offer_page(request, application, status=409)
    messages.success(
        request,
        _("Welcome! You are now a member of %(group)s.")
        % {"group": application.group.title},
    )
    return redirect("groups:offer", token=token)


@require_POST
def offer_decline(request: HttpRequest, token: str) -> HttpResponse:
    application = _offer_for_token(token)
    try:
        applications.decline_offer(application)
    except RuleError as error:
        messages.error(request, error.message)
        application.refresh_from_db()
        return _offer_page(request, application, status=409)
    messages.success(
        request, _("You have turned down the offer. Thank you for letting us know.")
    )
    return redirect("groups:offer", token=token)
