"""The Technik-Check: a verdict from the measured values, stored per person."""

import datetime
import re
from typing import TypedDict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from balintkreis.accounts.models import User
from balintkreis.online.models import TechCheck

# Thresholds for a small video group (about 10 people in Jitsi): Jitsi needs
# roughly 1 Mbit/s up and 2–3 Mbit/s down for a stable picture.
GOOD = {"latency_ms": 150, "download_mbps": 3.0, "upload_mbps": 1.0}
ENOUGH = {"latency_ms": 400, "download_mbps": 1.0, "upload_mbps": 0.5}


# Routes a call can take: through the internet (STUN) or a relay (TURN).
# Host candidates alone reach only the local network: the video bridge is
# then blocked (a firewall dropping UDP and the TURN ports).
WORKING_ROUTES = {TechCheck.Ice.RELAY, TechCheck.Ice.SRFLX}


def verdict_for(
    *,
    is_recommended_browser: bool,
    has_camera: bool,
    has_microphone: bool,
    latency_ms: int | None,
    download_mbps: float | None,
    upload_mbps: float | None,
    video_server_reachable: bool | None,
    ice: str,
) -> str:
    """good, fair or poor: camera, microphone, a usable connection, the video
    server and a WebRTC route decide; "good" only when every part passed."""
    if not (has_camera and has_microphone):
        return TechCheck.Verdict.POOR
    if video_server_reachable is not True or ice not in WORKING_ROUTES:
        return TechCheck.Verdict.POOR
    if latency_ms is None or download_mbps is None or upload_mbps is None:
        return TechCheck.Verdict.POOR
    if (
        latency_ms > ENOUGH["latency_ms"]
        or download_mbps < ENOUGH["download_mbps"]
        or upload_mbps < ENOUGH["upload_mbps"]
    ):
        return TechCheck.Verdict.POOR
    if (
        is_recommended_browser
        and latency_ms <= GOOD["latency_ms"]
        and download_mbps >= GOOD["download_mbps"]
        and upload_mbps >= GOOD["upload_mbps"]
    ):
        return TechCheck.Verdict.GOOD
    return TechCheck.Verdict.FAIR


VERDICT_TEXT: dict[str, StrOrPromise] = {
    TechCheck.Verdict.GOOD: _(
        "Everything is ready: your browser, camera, microphone and connection "
        "are well suited for the online group."
    ),
    TechCheck.Verdict.FAIR: _(
        "It should work. Please use a recommended browser if possible and keep "
        "your household's bandwidth free during the session."
    ),
    TechCheck.Verdict.POOR: _("Not ready yet."),
}

CAUSES = {
    "media": _(
        "Camera or microphone did not start. Please allow access in your "
        "browser and close other programs that use them."
    ),
    "server": _(
        "The video server is not reachable. Please try again later; if it "
        "stays so, your network may block it – please tell your group's "
        "leadership or technical contact."
    ),
    "network": _(
        "Your network blocks video connections – please try another network "
        "(for example at home instead of in the practice, or your mobile "
        "phone's hotspot), or ask your IT to allow video calls (UDP and the "
        "TURN server's ports)."
    ),
    "slow": _(
        "Your internet connection is too slow or too delayed for video. Please "
        "try a cable connection or sit closer to the Wi-Fi router, and keep "
        "others in your household from streaming or downloading."
    ),
}


class Measurement(TypedDict):
    """What the browser measured: the arguments of ``verdict_for``."""

    is_recommended_browser: bool
    has_camera: bool
    has_microphone: bool
    latency_ms: int | None
    download_mbps: float | None
    upload_mbps: float | None
    video_server_reachable: bool | None
    ice: str


def causes_for(check: TechCheck) -> list[str]:
    """The real causes of a result that is not "good", in German, most
    important first."""
    causes = []
    if not (check.has_camera and check.has_microphone):
        causes.append(CAUSES["media"])
    if check.video_server_reachable is not True:
        causes.append(CAUSES["server"])
    elif check.ice not in WORKING_ROUTES:
        causes.append(CAUSES["network"])
    latency, down, up = check.latency_ms, check.download_mbps, check.upload_mbps
    if (
        latency is None
        or down is None
        or up is None
        or latency > ENOUGH["latency_ms"]
        or down < ENOUGH["download_mbps"]
        or up < ENOUGH["upload_mbps"]
    ):
        causes.append(CAUSES["slow"])
    return [str(cause) for cause in causes]


# The browser's name comes from the page's script, so from anybody: control
# characters (PostgreSQL refuses NUL in text) carry no meaning in it.
CONTROL = re.compile("[\x00-\x1f\x7f]")


def save_result(
    user: User,
    *,
    browser: str,
    is_recommended_browser: bool,
    has_camera: bool,
    has_microphone: bool,
    latency_ms: int | None,
    download_mbps: float | None,
    upload_mbps: float | None,
    video_server_reachable: bool | None,
    ice: str,
    now: datetime.datetime | None = None,
) -> TechCheck:
    """Store the person's latest result; the server decides the verdict."""
    values: Measurement = {
        "is_recommended_browser": is_recommended_browser,
        "has_camera": has_camera,
        "has_microphone": has_microphone,
        "latency_ms": latency_ms,
        "download_mbps": download_mbps,
        "upload_mbps": upload_mbps,
        "video_server_reachable": video_server_reachable,
        "ice": ice,
    }
    check, _created = TechCheck.objects.update_or_create(
        user=user,
        defaults={
            **values,
            "browser": CONTROL.sub("", browser)[:60],
            "verdict": verdict_for(**values),
            "checked_at": now or timezone.now(),
        },
    )
    return check
