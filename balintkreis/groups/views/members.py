"""Members of a group with entry and leaving dates; ending a membership and
carrying members over into the next term (secretariat)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.groups import memberships, permissions
from balintkreis.groups.forms import CarryOverForm, EndMembershipForm


@login_required
def member_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_staff(request.user, slug)
    today = timezone.localdate()
    rows = group.memberships.select_related("user").order_by("ended_on", "started_on")
    return render(
        request,
        "groups/member_list.html",
        {
            "group": group,
            "current": [m for m in rows if m.ended_on is None or m.ended_on > today],
            "former": [
                m for m in rows if m.ended_on is not None and m.ended_on <= today
            ],
            "can_end": request.user.is_secretariat,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    membership = permissions.get_membership_for_secretariat(request.user, slug, pk)
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
                _("The membership of %(name)s ends on %(date)s.")
                % {
                    "name": membership.user.display_name,
                    "date": form.cleaned_data["ended_on"].strftime("%d.%m.%Y"),
                },
            )
            return redirect("groups:members", slug=slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "groups/membership_end.html",
        {"group": membership.group, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def carry_over(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_secretariat(request.user, slug)
    form = CarryOverForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        ended = memberships.carry_over(
            group,
            next_term_starts_on=form.cleaned_data["next_term_starts_on"],
            continuing={m.pk for m in form.cleaned_data["continuing"]},
            actor=request.user,
        )
        messages.success(
            request,
            ngettext(
                "The next term is set up; %(count)d member leaves.",
                "The next term is set up; %(count)d members leave.",
                len(ended),
            )
            % {"count": len(ended)},
        )
        return redirect("groups:members", slug=slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "groups/carry_over.html", {"group": group, "form": form}, status=status
    )
