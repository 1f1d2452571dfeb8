"""Two-factor log-in: required for everyone with staff duties (issues 7, 11).

When ``MFA_REQUIRED_FOR_STAFF`` is on, every request of a logged-in person
with staff duties (``permissions.has_staff_duties``: leads or co-leads a
group, leader role, secretariat, superuser) and no authenticator app is sent
to the TOTP activation (accounts/middleware.py). It is decided per request,
not at log-in, so a person made co-leader during their session is stopped at
the next page.

The TOTP secret and the recovery-code seed are stored encrypted with the
field key (``MFAAdapter.encrypt``/``decrypt`` in accounts/adapter.py);
``encrypt_stored_secrets`` encrypted the rows written before (migration
``accounts.0003_encrypt_mfa_secrets``).
"""

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from balintkreis.accounts import permissions
from balintkreis.accounts.models import User
from balintkreis.core import crypto

# Fernet tokens begin with this (version byte 0x80 and the time stamp); the
# clear values never do: TOTP secrets are upper-case base32, seeds lower-case
# hex, migrated recovery codes digits.
ENCRYPTED_PREFIX = "gAAAAA"


def is_required_for(user: User) -> bool:
    """People with staff duties need a second factor when the setting is on."""
    if not settings.MFA_REQUIRED_FOR_STAFF:
        return False
    return permissions.has_staff_duties(user)


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).exists()


def setup_pending(request: HttpRequest) -> bool:
    """True while a logged-in person who needs a second factor has none."""
    user = request.user
    if not user.is_authenticated or not is_required_for(user):
        return False
    return not has_totp(user)


def _encrypt(value: str) -> str:
    return value if value.startswith(ENCRYPTED_PREFIX) else crypto.encrypt(value)


def _decrypt(value: str) -> str:
    return crypto.decrypt(value) if value.startswith(ENCRYPTED_PREFIX) else value


def _convert(data: dict[str, Any], convert: Callable[[str], object]) -> dict[str, Any]:
    data = dict(data)
    for name in ("secret", "seed"):
        if isinstance(data.get(name), str):
            data[name] = convert(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
    return data


def encrypt_stored_secrets(authenticators: QuerySet) -> int:
    """Encrypt clear-text TOTP secrets, seeds and migrated recovery codes;
    values already encrypted stay as they are. Returns the rows changed."""
    return _rewrite(authenticators, _encrypt)


def reencrypt_stored_secrets(authenticators: QuerySet) -> int:
    """Re-encrypt every stored secret with the current field key (after a key
    rotation: ``crypto.decrypt`` reads any configured key, ``encrypt`` writes
    with the first). Returns the rows rewritten."""
    return _rewrite(authenticators, lambda value: _encrypt(_decrypt(value)))


def sample_tokens(authenticators: QuerySet, *, per_end: int = 3) -> list[str]:
    """Encrypted values of the oldest and newest few authenticators, for the
    start-up check that the field key can read them (core/checks.py)."""
    rows = authenticators.filter(type__in=["totp", "recovery_codes"])
    found: list[str] = []
    for ordered in (rows.order_by("pk"), rows.order_by("-pk")):
        for authenticator in ordered[:per_end]:
            _convert(authenticator.data, found.append)
    return [value for value in found if value.startswith(ENCRYPTED_PREFIX)]


def decrypt_stored_secrets(authenticators: QuerySet) -> int:
    """The way back (reversing the migration); returns the rows changed."""
    return _rewrite(authenticators, _decrypt)


def _rewrite(
    authenticators: QuerySet[Authenticator], convert: Callable[[str], str]
) -> int:
    changed = 0
    for authenticator in authenticators.filter(type__in=["totp", "recovery_codes"]):
        data = _convert(authenticator.data, convert)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed
