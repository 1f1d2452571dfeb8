from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import calendar
from balintkreis.meetings.models import CalendarFeed


@login_required
@require_http_methods(["GET"])
def feeds(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's secret calendar addresses: all groups, each group, led groups."""
    user = request.user
    rows = [
        (_("All my groups"), calendar.feed_for(user, scope=CalendarFeed.Scope.MEMBER))
    ]
    groups = BalintGroup.objects.filter(
        memberships__user=user, memberships__ended_on__isnull=True
    ).distinct()
    for group in groups:
        rows.append(
            (
                group.title,
                calendar.feed_for(user, scope=CalendarFeed.Scope.GROUP, group=group),
            )
        )
    if BalintGroup.objects.led_by(user).exists():
        rows.append(
            (
                _("Groups I lead"),
                calendar.feed_for(user, scope=CalendarFeed.Scope.LEADER),
            )
        )
    links = [
        (
            label,
            feed,
            request.build_absolute_uri(
                reverse("meetings:calendar-feed", args=[feed.token])
            ),
        )
        for label, feed in rows
    ]
    return render(request, "meetings/calendar_feeds.html", {"links": links})


@login_required
@require_http_methods(["POST"])
def feed_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed, pk=pk, user=request.user)
    calendar.reset_token(feed, by=request.user)
    messages.success(
        request, _("The calendar has a new address; the old one no longer works.")
    )
    return redirect("meetings:calendar-feeds")


@require_http_methods(["GET"])
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed; the secret token is the only credential."""
    feed = (
        CalendarFeed.objects.select_related("user", "group").filter(token=token).first()
    )
    if feed is None or not calendar.is_open(feed, today=timezone.localdate()):
        raise Http404
    if feed.scope == CalendarFeed.Scope.GROUP and feed.group is not None:
        name = feed.group.title
    else:
        name = f"Balintkreis – {feed.get_scope_display()}"
    body = calendar.render(calendar.meetings_for(feed), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="balintkreis.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
