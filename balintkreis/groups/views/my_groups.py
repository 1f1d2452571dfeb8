"""“Meine Gruppen”: a participant's applications, waiting positions,
memberships and interest list entries; withdrawing and leaving."""

import datetime
from decimal import Decimal
from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import require_secretariat
from balintkreis.core import hooks
from balintkreis.core.errors import RuleError
from balintkreis.core.hooks import Link
from balintkreis.core.personalpages import cache_per_person
from balintkreis.groups import (
    access,
    applications,
    fees,
    interest,
    memberships,
    offers,
    permissions,
    waiting_list,
)
from balintkreis.groups.forms import EndMembershipForm, InterestForm
from balintkreis.groups.models import Application, Membership


@login_required
@cache_per_person
def my_groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    rows = list(user.applications.select_related("group").order_by("-created_at"))
    open_rows = [
        {
            "application": a,
            "position": waiting_list.position(a),
            "offer_token": offers.offer_token(a)
            if a.status == Application.Status.OFFERED
            else "",
        }
        for a in rows
        if a.is_open
    ]
    today = timezone.localdate()
    member_rows = list(
        user.memberships.select_related("group__fee_schedule", "application")
        .prefetch_related("group__fee_schedule__tiers")
        .annotate(
            member_state=access.member_state_annotation(
                user, on=today, group_ref="group"
            )
        )
        .order_by("-started_on")
    )
    # The next dates of every group at once (the meetings app's hook), the
    # person's standing per group from the annotation: the page costs the
    # same queries however many groups (issue 17).
    groups = {m.group_id: m.group for m in member_rows}
    accesses = {
        m.group_id: access.access(
            m.group,
            user,
            member_state=m.member_state,  # type: ignore[attr-defined]
        )
        for m in member_rows
    }
    dates = hooks.links_by_key(
        "group_dates_many", list(groups.values()), user, accesses
    )
    return render(
        request,
        "groups/my_groups.html",
        {
            "open_applications": open_rows,
            "closed_applications": [a for a in rows if not a.is_open],
            "memberships": [
                _membership_row(m, today=today) | {"dates": dates.get(m.group_id, [])}
                for m in member_rows
            ],
            "interest_entries": user.interest_entries.filter(ended_at__isnull=True),
        },
    )


class MembershipRow(TypedDict, total=False):
    membership: Membership
    is_active: bool
    prorated_fee: Decimal | None
    remaining_sessions: int | None
    fee: fees.Fee | None
    dates: list[Link]


def _membership_row(membership: Membership, *, today: datetime.date) -> MembershipRow:
    """A membership with the fee its entry recorded (``fees.entry_fee``), or
    the group's term fee when the entry was at the start of a term."""
    application = getattr(membership, "application", None)
    recorded = application.prorated_fee if application else None
    return {
        "membership": membership,
        "is_active": membership.ended_on is None or membership.ended_on > today,
        "prorated_fee": recorded,
        "remaining_sessions": application.remaining_sessions if application else None,
        "fee": fees.fee_for(membership.group) if recorded is None else None,
    }


@login_required
@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = permissions.get_own_application(request.user, pk)
    try:
        applications.withdraw(application, user=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your application for %(group)s has been withdrawn.")
            % {"group": application.group.title},
        )
    return redirect("groups:my-groups")


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = permissions.get_own_membership(request.user, pk)
    form = EndMembershipForm(
        request.POST or None, initial={"ended_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            memberships.end(membership, actor=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("You leave %(group)s on %(date)s. Thank you for taking part.")
                % {
                    "group": membership.group.title,
                    "date": form.cleaned_data["ended_on"].strftime("%d.%m.%Y"),
                },
            )
            return redirect("groups:my-groups")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "groups/membership_leave.html",
        {"group": membership.group, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interest.register(request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "You are on the interest list. We will write to you when a "
                    "suitable group starts."
                ),
            )
            return redirect("groups:my-groups")
    status = 422 if request.method == "POST" else 200
    return render(request, "groups/interest_form.html", {"form": form}, status=status)


@login_required
@require_POST
def interest_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(request.user.interest_entries, pk=pk)
    interest.remove(entry, user=request.user)
    messages.success(request, _("You have left the interest list."))
    return redirect("groups:my-groups")


@login_required
def interest_overview(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    return render(
        request, "groups/interest_overview.html", {"rows": interest.overview()}
    )
