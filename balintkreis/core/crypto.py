"""Symmetric encryption for values at rest (EFN, VNR password)."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(settings.FIELD_ENCRYPTION_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A wrong key must not crash a page; the value shows as unreadable.
        return ""


def fingerprint(value: str) -> str:
    """A keyed hash to compare or log a secret without revealing it."""
    key = settings.FIELD_ENCRYPTION_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]
