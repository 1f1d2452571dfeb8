"""Bank statement import and the review list."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import secretariat_required
from balintkreis.billing.models import Invoice
from balintkreis.core.errors import RuleError
from balintkreis.payments import permissions, statements
from balintkreis.payments.forms import AssignForm, StatementForm
from balintkreis.payments.models import BankStatement, StatementEntry


@require_http_methods(["GET", "POST"])
@secretariat_required
def statement_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = statements.import_statement(
                upload.read(), by=request.user, file_name=upload.name
            )
        except RuleError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _(
                    "Statement imported: %(matched)s payments booked, "
                    "%(review)s to review, %(known)s known from an earlier import."
                )
                % {
                    "matched": result.matched,
                    "review": result.review,
                    "known": result.known,
                },
            )
            return redirect("payments:statement-detail", result.statement.pk)
    return render(
        request,
        "payments/statement_import.html",
        {"form": form, "recent": BankStatement.objects.all()[:10]},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@secretariat_required
def statement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What an import did: booked, to review, not payments."""
    statement = permissions.get_statement_for_secretariat(request.user, pk)
    entries = list(statement.entries.prefetch_related("payments__invoice"))
    by_state: dict[str, list[StatementEntry]] = {}
    for entry in entries:
        by_state.setdefault(entry.state, []).append(entry)
    return render(
        request,
        "payments/statement_detail.html",
        {
            "statement": statement,
            "matched": by_state.get(StatementEntry.State.MATCHED, []),
            "review": by_state.get(StatementEntry.State.REVIEW, []),
            "decided": by_state.get(StatementEntry.State.ASSIGNED, [])
            + by_state.get(StatementEntry.State.IGNORED, []),
            "skipped": by_state.get(StatementEntry.State.SKIPPED, []),
        },
    )


def _review_context(forms: dict[int, AssignForm] | None = None) -> dict:
    entries = list(StatementEntry.objects.to_review().select_related("statement"))
    wanted = {pk for entry in entries for pk in entry.candidates}
    candidates = Invoice.objects.in_bulk(wanted)
    forms = forms or {}
    rows = []
    for entry in entries:
        suggested = [candidates[pk] for pk in entry.candidates if pk in candidates]
        form = forms.get(entry.pk) or AssignForm(
            prefix=f"entry-{entry.pk}",
            initial={"invoice_number": suggested[0].number if suggested else ""},
        )
        rows.append((entry, suggested, form))
    return {"rows": rows}


@require_GET
@secretariat_required
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every booking that did not match, with an assign and an ignore form."""
    return render(request, "payments/review.html", _review_context())


@require_POST
@secretariat_required
def entry_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_for_review(request.user, pk)
    form = AssignForm(request.POST, prefix=f"entry-{entry.pk}")
    if form.is_valid():
        number = form.cleaned_data["invoice_number"].strip()
        invoice = (
            Invoice.objects.exclude(kind=Invoice.Kind.CANCELLATION)
            .filter(Q(number__iexact=number))
            .first()
        )
        if invoice is None:
            form.add_error(
                "invoice_number",
                _("There is no invoice with the number %(number)s.")
                % {"number": number},
            )
        else:
            amount: Decimal | None = form.cleaned_data["amount"]
            try:
                statements.assign(entry, invoice, by=request.user, amount=amount)
            except RuleError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("The booking has been assigned to invoice %(number)s.")
                    % {"number": invoice.number},
                )
                return redirect("payments:review")
    return render(
        request,
        "payments/review.html",
        _review_context({entry.pk: form}),
        status=422,
    )


@require_POST
@secretariat_required
def entry_ignore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_for_review(request.user, pk)
    try:
        statements.ignore(entry, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The booking has been taken off the list."))
    return redirect("payments:review")
