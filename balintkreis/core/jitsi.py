"""Generic Jitsi helpers: modes, room URLs and join tokens (DOMAIN.md R10).

Domain-free (it knows no groups or meetings), so both the online meeting
page and mentoring sessions use it (issue 14 item 4).

Three ways to run the video (``JITSI_MODE``, issue 15, docs/online.md):

- ``selfhosted``: our own Jitsi with token authentication, embedded through
  the iframe API. HS256 tokens as in lib-jitsi-meet doc/tokens.md: ``iss``
  the application id, ``aud`` the accepted audience, ``sub`` the domain,
  ``room`` the bare room name.
- ``jaas``: 8x8's Jitsi as a Service, embedded. RS256 tokens signed with the
  tenant's private key, header ``kid`` = ``<tenant>/<key id>``, ``iss``
  "chat", ``aud`` "jitsi", ``sub`` the tenant (``vpaas-magic-cookie-…``),
  and the tenant in the room path.
- ``window``: any server that forbids embedding (meet.jit.si since 2023):
  the room opens in its own window or in the Jitsi app, never in an iframe.
"""

import datetime
import json
from typing import Any, Protocol
from urllib.parse import quote

import jwt
from django.conf import settings
from django.utils import timezone

SELFHOSTED = "selfhosted"
JAAS = "jaas"
WINDOW = "window"
MODES = (SELFHOSTED, JAAS, WINDOW)
PUBLIC_DOMAIN = "meet.jit.si"
JAAS_DOMAIN = "8x8.vc"
JAAS_TENANT_PREFIX = "vpaas-magic-cookie-"

# Prosody compares nbf with its own clock; allow for a little skew.
NOT_BEFORE_LEEWAY = datetime.timedelta(minutes=1)

# The buttons offered in every mode: no recording, live streaming,
# transcription or invitations (DOMAIN.md R10, issue 15 item 8).
TOOLBAR = [
    "camera",
    "chat",
    "desktop",
    "filmstrip",
    "fullscreen",
    "hangup",
    "microphone",
    "noisesuppression",
    "participants-pane",
    "raisehand",
    "select-background",
    "settings",
    "tileview",
    "toggle-camera",
    "videoquality",
]
# Jitsi config switches that keep those features off, for the iframe's
# configOverwrite and the window's URL hash alike.
CONFIG = {
    "prejoinConfig.enabled": True,
    "defaultLanguage": "de",
    "disableInviteFunctions": True,
    "fileRecordingsEnabled": False,
    "liveStreamingEnabled": False,
    "transcription.enabled": False,
    "localRecording.disable": True,
    "recordingService.enabled": False,
    "toolbarButtons": TOOLBAR,
}
# Token features: everything that records or leaves the room stays off.
FEATURES = {
    "recording": "false",
    "livestreaming": "false",
    "transcription": "false",
    "outbound-call": "false",
    "sip-outbound-call": "false",
}


def config_overwrite() -> dict[str, Any]:
    """``CONFIG`` nested as the iframe API's ``configOverwrite`` wants it."""
    nested: dict[str, Any] = {}
    for key, value in CONFIG.items():
        *parents, last = key.split(".")
        target = nested
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    return nested


def mode() -> str:
    return settings.JITSI_MODE


def embeds() -> bool:
    """The room runs in an iframe on our page (selfhosted and jaas)."""
    return mode() in (SELFHOSTED, JAAS)


class Participant(Protocol):
    """Who joins a room, as far as a token needs it: the accounts app's
    ``User`` fits (core names no domain app, so it cannot import it)."""

    @property
    def pk(self) -> Any: ...

    @property
    def display_name(self) -> str: ...

    @property
    def email(self) -> str: ...


def domain() -> str:
    return settings.JITSI_DOMAIN


def external_api_url() -> str:
    if mode() == JAAS:
        return f"https://{domain()}/{settings.JITSI_JAAS_APP_ID}/external_api.js"
    return f"https://{domain()}/external_api.js"


def room_path(room_name: str) -> str:
    """The room as Jitsi addresses it: JaaS puts the tenant in front."""
    if mode() == JAAS:
        return f"{settings.JITSI_JAAS_APP_ID}/{room_name}"
    return room_name


def room_url(room_name: str, *, token: str | None = None) -> str:
    url = f"https://{domain()}/{quote(room_path(room_name))}"
    return f"{url}?jwt={token}" if token else url


def window_url(
    room_name: str, *, token: str | None = None, display_name: str = ""
) -> str:
    """The room for its own window: configuration in the URL hash, as Jitsi
    reads it (``#config.x=…``), values JSON-encoded. Only the display name
    goes along (issue 15 item 8)."""
    values = {f"config.{key}": value for key, value in CONFIG.items()}
    if display_name:
        values["userInfo.displayName"] = display_name
    fragment = "&".join(
        f"{key}={quote(json.dumps(value, ensure_ascii=False))}"
        for key, value in values.items()
    )
    return f"{room_url(room_name, token=token)}#{fragment}"


def app_url(room_name: str, *, token: str | None = None) -> str:
    """Deep link that opens the Jitsi Meet app on phones."""
    url = f"org.jitsi.meet://{domain()}/{quote(room_path(room_name))}"
    return f"{url}?jwt={token}" if token else url


def uses_tokens() -> bool:
    """Tokens only when the mode's keys are configured: the JaaS key, or the
    application id and secret of a self-hosted server (also in window mode,
    for a self-hosted server that forbids embedding)."""
    if mode() == JAAS:
        return bool(
            settings.JITSI_JAAS_APP_ID
            and settings.JITSI_JAAS_KEY_ID
            and settings.JITSI_JAAS_PRIVATE_KEY
        )
    return bool(settings.JITSI_APP_ID and settings.JITSI_APP_SECRET)


def user_id(user: Participant) -> str:
    """The id in ``context.user.id``; event_sync sends it back to us."""
    return f"bk-{user.pk}"


def user_pk_from_id(value: str) -> int | None:
    if not value.startswith("bk-") or not value[3:].isdigit():
        return None
    return int(value[3:])


def _person(user: Participant, *, is_moderator: bool) -> dict[str, str]:
    person = {
        "id": user_id(user),
        "name": user.display_name,
        # Jitsi expects strings in context.user.
        "moderator": "true" if is_moderator else "false",
    }
    if mode() != JAAS:
        # For Prosody's token_affiliation module (self-hosted only).
        person["affiliation"] = "owner" if is_moderator else "member"
    # The video server needs no e-mail address; only when the operator asks
    # for it (e.g. for Gravatar pictures), issue 11 item 11, issue 15 item 8.
    if settings.JITSI_SEND_EMAIL:
        person["email"] = user.email
    return person


def claims_for(
    user: Participant,
    room_name: str,
    *,
    is_moderator: bool,
    now: datetime.datetime | None = None,
) -> dict[str, Any]:
    now = now or timezone.now()
    lifetime = datetime.timedelta(minutes=settings.JITSI_TOKEN_MINUTES)
    if mode() == JAAS:
        issued = {"aud": "jitsi", "iss": "chat", "sub": settings.JITSI_JAAS_APP_ID}
    else:
        issued = {
            "aud": settings.JITSI_JWT_AUDIENCE,
            "iss": settings.JITSI_APP_ID,
            "sub": domain().lower(),
        }
    return {
        **issued,
        "room": room_name,
        "iat": int(now.timestamp()),
        "nbf": int((now - NOT_BEFORE_LEEWAY).timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "context": {
            "user": _person(user, is_moderator=is_moderator),
            "features": dict(FEATURES),
        },
    }


def token_for(
    user: Participant,
    room_name: str,
    *,
    is_moderator: bool,
    now: datetime.datetime | None = None,
) -> str | None:
    """A short-lived join token, or None when the mode's keys are not set."""
    if not uses_tokens():
        return None
    claims = claims_for(user, room_name, is_moderator=is_moderator, now=now)
    if mode() == JAAS:
        kid = f"{settings.JITSI_JAAS_APP_ID}/{settings.JITSI_JAAS_KEY_ID}"
        return jwt.encode(
            claims,
            settings.JITSI_JAAS_PRIVATE_KEY,
            algorithm="RS256",
            headers={"kid": kid},
        )
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm="HS256")


def configuration_problems() -> list[tuple[str, str]]:
    """(check id, problem) for what is wrong with the configured mode, in
    English for the system checks (core/checks.py)."""
    problems = []
    if embeds() and domain().lower() == PUBLIC_DOMAIN:
        problems.append(
            (
                "core.W003",
                f"JITSI_MODE={mode()} embeds the room, but {PUBLIC_DOMAIN} ends "
                "embedded calls after 5 minutes.",
            )
        )
    if not settings.JITSI_ICE_SERVERS:
        problems.append(
            (
                "core.W005",
                "JITSI_ICE_SERVERS is empty: the Technik-Check finds only local "
                "routes and tells everybody that their network blocks video.",
            )
        )
    if mode() == JAAS:
        missing = [
            name
            for name in (
                "JITSI_JAAS_APP_ID",
                "JITSI_JAAS_KEY_ID",
                "JITSI_JAAS_PRIVATE_KEY",
            )
            if not getattr(settings, name)
        ]
        if missing:
            problems.append(
                ("core.W004", f"JITSI_MODE=jaas needs {', '.join(missing)}.")
            )
        elif not settings.JITSI_JAAS_APP_ID.startswith(JAAS_TENANT_PREFIX):
            problems.append(
                (
                    "core.W004",
                    f"JITSI_JAAS_APP_ID must start with {JAAS_TENANT_PREFIX!r}.",
                )
            )
    return problems
