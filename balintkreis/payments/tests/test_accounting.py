import csv
import datetime
import io
from decimal import Decimal

import pytest

from balintkreis.billing import invoices
from balintkreis.payments import accounting
from balintkreis.payments.models import Payment
from balintkreis.payments.tests.factories import clerk, invoice

NOVEMBER = {
    "period_from": datetime.date(2026, 11, 1),
    "period_until": datetime.date(2026, 11, 30),
    "today": datetime.date(2026, 12, 2),
}


@pytest.fixture(autouse=True)
def _accounts(settings):
    settings.ACCOUNTING_REVENUE_ACCOUNTS = {"group_fee": "8100", "supervision": "8400"}


def parsed(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_one_row_per_invoice_of_the_period_with_documented_columns(member):
    first = invoice(member, "120.00")
    invoice(member, "99.00", issued_on=datetime.date(2026, 10, 31))  # outside
    Payment.objects.create(
        invoice=first, paid_on=first.issued_on, amount=Decimal("120"), method="cash"
    )
    supervision = invoice(member, "100.00", kind="supervision")
    table = parsed(accounting.csv_bytes(accounting.rows(**NOVEMBER)))
    assert table[0] == accounting.HEADER
    assert table[1] == [
        first.number,
        "02.11.2026",
        "Rechnung",
        "",
        first.recipient_name,
        "Gebühr Balintgruppe",
        "120,00",
        "0,00",
        "0,00",
        "120,00",
        "8100",
        "16.11.2026",
        "120,00",
        "bezahlt",
    ]
    assert table[2][0] == supervision.number
    assert table[2][6:11] == ["100,00", "19,00", "19,00", "119,00", "8400"]
    assert len(table) == 3


def test_a_cancellation_is_a_negative_row_with_the_cancelled_number(member):
    original = invoice(member, "120.00")
    cancellation = invoices.cancel_invoice(original, by=clerk())
    rows = accounting.rows(
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 12, 31),
        today=datetime.date(2026, 12, 2),
    )
    table = parsed(accounting.csv_bytes(rows))
    row = next(r for r in table if r[0] == cancellation.number)
    assert row[2:4] == ["Stornorechnung", original.number]
    # Negative amounts stay numbers: no apostrophe in front.
    assert row[6] == "-120,00"
    assert row[9] == "-120,00"
    assert row[10] == "8100"


def test_cells_that_look_like_formulas_are_neutralised(member):
    member.first_name = "=HYPERLINK(1)"
    member.save()
    invoice(member)
    table = parsed(accounting.csv_bytes(accounting.rows(**NOVEMBER)))
    assert table[1][4].startswith("'=HYPERLINK")
