"""The group's online page, the meeting page, heartbeats and the panel."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_stubs_ext import StrOrPromise

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.accounts.models import User
from balintkreis.core import jitsi, ratelimit
from balintkreis.core.personalpages import cache_per_person
from balintkreis.meetings.models import Meeting
from balintkreis.online import (
    options,
    passes,
    payloads,
    permissions,
    presence,
    rooms,
)
from balintkreis.online.models import TechCheck

# Without a sign of life from the embedded room after this long, the page
# offers reload, the fallback link and the contact (issue 15 item 3).
ROOM_LOAD_SECONDS = 30
NOT_FOUND = _("This online meeting does not exist or is not open to you.")
TOO_MANY = _(
    "Too many connection changes in a short time. Please wait a minute; "
    "your presence is kept."
)
LEADERS_ONLY = _("Only the group's leaders can mark a silent phase.")
NO_PASS = _(
    "Your access to this online meeting has expired or is invalid. "
    "Please reload the meeting page."
)


@login_required
@require_GET
def group_overview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    access = permissions.get_group(request.user, slug)
    now = timezone.now()
    meetings = [
        {"meeting": m, "state": rooms.join_state(m, now=now)}
        for m in Meeting.objects.filter(
            group=access.group,
            format=Meeting.Format.ONLINE,
            starts_at__gte=now - (presence.OPENS_BEFORE * 12),
        ).order_by("starts_at")[:10]
    ]
    check = TechCheck.objects.filter(user=request.user).first()
    return render(
        request,
        "online/group_overview.html",
        {
            "group": access.group,
            "is_leader": access.is_leader,
            "meetings": meetings,
            "check": check,
            "contact": options.contact_for(access.group),
        },
    )


def _refused(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return render(
        request,
        "online/meeting_unavailable.html",
        {"meeting_id": meeting_id},
        status=404,
    )


@login_required
@require_GET
@never_cache
@cache_per_person
def meeting_room(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting page: Jitsi embedded, heartbeats, connection panel."""
    try:
        access = permissions.get_online_meeting(request.user, meeting_id)
    except Http404:
        return _refused(request, meeting_id)
    meeting = access.meeting
    state = rooms.join_state(meeting)
    if state != "open":
        return render(
            request,
            "online/meeting_closed.html",
            {"meeting": meeting, "state": state, "opens_at": rooms.opens_at(meeting)},
            status=403,
        )
    room_name = rooms.room_name_for(meeting)
    is_moderator = access.is_leader or options.is_contact_moderator(
        meeting.group, request.user
    )
    token = jitsi.token_for(request.user, room_name, is_moderator=is_moderator)
    fallback_url = options.fallback_url(meeting)
    # With a fallback link, presence comes only from the leader's attendance
    # sheet (issue 15 item 4): no pass, so no heartbeats and no panel.
    tracks_presence = not fallback_url
    config = {
        "embeds": jitsi.embeds(),
        "domain": jitsi.domain(),
        "roomName": jitsi.room_path(room_name),
        "jwt": token,
        "displayName": request.user.display_name,
        "isModerator": is_moderator,
        "tracksPresence": tracks_presence,
        "isSilent": tracks_presence and options.is_silent(meeting.pk),
        "beatSeconds": presence.BEAT_SECONDS,
        "loadSeconds": ROOM_LOAD_SECONDS,
        "toolbar": jitsi.TOOLBAR,
        "configOverwrite": jitsi.config_overwrite(),
    }
    if settings.JITSI_SEND_EMAIL:
        config["email"] = request.user.email
    response = render(
        request,
        "online/meeting_room.html",
        {
            "meeting": meeting,
            "is_leader": access.is_leader,
            "embeds": jitsi.embeds(),
            "is_public_server": jitsi.domain().lower() == jitsi.PUBLIC_DOMAIN,
            "jitsi_mode": jitsi.mode(),
            "config": config,
            "external_api_url": jitsi.external_api_url(),
            "window_url": jitsi.window_url(
                room_name, token=token, display_name=request.user.display_name
            ),
            "presence_pass": passes.issue(
                meeting, request.user, is_leader=access.is_leader
            )
            if tracks_presence
            else "",
            "tracks_presence": tracks_presence,
            "fallback_url": fallback_url,
            "contact": options.contact_for(meeting.group),
            "app_url": jitsi.app_url(room_name, token=token),
        },
    )
    if not jitsi.embeds():
        # The page watches the room's window (win.closed); "same-origin"
        # would cut that link to a cross-origin popup.
        response["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups"
    return response


def _json_error(message: StrOrPromise, status: int) -> JsonResponse:
    return JsonResponse({"error": str(message)}, status=status)


def _grant(request: HttpRequest, meeting_id: int) -> passes.Grant | None:
    try:
        return passes.check(
            request.headers.get(passes.HEADER, ""), meeting_id=meeting_id
        )
    except passes.InvalidPass:
        return None


# Set on a request whose beat ``quick_heartbeat`` tried and left to the view.
_TRIED = "_balintkreis_beat_tried"


def _beat_heard() -> JsonResponse:
    response = JsonResponse({"ok": True, "server_time": timezone.now().isoformat()})
    # As CommonMiddleware would set it: the quick answer skips that, and
    # without it gunicorn sends the body chunked (one write more).
    response["Content-Length"] = str(len(response.content))
    return response


def quick_heartbeat(request: HttpRequest, meeting_id: int) -> JsonResponse | None:
    """The usual beat, before the middleware chain (online/middleware.py).

    Only a POST with a valid pass for this meeting and a valid body of kind
    "beat" that ``presence.touch`` takes (one buffered beat or one
    conditional UPDATE) is answered here; None: the view answers, with the
    same checks and its error messages.
    """
    request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks for the view
    grant = _grant(request, meeting_id)
    if grant is None:
        return None
    try:
        beat = payloads.heartbeat(request.body)
    except payloads.BadPayload:
        return None
    if beat.kind != presence.Kind.BEAT:
        return None
    setattr(request, _TRIED, True)
    if not presence.touch(
        meeting_id, user_id=grant.user_id, beat_id=beat.beat_id, quality=beat.quality
    ):
        return None
    return _beat_heard()


@csrf_exempt  # authenticated by the presence pass header, see passes.py
@require_POST
def heartbeat(request: HttpRequest, meeting_id: int) -> JsonResponse:
    """POST JSON from the meeting page: every 15 s and on join/leave events.

    The usual beat is answered by ``quick_heartbeat`` before the middleware
    chain; joins, leaves, rejoins and repeats take the full rule here.
    """
    grant = _grant(request, meeting_id)
    if grant is None:
        return _json_error(NO_PASS, 403)
    try:
        beat = payloads.heartbeat(request.body)
    except payloads.BadPayload as error:
        return _json_error(error.message, 400)
    fast = (
        beat.kind == presence.Kind.BEAT
        and not getattr(request, _TRIED, False)
        and presence.touch(
            meeting_id,
            user_id=grant.user_id,
            beat_id=beat.beat_id,
            quality=beat.quality,
        )
    )
    if not fast:
        # Limited here only: the usual beat stays one query (bench/heartbeat.py);
        # joins, leaves and repeats run the full rule, so they are counted.
        if not ratelimit.hit(
            "online.heartbeat",
            str(grant.user_id),
            rate=settings.HEARTBEAT_RATE_LIMIT,
        ):
            return _json_error(TOO_MANY, 429)
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        user = User.objects.filter(pk=grant.user_id, is_active=True).first()
        if meeting is None or user is None:
            return _json_error(NOT_FOUND, 404)
        try:
            presence.record(
                meeting,
                user=user,
                kind=beat.kind,
                beat_id=beat.beat_id,
                quality=beat.quality,
            )
        except presence.PresenceClosed as error:
            return _json_error(error.message, 403)
    return _beat_heard()


@require_GET
def connections(request: HttpRequest, meeting_id: int) -> JsonResponse:
    """The connection panel's data, polled by the meeting page (one query)."""
    grant = _grant(request, meeting_id)
    if grant is None:
        return _json_error(NO_PASS, 403)
    data = presence.panel(meeting_id, with_timeline=grant.is_leader)
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # authenticated by the presence pass header, see passes.py
@require_POST
def silence(request: HttpRequest, meeting_id: int) -> JsonResponse:
    """The leader starts or ends a silent phase (issue 15 item 5); every
    panel shows it with its next poll. JSON ``{"silent": true|false}``."""
    grant = _grant(request, meeting_id)
    if grant is None:
        return _json_error(NO_PASS, 403)
    if not grant.is_leader:
        return _json_error(LEADERS_ONLY, 403)
    try:
        silent = payloads.silence(request.body)
    except payloads.BadPayload as error:
        return _json_error(error.message, 400)
    return JsonResponse({"silent": options.set_silence(meeting_id, silent=silent)})
