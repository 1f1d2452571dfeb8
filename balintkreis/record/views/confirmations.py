from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.record import entries, permissions
from balintkreis.record.forms import RejectForm
from balintkreis.record.models import OutsideEntry

RECENT_DECISIONS = 20


@login_required
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Outside entries waiting for the secretariat or the named leader."""
    permissions.require_confirmer(request.user)
    rows = OutsideEntry.objects.for_confirmer(request.user).select_related(
        "user", "document", "confirming_leader"
    )
    context = {
        "pending": rows.pending().order_by("created_at"),
        "decided": rows.filter(decided_by=request.user).order_by("-decided_at")[
            :RECENT_DECISIONS
        ],
    }
    return render(request, "record/queue.html", context)


def _review_page(
    request: AuthenticatedHttpRequest,
    entry: OutsideEntry,
    form: RejectForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {
        "entry": entry,
        "has_document": hasattr(entry, "document"),
        "can_decide": entries.may_decide(request.user, entry)
        and entry.status == OutsideEntry.Status.SELF_REPORTED,
        "form": form or RejectForm(),
    }
    return render(request, "record/review.html", context, status=status)


@login_required
@require_GET
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_for_decider(request.user, pk)
    return _review_page(request, entry)


@login_required
@require_POST
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_for_decider(request.user, pk)
    try:
        entries.confirm(entry, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("record:review", pk)
    messages.success(request, _("The entry has been confirmed."))
    return redirect("record:queue")


@login_required
@require_POST
def reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_for_decider(request.user, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            entries.reject(entry, by=request.user, reason=form.cleaned_data["reason"])
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry has been rejected."))
            return redirect("record:queue")
    return _review_page(request, entry, form, status=422)
