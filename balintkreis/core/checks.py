"""System checks for the addresses and names that end up in documents.

A certificate prints its verification URL (``SITE_URL``) and the organiser
(``CME_ORGANISER``); e-mails and calendar files link to ``SITE_URL``. In
production (``DEBUG`` off) a ``SITE_URL`` whose host this server does not
answer to is an error, so no document can carry a wrong address.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.core import checks
from django.http.request import validate_host


@checks.register(checks.Tags.security)
def site_url_matches_allowed_hosts(**kwargs: object) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    parsed = urlparse(settings.SITE_URL)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return [
            checks.Error(
                f"SITE_URL {settings.SITE_URL!r} is not an http(s) address.",
                hint="Set SITE_URL to the public address, e.g. https://balint.example.org",
                id="core.E001",
            )
        ]
    host = parsed.hostname
    if ":" in host:  # an IPv6 address, written as ALLOWED_HOSTS writes it
        host = f"[{host}]"
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            checks.Error(
                f"The host of SITE_URL ({host}) is not in ALLOWED_HOSTS "
                f"({', '.join(settings.ALLOWED_HOSTS)}).",
                hint=(
                    "Links in e-mails and the verification address printed on "
                    "certificates would point elsewhere. Make SITE_URL the public "
                    "address of this server and list its host in ALLOWED_HOSTS."
                ),
                id="core.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def organiser_is_set(**kwargs: object) -> list[checks.CheckMessage]:
    if settings.CME_ORGANISER != settings.CME_ORGANISER_PLACEHOLDER:
        return []
    return [
        checks.Warning(
            "CME_ORGANISER is not set; certificates print a placeholder as organiser.",
            hint="Set CME_ORGANISER to the name of the organising institute.",
            id="core.W001",
        )
    ]
