"""Fee agreements, kept by the secretariat."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import secretariat_required
from balintkreis.billing import agreements
from balintkreis.billing.forms import FeeAgreementForm
from balintkreis.billing.models import FeeAgreement
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import Membership
from balintkreis.mentoring.models import Mentorship


@secretariat_required
@require_GET
def agreement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = FeeAgreement.objects.select_related(
        "membership__user",
        "membership__group",
        "mentorship__mentee",
        "mentorship__mentor",
        "agreed_by",
    ).order_by("-agreed_on", "-pk")
    return render(request, "billing/agreement_list.html", {"agreements": rows})


def _agreement_page(
    request: AuthenticatedHttpRequest,
    subject: Membership | Mentorship,
    *,
    title: str,
) -> HttpResponse:
    current = getattr(subject, "fee_agreement", None)
    initial = (
        {
            "kind": current.kind,
            "reduction_percent": current.reduction_percent,
            "amount": current.amount,
            "note": current.note,
        }
        if current
        else {}
    )
    form = FeeAgreementForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreements.agree_fee(
                subject,
                by=request.user,
                kind=data["kind"],
                reduction_percent=data["reduction_percent"],
                amount=data["amount"],
                note=data["note"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The fee agreement has been saved."))
            return redirect("billing:agreement-list")
    return render(
        request,
        "billing/agreement_form.html",
        {"form": form, "title": title, "current": current},
        status=422 if request.method == "POST" else 200,
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def agreement_membership(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "group"), pk=pk
    )
    title = _("Fee agreement: %(person)s in %(group)s") % {
        "person": membership.user,
        "group": membership.group.title,
    }
    return _agreement_page(request, membership, title=title)


@secretariat_required
@require_http_methods(["GET", "POST"])
def agreement_mentorship(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("mentee", "mentor"), pk=pk
    )
    title = _("Fee agreement: supervision of %(person)s") % {
        "person": mentorship.mentee
    }
    return _agreement_page(request, mentorship, title=title)


@secretariat_required
@require_POST
def agreement_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(FeeAgreement, pk=pk)
    agreements.remove_agreement(agreement, by=request.user)
    messages.success(request, _("The fee agreement has been removed."))
    return redirect("billing:agreement-list")
