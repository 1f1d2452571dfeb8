import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import User
from balintkreis.core import audit, dates
from balintkreis.core.errors import RuleError
from balintkreis.record import combined, logbook, pdf, personal_data, sessions


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def logbook_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The DBG leader-training logbook on screen."""
    book = logbook.build(request.user)
    context = {"book": book, "sections": book.sections()}
    return render(request, "record/logbook.html", context)


@login_required
@require_GET
def logbook_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    content = pdf.render_logbook(logbook.build(request.user))
    return _download(
        content, filename="balint-logbuch.pdf", content_type="application/pdf"
    )


@login_required
@require_GET
def record_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    audit.record(request.user, "record.exported", request.user, data={"format": "pdf"})
    return _download(
        pdf.render_record(request.user),
        filename="balint-konto.pdf",
        content_type="application/pdf",
    )


def record_data(user: User) -> dict:
    """The whole record as JSON-ready data: platform dates and the record's
    own personal data."""
    rows = sessions.platform_rows(user)
    return {
        "created_at": dates.local_iso(timezone.now()),
        "platform_sessions": [
            {
                "date": r.meeting.local_date.isoformat(),
                "group": r.meeting.group.title,
                "leader": r.leader_name,
                "mode": r.attendance.mode,
                "double_sessions": r.meeting.double_sessions,
                "counts": r.counts,
                "reason": r.reason,
                "points": r.points if r.counts else 0,
            }
            for r in rows
        ],
        **personal_data.export(user),
    }


@login_required
@require_GET
def record_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    audit.record(request.user, "record.exported", request.user, data={"format": "json"})
    content = json.dumps(record_data(request.user), ensure_ascii=False, indent=2)
    response = _download(
        content.encode(), filename="balint-konto.json", content_type="application/json"
    )
    return response


@login_required
@require_POST
def combined_certificate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Issue (or find) one certificate per series and download them with a
    cover page as one PDF (DOMAIN.md R6)."""
    try:
        issued = combined.issue(request.user, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("record:overview")
    return _download(
        combined.render(request.user, issued),
        filename="bescheinigung-balintgruppen.pdf",
        content_type="application/pdf",
    )
