"""The secretariat's invoice pages: list, a term in one batch (preview,
then issue), supervision invoices, cancellations and fee agreements."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import secretariat_required
from balintkreis.billing import fees, invoices, status
from balintkreis.billing.forms import CancelForm, SupervisionInvoiceForm, TermIssueForm
from balintkreis.billing.models import Invoice
from balintkreis.billing.permissions import get_invoice_for_user
from balintkreis.billing.views import documents
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.mentoring.models import Mentorship

FILTERS = ["open", "cancelled", "cancellation", "all"]
SHOWN = 200


@secretariat_required
@require_GET
def invoice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    shown = request.GET.get("status", "all")
    if shown not in FILTERS:
        shown = "all"
    rows = Invoice.objects.select_related("cancellation", "cancels")
    if shown != "all":
        rows = rows.filter(invoices.invoice_status_filter(shown))
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(
            Q(number__icontains=query) | Q(recipient_name__icontains=query)
        )
    page = list(rows[:SHOWN])
    states = status.states(page, today=timezone.localdate())
    return render(
        request,
        "billing/invoice_list.html",
        {
            "rows": [(invoice, states[invoice.pk]) for invoice in page],
            "shown": shown,
            "query": query,
            "filters": FILTERS,
            "is_cut": len(page) == SHOWN,
        },
    )


@secretariat_required
@require_GET
def term_groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1 of "Rechnungen für das Halbjahr erstellen": pick a group."""
    today = timezone.localdate()
    rows = [
        (group, invoices.term_start(group, today=today))
        for group in invoices.term_groups()
    ]
    return render(request, "billing/term_groups.html", {"rows": rows})


def _term_group(slug: str) -> BalintGroup:
    group: BalintGroup = get_object_or_404(
        BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED), slug=slug
    )
    return group


@secretariat_required
@require_http_methods(["GET", "POST"])
def term_preview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Step 2 and 3: the preview with a box per member, then issue."""
    group = _term_group(slug)
    preview = invoices.preview_term(group)
    choices = [
        (row.membership.pk, str(row.membership.user)) for row in preview.issuable
    ]
    form = TermIssueForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"memberships": [pk for pk, _label in choices]},
    )
    if request.method == "POST" and form.is_valid():
        result = invoices.issue_term(
            group, by=request.user, only=set(form.cleaned_data["memberships"])
        )
        messages.success(
            request,
            ngettext(
                "%(count)s invoice has been issued.",
                "%(count)s invoices have been issued.",
                len(result.issued),
            )
            % {"count": len(result.issued)},
        )
        for membership, problem in result.skipped:
            messages.warning(
                request,
                _("Not issued for %(person)s: %(problem)s")
                % {"person": membership.user, "problem": problem},
            )
        return redirect("billing:term-preview", group.slug)
    return render(
        request,
        "billing/term_preview.html",
        {"group": group, "preview": preview, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@secretariat_required
@require_POST
def invoice_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Issue a cancellation invoice only."""
    return _cancel(request, pk, reissue=False)


@secretariat_required
@require_POST
def invoice_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Cancel and issue anew from today's address, agreement and fee."""
    return _cancel(request, pk, reissue=True)


def _cancel(
    request: AuthenticatedHttpRequest, pk: int, *, reissue: bool
) -> HttpResponse:
    """The one path for both buttons of "Correct this invoice". An invalid
    form or a refused rule re-renders the invoice page (422) with the
    message at the form and the typed reason kept."""
    invoice = get_invoice_for_user(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if reissue:
                shown = invoices.correct_invoice(
                    invoice, by=request.user, reason=reason
                )
                message = _(
                    "The invoice has been cancelled and replaced by %(number)s."
                )
            else:
                shown = invoices.cancel_invoice(invoice, by=request.user, reason=reason)
                message = _("Cancellation invoice %(number)s has been issued.")
        except RuleError as error:
            form.add_error(None, error.message)
            invoice = get_invoice_for_user(request.user, pk)
        else:
            messages.success(request, message % {"number": shown.number})
            return redirect("billing:invoice-detail", shown.pk)
    return documents.render_invoice(request, invoice, cancel_form=form, status_code=422)


@secretariat_required
@require_GET
def supervision_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mentorships with agreed paid supervision, to bill a period."""
    mentorships = (
        Mentorship.objects.filter(supervision_from__isnull=False)
        .select_related("mentor", "mentee", "terms")
        .order_by("mentee__last_name")
    )
    return render(
        request,
        "billing/supervision_list.html",
        {"mentorships": [m for m in mentorships if _has_agreed_terms(m)]},
    )


def _has_agreed_terms(mentorship: Mentorship) -> bool:
    terms = getattr(mentorship, "terms", None)
    return terms is not None and terms.is_agreed


@secretariat_required
@require_http_methods(["GET", "POST"])
def supervision_invoice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.filter(supervision_from__isnull=False).select_related(
            "mentor", "mentee", "terms"
        ),
        pk=pk,
    )
    form = SupervisionInvoiceForm(
        request.POST if request.method == "POST" else (request.GET or None)
    )
    charge = None
    if form.is_valid():
        period = form.cleaned_data
        charge = fees.supervision_charge(
            mentorship,
            period_from=period["period_from"],
            period_until=period["period_until"],
        )
        if request.method == "POST":
            try:
                invoice = invoices.issue_for_supervision(
                    mentorship,
                    period_from=period["period_from"],
                    period_until=period["period_until"],
                    by=request.user,
                )
            except RuleError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Invoice %(number)s has been issued.")
                    % {"number": invoice.number},
                )
                return redirect("billing:invoice-detail", invoice.pk)
    return render(
        request,
        "billing/supervision_invoice.html",
        {"mentorship": mentorship, "form": form, "charge": charge},
        status=422 if request.method == "POST" else 200,
    )
