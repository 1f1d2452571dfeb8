"""A person's own invoices, their payment status and the SEPA mandate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.billing.models import Invoice
from balintkreis.core.errors import RuleError
from balintkreis.payments import direct_debits, mandates, status
from balintkreis.payments.forms import MandateForm


@login_required
@require_GET
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the person still has to pay, how, and their direct debit
    mandate; all their invoices with the downloads are billing's page.
    Three queries: the unpaid invoices with their paid sums, the mandate,
    the default issuer (for the bank details)."""
    today = timezone.localdate()
    invoices = status.unpaid(Invoice.objects.of(request.user)).order_by(
        "due_on", "number"
    )
    rows = [
        (invoice, status.status(invoice, today=today), status.outstanding(invoice))
        for invoice in invoices
    ]
    return render(
        request,
        "payments/mine.html",
        {
            "rows": rows,
            "mandate": mandates.active_mandate(request.user),
            "creditor": direct_debits.creditor(),
            "direct_debit_offered": bool(settings.SEPA_CREDITOR_ID),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not settings.SEPA_CREDITOR_ID:
        # Direct debit is not offered until the institute has a creditor id.
        return render(request, "payments/mandate_form.html", {"form": None})
    form = MandateForm(
        request.POST or None,
        initial={"account_holder": f"{user.first_name} {user.last_name}".strip()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            given = mandates.give_mandate(
                user,
                account_holder=form.cleaned_data["account_holder"],
                iban=form.cleaned_data["iban"],
                bic=form.cleaned_data["bic"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you: your mandate %(reference)s has been saved.")
                % {"reference": given.reference},
            )
            return redirect("payments:mine")
    return render(
        request,
        "payments/mandate_form.html",
        {
            "form": form,
            "mandate": mandates.active_mandate(user),
            "creditor": direct_debits.creditor(),
            "prenotification_days": settings.SEPA_PRENOTIFICATION_DAYS,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def mandate_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    active = mandates.active_mandate(request.user)
    if active is None:
        messages.error(request, _("You have no active mandate."))
        return redirect("payments:mine")
    try:
        mandates.revoke_mandate(active, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your mandate has been revoked. Please pay future invoices by transfer."),
        )
    return redirect("payments:mine")
