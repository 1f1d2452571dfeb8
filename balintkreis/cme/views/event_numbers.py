from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.cme import accreditation, points, vnr
from balintkreis.cme.forms import EventNumberForm
from balintkreis.cme.models import EventNumber
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import permissions


@login_required
@require_http_methods(["GET", "POST"])
def event_numbers(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """List a group's VNRs and add one."""
    group = permissions.get_group_for_leader(request.user, slug)
    return _form(request, group, EventNumber(group=group), "cme:event-numbers")


@login_required
@require_http_methods(["GET", "POST"])
def event_number_edit(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    group = permissions.get_group_for_leader(request.user, slug)
    instance = get_object_or_404(group.event_numbers.all(), pk=pk)
    return _form(request, group, instance, "cme:event-numbers")


def _form(
    request: AuthenticatedHttpRequest,
    group: BalintGroup,
    instance: EventNumber,
    target: str,
) -> HttpResponse:
    suggested = points.suggest(double_sessions=group.sessions_per_date)
    # A new VNR starts from the category C suggestion (R5); an existing one
    # keeps the points of its Bescheid.
    initial = {} if instance.pk else {"chamber": group.chamber_id, "points": suggested}
    form = EventNumberForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        group=group,
        user=request.user,
        suggested=suggested,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            vnr.save_event_number(
                form.instance,
                by=request.user,
                password=form.cleaned_data["new_password"],
                override_luhn=form.cleaned_data.get("override_luhn", False),
            )
        except ValidationError as error:
            form.add_error("vnr" if error.code == "vnr_checksum" else None, error)
        else:
            messages.success(request, _("The VNR has been saved."))
            return redirect(target, slug=group.slug)
    context = {
        "application_warning": accreditation.application_due(group),
        "group": group,
        "form": form,
        "can_lead": True,
        "event_numbers": group.event_numbers.select_related("chamber", "meeting"),
        "editing": instance.pk is not None,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "cme/event_numbers.html", context, status=status)
