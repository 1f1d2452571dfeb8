from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.record import goals, permissions, sessions, targets
from balintkreis.record.forms import ChooseTargetForm
from balintkreis.record.models import ChosenTarget


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mein Balint-Konto: targets, every platform date, outside entries."""
    user = request.user
    rows = sessions.platform_rows(user)
    entries = sessions.outside_entries(user)
    context = {
        "progress": sessions.progress_for(user, rows=rows, entries=entries),
        "rows": rows,
        "entries": entries,
        "totals": sessions.totals(rows, entries),
        "is_confirmer": permissions.is_confirmer(user),
        "has_platform_sessions": any(r.counts for r in rows),
    }
    return render(request, "record/overview.html", context)


def _targets_page(
    request: AuthenticatedHttpRequest,
    form: ChooseTargetForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    chamber = sessions.chamber_of(request.user)
    chosen = {c.key: c for c in ChosenTarget.objects.filter(user=request.user)}
    rows = [
        (target, targets.requirements_text(target), chosen.get(target.key))
        for target in targets.all_targets(chamber)
    ]
    context = {
        "rows": rows,
        "form": form or ChooseTargetForm(chamber=chamber),
        "chamber": request.user.chamber,
    }
    return render(request, "record/targets.html", context, status=status)


@login_required
@require_GET
def target_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every target open to the person's chamber, to choose from."""
    return _targets_page(request)


@login_required
@require_POST
def target_choose(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ChooseTargetForm(request.POST, chamber=sessions.chamber_of(request.user))
    if form.is_valid():
        try:
            goals.choose(
                request.user,
                key=form.cleaned_data["key"],
                training_started_on=form.cleaned_data["training_started_on"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your target has been saved."))
            return redirect("record:overview")
    return _targets_page(request, form, status=422)


@login_required
@require_POST
def target_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    chosen = permissions.get_own_target(request.user, pk)
    goals.remove(chosen, by=request.user)
    messages.success(request, _("The target has been removed from your record."))
    return redirect("record:overview")
