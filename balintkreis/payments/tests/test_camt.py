import datetime
from decimal import Decimal

import pytest

from balintkreis.payments import camt
from balintkreis.payments.tests.camt_builder import Entry, Tx, statement, transfer


@pytest.mark.parametrize("version", ["08", "02"])
def test_a_transfer_is_read_with_everything_matching_needs(version):
    data = statement(
        [
            transfer(
                "120.00",
                "Rechnung 2026-0042 Balintgruppe",
                name="Dr. Moritz Mitglied",
                end_to_end="E2E-1",
            )
        ],
        version=version,
    )
    parsed = camt.parse(data)
    assert parsed.statement_id == "STMT-2026-11-30"
    assert parsed.account_iban == "DE02120300000000202051"
    [entry] = parsed.entries
    assert entry.booked_on == datetime.date(2026, 11, 30)
    assert entry.amount == Decimal("120.00")
    assert entry.currency == "EUR"
    assert entry.is_credit
    assert entry.remittance == "Rechnung 2026-0042 Balintgruppe"
    assert entry.counterparty_name == "Dr. Moritz Mitglied"
    assert entry.counterparty_iban == "DE89370400440532013000"
    assert entry.end_to_end_id == "E2E-1"


def test_a_collective_booking_yields_one_entry_per_transaction():
    batch = Entry(
        amount="200.00",
        transactions=[
            Tx("120.00", "2026-0001", name="A"),
            Tx("80.00", "2026-0002", name="B"),
        ],
    )
    entries = camt.parse(statement([batch])).entries
    assert [(e.amount, e.counterparty_name) for e in entries] == [
        (Decimal("120.00"), "A"),
        (Decimal("80.00"), "B"),
    ]
    assert entries[0].key != entries[1].key


def test_pending_entries_are_left_out_and_debits_are_marked():
    data = statement(
        [
            Entry(amount="5.00", status="PDNG", transactions=[Tx("5.00")]),
            Entry(amount="9.90", credit=False, transactions=[Tx("9.90", "Gebühr")]),
        ]
    )
    [entry] = camt.parse(data).entries
    assert not entry.is_credit
    assert entry.amount == Decimal("9.90")


def test_the_same_entry_has_the_same_key_in_two_imports():
    data = statement([transfer("120.00", "2026-0042")])
    assert camt.parse(data).entries[0].key == camt.parse(data).entries[0].key


def test_notprovided_end_to_end_id_counts_as_none():
    [entry] = camt.parse(statement([transfer("1.00", "x")])).entries
    assert entry.end_to_end_id == ""


@pytest.mark.parametrize(
    "data",
    [
        b"not xml at all",
        b"<Document><Other/></Document>",
        b"<html><body>Kontoauszug</body></html>",
        b"",
    ],
)
def test_anything_but_a_statement_is_refused_politely(data):
    with pytest.raises(camt.StatementError, match="CAMT.053"):
        camt.parse(data)


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<Document><BkToCstmrStmt><Stmt><Id>&b;</Id></Stmt></BkToCstmrStmt></Document>"""
    with pytest.raises(camt.StatementError):
        camt.parse(bomb)


def test_an_unreadable_amount_is_refused():
    data = statement([transfer("12O.00", "2026-0042")])
    with pytest.raises(camt.StatementError):
        camt.parse(data)
