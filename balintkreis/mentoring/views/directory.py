from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.permissions import require_secretariat
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.personalpages import cache_per_person
from balintkreis.mentoring import directory, permissions, profiles
from balintkreis.mentoring.forms import DirectoryFilterForm, MentorProfileForm
from balintkreis.mentoring.models import MentorProfile


def _filters(request: HttpRequest) -> tuple[DirectoryFilterForm, directory.Filters]:
    form = DirectoryFilterForm(request.GET or None)
    if form.is_valid():
        return form, directory.Filters(**form.cleaned_data)
    return form, directory.Filters()


@login_required
@cache_per_person
def directory_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    mentors = list(directory.find(filters))
    for profile in mentors:
        profile.places = profile.open_places(profile.running_count)
    return render(
        request,
        "mentoring/directory_list.html",
        {
            "form": form,
            "mentors": mentors,
            "query": request.GET.urlencode(),
            "can_export": request.user.is_secretariat,
        },
    )


def _export(request: HttpRequest, fmt: str) -> tuple[bytes, int]:
    require_secretariat(request.user)
    _form, filters = _filters(request)
    mentors = list(directory.find(filters))
    audit.record(
        request.user,
        "mentoring.directory.exported",
        data={"format": fmt, "count": len(mentors)},
    )
    if fmt == "csv":
        return directory.export_csv(mentors), len(mentors)
    return directory.export_pdf(mentors), len(mentors)


@login_required
def directory_csv(request: HttpRequest) -> HttpResponse:
    content, _count = _export(request, "csv")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentorinnen.csv"'
    return response


@login_required
def directory_pdf(request: HttpRequest) -> HttpResponse:
    content, _count = _export(request, "pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mentorinnen.pdf"'
    return response


@login_required
@cache_per_person
def mentor_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = permissions.get_listed_mentor(request.user, pk)
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "profile": profile,
            "places": profile.open_places(profile.running_count),
            "is_own": profile.user_id == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_leader(request.user)
    profile = MentorProfile.objects.filter(user=request.user).first()
    initial = {"consent": profiles.has_listing_consent(request.user)}
    form = MentorProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile = form.save(commit=False)
            profile.user = request.user
            profiles.publish(
                profile,
                topics=form.cleaned_data["topics"],
                consent=form.cleaned_data["consent"],
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Your mentor profile is saved and listed in the directory.")
            )
            return redirect("mentoring:mentor-detail", profile.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "mentoring/profile_edit.html",
        {"form": form, "profile": profile},
        status=status,
    )


@login_required
@require_POST
def profile_withdraw(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require_leader(request.user)
    profile = MentorProfile.objects.filter(user=request.user).first()
    if profile is None:
        return redirect("mentoring:profile-edit")
    profiles.withdraw_listing(profile)
    messages.success(
        request,
        _("You are no longer listed. Your running mentorships continue."),
    )
    return redirect("mentoring:home")
