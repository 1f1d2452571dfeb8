from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.cme import deadlines, eiv, export, resolutions
from balintkreis.cme.forms import ResolveLineForm
from balintkreis.cme.models import EventNumber, ReportEntry
from balintkreis.core.errors import RuleError
from balintkreis.core.personalpages import cache_per_person
from balintkreis.groups import access
from balintkreis.meetings import permissions
from balintkreis.meetings.models import Meeting


def _event_number(request: AuthenticatedHttpRequest, slug: str, pk: int) -> EventNumber:
    group = permissions.get_group_for_leader(request.user, slug)
    return get_object_or_404(
        group.event_numbers.select_related("chamber", "group", "meeting"), pk=pk
    )


def _page(
    request: HttpRequest, *, title: str, rows: list, subject: object, urls: dict
) -> HttpResponse:
    context = {
        "title": title,
        "rows": rows,
        "subject": subject,
        "urls": urls,
        "reportable": sum(r.is_reportable for r in rows),
        "flagged": [r for r in rows if r.problem and not r.is_resolved],
        "resolved": [r for r in rows if r.is_resolved],
        "resolve_form": ResolveLineForm(),
        "eiv_enabled": settings.EIV_API_ENABLED,
        "correction_days": settings.CME_CORRECTION_WINDOW_DAYS,
        "now": timezone.now(),
    }
    return render(request, "cme/report.html", context)


@login_required
@require_http_methods(["GET"])
@cache_per_person
def meeting_report(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    rows = export.rows_for_meeting(meeting)
    export.log_view(meeting, rows=rows, by=request.user)
    event_number = rows[0].event_number if rows else None
    title = _("Chamber report for %(date)s") % {
        "date": f"{meeting.local_date:%d.%m.%Y}"
    }
    urls = {
        "txt": "cme:meeting-report-txt",
        "csv": "cme:meeting-report-csv",
        "done": "cme:meeting-report-done",
        "eiv": "cme:meeting-report-eiv",
        "args": [slug, pk],
    }
    context_subject = {
        "group": meeting.group,
        "meeting": meeting,
        "event_number": event_number,
        "due_at": deadlines.due_at(meeting, event_number),
    }
    return _page(request, title=title, rows=rows, subject=context_subject, urls=urls)


@login_required
@require_http_methods(["GET"])
def vnr_report(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event_number = _event_number(request, slug, pk)
    rows = export.rows_for_event_number(event_number)
    export.log_view(event_number, rows=rows, by=request.user)
    title = _("Chamber report for VNR %(vnr)s") % {"vnr": event_number.vnr}
    urls = {
        "txt": "cme:vnr-report-txt",
        "csv": "cme:vnr-report-csv",
        "done": "cme:vnr-report-done",
        "eiv": "cme:vnr-report-eiv",
        "args": [slug, pk],
    }
    subject = {"group": event_number.group, "event_number": event_number}
    return _page(request, title=title, rows=rows, subject=subject, urls=urls)


def _download(
    request: AuthenticatedHttpRequest, obj: EventNumber | Meeting, rows: list, kind: str
) -> HttpResponse:
    export.log_export(obj, rows=rows, by=request.user, kind=kind)
    if kind == "csv":
        response = HttpResponse(
            export.efn_csv(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="efn-liste.csv"'
    else:
        response = HttpResponse(
            export.efn_text(rows), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="efn-liste.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET"])
def meeting_report_txt(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    return _download(request, meeting, export.rows_for_meeting(meeting), "txt")


@login_required
@require_http_methods(["GET"])
def meeting_report_csv(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    return _download(request, meeting, export.rows_for_meeting(meeting), "csv")


@login_required
@require_http_methods(["GET"])
def vnr_report_txt(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    event_number = _event_number(request, slug, pk)
    return _download(
        request, event_number, export.rows_for_event_number(event_number), "txt"
    )


@login_required
@require_http_methods(["GET"])
def vnr_report_csv(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    event_number = _event_number(request, slug, pk)
    return _download(
        request, event_number, export.rows_for_event_number(event_number), "csv"
    )


def _done(request: AuthenticatedHttpRequest, rows: list) -> None:
    count = export.mark_reported(
        rows, by=request.user, method=ReportEntry.Method.MANUAL
    )
    messages.success(
        request,
        ngettext(
            "%(count)d participant marked as reported.",
            "%(count)d participants marked as reported.",
            count,
        )
        % {"count": count},
    )


@login_required
@require_http_methods(["POST"])
def meeting_report_done(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    _done(request, export.rows_for_meeting(meeting))
    return redirect("cme:meeting-report", slug=slug, pk=pk)


@login_required
@require_http_methods(["POST"])
def vnr_report_done(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    event_number = _event_number(request, slug, pk)
    _done(request, export.rows_for_event_number(event_number))
    return redirect("cme:vnr-report", slug=slug, pk=pk)


def _push(
    request: AuthenticatedHttpRequest, event_number: EventNumber | None, rows: list
) -> None:
    if event_number is None:
        messages.error(request, _("No VNR covers this meeting."))
        return
    try:
        counts = eiv.report(
            event_number,
            rows=rows,
            by=request.user,
            client=eiv.client_for(event_number),
        )
    except RuleError as error:
        messages.error(request, error.message)
        return
    messages.success(
        request,
        _("EIV: %(reported)d reported, %(failed)d refused, %(retry)d to retry later.")
        % counts,
    )


@login_required
@require_http_methods(["POST"])
def meeting_report_eiv(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    rows = export.rows_for_meeting(meeting)
    _push(request, rows[0].event_number if rows else None, rows)
    return redirect("cme:meeting-report", slug=slug, pk=pk)


@login_required
@require_http_methods(["POST"])
def vnr_report_eiv(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    event_number = _event_number(request, slug, pk)
    _push(request, event_number, export.rows_for_event_number(event_number))
    return redirect("cme:vnr-report", slug=slug, pk=pk)


@login_required
@require_http_methods(["GET"])
def reports_due(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The leader's dashboard of open and overdue chamber reports."""
    user = request.user
    if not access.groups_with_right(user, access.Action.READ_EFN_LISTS).exists():
        raise PermissionDenied
    now = timezone.now()
    reports = deadlines.open_reports(leader=user, now=now)
    context = {
        "reports": [(r, r.is_overdue(now)) for r in reports],
        "overdue": sum(r.is_overdue(now) for r in reports),
    }
    return render(request, "cme/reports_due.html", context)


@login_required
@require_http_methods(["POST"])
def meeting_report_resolve(
    request: AuthenticatedHttpRequest, slug: str, pk: int, attendance_pk: int
) -> HttpResponse:
    """Resolve one line without a usable EFN (R4): not reportable, or paper."""
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    line = get_object_or_404(
        meeting.attendances.select_related("user"), pk=attendance_pk
    )
    form = ResolveLineForm(request.POST)
    try:
        if not form.is_valid():
            raise resolutions.ResolutionError(
                _("Please choose how the line was resolved.")
            )
        entry = resolutions.resolve(
            line, resolution=form.cleaned_data["resolution"], by=request.user
        )
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": line.user.display_name, "status": entry.get_status_display()},
        )
    return redirect("cme:meeting-report", slug=slug, pk=pk)
