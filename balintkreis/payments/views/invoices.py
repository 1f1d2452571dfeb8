"""The secretariat's payment pages: open invoices, recording a payment,
the accounting export."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import secretariat_required
from balintkreis.billing.models import Invoice
from balintkreis.core.errors import RuleError
from balintkreis.payments import accounting, permissions, records, status
from balintkreis.payments.forms import PaymentForm, PeriodForm
from balintkreis.payments.models import Payment, StatementEntry


@require_GET
@secretariat_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every unpaid invoice, the longest due first; two queries whatever
    the count (invoices with their paid sum and recipient; review count)."""
    today = timezone.localdate()
    unpaid = list(
        status.unpaid(Invoice.objects.select_related("recipient")).order_by(
            "due_on", "number"
        )
    )
    rows = [
        (invoice, status.status(invoice, today=today), status.outstanding(invoice))
        for invoice in unpaid
    ]
    return render(
        request,
        "payments/overview.html",
        {
            "rows": rows,
            "overdue_count": sum(1 for row in rows if row[1] == status.Status.OVERDUE),
            "review_count": StatementEntry.objects.to_review().count(),
        },
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invoice = permissions.get_invoice_for_secretariat(request.user, pk)
    form = PaymentForm(
        request.POST or None,
        initial={
            "paid_on": timezone.localdate(),
            "amount": status.outstanding(invoice),
            "method": Payment.Method.TRANSFER,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            records.record_payment(invoice, by=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The payment for invoice %(number)s has been recorded.")
                % {"number": invoice.number},
            )
            return redirect("payments:record", invoice.pk)
    return render(
        request,
        "payments/payment_form.html",
        {
            "form": form,
            "invoice": invoice,
            "status": status.status(invoice, today=timezone.localdate()),
            "outstanding": status.outstanding(invoice),
            "payments": invoice.payments.select_related("recorded_by"),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@secretariat_required
def accounting_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The period form; with a valid period in the query, a preview."""
    form = PeriodForm(request.GET or None)
    rows = None
    if form.is_bound and form.is_valid():
        rows = accounting.rows(today=timezone.localdate(), **form.cleaned_data)
    return render(
        request,
        "payments/accounting.html",
        {
            "form": form,
            "rows": rows,
            "header": accounting.HEADER,
            "accounts_missing": not all(accounting.configured_accounts()),
        },
        status=422 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
@secretariat_required
def accounting_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return redirect("payments:accounting")
    rows = accounting.rows(today=timezone.localdate(), **form.cleaned_data)
    response = HttpResponse(
        accounting.csv_bytes(rows), content_type="text/csv; charset=utf-8"
    )
    start = form.cleaned_data["period_from"].isoformat()
    end = form.cleaned_data["period_until"].isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="rechnungen-{start}-bis-{end}.csv"'
    )
    return response
