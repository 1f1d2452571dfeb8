"""The secretariat's SEPA direct debit page and file download."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import secretariat_required
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.payments import direct_debits, permissions
from balintkreis.payments.forms import CollectionForm
from balintkreis.payments.models import DirectDebitBatch


@require_http_methods(["GET", "POST"])
@secretariat_required
def collection(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open invoices of members with a mandate: choose, date, export."""
    rows = direct_debits.collectable()
    earliest = direct_debits.earliest_collection_on(timezone.localdate())
    form = CollectionForm(
        request.POST or None,
        choices=[(row.invoice.pk, row.invoice.number) for row in rows],
        initial={"collection_on": earliest, "invoices": [r.invoice.pk for r in rows]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = direct_debits.create_batch(
                form.cleaned_data["invoices"],
                collection_on=form.cleaned_data["collection_on"],
                by=request.user,
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The direct debit file for %(day)s is ready. Download it and "
                    "upload it in your online banking; the members have been told."
                )
                % {"day": date_format(batch.collection_on, "SHORT_DATE_FORMAT")},
            )
            return redirect("payments:direct-debits")
    return render(
        request,
        "payments/direct_debits.html",
        {
            "form": form,
            "rows": rows,
            "earliest": earliest,
            "creditor": direct_debits.creditor(),
            "batches": DirectDebitBatch.objects.select_related("created_by")[:10],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@secretariat_required
def batch_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = permissions.get_batch_for_secretariat(request.user, pk)
    # The file holds the members' IBANs: who downloads it is logged.
    audit.record(request.user, "payments.direct_debits.downloaded", batch)
    response = HttpResponse(batch.xml.encode(), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="lastschriften-{batch.collection_on.isoformat()}'
        f'-{batch.pk}.xml"'
    )
    return response
