"""Builds camt.053 statements for the tests (no stored bank file).

``statement(entries)`` writes the XML a German bank delivers: the 001.08
layout by default (party in <Pty>, status in <Cd>), 001.02 on request.
"""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape


@dataclass
class Tx:
    amount: str
    remittance: str = ""
    name: str = "Moritz Mitglied"
    iban: str = "DE89370400440532013000"
    end_to_end: str = "NOTPROVIDED"


@dataclass
class Entry:
    amount: str
    credit: bool = True
    booked_on: str = "2026-11-30"
    status: str = "BOOK"
    transactions: list[Tx] = field(default_factory=list)
    reference: str = ""


def transfer(amount: str, remittance: str, **kwargs) -> Entry:
    """One incoming transfer: an entry with one transaction."""
    return Entry(amount=amount, transactions=[Tx(amount, remittance, **kwargs)])


def _tx(tx: Tx, *, credit: bool, version: str) -> str:
    role, account = ("Dbtr", "DbtrAcct") if credit else ("Cdtr", "CdtrAcct")
    name = f"<Nm>{escape(tx.name)}</Nm>"
    party = f"<Pty>{name}</Pty>" if version == "08" else name
    return f"""
      <TxDtls>
        <Refs><EndToEndId>{escape(tx.end_to_end)}</EndToEndId></Refs>
        <AmtDtls><TxAmt><Amt Ccy="EUR">{tx.amount}</Amt></TxAmt></AmtDtls>
        <RltdPties>
          <{role}>{party}</{role}>
          <{account}><Id><IBAN>{tx.iban}</IBAN></Id></{account}>
        </RltdPties>
        <RmtInf><Ustrd>{escape(tx.remittance)}</Ustrd></RmtInf>
      </TxDtls>"""


def _entry(entry: Entry, *, version: str) -> str:
    status = f"<Cd>{entry.status}</Cd>" if version == "08" else entry.status
    details = "".join(
        _tx(tx, credit=entry.credit, version=version) for tx in entry.transactions
    )
    reference = (
        f"<AcctSvcrRef>{entry.reference}</AcctSvcrRef>" if entry.reference else ""
    )
    return f"""
    <Ntry>
      <Amt Ccy="EUR">{entry.amount}</Amt>
      <CdtDbtInd>{"CRDT" if entry.credit else "DBIT"}</CdtDbtInd>
      <Sts>{status}</Sts>
      <BookgDt><Dt>{entry.booked_on}</Dt></BookgDt>
      <ValDt><Dt>{entry.booked_on}</Dt></ValDt>
      {reference}
      <BkTxCd/>
      <NtryDtls>{details}</NtryDtls>
    </Ntry>"""


def statement(entries: list[Entry], *, version: str = "08") -> bytes:
    body = "".join(_entry(entry, version=version) for entry in entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-12-01T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2026-11-30</Id>
      <CreDtTm>2026-12-01T06:00:00</CreDtTm>
      <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>
      {body}
    </Stmt>
  </BkToCstmrStmt>
</Document>""".encode()
