from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.core.personalpages import cache_per_person
from balintkreis.meetings import (
    attendance,
    attendance_list,
    cases,
    credit,
    permissions,
)
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.forms import AttendanceSheetForm, CaseForm
from balintkreis.meetings.models import Attendance, Meeting


def _sheet(request: HttpRequest, meeting: Meeting) -> AttendanceSheetForm:
    people = list(members_rules.expected_for(meeting))
    rows = list(
        meeting.attendances.values_list(
            "user_id", "status", "minutes_missed", "excuse_note"
        )
    )
    form = AttendanceSheetForm(
        request.POST if request.method == "POST" else None,
        people=people,
        current={user_id: status for user_id, status, _m, _n in rows},
        missed={user_id: missed for user_id, _s, missed, _n in rows},
        max_minutes=meeting.duration_minutes,
        allowed=attendance.allowed_statuses(meeting),
    )
    # Members who excused themselves ("Ich kann nicht teilnehmen"), with
    # their note to the leader.
    notes = {
        user_id: note
        for user_id, status, _m, note in rows
        if status == Attendance.Status.EXCUSED
    }
    form.excuses = [(p, notes[p.pk]) for p in people if p.pk in notes]
    return form


def _phase(meeting: Meeting) -> str:
    """Before, during or after the meeting: the sheet offers what fits."""
    if not attendance.has_begun(meeting):
        return "before"
    return "during" if timezone.now() < meeting.ends_at else "after"


def _render_sheet(
    request: HttpRequest, meeting: Meeting, form: AttendanceSheetForm, status: int = 200
) -> HttpResponse:
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "form": form,
        # R3: what "late" means for the certificate, said where it is marked.
        "late_rule": attendance.late_meaning(minutes_missed=None),
        "tolerance": credit.tolerance_minutes(),
        "excuses": form.excuses,
        "phase": _phase(meeting),
    }
    return render(request, "meetings/attendance_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@cache_per_person
def attendance_sheet(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    """The leader's phone page: one tap per member, then save or confirm."""
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    form = _sheet(request, meeting)
    if request.method == "POST" and form.is_valid():
        try:
            changed = attendance.save_sheet(
                meeting, marks=form.marks(), minutes=form.minutes(), by=request.user
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved (%(count)d change).",
                    "Attendance saved (%(count)d changes).",
                    changed,
                )
                % {"count": changed},
            )
            return redirect("meetings:attendance", slug=slug, pk=pk)
    return _render_sheet(
        request, meeting, form, 422 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["POST"])
def attendance_confirm(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    form = _sheet(request, meeting)
    if form.is_valid():
        try:
            count = attendance.save_and_confirm_sheet(
                meeting, marks=form.marks(), minutes=form.minutes(), by=request.user
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance confirmed (%(count)d entry).",
                    "Attendance confirmed (%(count)d entries).",
                    count,
                )
                % {"count": count},
            )
            return redirect("meetings:detail", slug=slug, pk=pk)
    return _render_sheet(request, meeting, form, 422)


@login_required
@require_http_methods(["GET"])
def attendance_pdf(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    response = HttpResponse(
        attendance_list.render(meeting), content_type="application/pdf"
    )
    filename = f"anwesenheitsliste-{meeting.local_date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def case_add(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    form = CaseForm(
        request.POST or None, presenters=members_rules.expected_for(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            cases.record_presentation(
                meeting,
                presenter=form.cleaned_data["presenter"],
                theme=form.cleaned_data["theme"],
                by=request.user,
                hints_confirmed=form.cleaned_data["hints_confirmed"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case presentation has been noted."))
            return redirect("meetings:detail", slug=slug, pk=pk)
    status = 422 if request.method == "POST" else 200
    context = {"meeting": meeting, "group": meeting.group, "form": form}
    return render(request, "meetings/case_form.html", context, status=status)
