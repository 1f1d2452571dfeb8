from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.meetings import cases, permissions, progress, schedule, series
from balintkreis.meetings.forms import (
    CancelForm,
    FormatSwitchForm,
    MeetingForm,
    SeriesForm,
)
from balintkreis.meetings.models import Meeting


@login_required
@require_http_methods(["GET"])
def meeting_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_member(request.user, slug)
    can_lead = permissions.can_lead(request.user, group)
    now = timezone.now()
    meetings = list(group.meetings.all())
    context = {
        "group": group,
        "can_lead": can_lead,
        "upcoming": [m for m in meetings if m.starts_at >= now],
        "past": [m for m in meetings if m.starts_at < now][::-1],
        "warnings": series.warnings_for([m for m in meetings if not m.is_cancelled])
        if can_lead
        else [],
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def series_plan(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_leader(request.user, slug)
    form = SeriesForm(request.POST or None, initial=SeriesForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        plan = series.SeriesPlan(**form.cleaned_data)
        try:
            created = series.plan_series(group, plan=plan, by=request.user)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(count)d meetings have been planned.") % {"count": len(created)},
            )
            for warning in series.warnings_for(series.planned(group)):
                messages.warning(request, warning)
            return redirect("meetings:list", slug=group.slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "meetings/series_form.html",
        {"group": group, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def meeting_detail(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_member(request.user, slug, pk)
    can_lead = permissions.can_lead(request.user, meeting.group)
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "can_lead": can_lead,
        "presentations": meeting.case_presentations.select_related("presenter")
        if can_lead
        else [],
        "own": meeting.attendances.filter(user=request.user).first(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    start = timezone.localtime(meeting.starts_at)
    initial = {
        "date": start.date(),
        "time": start.time(),
        "duration_minutes": meeting.duration_minutes,
        "double_sessions": meeting.double_sessions,
        "format": meeting.format,
        "place": meeting.place,
        "note": meeting.note,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule.update_meeting(
                meeting,
                by=request.user,
                starts_at=series.local_datetime(data["date"], data["time"]),
                duration_minutes=data["duration_minutes"],
                double_sessions=data["double_sessions"],
                format=data["format"],
                place=data["place"],
                note=data["note"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:detail", slug=slug, pk=pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "meetings/meeting_edit.html",
        {"meeting": meeting, "group": meeting.group, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_leader(request.user, slug, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            schedule.cancel_meeting(
                meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The meeting has been cancelled; members get an e-mail.")
            )
            return redirect("meetings:list", slug=slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"meeting": meeting, "group": meeting.group, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def members_overview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Leader's view: who has not presented for the longest time, absence risks."""
    group = permissions.get_group_for_leader(request.user, slug)
    rows = cases.longest_without_presenting(group, day=timezone.localdate())
    absences = progress.absences_by_member(group)
    limit = settings.MEETINGS_ABSENCE_WARNING_AT
    context = {
        "group": group,
        "rows": [
            (
                row,
                absences.get(row.person.pk, 0),
                absences.get(row.person.pk, 0) >= limit,
            )
            for row in rows
        ],
        "limit": limit,
    }
    return render(request, "meetings/members_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def format_switch(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Switch the format of all upcoming meetings at once, with the R6
    warnings for the resulting plan (issue 15 item 7)."""
    group = permissions.get_group_for_leader(request.user, slug)
    chosen = request.POST.get("format") or request.GET.get("format")
    if chosen not in Meeting.Format.values:
        chosen = None
    form = FormatSwitchForm(
        request.POST or None,
        initial={"format": chosen, "place": group.venue or group.city},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = schedule.switch_format(
                group, **form.cleaned_data, by=request.user
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(count)s upcoming meetings changed; members get an e-mail.")
                % {"count": len(changed)},
            )
            return redirect("meetings:list", slug=slug)
    return render(
        request,
        "meetings/format_switch.html",
        {
            "group": group,
            "form": form,
            "upcoming": len(series.upcoming(group)),
            "warnings": schedule.format_switch_warnings(group, format=chosen)
            if chosen
            else [],
        },
        status=422 if request.method == "POST" else 200,
    )
