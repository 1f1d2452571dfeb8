"""After a meeting: the leaders' page (feedback, private note) and the
presenter's form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import User
from balintkreis.core.errors import RuleError
from balintkreis.feedback import notes, permissions, presenter
from balintkreis.feedback.forms import (
    FeedbackRequestForm,
    LeaderNoteForm,
    PresenterFeedbackForm,
)
from balintkreis.feedback.models import PresenterFeedback
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Meeting


def _members(meeting: Meeting) -> QuerySet[User]:
    """Who can be asked: the recorded presenters, else every member that day."""
    presenters = User.objects.filter(case_presentations__meeting=meeting).distinct()
    if presenters.exists():
        return presenters.order_by("last_name", "first_name")
    return members_rules.members_on(meeting.group, meeting.local_date)


def _leader_page(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    *,
    request_form: FeedbackRequestForm | None = None,
    note_form: LeaderNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if note_form is None:
        note = notes.read_note(meeting, author=request.user)
        note_form = LeaderNoteForm(initial={"text": note.text if note else ""})
    return render(
        request,
        "feedback/meeting_feedback.html",
        {
            "meeting": meeting,
            "feedback": presenter.read_for_leader(meeting, reader=request.user),
            "request_form": request_form
            or FeedbackRequestForm(members=_members(meeting)),
            "note_form": note_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def meeting_feedback(
    request: AuthenticatedHttpRequest, meeting_id: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, meeting_id)
    return _leader_page(request, meeting)


@login_required
@require_POST
def request_feedback(
    request: AuthenticatedHttpRequest, meeting_id: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, meeting_id)
    form = FeedbackRequestForm(request.POST, members=_members(meeting))
    if form.is_valid():
        try:
            presenter.request_feedback(
                meeting, presenter=form.cleaned_data["presenter"], by=request.user
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The presenter has been asked for feedback."))
            return redirect("feedback:meeting", meeting_id=meeting.pk)
    return _leader_page(request, meeting, request_form=form, status=422)


@login_required
@require_POST
def note_save(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, meeting_id)
    form = LeaderNoteForm(request.POST)
    if form.is_valid():
        notes.save_note(meeting, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your private note has been saved."))
        return redirect("feedback:meeting", meeting_id=meeting.pk)
    return _leader_page(request, meeting, note_form=form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def presenter_form(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting(request.user, meeting_id)
    feedback = PresenterFeedback.objects.filter(
        meeting=meeting, presenter=request.user
    ).first()
    if feedback is None:
        raise PermissionDenied
    if feedback.submitted_at is not None:
        return render(request, "feedback/presenter_thanks.html", {"meeting": meeting})
    form = PresenterFeedbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                presenter.submit(
                    feedback,
                    held_by_group=data["held_by_group"],
                    held_by_leadership=data["held_by_leadership"],
                    what_helped=data["what_helped"],
                    what_was_hard=data["what_was_hard"],
                )
            except RuleError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect("feedback:presenter-form", meeting_id=meeting.pk)
        return render(
            request,
            "feedback/presenter_form.html",
            {"meeting": meeting, "form": form},
            status=422,
        )
    return render(
        request, "feedback/presenter_form.html", {"meeting": meeting, "form": form}
    )
