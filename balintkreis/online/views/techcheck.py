"""The Technik-Check page and the small endpoints it measures against."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core import jitsi, ratelimit
from balintkreis.online import payloads, techcheck
from balintkreis.online.models import TechCheck

# Sized responses for the download estimate; kept small so a slow line
# finishes within seconds and the server spends little on it.
MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_BYTES = 1024 * 1024
CHUNK = bytes(range(256)) * 256


def _limited(request: HttpRequest) -> bool:
    key = str(request.user.pk)
    return not ratelimit.hit("online.techcheck", key, rate="120/m")


@login_required
@require_GET
def page(request: AuthenticatedHttpRequest) -> HttpResponse:
    check = TechCheck.objects.filter(user=request.user).first()
    return render(
        request,
        "online/techcheck.html",
        {
            "check": check,
            "verdict_text": techcheck.VERDICT_TEXT.get(check.verdict) if check else "",
            "causes": techcheck.causes_for(check) if check else [],
            "jitsi_domain": jitsi.domain(),
            "external_api_url": jitsi.external_api_url(),
            "ice_servers": settings.JITSI_ICE_SERVERS,
        },
    )


@login_required
@require_GET
@never_cache
def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=204)


@login_required
@require_GET
@never_cache
def download(request: HttpRequest) -> HttpResponse:
    if _limited(request):
        return HttpResponse(status=429)
    try:
        size = min(int(request.GET.get("bytes", "0")), MAX_DOWNLOAD_BYTES)
    except ValueError:
        size = 0
    size = max(size, 0)
    body = (CHUNK * (size // len(CHUNK) + 1))[:size]
    return HttpResponse(body, content_type="application/octet-stream")


@login_required
@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    if _limited(request):
        return JsonResponse({"error": "rate"}, status=429)
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAX_UPLOAD_BYTES:
        return JsonResponse({"received": 0}, status=413)
    received = len(request.body)
    return JsonResponse({"received": received})


@login_required
@require_POST
def save(request: AuthenticatedHttpRequest) -> JsonResponse:
    try:
        result = payloads.tech_result(request.body)
    except payloads.BadPayload as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    check = techcheck.save_result(request.user, **result.__dict__)
    return JsonResponse(
        {
            "verdict": check.verdict,
            "label": str(check.get_verdict_display()),
            "message": str(techcheck.VERDICT_TEXT[check.verdict]),
            "causes": techcheck.causes_for(check),
        }
    )
