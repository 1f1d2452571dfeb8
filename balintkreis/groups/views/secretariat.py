from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.permissions import require_secretariat
from balintkreis.core.errors import RuleError
from balintkreis.groups import inquiries
from balintkreis.groups.forms import InquiryReplyForm, append_block
from balintkreis.groups.models import BalintGroup, Inquiry
from balintkreis.groups.permissions import get_inquiry_for_secretariat

INQUIRIES_PER_PAGE = 25


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """What needs the secretariat's attention today."""
    require_secretariat(request.user)
    groups = list(
        BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED)
        .select_related("leader", "co_leader")
        .with_free_places()
    )
    listed = (BalintGroup.Status.OPEN, BalintGroup.Status.FORMING)
    new = Inquiry.objects.filter(status=Inquiry.Status.NEW).select_related("group")
    context = {
        "new_inquiries": new,
        "with_free_places": [g for g in groups if g.status in listed and g.free_places],
        "full_groups": [g for g in groups if g.status in listed and not g.free_places],
        "paused_groups": [g for g in groups if g.status == BalintGroup.Status.PAUSED],
    }
    return render(request, "groups/today.html", context)


@login_required
@require_GET
def inquiry_list(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    status = request.GET.get("status", "")
    found = Inquiry.objects.select_related("group")
    if status in Inquiry.Status.values:
        found = found.filter(status=status)
    page = Paginator(found, INQUIRIES_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "groups/inquiry_list.html",
        {"page": page, "status": status, "statuses": Inquiry.Status.choices},
    )


@login_required
@require_POST
def inquiry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_secretariat(request.user, pk)
    try:
        inquiries.mark_answered(inquiry, by=request.user)
    except RuleError as err:
        messages.warning(request, err.message)
    else:
        messages.success(
            request,
            _("The inquiry from %(name)s is marked as answered.")
            % {"name": inquiry.name},
        )
    return redirect("groups:inquiry-list")


def _render_inquiry(
    request: HttpRequest, inquiry: Inquiry, form: InquiryReplyForm, status: int = 200
) -> HttpResponse:
    context = {
        "inquiry": inquiry,
        "replies": inquiry.replies.select_related("author"),
        "form": form,
        "text_blocks": [
            ("fee", _("Insert the current fee")),
            ("places", _("Insert the free places")),
            ("entry_dates", _("Insert the next entry dates")),
        ],
    }
    return render(request, "groups/inquiry_detail.html", context, status=status)


@login_required
@require_GET
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An inquiry, its replies (the thread) and the reply form."""
    inquiry = get_inquiry_for_secretariat(request.user, pk)
    form = InquiryReplyForm(initial={"group": inquiry.group})
    return _render_inquiry(request, inquiry, form)


@login_required
@require_POST
def inquiry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the reply, or (button "insert") add a text block and show the form
    again with everything typed kept."""
    inquiry = get_inquiry_for_secretariat(request.user, pk)
    block = request.POST.get("insert", "")
    if block:
        return _insert_block(request, inquiry, block)
    form = InquiryReplyForm(request.POST)
    if not form.is_valid():
        return _render_inquiry(request, inquiry, form, status=422)
    try:
        inquiries.reply(inquiry, by=request.user, body=form.cleaned_data["body"])
    except RuleError as err:
        form.add_error(None, err.message)
        return _render_inquiry(request, inquiry, form, status=422)
    messages.success(
        request,
        _("Your reply to %(name)s has been sent.") % {"name": inquiry.name},
    )
    return redirect(reverse("groups:inquiry-detail", args=[inquiry.pk]))


def _insert_block(request: HttpRequest, inquiry: Inquiry, block: str) -> HttpResponse:
    form = InquiryReplyForm(request.POST)
    form.is_valid()
    form.errors.clear()  # an empty or unfinished text is fine while composing
    group = form.cleaned_data.get("group")
    if block not in inquiries.TEXT_BLOCKS:
        form.add_error(None, _("This text block does not exist."))
        return _render_inquiry(request, inquiry, form, status=422)
    if group is None:
        form.add_error("group", _("Please choose the group the text is about."))
        return _render_inquiry(request, inquiry, form, status=422)
    text = inquiries.text_block(group, block, language=inquiry.language)
    body = append_block(request.POST.get("body", ""), text)
    # A fresh, unbound form: the typed text with the block, no errors shown.
    form = InquiryReplyForm(initial={"body": body, "group": group})
    return _render_inquiry(request, inquiry, form)
