from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.mentoring import logbook, mentee_requests, permissions
from balintkreis.mentoring.forms import DeclineForm, MentoringRequestForm


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = permissions.get_listed_mentor(request.user, pk)
    form = MentoringRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = mentee_requests.send(
                profile,
                mentee=request.user,
                situation=form.cleaned_data["situation"],
                topics=form.cleaned_data["topics"],
                message=form.cleaned_data["message"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. You will get an e-mail with the answer."
                ),
            )
            return redirect("mentoring:request-detail", sent.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "mentoring/request_form.html",
        {"form": form, "profile": profile, "free_sessions": logbook.free_sessions()},
        status=status,
    )


@login_required
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentoring_request = permissions.get_request_for_party(request.user, pk)
    is_mentor = mentoring_request.mentor_id == request.user.pk
    is_pending = mentoring_request.status == mentoring_request.Status.PENDING
    mentorship = getattr(mentoring_request, "mentorship", None)
    return render(
        request,
        "mentoring/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "can_answer": is_mentor and is_pending,
            "can_withdraw": not is_mentor and is_pending,
            "mentorship": mentorship,
            "decline_form": DeclineForm(),
        },
    )


@login_required
@require_POST
def request_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentoring_request = permissions.get_request_for_mentor(request.user, pk)
    try:
        mentorship = mentee_requests.accept(mentoring_request)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("mentoring:request-detail", pk)
    messages.success(
        request, _("You accepted the request. The mentee has been informed by e-mail.")
    )
    return redirect("mentoring:mentorship-detail", mentorship.pk)


@login_required
@require_POST
def request_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentoring_request = permissions.get_request_for_mentor(request.user, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            mentee_requests.decline(
                mentoring_request, reason=form.cleaned_data["reason"]
            )
        except RuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You declined the request."))
            return redirect("mentoring:home")
        return redirect("mentoring:request-detail", pk)
    return render(
        request,
        "mentoring/request_detail.html",
        {
            "mentoring_request": mentoring_request,
            "can_answer": True,
            "decline_form": form,
        },
        status=422,
    )


@login_required
@require_POST
def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentoring_request = permissions.get_request_for_mentee(request.user, pk)
    try:
        mentee_requests.withdraw(mentoring_request)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("mentoring:request-detail", pk)
    messages.success(request, _("You withdrew your request."))
    return redirect("mentoring:home")
