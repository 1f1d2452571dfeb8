"""Reading a bank statement: CAMT.053 (ISO 20022 ``BkToCstmrStmt``).

German banks deliver the daily account statement as camt.053 XML
(versions 001.02 up to 001.08; the elements read here are the same in all of
them, only the namespace and a few wrappers differ). ``parse`` is a pure
function over the file's bytes: it returns one ``BookingEntry`` per booked
transaction, so a collective booking (the bank credits a whole direct-debit
batch as one entry) yields one entry per debtor.

The file comes from outside: it is parsed with ``defusedxml``, which refuses
entity expansion and external entities (billion laughs, XXE), and its size is
limited by the upload form. Anything that is not a readable camt.053 raises
``StatementError`` with a message for the secretariat.
"""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_lazy as _

from balintkreis.core.errors import RuleError

CREDIT = "CRDT"
DEBIT = "DBIT"


class StatementError(RuleError):
    pass


@dataclass(frozen=True)
class BookingEntry:
    """One booked transaction of a statement, as the matching needs it."""

    booked_on: datetime.date
    amount: Decimal  # always positive; ``is_credit`` tells the direction
    currency: str
    is_credit: bool
    remittance: str  # the purpose text (Verwendungszweck), lines joined
    counterparty_name: str  # the debtor of a credit, the creditor of a debit
    counterparty_iban: str
    end_to_end_id: str
    bank_reference: str  # the bank's own reference (AcctSvcrRef), may be empty

    @property
    def key(self) -> str:
        """Identifies the entry across imports, so a statement imported twice
        records no payment twice. Banks' references are not always unique
        per transaction (a batch shares one), so the key hashes all facts."""
        facts = "|".join(
            (
                self.booked_on.isoformat(),
                str(self.amount),
                self.currency,
                "C" if self.is_credit else "D",
                self.remittance,
                self.counterparty_iban,
                self.end_to_end_id,
                self.bank_reference,
            )
        )
        return hashlib.sha256(facts.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Statement:
    statement_id: str
    account_iban: str
    created_at: str  # as the bank wrote it (ISO 8601)
    entries: list[BookingEntry]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child(element: Element | None, *path: str) -> Element | None:
    """The first descendant along ``path`` of local names, any namespace."""
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [c for c in element if _local(c.tag) == name]


def _text(element: Element | None, *path: str) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def parse(data: bytes) -> Statement:
    """The booked entries of a camt.053 file (all statements in it).

    Pending entries (status other than booked) are left out: they may still
    change. Raises ``StatementError`` for anything unreadable.
    """
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise StatementError(
            _("The file is not a readable XML bank statement (CAMT.053).")
        ) from error
    report = _child(root, "BkToCstmrStmt")
    if _local(root.tag) != "Document" or report is None:
        raise StatementError(
            _(
                "The file is not an account statement in CAMT.053 format. "
                "Please download the statement from your bank as "
                "„CAMT.053“ (XML)."
            )
        )
    statements = _children(report, "Stmt")
    entries: list[BookingEntry] = []
    for statement in statements:
        for entry in _children(statement, "Ntry"):
            entries.extend(_entries_of(entry))
    first = statements[0] if statements else None
    return Statement(
        statement_id=_text(first, "Id"),
        account_iban=_text(first, "Acct", "Id", "IBAN"),
        created_at=_text(first, "CreDtTm") or _text(report, "GrpHdr", "CreDtTm"),
        entries=entries,
    )


def _is_booked(entry: Element) -> bool:
    # 001.02: <Sts>BOOK</Sts>; 001.08: <Sts><Cd>BOOK</Cd></Sts>
    return (_text(entry, "Sts") or _text(entry, "Sts", "Cd")) == "BOOK"


def _amount(element: Element | None) -> tuple[Decimal, str] | None:
    text = (element.text or "").strip() if element is not None else ""
    if element is None or not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0:
        raise StatementError(_("The statement contains an amount that cannot be read."))
    return amount, element.get("Ccy", "")


def _date(entry: Element) -> datetime.date:
    for path in (("BookgDt", "Dt"), ("BookgDt", "DtTm"), ("ValDt", "Dt")):
        value = _text(entry, *path)
        if value:
            try:
                return datetime.date.fromisoformat(value[:10])
            except ValueError:
                break
    raise StatementError(_("The statement contains a booking without a date."))


def _entries_of(entry: Element) -> list[BookingEntry]:
    if not _is_booked(entry):
        return []
    total = _amount(_child(entry, "Amt"))
    if total is None:
        raise StatementError(_("The statement contains a booking without amount."))
    is_credit = _text(entry, "CdtDbtInd") == CREDIT
    booked_on = _date(entry)
    bank_reference = _text(entry, "AcctSvcrRef")
    details = [
        tx
        for entry_details in _children(entry, "NtryDtls")
        for tx in _children(entry_details, "TxDtls")
    ]
    if not details:
        return [
            BookingEntry(
                booked_on=booked_on,
                amount=total[0],
                currency=total[1],
                is_credit=is_credit,
                remittance=_text(entry, "AddtlNtryInf"),
                counterparty_name="",
                counterparty_iban="",
                end_to_end_id="",
                bank_reference=bank_reference,
            )
        ]
    return [
        _transaction(
            tx,
            # A single transaction may leave its amount to the entry.
            total if len(details) == 1 else None,
            booked_on=booked_on,
            is_credit=is_credit,
            bank_reference=bank_reference,
            fallback_remittance=_text(entry, "AddtlNtryInf"),
        )
        for tx in details
    ]


def _transaction(
    tx: Element,
    entry_total: tuple[Decimal, str] | None,
    *,
    booked_on: datetime.date,
    is_credit: bool,
    bank_reference: str,
    fallback_remittance: str,
) -> BookingEntry:
    amount = (
        _amount(_child(tx, "AmtDtls", "TxAmt", "Amt"))
        or _amount(_child(tx, "Amt"))
        or entry_total
    )
    if amount is None:
        raise StatementError(_("The statement contains a booking without amount."))
    # Who paid us (credit) or whom we paid (debit); 001.08 wraps the party
    # in <Pty>.
    party = "Dbtr" if is_credit else "Cdtr"
    parties = _child(tx, "RltdPties")
    name = _text(parties, party, "Nm") or _text(parties, party, "Pty", "Nm")
    information = _child(tx, "RmtInf")
    lines = [(line.text or "").strip() for line in _children(information, "Ustrd")]
    structured = _text(information, "Strd", "CdtrRefInf", "Ref")
    remittance = (
        " ".join(part for part in (*lines, structured) if part)
        or _text(tx, "AddtlTxInf")
        or fallback_remittance
    )
    end_to_end = _text(tx, "Refs", "EndToEndId")
    return BookingEntry(
        booked_on=booked_on,
        amount=amount[0],
        currency=amount[1],
        is_credit=is_credit,
        remittance=remittance,
        counterparty_name=name,
        counterparty_iban=_text(parties, party + "Acct", "Id", "IBAN"),
        end_to_end_id="" if end_to_end == "NOTPROVIDED" else end_to_end,
        bank_reference=_text(tx, "Refs", "AcctSvcrRef") or bank_reference,
    )
