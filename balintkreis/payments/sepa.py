"""SEPA direct debit: account numbers and the pain.008 file for the bank.

``validate_iban`` and ``validate_bic`` check an account with ``schwifty``
(check digits, length and structure per country, the bank registry for
German bank codes) and accept only the SEPA area; ``validate_creditor_id``
checks the creditor identifier (Gläubiger-Identifikationsnummer) the
Bundesbank gives the institute. ``pain008`` builds the collection file with
``sepaxml``, which validates it against the pain.008 schema it ships before
returning it; German banks take version 001.08 (DFÜ-Abkommen, Anlage 3,
since November 2023; 001.02 is no longer accepted since November 2025).
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from sepaxml import SepaDD

from balintkreis.core.errors import RuleError

SCHEMA = "pain.008.001.08"
FIRST = "FRST"  # first collection under a mandate
RECURRING = "RCUR"
# What SEPA allows in names and references (the "Latin character set").
_REFERENCE = re.compile(r"^[A-Za-z0-9+?/\-:().,']{1,35}$")


class SepaError(RuleError):
    pass


def validate_iban(value: str) -> str:
    """The IBAN in its compact form; ``ValidationError`` with a German
    message when it is not a valid IBAN of the SEPA area."""
    try:
        iban = IBAN(value)
    except SchwiftyException as error:
        raise ValidationError(
            _(
                "This IBAN is not valid. Please check it against your bank "
                "card or statement (German IBANs have 22 characters and "
                "start with DE)."
            ),
            code="iban",
        ) from error
    if not iban.in_sepa_zone:
        raise ValidationError(
            _("Direct debits are only possible from accounts in the SEPA area."),
            code="iban_sepa",
        )
    return str(iban.compact)


def validate_bic(value: str) -> str:
    """The BIC in its compact form (may be empty: the IBAN is enough)."""
    if not value.strip():
        return ""
    try:
        return str(BIC(value).compact)
    except SchwiftyException as error:
        raise ValidationError(
            _("This BIC is not valid (8 or 11 letters and digits, e.g. COBADEFFXXX)."),
            code="bic",
        ) from error


def creditor_id_is_valid(value: str) -> bool:
    """A creditor identifier (e.g. ``DE98ZZZ09999999999``): country, two
    check digits (ISO 7064 mod 97-10 over the national part, the country and
    ``00``), a three-character business code that the check ignores."""
    value = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}", value):
        return False
    rearranged = value[7:] + value[:2] + "00"
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return 98 - int(numeric) % 97 == int(value[2:4])


def mandate_reference_is_valid(value: str) -> bool:
    """At most 35 characters of the SEPA character set (no umlauts, no
    spaces: German banks refuse them in a mandate reference)."""
    return bool(_REFERENCE.fullmatch(value))


@dataclass(frozen=True)
class Creditor:
    """The institute as the collecting party."""

    name: str
    iban: str
    bic: str
    creditor_id: str


@dataclass(frozen=True)
class DirectDebit:
    """One collection: an invoice's open amount from a member's account."""

    name: str  # account holder
    iban: str
    bic: str
    amount: Decimal
    mandate_reference: str
    mandate_signed_on: datetime.date
    sequence: str  # FIRST or RECURRING
    description: str  # purpose text, e.g. "Rechnung 2026-0042"
    end_to_end_id: str  # the invoice number, so the booking matches it


def pain008(
    creditor: Creditor,
    debits: list[DirectDebit],
    *,
    collection_on: datetime.date,
) -> bytes:
    """The pain.008 XML for ``debits``, validated against the schema.

    Raises ``SepaError`` for an incomplete creditor configuration, an empty
    list or data the schema rejects.
    """
    if not debits:
        raise SepaError(_("Please select at least one invoice to collect."))
    if not (creditor.name and creditor.iban and creditor.creditor_id):
        raise SepaError(
            _(
                "Direct debits are not set up: the invoice issuer's name and "
                "IBAN or the creditor identifier (SEPA_CREDITOR_ID) are missing."
            )
        )
    config = {
        "name": creditor.name,
        "IBAN": creditor.iban,
        "batch": True,
        "creditor_id": creditor.creditor_id,
        "currency": "EUR",
    }
    if creditor.bic:
        config["BIC"] = creditor.bic
    try:
        document = SepaDD(config, schema=SCHEMA, clean=True)
        for debit in debits:
            document.add_payment(_payment(debit, collection_on=collection_on))
        return bytes(document.export(validate=True))
    # sepaxml raises bare Exceptions for bad input and its own
    # ValidationError when the schema rejects the file.
    except Exception as error:
        raise SepaError(
            _("The direct debit file could not be created: %(error)s")
            % {"error": error}
        ) from error


def _payment(debit: DirectDebit, *, collection_on: datetime.date) -> dict[str, object]:
    payment: dict[str, object] = {
        "name": debit.name,
        "IBAN": debit.iban,
        "amount": int((debit.amount * 100).to_integral_value()),
        "type": debit.sequence,
        "collection_date": collection_on,
        "mandate_id": debit.mandate_reference,
        "mandate_date": debit.mandate_signed_on,
        "description": debit.description,
        "endtoend_id": debit.end_to_end_id,
    }
    if debit.bic:
        payment["BIC"] = debit.bic
    return payment
