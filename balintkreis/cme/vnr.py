"""VNR (Veranstaltungsnummer), DOMAIN.md R2: 19 digits, starts with 276,
Luhn check digit over all 19 digits. A Luhn failure blocks saving unless an
administrator overrides it (the check digit rule is strongly inferred, not
officially published)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.efn import luhn_ok
from balintkreis.accounts.models import User
from balintkreis.cme.models import EventNumber
from balintkreis.core import audit

PREFIX = "276"


def normalise(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")


def validate_format(value: str) -> str:
    """Hard rules: digits only, 19 of them, starting with 276."""
    vnr = normalise(value)
    if not vnr.isdigit():
        raise ValidationError(_("The VNR may only contain digits."), code="vnr_digits")
    if len(vnr) != 19:
        raise ValidationError(
            _("The VNR has exactly 19 digits; you entered %(count)d."),
            code="vnr_length",
            params={"count": len(vnr)},
        )
    if not vnr.startswith(PREFIX):
        raise ValidationError(_("A VNR starts with 276 (Germany)."), code="vnr_prefix")
    return vnr


def may_override(user: User) -> bool:
    return user.is_superuser or user.is_secretariat


def save_event_number(
    event_number: EventNumber, *, by: User, password: str, override_luhn: bool
) -> EventNumber:
    """Save a VNR; a wrong check digit needs an administrator's override.

    ``password`` replaces the stored VNR password when given; an empty value
    keeps the old one (write-only field).
    """
    event_number.vnr = validate_format(event_number.vnr)
    if not luhn_ok(event_number.vnr):
        if not (override_luhn and may_override(by)):
            raise ValidationError(
                _(
                    "The check digit of this VNR does not match. Please compare it "
                    "with the Bescheid; an administrator can save it anyway."
                ),
                code="vnr_checksum",
            )
        event_number.luhn_overridden_by = by
    if password:
        event_number.password = password
    with transaction.atomic():
        event_number.full_clean()
        is_new = event_number.pk is None
        event_number.save()
        audit.record(
            by,
            "cme.vnr.created" if is_new else "cme.vnr.changed",
            event_number,
            data={"password_changed": bool(password), "override": override_luhn},
        )
    return event_number
