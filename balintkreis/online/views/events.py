"""Prosody event_sync: occupant joined/left as a second presence source.

Configure the component with ``api_prefix = "<SITE_URL>/online/jitsi"`` and
``api_headers = {["Authorization"] = "Bearer <JITSI_EVENT_SYNC_SECRET>"}``;
it then posts to ``/online/jitsi/events/occupant/joined`` and ``.../left``.
"""

import hmac

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from balintkreis.accounts.models import User
from balintkreis.core import jitsi
from balintkreis.groups.access import Action, access
from balintkreis.meetings.models import Meeting
from balintkreis.online import payloads, presence, rooms
from balintkreis.online.models import PresenceInterval


def _authorised(request: HttpRequest) -> bool:
    secret = settings.JITSI_EVENT_SYNC_SECRET
    given = request.headers.get("Authorization", "")
    return bool(secret) and hmac.compare_digest(given, f"Bearer {secret}")


def _is_participant(user: User, meeting: Meeting) -> bool:
    return access(meeting.group, user).may(Action.JOIN_ONLINE)


@csrf_exempt
@require_POST
def occupant(request: HttpRequest, event: str) -> JsonResponse:
    if not _authorised(request):
        return JsonResponse({"error": "unauthorised"}, status=403)
    if event not in ("joined", "left"):
        return JsonResponse({"status": "ignored"})
    try:
        data = payloads.occupant_event(request.body)
    except payloads.BadPayload as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    now = timezone.now()
    user_pk = jitsi.user_pk_from_id(data.user_id)
    user = User.objects.filter(pk=user_pk).first() if user_pk else None
    # Only the current meeting's name counts: an old name that somebody kept
    # after leaving the group records nothing (issue 11 item 11).
    meeting = rooms.meeting_for_room_name(data.room_name, now=now)
    if meeting is None or user is None or not _is_participant(user, meeting):
        return JsonResponse({"status": "ignored"})
    presence.record(
        meeting,
        user=user,
        kind=presence.Kind.JOINED if event == "joined" else presence.Kind.LEFT,
        source=PresenceInterval.Source.SERVER,
        now=now,
    )
    return JsonResponse({"status": "recorded"})


@csrf_exempt
@require_POST
def room_event(request: HttpRequest, event: str) -> JsonResponse:
    """Room created/destroyed: accepted and not needed."""
    if not _authorised(request):
        return JsonResponse({"error": "unauthorised"}, status=403)
    return JsonResponse({"status": "ignored"})
