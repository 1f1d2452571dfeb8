"""Generic Jitsi helpers: room URLs and join tokens (DOMAIN.md R10).

Domain-free (it knows no groups or meetings), so both the online meeting
page and mentoring sessions use it (issue 14 item 4). Token
claims follow Jitsi's token authentication (lib-jitsi-meet doc/tokens.md):
``iss`` is the application id, ``aud`` the accepted audience, ``sub`` the
domain, ``room`` the bare room name, ``exp``/``nbf`` the validity and
``context.user`` the identity shown in the conference.
"""

import datetime
from typing import Any, Protocol
from urllib.parse import quote

import jwt
from django.conf import settings
from django.utils import timezone

# Prosody compares nbf with its own clock; allow for a little skew.
NOT_BEFORE_LEEWAY = datetime.timedelta(minutes=1)


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
    return f"https://{domain()}/external_api.js"


def room_url(room_name: str, *, token: str | None = None) -> str:
    url = f"https://{domain()}/{quote(room_name)}"
    return f"{url}?jwt={token}" if token else url


def app_url(room_name: str, *, token: str | None = None) -> str:
    """Deep link that opens the Jitsi Meet app on phones."""
    url = f"org.jitsi.meet://{domain()}/{quote(room_name)}"
    return f"{url}?jwt={token}" if token else url


def uses_tokens() -> bool:
    """Token authentication is on only for a self-hosted server with a secret."""
    return bool(settings.JITSI_APP_ID and settings.JITSI_APP_SECRET)


def user_id(user: Participant) -> str:
    """The id in ``context.user.id``; event_sync sends it back to us."""
    return f"bk-{user.pk}"


def user_pk_from_id(value: str) -> int | None:
    if not value.startswith("bk-") or not value[3:].isdigit():
        return None
    return int(value[3:])


def claims_for(
    user: Participant,
    room_name: str,
    *,
    is_moderator: bool,
    now: datetime.datetime | None = None,
) -> dict[str, Any]:
    now = now or timezone.now()
    lifetime = datetime.timedelta(minutes=settings.JITSI_TOKEN_MINUTES)
    person = {
        "id": user_id(user),
        "name": user.display_name,
        # Jitsi expects strings in context.user.
        "moderator": "true" if is_moderator else "false",
        "affiliation": "owner" if is_moderator else "member",
    }
    # The video server needs no e-mail address; only when the operator asks
    # for it (e.g. for Gravatar pictures), issue 11 item 11.
    if settings.JITSI_SEND_EMAIL:
        person["email"] = user.email
    return {
        "aud": settings.JITSI_JWT_AUDIENCE,
        "iss": settings.JITSI_APP_ID,
        "sub": domain().lower(),
        "room": room_name,
        "iat": int(now.timestamp()),
        "nbf": int((now - NOT_BEFORE_LEEWAY).timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "context": {
            "user": person,
            "features": {"recording": "false", "livestreaming": "false"},
        },
    }


def token_for(
    user: Participant,
    room_name: str,
    *,
    is_moderator: bool,
    now: datetime.datetime | None = None,
) -> str | None:
    """A short-lived HS256 join token, or None when tokens are not configured."""
    if not uses_tokens():
        return None
    claims = claims_for(user, room_name, is_moderator=is_moderator, now=now)
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm="HS256")
