"""The Technik-Check: a verdict from the measured values, stored per person."""

import datetime
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


def verdict_for(
    *,
    is_recommended_browser: bool,
    has_camera: bool,
    has_microphone: bool,
    latency_ms: int | None,
    download_mbps: float | None,
    upload_mbps: float | None,
) -> str:
    """good, fair or poor: camera, microphone and a usable connection decide."""
    if not (has_camera and has_microphone):
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
    TechCheck.Verdict.POOR: _(
        "Not ready yet. Please check camera and microphone, or try a cable "
        "connection or another place with better reception, and run the check "
        "again."
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
    }
    check, _created = TechCheck.objects.update_or_create(
        user=user,
        defaults={
            **values,
            "browser": browser[:60],
            "verdict": verdict_for(**values),
            "checked_at": now or timezone.now(),
        },
    )
    return check
