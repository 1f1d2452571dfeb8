"""Applying for a group; the leader's and secretariat's applications queue."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core import ratelimit
from balintkreis.core.errors import RuleError
from balintkreis.groups import applications, memberships, permissions, waiting_list
from balintkreis.groups.forms import AcceptForm, ApplyForm, DeclineForm
from balintkreis.groups.models import Application, BalintGroup


def _apply_context(
    request: AuthenticatedHttpRequest, group: BalintGroup, form: ApplyForm
) -> dict:
    return {
        "group": group,
        "form": form,
        "free_places": waiting_list.free_places(group),
        "waiting": group.applications.waiting().count(),
        "is_paused": group.status == BalintGroup.Status.PAUSED,
        "is_closed": group.status == BalintGroup.Status.CLOSED,
        "existing": group.applications.open().filter(user=request.user).first(),
        "membership": waiting_list.open_membership(group, request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_to_apply(request.user, slug)
    form = ApplyForm(request.POST or None)
    limited = request.method == "POST" and _rate_limited(request, form)
    if request.method == "POST" and not limited and form.is_valid():
        try:
            application = applications.apply(
                group, user=request.user, message=form.cleaned_data["message"]
            )
        except applications.AlreadyApplied as error:
            # A double click arrives here too: one application, and a hint.
            messages.info(request, error.message)
            return redirect("groups:my-groups")
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _apply_message(application))
            return redirect("groups:my-groups")
    status = 429 if limited else 422 if request.method == "POST" else 200
    context = _apply_context(request, group, form)
    return render(request, "groups/application_form.html", context, status=status)


def _rate_limited(request: HttpRequest, form: ApplyForm) -> bool:
    """Per person (issue 7); the German message goes to the form."""
    try:
        ratelimit.check(
            request,
            "groups.apply",
            rate=settings.APPLICATION_RATE_LIMIT,
            key=str(request.user.pk),
            message=_(
                "You have sent many applications in a short time. "
                "Please try again in an hour."
            ),
        )
    except ratelimit.RateLimited as error:
        form.add_error(None, error.message)
        return True
    return False


def _apply_message(application: Application) -> str:
    if application.status == Application.Status.ACCEPTED:
        return _("Welcome! You are now a member of the group.")
    if application.status == Application.Status.WAITING:
        return _(
            "The group is full. You are number %(position)d on the waiting list; "
            "we will write to you as soon as a place becomes free."
        ) % {"position": waiting_list.position(application)}
    if application.status == Application.Status.OFFERED:
        return _("A place is free for you. Please answer the offer in your e-mail.")
    return _(
        "Thank you, your application has been received. The group leader will "
        "decide soon; you will hear from us by e-mail."
    )


@login_required
def application_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_staff(request.user, slug)
    pending = group.applications.filter(status=Application.Status.PENDING)
    recent = group.applications.exclude(status__in=Application.OPEN_STATUSES).order_by(
        "-closed_at", "-decided_at", "-pk"
    )[:20]
    return render(
        request,
        "groups/application_list.html",
        {
            "group": group,
            "pending": pending.select_related("user"),
            "recent": recent.select_related("user"),
            "free_places": waiting_list.free_places(group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_accept(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    application = permissions.get_application_for_staff(request.user, slug, pk)
    group = application.group
    today = timezone.localdate()
    initial = {"entry_on": memberships.default_entry_on(group, today=today)}
    form = AcceptForm(
        request.POST or None,
        initial=initial,
        meeting_days=memberships.meeting_days(group, today=today),
    )
    if request.method == "POST" and form.is_valid():
        try:
            applications.accept(application, actor=request.user, **form.cleaned_data)
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is now a member of the group.")
                % {"name": application.user.display_name},
            )
            return redirect("groups:application-list", slug=group.slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "groups/application_accept.html",
        {"group": group, "application": application, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_decline(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    application = permissions.get_application_for_staff(request.user, slug, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applications.decline(
                application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The application of %(name)s has been declined.")
                % {"name": application.user.display_name},
            )
            return redirect("groups:application-list", slug=application.group.slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "groups/application_decline.html",
        {"group": application.group, "application": application, "form": form},
        status=status,
    )
