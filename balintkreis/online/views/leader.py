"""For the group's leaders: proposed attendance, readiness and the chart."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.meetings import credit
from balintkreis.online import permissions, presence, reports
from balintkreis.online.models import TechCheck


@login_required
@require_GET
def attendance(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_online_meeting_for_leader(request.user, meeting_id)
    rows = presence.proposals(meeting)
    checks = {
        c.user_id: c
        for c in TechCheck.objects.filter(user__in=[row.user for row in rows])
    }
    return render(
        request,
        "online/attendance.html",
        {
            "meeting": meeting,
            "rows": [(row, checks.get(row.user.pk)) for row in rows],
            "has_ended": timezone.now() >= meeting.ends_at,
            "percent": settings.ONLINE_PRESENT_PERCENT,
            "tolerance": credit.tolerance_minutes(),
        },
    )


@login_required
@require_POST
def adopt(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_online_meeting_for_leader(request.user, meeting_id)
    try:
        written = presence.adopt_proposals(meeting, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The proposal has been adopted: %(count)s attendance entries saved.")
            % {"count": len(written)},
        )
    return redirect("online:attendance", meeting_id=meeting.pk)


@login_required
@require_GET
def group_report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_leader(request.user, slug)
    rows = reports.summaries(group)
    return render(
        request,
        "online/group_report.html",
        {
            "group": group,
            "rows": rows,
            "chart": reports.chart(rows),
            "readiness": reports.readiness(group),
        },
    )
