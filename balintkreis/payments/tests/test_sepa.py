import datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
import sepaxml
import xmlschema
from django.core.exceptions import ValidationError

from balintkreis.payments import sepa

CREDITOR = sepa.Creditor(
    name="Balint-Institut Jena e. V.",
    iban="DE02120300000000202051",
    bic="BYLADEM1001",
    creditor_id="DE98ZZZ09999999999",
)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"}


def debit(**overrides) -> sepa.DirectDebit:
    values = {
        "name": "Dr. Jürgen Müller",
        "iban": "DE89370400440532013000",
        "bic": "",
        "amount": Decimal("120.50"),
        "mandate_reference": "BK-MANDAT-7",
        "mandate_signed_on": datetime.date(2026, 10, 1),
        "sequence": sepa.FIRST,
        "description": "Rechnung 2026-0042 Balintgruppe Jena",
        "end_to_end_id": "2026-0042",
    }
    return sepa.DirectDebit(**{**values, **overrides})


def schema() -> xmlschema.XMLSchema:
    """The pain.008 schema that sepaxml ships (its own copy of ISO 20022)."""
    path = Path(sepaxml.__file__).parent / "schemas" / f"{sepa.SCHEMA}.xsd"
    return xmlschema.XMLSchema(str(path))


def test_the_pain008_file_is_valid_against_the_schema_and_carries_the_debits():
    xml = sepa.pain008(
        CREDITOR,
        [debit(), debit(name="B", amount=Decimal("80"), sequence=sepa.RECURRING)],
        collection_on=datetime.date(2026, 12, 10),
    )
    schema().validate(xml.decode())
    root = ElementTree.fromstring(xml)
    assert root.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert root.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "200.50"
    assert root.findtext(".//p:ReqdColltnDt", namespaces=NS) == "2026-12-10"
    assert root.findtext(
        ".//p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=NS
    ) == ("DE98ZZZ09999999999")
    sequences = root.findall(".//p:SeqTp", namespaces=NS)
    assert sorted(s.text for s in sequences) == ["FRST", "RCUR"]
    transactions = root.findall(".//p:DrctDbtTxInf", namespaces=NS)
    first = transactions[0]
    assert first.findtext(".//p:EndToEndId", namespaces=NS) == "2026-0042"
    assert first.findtext(".//p:MndtId", namespaces=NS) == "BK-MANDAT-7"
    assert first.findtext(".//p:DtOfSgntr", namespaces=NS) == "2026-10-01"
    # Umlauts are transliterated for the bank.
    assert first.findtext(".//p:Dbtr/p:Nm", namespaces=NS) == "Dr. Jurgen Muller"


def test_without_debits_or_creditor_configuration_nothing_is_exported():
    with pytest.raises(sepa.SepaError):
        sepa.pain008(CREDITOR, [], collection_on=datetime.date(2026, 12, 10))
    unconfigured = sepa.Creditor(name="", iban="", bic="", creditor_id="")
    with pytest.raises(sepa.SepaError):
        sepa.pain008(unconfigured, [debit()], collection_on=datetime.date(2026, 12, 10))


def test_data_the_schema_rejects_becomes_a_rule_error():
    with pytest.raises(sepa.SepaError):
        sepa.pain008(
            CREDITOR,
            [debit(iban="not an iban")],
            collection_on=datetime.date(2026, 12, 10),
        )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("de89370400440532013000", "DE89370400440532013000"),
        ("AT61 1904 3002 3457 3201", "AT611904300234573201"),
    ],
)
def test_valid_ibans_are_stored_compact(typed, stored):
    assert sepa.validate_iban(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "DE89 3704 0044 0532 0130 01",  # check digits
        "DE89 3704 0044 0532 0130",  # length
        "XX00 1234",
        "BR15 0000 0000 0000 1093 2840 814P 2",  # outside SEPA
    ],
)
def test_invalid_ibans_are_refused(typed):
    with pytest.raises(ValidationError):
        sepa.validate_iban(typed)


def test_bic_is_optional_but_checked():
    assert sepa.validate_bic("") == ""
    assert sepa.validate_bic("cobadeffxxx") == "COBADEFFXXX"
    with pytest.raises(ValidationError):
        sepa.validate_bic("COBA")


def test_creditor_id_and_mandate_reference_rules():
    assert sepa.creditor_id_is_valid("DE98ZZZ09999999999")
    assert sepa.creditor_id_is_valid("de98 zzz0 9999 9999 99")
    assert not sepa.creditor_id_is_valid("DE97ZZZ09999999999")
    assert sepa.mandate_reference_is_valid("BK-2026-0007")
    assert not sepa.mandate_reference_is_valid("Mandat Müller")
    assert not sepa.mandate_reference_is_valid("x" * 36)
