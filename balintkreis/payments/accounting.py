"""The accounting export: one CSV row per invoice issued in a period.

For the institute's accountant (import into DATEV, Lexware or a
spreadsheet); the columns are documented in docs/invoices.md ("Zahlungen").
Headers are fixed German words, not translated: an accountant's import
mapping relies on them. Semicolon-separated, UTF-8 with byte order mark
(spreadsheet programs then show umlauts), amounts with a decimal comma,
dates as DD.MM.YYYY. Every text cell goes through core.spreadsheet, so a
recipient's name can never become a formula.

Cancellation invoices (Stornorechnungen) are rows of their own with
negative amounts and the number of the invoice they cancel; they take the
revenue account of that invoice's kind (ACCOUNTING_REVENUE_ACCOUNTS).
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from balintkreis.billing.models import Invoice
from balintkreis.core import spreadsheet
from balintkreis.payments import status

HEADER = [
    "Rechnungsnummer",
    "Rechnungsdatum",
    "Belegart",
    "Storno zu",
    "Empfänger",
    "Leistung",
    "Netto",
    "USt-Satz",
    "USt",
    "Brutto",
    "Erlöskonto",
    "Fällig am",
    "Bezahlt",
    "Status",
]


class Amount:
    """A number written with a decimal comma ("-120,50").

    Passed to the writer as an object, not a string: core.spreadsheet
    prefixes every *string* that starts with "-", which would turn the
    negative amounts of a cancellation invoice into text. Digits, comma and
    sign can never form a formula.
    """

    def __init__(self, value: Decimal) -> None:
        self.value = value

    def __str__(self) -> str:
        return f"{self.value:.2f}".replace(".", ",")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Amount) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


@dataclass(frozen=True)
class AccountingRow:
    number: str
    issued_on: datetime.date
    document: str
    cancels: str
    recipient: str
    service: str
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    gross: Decimal
    account: str
    due_on: datetime.date
    paid: Decimal
    status: str

    def cells(self) -> list[object]:
        return [
            self.number,
            self.issued_on.strftime("%d.%m.%Y"),
            self.document,
            self.cancels,
            self.recipient,
            self.service,
            Amount(self.net),
            Amount(self.vat_rate),
            Amount(self.vat),
            Amount(self.gross),
            self.account,
            self.due_on.strftime("%d.%m.%Y"),
            Amount(self.paid),
            self.status,
        ]


def configured_accounts() -> list[str]:
    """The revenue account of every kind of service ("" when not set)."""
    return [revenue_account(kind) for kind in ("group_fee", "supervision")]


def revenue_account(kind: str) -> str:
    accounts: dict[str, str] = settings.ACCOUNTING_REVENUE_ACCOUNTS
    return accounts.get(kind, "")


def rows(
    *, period_from: datetime.date, period_until: datetime.date, today: datetime.date
) -> list[AccountingRow]:
    """Invoices and cancellation invoices issued in the period; one query."""
    invoices = (
        status.with_payments(
            Invoice.objects.filter(
                issued_on__gte=period_from, issued_on__lte=period_until
            )
        )
        .select_related("cancels")
        .order_by("issued_on", "number")
    )
    # Kinds and states in German whatever the reader's language: the
    # accountant's import reads them.
    with translation.override("de"):
        return [_row(invoice, today=today) for invoice in invoices]


def _row(invoice: Invoice, *, today: datetime.date) -> AccountingRow:
    cancelled = invoice.cancels
    kind = cancelled.kind if cancelled is not None else invoice.kind
    recipient = invoice.recipient_name
    if invoice.recipient_organisation:
        recipient = f"{invoice.recipient_organisation}, {recipient}"
    return AccountingRow(
        number=invoice.number,
        issued_on=invoice.issued_on,
        document="Stornorechnung" if invoice.is_cancellation else "Rechnung",
        cancels=cancelled.number if cancelled is not None else "",
        recipient=recipient,
        service=str(Invoice.Kind(kind).label),
        net=invoice.net,
        vat_rate=invoice.vat_rate,
        vat=invoice.vat,
        gross=invoice.gross,
        account=revenue_account(kind),
        due_on=invoice.due_on,
        paid=status.paid_of(invoice),
        status=str(status.status(invoice, today=today).label),
    )


def csv_bytes(accounting_rows: list[AccountingRow]) -> bytes:
    buffer = io.StringIO()
    writer = spreadsheet.csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(row.cells() for row in accounting_rows)
    return buffer.getvalue().encode("utf-8-sig")
