"""Parsing JSON bodies from the meeting page, the Technik-Check and Prosody.

Bad input raises ``BadPayload`` with a German message; the view answers 400.
"""

import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from balintkreis.core.errors import RuleError
from balintkreis.online.presence import Kind

BEAT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class BadPayload(RuleError):
    pass


# The largest body any of our clients sends is a few hundred bytes, and none
# nests deeper than two levels (Prosody's occupant object).
MAX_BYTES = 16 * 1024
MAX_DEPTH = 8


def _too_deep(text: str) -> bool:
    """Whether brackets nest deeper than MAX_DEPTH, found in one pass without
    recursion: ``json.loads`` recurses per level and raises RecursionError
    (an unhandled 500) on ``"[" * 100000`` (issue 11 item 14)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def load_object(body: bytes) -> dict:
    """The one way our endpoints read JSON: size and depth checked first."""
    if len(body) > MAX_BYTES:
        raise BadPayload(_("The request could not be read (too large)."))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadPayload(_("The request could not be read (no valid JSON).")) from None
    if _too_deep(text):
        raise BadPayload(_("The request could not be read (nested too deeply)."))
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadPayload(_("The request could not be read (no valid JSON).")) from None
    if not isinstance(data, dict):
        raise BadPayload(_("The request could not be read (no JSON object)."))
    return data


@dataclass
class Heartbeat:
    kind: str
    beat_id: str
    quality: int | None


def _optional_number(data: dict, key: str, *, low: float, high: float) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadPayload(_("A measured value is not a number."))
    if not low <= value <= high:
        raise BadPayload(_("A measured value is out of range."))
    return value


def heartbeat(body: bytes) -> Heartbeat:
    """{"kind": "beat"|"joined"|"left", "beat_id": "...", "quality": 0-100}.

    A client clock (``sent_at``) may be sent but is never trusted; only its
    type is checked so that garbage is refused.
    """
    data = load_object(body)
    kind = data.get("kind", Kind.BEAT)
    if kind not in Kind.ALL:
        raise BadPayload(_("Unknown kind of heartbeat."))
    beat_id = data.get("beat_id", "")
    if not isinstance(beat_id, str) or (beat_id and not BEAT_ID.match(beat_id)):
        raise BadPayload(_("The heartbeat id is invalid."))
    sent_at = data.get("sent_at")
    if sent_at is not None and (
        isinstance(sent_at, bool) or not isinstance(sent_at, int | float | str)
    ):
        raise BadPayload(_("The time stamp is invalid."))
    quality = _optional_number(data, "quality", low=0, high=100)
    return Heartbeat(
        kind=kind,
        beat_id=beat_id,
        quality=round(quality) if quality is not None else None,
    )


@dataclass
class TechResult:
    browser: str
    is_recommended_browser: bool
    has_camera: bool
    has_microphone: bool
    latency_ms: int | None
    download_mbps: float | None
    upload_mbps: float | None
    video_server_reachable: bool | None
    ice: str


ICE_ROUTES = ("relay", "srflx", "host", "none")


def _flag(data: dict, key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise BadPayload(_("A yes/no value is invalid."))
    return value


def tech_result(body: bytes) -> TechResult:
    data = load_object(body)
    browser = data.get("browser", "")
    if not isinstance(browser, str):
        raise BadPayload(_("The browser name is invalid."))
    latency = _optional_number(data, "latency_ms", low=0, high=60_000)
    return TechResult(
        browser=browser[:60],
        is_recommended_browser=_flag(data, "is_recommended_browser"),
        has_camera=_flag(data, "has_camera"),
        has_microphone=_flag(data, "has_microphone"),
        latency_ms=round(latency) if latency is not None else None,
        download_mbps=_optional_number(data, "download_mbps", low=0, high=100_000),
        upload_mbps=_optional_number(data, "upload_mbps", low=0, high=100_000),
        video_server_reachable=_optional_flag(data, "video_server_reachable"),
        ice=_ice(data),
    )


def _optional_flag(data: dict, key: str) -> bool | None:
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        raise BadPayload(_("A yes/no value is invalid."))
    return value


def _ice(data: dict) -> str:
    value = data.get("ice", "")
    if value not in ("", *ICE_ROUTES):
        raise BadPayload(_("The video connection route is invalid."))
    return value


@dataclass
class OccupantEvent:
    room_name: str
    user_id: str


def occupant_event(body: bytes) -> OccupantEvent:
    """Prosody event_sync: {"room_name": ..., "occupant": {"id": ...}}."""
    data = load_object(body)
    room_name = data.get("room_name")
    occupant = data.get("occupant")
    if not isinstance(room_name, str) or not isinstance(occupant, dict):
        raise BadPayload(_("Room or occupant missing."))
    user_id = occupant.get("id") or ""
    if not isinstance(user_id, str):
        raise BadPayload(_("The occupant id is invalid."))
    return OccupantEvent(room_name=room_name, user_id=user_id)


def silence(body: bytes) -> bool:
    """The silent phase toggle: {"silent": true|false}."""
    value = load_object(body).get("silent")
    if not isinstance(value, bool):
        raise BadPayload(_("A yes/no value is invalid."))
    return value
