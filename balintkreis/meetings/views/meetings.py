from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.groups.access import Action, access
from balintkreis.meetings import (
    attendance,
    cases,
    permissions,
    progress,
    schedule,
    series,
)
from balintkreis.meetings import members as members_rules
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
    # Members of a closed group know each other (access: KNOW_MEMBERS).
    knows_members = access(group, request.user).may(Action.KNOW_MEMBERS)
    context = {
        "group": group,
        "can_lead": can_lead,
        "knows_members": knows_members,
        "members": list(members_rules.members_on(group, timezone.localdate()))
        if knows_members
        else [],
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
    """Two steps: "Vorschau" lists the dates with warnings, "Termine anlegen"
    creates exactly the previewed dates; the form keeps what was typed."""
    group = permissions.get_group_for_leader(request.user, slug)
    form = SeriesForm(request.POST or None, initial=SeriesForm.initial_for(group))
    preview = None
    if request.method == "POST" and form.is_valid():
        previewed = request.POST.get("previewed") == form.fingerprint()
        try:
            if "create" in request.POST and previewed:
                created = series.plan_series(group, plan=form.plan(), by=request.user)
            else:
                preview = series.preview(
                    group, plan=form.plan(), state=form.cleaned_data["state"]
                )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            if preview is None:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d meeting has been planned.",
                        "%(count)d meetings have been planned.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                for warning in series.warnings_for(series.planned(group)):
                    messages.warning(request, warning)
                return redirect("meetings:list", slug=group.slug)
            if "create" in request.POST:
                messages.warning(
                    request,
                    _("You changed the plan; please check the preview again."),
                )
    status = 422 if form.errors else 200
    context = {"group": group, "form": form, "preview": preview}
    if preview is not None:
        context["fingerprint"] = form.fingerprint()
    return render(request, "meetings/series_form.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def meeting_detail(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_member(request.user, slug, pk)
    can_lead = permissions.can_lead(request.user, meeting.group)
    own = meeting.attendances.filter(user=request.user).first()
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "can_lead": can_lead,
        "presentations": meeting.case_presentations.select_related("presenter")
        if can_lead
        else [],
        "own": own,
        "can_cancel": can_lead and schedule.can_cancel(meeting),
    }
    # "Ich kann nicht teilnehmen" for a member before the meeting.
    if access(meeting.group, request.user).may(Action.EXCUSE_ABSENCE):
        is_member_then = (
            members_rules.members_on(meeting.group, meeting.local_date)
            .filter(pk=request.user.pk)
            .exists()
        )
        context["excuse_state"] = attendance.excuse_state(
            meeting, own=own, is_member_then=is_member_then
        )
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
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "form": form,
        "can_cancel": schedule.can_cancel(meeting),
    }
    return render(request, "meetings/meeting_cancel.html", context, status=status)


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
