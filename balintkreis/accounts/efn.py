"""EFN (Einheitliche Fortbildungsnummer), DOMAIN.md R1.

One validator serves model, forms and demo data alike.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHYSICIAN_PREFIX = "80276"


def normalise(value: str) -> str:
    """Strip whitespace and hyphens, as scanners and people type them."""
    return re.sub(r"[\s\-]", "", value or "")


def luhn_ok(digits: str) -> bool:
    """Standard Luhn (ISO/IEC 7812) over all digits including the check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass Luhn (used for demo data)."""
    for candidate in "0123456789":
        if luhn_ok(body + candidate):
            return candidate
    raise AssertionError("unreachable")


def validate(value: str) -> str:
    """Return the normalised EFN or raise a German ValidationError (hard rules)."""
    efn = normalise(value)
    if not efn.isdigit():
        raise ValidationError(
            _("The EFN may only contain digits. Please check your input."),
            code="efn_digits",
        )
    if len(efn) != 15:
        raise ValidationError(
            _("The EFN has exactly 15 digits; you entered %(count)d."),
            code="efn_length",
            params={"count": len(efn)},
        )
    if not luhn_ok(efn):
        raise ValidationError(
            _(
                "This EFN is not valid (the check digit does not match). "
                "Please compare it with your Fortbildungsausweis."
            ),
            code="efn_checksum",
        )
    return efn


def is_unusual(efn: str) -> bool:
    """Soft warning only: psychotherapists' chambers use other prefixes (R1)."""
    return bool(efn) and not efn.startswith(PHYSICIAN_PREFIX)


def mask(efn: str) -> str:
    """80276•••••••329 – shown to everybody except the owner."""
    if not efn:
        return ""
    return efn[:5] + "•" * (len(efn) - 8) + efn[-3:]
