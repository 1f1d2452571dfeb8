"""For the group's leaders: proposed attendance, readiness and the chart."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.meetings import credit
from balintkreis.online import options, permissions, presence, reports
from balintkreis.online.forms import FallbackLinkForm, TechnicalContactForm
from balintkreis.online.models import MeetingOptions, TechCheck


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
            "fallback_url": options.fallback_url(meeting),
        },
    )


@login_required
@require_POST
def adopt(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_online_meeting_for_leader(request.user, meeting_id)
    try:
        options.check_presence_from_page(meeting)
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


@login_required
@require_http_methods(["GET", "POST"])
def fallback_link(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The leader sets another video link for one meeting (issue 15 item 4)."""
    meeting = permissions.get_online_meeting_for_leader(request.user, meeting_id)
    instance = options.options_for(meeting) or MeetingOptions(meeting=meeting)
    form = FallbackLinkForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        options.set_fallback_url(
            meeting, url=form.cleaned_data["fallback_url"], by=request.user
        )
        messages.success(request, _("The fallback link has been saved."))
        return redirect("online:group", slug=meeting.group.slug)
    return render(
        request,
        "online/fallback_link.html",
        {"meeting": meeting, "form": form},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def technical_contact(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The leader names the group's technical contact (issue 15 item 6)."""
    group = permissions.get_group_for_leader(request.user, slug)
    contact = options.contact_for(group)
    initial = (
        {
            "person": contact.person,
            "phone": contact.phone,
            "email": contact.email,
            "is_moderator": contact.is_moderator,
        }
        if contact
        else {}
    )
    form = TechnicalContactForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            options.name_contact(group, **form.cleaned_data, by=request.user)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The technical contact has been saved."))
            return redirect("online:group", slug=group.slug)
    return render(
        request,
        "online/technical_contact.html",
        {"group": group, "form": form},
        status=422 if form.is_bound else 200,
    )
