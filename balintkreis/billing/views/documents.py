"""An invoice's page and its downloads: for the secretariat and the
recipient (only their own; others get 404)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.billing import einvoice, status
from balintkreis.billing.forms import CancelForm
from balintkreis.billing.models import Invoice
from balintkreis.billing.permissions import get_invoice_for_user
from balintkreis.core import audit, hooks


@login_required
@require_GET
def invoice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invoice = get_invoice_for_user(request.user, pk)
    return render_invoice(request, invoice, cancel_form=CancelForm())


def render_invoice(
    request: AuthenticatedHttpRequest,
    invoice: Invoice,
    *,
    cancel_form: CancelForm,
    status_code: int = 200,
) -> HttpResponse:
    """The invoice page; the cancel views re-render it with a bound form."""
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "state": status.states([invoice], today=timezone.localdate())[invoice.pk],
            "for_secretariat": is_secretariat(request.user),
            "can_cancel": is_secretariat(request.user)
            and not invoice.is_cancellation
            and not invoice.is_cancelled,
            "cancel_form": cancel_form,
            # Apps above billing (payments) link the invoice to their pages.
            "invoice_links": hooks.links("invoice_links", request.user, invoice),
        },
        status=status_code,
    )


def _download(request: AuthenticatedHttpRequest, pk: int, *, kind: str) -> HttpResponse:
    invoice = get_invoice_for_user(request.user, pk)
    if kind == "pdf":
        body = einvoice.facturx_pdf(invoice)
        content_type = "application/pdf"
        filename = f"Rechnung-{invoice.number}.pdf"
    else:
        body = einvoice.xrechnung_xml(invoice)
        content_type = "application/xml"
        filename = f"XRechnung-{invoice.number}.xml"
    audit.record(
        request.user, "billing.invoice.downloaded", invoice, data={"format": kind}
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def invoice_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ZUGFeRD / Factur-X PDF (readable PDF with the XML inside)."""
    return _download(request, pk, kind="pdf")


@login_required
@require_GET
def invoice_xml(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The plain XRechnung XML."""
    return _download(request, pk, kind="xml")
