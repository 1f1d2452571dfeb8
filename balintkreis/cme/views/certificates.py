from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.cme import certificate_pdf, certificates
from balintkreis.cme import permissions as cme_permissions
from balintkreis.cme import points as points_rules
from balintkreis.cme.forms import CertificateCorrectionForm, VerifyForm
from balintkreis.cme.models import Certificate
from balintkreis.core import ratelimit
from balintkreis.core.errors import RuleError
from balintkreis.core.personalpages import cache_per_person
from balintkreis.meetings import permissions, progress


@login_required
@require_http_methods(["GET"])
@cache_per_person
def my_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Attendance history, double sessions, hours, points, PSGV progress (R6)."""
    groups = progress.for_person(request.user)
    meetings = [a.meeting for p in groups for a in p.history]
    earned = points_rules.points_by_meeting(request.user, meetings)
    issued = {
        c.meeting_id: c
        for c in request.user.certificates.valid().filter(kind=Certificate.Kind.MEETING)
    }
    sections = []
    for p in groups:
        rows = [(a, earned[a.meeting_id], issued.get(a.meeting_id)) for a in p.history]
        sections.append((p, rows, sum(r[1] for r in rows)))
    context = {
        "sections": sections,
        "all_certificates": request.user.certificates.select_related(
            "group", "meeting", "replaced_by"
        ),
    }
    return render(request, "cme/my_progress.html", context)


@login_required
@require_http_methods(["POST"])
def issue_for_meeting(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = permissions.get_meeting_for_member(request.user, slug, pk)
    try:
        certificate = certificates.issue_for_meeting(
            meeting, user=request.user, by=request.user
        )
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("cme:my-progress")
    return redirect("cme:certificate-pdf", number=certificate.number)


@login_required
@require_http_methods(["POST"])
def issue_for_term(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_member(request.user, slug)
    try:
        certificate = certificates.issue_for_term(
            group, user=request.user, by=request.user
        )
    except RuleError as error:
        messages.error(request, error.message)
        return redirect("cme:my-progress")
    messages.success(request, _("Your certificate has been issued."))
    return redirect("cme:certificate-pdf", number=certificate.number)


@login_required
@require_http_methods(["GET"])
def certificate_pdf_view(
    request: AuthenticatedHttpRequest, number: str
) -> HttpResponse:
    """The PDF, for its owner, the group's leaders and the secretariat only."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("user", "group", "replaced_by"),
        number=number,
    )
    if certificate.user_id != request.user.pk and not certificates.may_correct(
        request.user, certificate
    ):
        raise Http404
    response = HttpResponse(
        certificate_pdf.render(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET"])
def group_certificates(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The group's certificates for its leaders: download, correct, revoke."""
    group = cme_permissions.get_group_for_certificates(request.user, slug)
    context = {
        "group": group,
        "can_lead": True,
        "certificates": group.certificates.select_related(
            "user", "meeting", "replaced_by"
        ),
        "form": CertificateCorrectionForm(),
    }
    return render(request, "cme/group_certificates.html", context)


def _change(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int,
    rule: Callable[..., Certificate],
) -> HttpResponse:
    group = cme_permissions.get_group_for_certificates(request.user, slug)
    certificate = get_object_or_404(group.certificates.select_related("user"), pk=pk)
    form = CertificateCorrectionForm(request.POST)
    if not form.is_valid():
        context = {
            "group": group,
            "can_lead": True,
            "certificates": group.certificates.select_related(
                "user", "meeting", "replaced_by"
            ),
            "form": form,
            "failed": certificate,
        }
        return render(request, "cme/group_certificates.html", context, status=422)
    try:
        result = rule(certificate, by=request.user, reason=form.cleaned_data["reason"])
    except RuleError as error:
        messages.error(request, error.message)
    else:
        if result.pk == certificate.pk:
            messages.success(request, _("The certificate has been revoked."))
        else:
            messages.success(
                request,
                _("Certificate %(old)s has been revoked and replaced by %(new)s.")
                % {"old": certificate.number, "new": result.number},
            )
    return redirect("cme:group-certificates", slug=group.slug)


@login_required
@require_http_methods(["POST"])
def certificate_correct(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    """Revoke with a reason and issue a corrected one from today's records."""
    return _change(request, slug, pk, certificates.correct)


@login_required
@require_http_methods(["POST"])
def certificate_revoke(
    request: AuthenticatedHttpRequest, slug: str, pk: int
) -> HttpResponse:
    """Revoke with a reason, without a replacement."""
    return _change(request, slug, pk, certificates.revoke)


@require_http_methods(["GET"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of a certificate: shows initials only (QR code target)."""
    try:
        ratelimit.check(
            request,
            "cme-verify",
            rate="60/h",
            message=_("Too many checks. Please try again later."),
        )
    except RuleError as error:
        return render(request, "cme/verify.html", {"error": error.message}, status=429)
    certificate = (
        Certificate.objects.select_related("user", "group", "replaced_by")
        .filter(code=code.strip().upper())
        .first()
    )
    context = {
        "certificate": certificate,
        "initials": certificates.initials(certificate.user) if certificate else "",
    }
    return render(
        request, "cme/verify.html", context, status=200 if certificate else 404
    )


@require_http_methods(["GET"])
def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("cme:verify", code=form.cleaned_data["code"].strip().upper())
    return render(request, "cme/verify_form.html", {"form": form})
