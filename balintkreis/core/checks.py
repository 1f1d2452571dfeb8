"""System checks.

Field key (core.E001, core.W001): refuse to start with a key that cannot
read the data.

Registered without the ``database`` tag so that every management command
(``serve``, ``db_worker``, ``scheduler``, ``check``, ``migrate``) runs it;
it only reads a few values and skips tables that do not exist yet.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.checks import Error, Warning, register
from django.db import DatabaseError, connections, router
from django.db.models import Model
from django.http.request import validate_host

from balintkreis.core import crypto, hooks, jitsi
from balintkreis.core.fields import EncryptedTextField

SAMPLES_PER_END = 3
# Every Fernet token starts with its version byte 0x80, base64: "gAAAAA".
# Other values are plain text a data migration has yet to encrypt (e.g. the
# outbox bodies before notifications 0003); ``migrate`` must still start.
TOKEN_PREFIX = "gAAAAA"


def encrypted_fields() -> list[tuple[type[Model], EncryptedTextField]]:
    """(model, field) for every encrypted column of the project."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def _sample(model: type[Model], field: EncryptedTextField) -> list[str]:
    """The oldest and newest few stored tokens of one column, read raw."""
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    pk = quote(model._meta.pk.column)
    found = []
    with connection.cursor() as cursor:
        for order in ("ASC", "DESC"):
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} <> '' "
                f"ORDER BY {pk} {order}",
            )
            found += [row[0] for row in cursor.fetchmany(SAMPLES_PER_END)]
    return found


def _samples() -> Iterator[tuple[str, list[str]]]:
    """(label, tokens) of every encrypted column, and of what apps encrypt
    outside a field (their ``field_key_samples`` hook, e.g. MFA secrets)."""
    for model, field in encrypted_fields():
        try:
            tokens = _sample(model, field)
        except DatabaseError:
            # Before the first migrate there is nothing to read.
            continue
        yield f"{model._meta.label}.{field.name}", tokens
    for _config, field_key_samples in hooks.contributions("field_key_samples"):
        try:
            yield from field_key_samples().items()
        except DatabaseError:
            continue


@register()
def check_field_key(app_configs: Any, **kwargs: Any) -> list[Error]:
    """core.E001: encrypted data exists that no configured key can read."""
    errors = []
    for label, tokens in _samples():
        tokens = [token for token in tokens if token.startswith(TOKEN_PREFIX)]
        unreadable = 0
        for token in tokens:
            try:
                crypto.decrypt(token)
            except crypto.UndecryptableValue:
                unreadable += 1
        if unreadable:
            errors.append(
                Error(
                    f"{label}: {unreadable} of "
                    f"{len(tokens)} sampled values cannot be decrypted. "
                    f"{crypto.UndecryptableValue.MESSAGE}",
                    hint=(
                        "Set FIELD_ENCRYPTION_KEY (or FIELD_ENCRYPTION_KEY_FILE) to "
                        "the key from your backup; during a rotation list the new "
                        "key first and the old one after it, separated by a comma."
                    ),
                    id="core.E001",
                )
            )
    return errors


@register(deploy=True)
def check_field_key_is_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """core.W001: a generated key belongs to one machine only."""
    if not getattr(settings, "FIELD_ENCRYPTION_KEY_GENERATED", False):
        return []
    return [
        Warning(
            "FIELD_ENCRYPTION_KEY is not set; this server generated its own key "
            "into var/field_key. A second server, or a restore on a new "
            "machine, cannot read the encrypted data without that file.",
            hint="Set FIELD_ENCRYPTION_KEY_FILE and back the key up "
            "(docs/deployment.md).",
            id="core.W001",
        )
    ]


# Addresses and names that end up in documents (core.E002, core.E003, core.W002).
#
# A certificate prints its verification URL (``SITE_URL``) and the organiser
# (``CME_ORGANISER``); e-mails and calendar files link to ``SITE_URL``. In
# production (``DEBUG`` off) a ``SITE_URL`` whose host this server does not
# answer to is an error, so no document can carry a wrong address.


@checks.register(checks.Tags.security)
def site_url_matches_allowed_hosts(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    parsed = urlparse(settings.SITE_URL)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return [
            checks.Error(
                f"SITE_URL {settings.SITE_URL!r} is not an http(s) address.",
                hint="Set SITE_URL to the public address, e.g. https://balint.example.org",
                id="core.E003",
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
def organiser_is_set(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.CME_ORGANISER != settings.CME_ORGANISER_PLACEHOLDER:
        return []
    return [
        checks.Warning(
            "CME_ORGANISER is not set; certificates print a placeholder as organiser.",
            hint="Set CME_ORGANISER to the name of the organising institute.",
            id="core.W002",
        )
    ]


@checks.register()
def jitsi_mode_fits_the_server(**kwargs: Any) -> list[checks.CheckMessage]:
    """core.W003: an embedding Jitsi mode pointed at meet.jit.si; core.W004:
    JaaS without its key settings; core.W005: no STUN/TURN server for the
    Technik-Check (issue 15, docs/online.md)."""
    return [
        checks.Warning(
            problem,
            hint=(
                "Use JITSI_MODE=window for meet.jit.si, or set up a server "
                "as docs/online.md describes."
            ),
            id=check_id,
        )
        for check_id, problem in jitsi.configuration_problems()
    ]
