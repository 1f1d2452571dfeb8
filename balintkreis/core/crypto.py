"""Symmetric encryption for values at rest (EFN, VNR password, outbox bodies).

``settings.FIELD_ENCRYPTION_KEYS`` is a list: the first key encrypts, every
key decrypts (``MultiFernet``), so a key can be rotated without downtime
(``manage.py rotate_field_key``, docs/security.md). A value no key can read
raises ``UndecryptableValue``: a wrong or lost key must never turn stored
EFNs into blanks that the next save writes back.
"""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class UndecryptableValue(Exception):
    """A stored value that none of the configured field keys can read.

    The message is for the operator, in German and English, and is the same
    everywhere (pages, logs, the system check)."""

    MESSAGE = (
        "Ein verschlüsselt gespeicherter Wert lässt sich mit dem eingestellten "
        "Schlüssel FIELD_ENCRYPTION_KEY nicht lesen. Stellen Sie den Schlüssel "
        "wieder her, mit dem die Daten geschrieben wurden (docs/security.md). / "
        "A stored encrypted value cannot be read with the configured "
        "FIELD_ENCRYPTION_KEY; restore the key it was written with."
    )

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


def keys() -> list[str]:
    """The configured field keys, newest (the writing one) first."""
    configured = settings.FIELD_ENCRYPTION_KEYS
    if isinstance(configured, str):
        configured = [configured]
    found = [key for key in configured if key]
    if not found:
        raise UndecryptableValue()
    return found


def _fernet_for(key: str) -> Fernet:
    digest = hashlib.sha256(key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


@functools.lru_cache(maxsize=8)
def _multi_fernet(configured: tuple[str, ...]) -> MultiFernet:
    """Built once per key set, not for every value (issue 17)."""
    return MultiFernet([_fernet_for(key) for key in configured])


def _fernet() -> MultiFernet:
    return _multi_fernet(tuple(keys()))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The plain value; raises ``UndecryptableValue`` when no key fits."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise UndecryptableValue() from None


def rotate(token: str) -> str:
    """The same value encrypted with the newest key (``rotate_field_key``)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise UndecryptableValue() from None


def fingerprint(value: str) -> str:
    """A keyed hash to compare or log a secret without revealing it."""
    key = keys()[0].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]
