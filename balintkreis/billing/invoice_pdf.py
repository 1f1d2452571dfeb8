"""The invoice PDF, in the style of the certificates (cme/certificate_pdf.py,
fpdf2 with the shared ``meetings.pdf.Document``).

Everything printed comes from the invoice's own snapshot, so the PDF of an
invoice is the same in ten years, whatever changed in between. It is written
in the recipient's language (German unless they chose English).
"""

import datetime
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf.enums import OutputIntentSubType
from fpdf.output import PDFICCProfile
from fpdf.util import builtin_srgb2014_bytes

from balintkreis.billing.models import Invoice
from balintkreis.meetings.pdf import Document

LABEL_WIDTH = 48


def euro(value: Decimal) -> str:
    return f"{number_format(value, 2, force_grouping=True)} €"


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _fact(pdf: Document, label: str, value: str) -> None:
    pdf.font(10, bold=True)
    pdf.cell(LABEL_WIDTH, 6, label)
    pdf.font(10)
    pdf.multi_cell(0, 6, value, align="L", new_x="LMARGIN", new_y="NEXT")


def _letterhead(pdf: Document, invoice: Invoice) -> None:
    pdf.font(10)
    pdf.set_text_color(80, 80, 80)
    sender = " · ".join([invoice.issuer_name, *invoice.issuer_address.splitlines()])
    pdf.cell(0, 5, sender, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(8)
    pdf.font(11)
    pdf.multi_cell(90, 5.5, invoice.recipient_address, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)


def _title(invoice: Invoice) -> str:
    if invoice.is_cancellation:
        return _("Cancellation invoice")
    return _("Invoice")


def _facts(pdf: Document, invoice: Invoice) -> None:
    pdf.font(18, bold=True)
    pdf.cell(0, 9, _title(invoice), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _fact(pdf, _("Invoice number"), invoice.number)
    _fact(pdf, _("Invoice date"), _day(invoice.issued_on))
    _fact(
        pdf,
        _("Service period"),
        f"{_day(invoice.period_from)} – {_day(invoice.period_until)}",
    )
    if invoice.cancels is not None:
        _fact(
            pdf,
            _("Cancels invoice"),
            _("%(number)s of %(date)s")
            % {
                "number": invoice.cancels.number,
                "date": _day(invoice.cancels.issued_on),
            },
        )
    if invoice.issuer_tax_number:
        _fact(pdf, _("Tax number"), invoice.issuer_tax_number)
    if invoice.issuer_vat_id:
        _fact(pdf, _("VAT ID"), invoice.issuer_vat_id)
    if invoice.recipient_vat_id:
        _fact(pdf, _("Your VAT ID"), invoice.recipient_vat_id)
    pdf.ln(4)


def _lines(pdf: Document, invoice: Invoice) -> None:
    widths = [10, 92, 16, 28, 28]
    headers = [_("No."), _("Service"), _("Quantity"), _("Unit price"), _("Amount")]
    pdf.font(9, bold=True)
    aligns = ["R", "L", "R", "R", "R"]
    for width, header, align in zip(widths, headers, aligns, strict=True):
        pdf.cell(width, 7, header, border="B", align=align)
    pdf.ln()
    for line in invoice.lines.all():
        y = pdf.get_y()
        pdf.font(9)
        pdf.cell(widths[0], 6, str(line.position), align="R")
        x = pdf.get_x()
        pdf.font(9, bold=True)
        pdf.multi_cell(
            widths[1] - 2, 5, line.description, align="L", new_x="LEFT", new_y="NEXT"
        )
        if line.detail:
            pdf.font(8)
            pdf.multi_cell(
                widths[1] - 2, 4.5, line.detail, align="L", new_x="LEFT", new_y="NEXT"
            )
        bottom = pdf.get_y()
        pdf.set_xy(x + widths[1], y)
        pdf.font(9)
        quantity = number_format(line.quantity.normalize(), use_l10n=True)
        pdf.cell(widths[2], 6, quantity, align="R")
        pdf.cell(widths[3], 6, euro(line.unit_price), align="R")
        pdf.cell(widths[4], 6, euro(line.net), align="R")
        pdf.set_xy(pdf.l_margin, bottom + 1.5)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _totals(pdf: Document, invoice: Invoice) -> None:
    rows = [(_("Net amount"), euro(invoice.net))]
    if invoice.is_exempt:
        rows.append((_("VAT 0 %"), euro(invoice.vat)))
    else:
        rate = number_format(invoice.vat_rate.normalize(), use_l10n=True)
        rows.append((_("VAT %(rate)s %%") % {"rate": rate}, euro(invoice.vat)))
    rows.append((pgettext("invoice", "Total"), euro(invoice.gross)))
    for position, (label, value) in enumerate(rows):
        last = position == len(rows) - 1
        pdf.font(10, bold=last)
        pdf.cell(129, 6, label, align="R")
        pdf.cell(45, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.font(10)
    if invoice.exemption_note:
        pdf.multi_cell(
            0,
            5.5,
            align="L",
            text=invoice.exemption_note,
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _payment(pdf: Document, invoice: Invoice) -> None:
    pdf.font(10)
    if invoice.note:
        pdf.multi_cell(
            0, 5.5, align="L", text=invoice.note, new_x="LMARGIN", new_y="NEXT"
        )
    if invoice.is_cancellation:
        text = _("This cancellation invoice cancels the invoice named above.")
    else:
        text = _(
            "Please transfer the amount by %(date)s, giving the invoice "
            "number %(number)s as reference."
        ) % {"date": _day(invoice.due_on), "number": invoice.number}
    pdf.ln(2)
    pdf.multi_cell(0, 5.5, align="L", text=text, new_x="LMARGIN", new_y="NEXT")


def _footer(pdf: Document, invoice: Invoice) -> None:
    pdf.set_auto_page_break(auto=False)
    pdf.set_y(-36)
    pdf.set_draw_color(160, 160, 160)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.font(7.5)
    pdf.set_text_color(80, 80, 80)
    columns = [
        "\n".join([invoice.issuer_name, *invoice.issuer_address.splitlines()]),
        "\n".join(
            x
            for x in [
                invoice.issuer_contact,
                invoice.issuer_phone,
                invoice.issuer_email,
            ]
            if x
        ),
        "\n".join(
            x
            for x in [
                invoice.issuer_bank_name,
                f"IBAN {invoice.issuer_iban}" if invoice.issuer_iban else "",
                f"BIC {invoice.issuer_bic}" if invoice.issuer_bic else "",
            ]
            if x
        ),
    ]
    y = pdf.get_y()
    for index, text in enumerate(columns):
        pdf.set_xy(pdf.l_margin + index * 58, y)
        pdf.multi_cell(56, 3.6, text)
    pdf.set_text_color(0, 0, 0)


def render(invoice: Invoice) -> bytes:
    """The invoice as PDF bytes."""
    with translation.override(invoice.language):
        pdf = Document()
        pdf.set_auto_page_break(auto=True, margin=40)
        pdf.set_title(f"{_title(invoice)} {invoice.number}")
        pdf.set_author(invoice.issuer_name)
        pdf.set_lang(invoice.language)
        # PDF/A-3 (ZUGFeRD) needs an output intent for the colours used;
        # factur-x adds the PDF/A metadata and the XML attachment.
        pdf.add_output_intent(
            OutputIntentSubType.PDFA,
            output_condition_identifier="sRGB",
            output_condition="IEC 61966-2-1:1999",
            registry_name="http://www.color.org",
            dest_output_profile=PDFICCProfile(
                contents=builtin_srgb2014_bytes(), n=3, alternate="DeviceRGB"
            ),
            info="sRGB2014 (v2)",
        )
        pdf.add_page()
        _letterhead(pdf, invoice)
        _facts(pdf, invoice)
        _lines(pdf, invoice)
        _totals(pdf, invoice)
        _payment(pdf, invoice)
        _footer(pdf, invoice)
        return bytes(pdf.output())
