from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import User
from balintkreis.core import jitsi
from balintkreis.core.errors import RuleError
from balintkreis.core.personalpages import cache_per_person
from balintkreis.mentoring import logbook, mentorships, permissions, supervision
from balintkreis.mentoring.forms import (
    ConfirmTermsForm,
    EndForm,
    SessionForm,
    TermsForm,
)
from balintkreis.mentoring.models import (
    MentoringRequest,
    MentorProfile,
    Mentorship,
    SupervisionTerms,
)


@login_required
@cache_per_person
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    requests = MentoringRequest.objects.select_related("mentor", "mentee")
    return render(
        request,
        "mentoring/home.html",
        {
            "profile": MentorProfile.objects.filter(user=user).first(),
            "received": requests.filter(
                mentor=user, status=MentoringRequest.Status.PENDING
            ),
            "sent": requests.filter(mentee=user).exclude(
                status=MentoringRequest.Status.ACCEPTED
            ),
            "mentorships": Mentorship.objects.of(user)
            .with_free_sessions_used()
            .select_related("mentor", "mentee"),
            "free_sessions": logbook.free_sessions(),
        },
    )


def _terms(mentorship: Mentorship) -> SupervisionTerms | None:
    return SupervisionTerms.objects.filter(mentorship=mentorship).first()


def _room_url(mentorship: Mentorship, user: User, *, is_mentor: bool) -> str:
    """The same Jitsi mechanism as the groups: a token (when the server uses
    token authentication) with the mentor as moderator, and only while the
    mentorship runs; an ended pair gets neither link nor token (issue 11)."""
    if not mentorship.is_running:
        return ""
    token = jitsi.token_for(user, mentorship.room_name, is_moderator=is_mentor)
    return jitsi.room_url(mentorship.room_name, token=token)


@login_required
def mentorship_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    sessions = list(mentorship.sessions.prefetch_related("topics"))
    if sessions:
        logbook.record_notes_read(mentorship, reader=request.user, count=len(sessions))
    used = sum(1 for s in sessions if s.is_free)
    terms = _terms(mentorship)
    is_mentor = mentorship.mentor_id == request.user.pk
    my_confirmation = None
    if terms is not None:
        my_confirmation = (
            terms.mentor_confirmed_at if is_mentor else terms.mentee_confirmed_at
        )
    return render(
        request,
        "mentoring/mentorship_detail.html",
        {
            "mentorship": mentorship,
            "room_url": _room_url(mentorship, request.user, is_mentor=is_mentor),
            "other": mentorship.other(request.user),
            "sessions": sessions,
            "free_used": used,
            "free_sessions": logbook.free_sessions(),
            "needs_decision": logbook.needs_decision(mentorship, used=used),
            "terms": terms,
            "can_confirm": terms is not None
            and my_confirmation is None
            and mentorship.is_running,
            "confirm_form": ConfirmTermsForm(
                initial={"revision": terms.revision if terms else 0}
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    used = logbook.free_sessions_used(mentorship)
    if mentorship.is_running and logbook.needs_decision(mentorship, used=used):
        messages.info(
            request,
            _(
                "All free sessions have been used. Please decide together how "
                "to continue."
            ),
        )
        return redirect("mentoring:mentorship-decide", pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            logbook.log_session(
                mentorship,
                by=request.user,
                held_on=data["held_on"],
                format=data["format"],
                duration_minutes=data["duration_minutes"],
                topics=data["topics"],
                notes=data["notes"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session has been logged."))
            return redirect("mentoring:mentorship-detail", pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "mentoring/session_form.html",
        {
            "form": form,
            "mentorship": mentorship,
            "free_used": used,
            "free_sessions": logbook.free_sessions(),
        },
        status=status,
    )


def _decide_page(
    request: HttpRequest,
    mentorship: Mentorship,
    *,
    end_form: EndForm | None = None,
    terms_form: TermsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "mentoring/mentorship_decide.html",
        {
            "mentorship": mentorship,
            "end_form": end_form or EndForm(),
            "terms_form": terms_form or TermsForm(instance=_terms(mentorship)),
            "free_used": logbook.free_sessions_used(mentorship),
            "free_sessions": logbook.free_sessions(),
        },
        status=status,
    )


@login_required
def mentorship_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    if not mentorship.is_running:
        return redirect("mentoring:mentorship-detail", pk)
    return _decide_page(request, mentorship)


@login_required
@require_POST
def mentorship_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            mentorships.end(
                mentorship, by=request.user, feedback=form.cleaned_data["feedback"]
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mentorship has been ended. Thank you!"))
            return redirect("mentoring:mentorship-detail", pk)
    return _decide_page(request, mentorship, end_form=form, status=422)


@login_required
@require_POST
def terms_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    form = TermsForm(request.POST)
    if form.is_valid():
        try:
            supervision.propose(mentorship, by=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The terms are saved and confirmed by you. They apply once "
                    "%(name)s confirms them too."
                )
                % {"name": mentorship.other(request.user).display_name},
            )
            return redirect("mentoring:mentorship-detail", pk)
    return _decide_page(request, mentorship, terms_form=form, status=422)


@login_required
@require_POST
def terms_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship_for_pair(request.user, pk)
    form = ConfirmTermsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm the terms from the page."))
        return redirect("mentoring:mentorship-detail", pk)
    try:
        terms = supervision.confirm(
            mentorship, by=request.user, revision=form.cleaned_data["revision"]
        )
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("mentoring:mentorship-detail", pk)
    if terms.is_agreed:
        messages.success(
            request, _("You both confirmed the terms. The supervision is agreed.")
        )
    else:
        messages.success(request, _("You confirmed the terms."))
    return redirect("mentoring:mentorship-detail", pk)
