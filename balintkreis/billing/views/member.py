"""A person's own invoices and billing address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.billing import agreements, invoices, status
from balintkreis.billing.forms import BillingAddressForm
from balintkreis.billing.models import BillingAddress
from balintkreis.core import hooks


@login_required
@require_GET
def my_invoices(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(invoices.invoices_of(request.user))
    states = status.states(rows, today=timezone.localdate())
    return render(
        request,
        "billing/my_invoices.html",
        {
            "rows": [(invoice, states[invoice.pk]) for invoice in rows],
            "address": BillingAddress.objects.filter(user=request.user).first(),
            # Apps above billing (payments: paying and direct debit).
            "invoice_links": hooks.links("invoice_links", request.user, None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def billing_address(request: AuthenticatedHttpRequest) -> HttpResponse:
    address = BillingAddress.objects.filter(user=request.user).first()
    form = BillingAddressForm(
        request.POST if request.method == "POST" else None,
        instance=address or BillingAddress(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        agreements.save_billing_address(form.instance, by=request.user)
        messages.success(request, _("Your billing address has been saved."))
        return redirect("billing:my-invoices")
    return render(
        request,
        "billing/billing_address.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )
