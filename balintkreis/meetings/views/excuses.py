"""“Ich kann nicht teilnehmen”: a member excuses themselves from a date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.meetings import attendance, permissions
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.forms import ExcuseForm


@login_required
@require_http_methods(["GET", "POST"])
def excuse(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_to_excuse(request.user, slug, pk)
    own = meeting.attendances.filter(user=request.user).first()
    is_member_then = (
        members_rules.members_on(meeting.group, meeting.local_date)
        .filter(pk=request.user.pk)
        .exists()
    )
    state = attendance.excuse_state(
        meeting, own=own, is_member_then=is_member_then, now=timezone.now()
    )
    initial = {"note": own.excuse_note} if own else {}
    form = ExcuseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            attendance.excuse(
                meeting, member=request.user, note=form.cleaned_data["note"]
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "You have excused yourself for %(date)s. Your group's leader "
                    "sees it on the attendance sheet."
                )
                % {"date": f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}"},
            )
            return redirect("accounts:dashboard")
    context = {"meeting": meeting, "group": meeting.group, "form": form, "state": state}
    status = 422 if request.method == "POST" else 200
    return render(request, "meetings/excuse_form.html", context, status=status)


@login_required
@require_POST
def excuse_withdraw(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_to_excuse(request.user, slug, pk)
    try:
        attendance.withdraw_excuse(meeting, member=request.user)
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("meetings:excuse", slug=slug, pk=pk)
    messages.success(
        request,
        _("Your excuse is withdrawn: you are expected on %(date)s.")
        % {"date": f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}"},
    )
    return redirect("accounts:dashboard")
