"""The certificate PDFs (DOMAIN.md R6, R12), drawn with fpdf2.

VNRs are printed as text and as a Code 39 barcode (what chamber scanners
read); a QR code leads to the public verification page.
"""

import datetime
from typing import Any

import qrcode
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.fonts import TTFFont

from balintkreis.cme.certificates import (
    CODE_ALPHABET,
    CertificateData,
    CertificateLine,
    verification_url,
)
from balintkreis.cme.models import Certificate
from balintkreis.cme.pdf_fonts import CachedFontsOutput
from balintkreis.core import dates
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.pdf import Document

LABEL_WIDTH = 48
# Text closer than this (mm) to the width of its cell is left to multi_cell.
FIT_TOLERANCE = 0.5


def _date(value: str) -> str:
    return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")


def _mode(value: str) -> str:
    return str(Meeting.Format(value).label)


def _paragraph(
    pdf: Document,
    w: float,
    h: float,
    text: str,
    *,
    align: str = "J",
    new_x: str = "LMARGIN",
) -> None:
    """``pdf.multi_cell(w, h, text, align=align, new_x=new_x, new_y="NEXT")``.

    Lines that fit go through ``cell``, which lays them out the same way
    without fpdf2's line breaking (that measures the text again for every
    character, the largest part of drawing a certificate). Only text that
    needs breaking takes the multi_cell path.
    """
    lines = text.split("\n")
    room = (w or pdf.w - pdf.r_margin - pdf.x) - 2 * pdf.c_margin - FIT_TOLERANCE
    if all(pdf.get_string_width(line) < room for line in lines):
        for line in lines[:-1]:
            pdf.cell(w, h, line, new_x="LEFT", new_y="NEXT")
        pdf.cell(w, h, lines[-1], new_x=new_x, new_y="NEXT")
    else:
        pdf.multi_cell(w, h, text, align=align, new_x=new_x, new_y="NEXT")


def _fact(pdf: Document, label: str, value: str) -> None:
    pdf.font(10, bold=True)
    pdf.cell(LABEL_WIDTH, 6, label)
    pdf.font(10)
    _paragraph(pdf, 0, 6, value, align="L")


def _qr_modules(url: str) -> list[list[bool]]:
    """The QR code of ``url`` as rows of modules (True: dark), with a quiet
    zone of one module."""
    # A fixed mask pattern skips qrcode's search over all eight masks, which
    # costs more than the rest of the PDF; any mask is valid for scanners.
    code = qrcode.QRCode(border=1, mask_pattern=0)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _qr_code(pdf: Document, url: str, *, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles, one per run of dark modules in a
    row: drawn straight into the page (issue 17), where an image had to be
    drawn, encoded as PNG and decoded again by fpdf2 for every certificate."""
    modules = _qr_modules(url)
    step = size / len(modules) * pdf.k
    left = x * pdf.k
    top = (pdf.h - y) * pdf.k
    ops = ["q", "0 g"]
    for row, dark in enumerate(modules):
        bottom = top - (row + 1) * step
        column = 0
        while column < len(dark):
            if not dark[column]:
                column += 1
                continue
            start = column
            while column < len(dark) and dark[column]:
                column += 1
            ops.append(
                f"{left + start * step:.3f} {bottom:.3f}"
                f" {(column - start) * step:.3f} {step:.3f} re"
            )
    ops += ["f", "Q"]
    pdf._out("\n".join(ops))


def _vnr_barcode(pdf: Document, vnr: str) -> None:
    """VNR as Code 39 (start/stop '*'), 0.3 mm narrow bars, with the digits."""
    y = pdf.get_y() + 1
    pdf.code39(f"*{vnr}*", x=pdf.l_margin + LABEL_WIDTH, y=y, w=0.9, h=10)
    pdf.set_y(y + 12)


def _header(pdf: Document, certificate: Certificate, title: str) -> None:
    data: CertificateData = certificate.data
    pdf.add_page()
    pdf.font(10)
    pdf.set_text_color(80, 80, 80)
    pdf.cell(0, 5, data["organiser"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.font(18, bold=True)
    _paragraph(pdf, 0, 9, title)
    pdf.ln(3)
    if certificate.revoked_at is not None:
        _revoked_mark(pdf, certificate, revoked_at=certificate.revoked_at)
    if data.get("replaces"):
        pdf.font(10, bold=True)
        _paragraph(
            pdf,
            0,
            6,
            _("This certificate replaces certificate no. %(number)s.")
            % {"number": data["replaces"]},
        )
        pdf.ln(2)


def _revoked_mark(
    pdf: Document, certificate: Certificate, *, revoked_at: datetime.datetime
) -> None:
    """A red framed "WIDERRUFEN" with date and reason, under the title."""
    revoked_on = dates.local(revoked_at)
    pdf.set_text_color(200, 0, 0)
    pdf.set_draw_color(200, 0, 0)
    pdf.font(22, bold=True)
    pdf.cell(0, 13, _("REVOKED"), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(10, bold=True)
    text = _("Revoked on %(date)s. This certificate is no longer valid.") % {
        "date": f"{revoked_on:%d.%m.%Y}"
    }
    if certificate.revoked_reason:
        text += "\n" + _("Reason: %(reason)s") % {"reason": certificate.revoked_reason}
    if certificate.replaced_by is not None:
        text += "\n" + _("Replaced by certificate no. %(number)s.") % {
            "number": certificate.replaced_by.number
        }
    _paragraph(pdf, 0, 6, text)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(3)


def _participant(pdf: Document, certificate: Certificate) -> None:
    efn = certificate.user.efn
    _fact(pdf, _("Participant"), certificate.data["participant"])
    _fact(pdf, _("EFN"), efn or _("not provided"))


def _leader(pdf: Document, certificate: Certificate) -> None:
    leader = certificate.data["leader"]
    text = "\n".join(
        p for p in (leader["name"], leader["qualification"], leader["recognition"]) if p
    )
    _fact(pdf, _("Group leader"), text)


def _signature_and_footer(pdf: Document, certificate: Certificate) -> None:
    if pdf.get_y() > 215:
        pdf.add_page()
    pdf.set_y(max(pdf.get_y() + 8, 222))
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y + 14, pdf.l_margin + 75, y + 14)
    pdf.line(pdf.l_margin + 95, y + 14, pdf.l_margin + 170, y + 14)
    pdf.set_xy(pdf.l_margin, y + 15)
    pdf.font(8)
    pdf.cell(95, 4, _("Place, date, signature of the group leader"))
    pdf.cell(75, 4, _("Stamp of the organiser"))
    pdf.set_y(265)
    _qr_code(
        pdf, verification_url(certificate), x=pdf.w - pdf.r_margin - 22, y=258, size=22
    )
    pdf.font(8)
    _paragraph(
        pdf,
        150,
        4,
        _("Certificate no. %(number)s · verification code %(code)s\nVerify at %(url)s")
        % {
            "number": certificate.number,
            "code": certificate.code,
            "url": verification_url(certificate),
        },
        new_x="RIGHT",
    )


def _render_meeting(pdf: Document, certificate: Certificate) -> None:
    line = certificate.data["lines"][0]
    _header(pdf, certificate, _("Certificate of attendance"))
    pdf.font(10)
    _paragraph(
        pdf,
        0,
        6,
        _("This is to certify participation in the following CME event:"),
    )
    pdf.ln(2)
    _participant(pdf, certificate)
    group = certificate.data["group"]
    if "balint" not in group.lower():
        group = _("Balint group: %(group)s") % {"group": group}
    _fact(pdf, _("Event"), group)
    _fact(pdf, _("Date and time"), f"{_date(line['date'])}, {line['time']}")
    _fact(pdf, _("Mode"), _mode(line["mode"]))
    _fact(pdf, _("Place"), line["place"] or _("online"))
    _fact(pdf, _("Organiser"), certificate.data["organiser"])
    _leader(pdf, certificate)
    _fact(pdf, _("Double sessions"), str(line["double_sessions"]))
    _fact(
        pdf,
        _("CME points"),
        _("%(points)d points, category %(category)s")
        % {"points": line["points"], "category": line["category"]},
    )
    if line["vnr"]:
        _fact(pdf, _("VNR"), line["vnr"])
        _vnr_barcode(pdf, line["vnr"])
        pdf.ln(2)
        pdf.font(10)
        _paragraph(
            pdf,
            0,
            6,
            settings.CME_CHAMBER_SENTENCE.format(
                chamber=line["chamber"],
                points=line["points"],
                category=line["category"],
            ),
        )
    _signature_and_footer(pdf, certificate)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _places(lines: list[CertificateLine]) -> str:
    """Every place of the in-person dates, and "online" if any date was."""
    places = list(dict.fromkeys(x["place"] for x in lines if x["place"]))
    if any(x["mode"] == Meeting.Format.ONLINE for x in lines):
        places.append(str(_("online")))
    return "\n".join(places) or "–"


def _chamber_sentences(pdf: Document, lines: list[CertificateLine]) -> None:
    """The chamber's mandatory sentence once per VNR, with its points."""
    by_vnr: dict[str, dict[str, Any]] = {}
    for line in lines:
        if not line["vnr"]:
            continue
        entry = by_vnr.setdefault(
            line["vnr"],
            {"chamber": line["chamber"], "category": line["category"], "points": 0},
        )
        entry["points"] += line["points"]
    pdf.font(10)
    for vnr, entry in by_vnr.items():
        sentence = settings.CME_CHAMBER_SENTENCE.format(**entry)
        if len(by_vnr) > 1:
            sentence = f"VNR {vnr}: {sentence}"
        _paragraph(pdf, 0, 6, sentence)


def _render_term(pdf: Document, certificate: Certificate) -> None:
    data: CertificateData = certificate.data
    lines = data["lines"]
    _header(pdf, certificate, _("Certificate of Balint group participation"))
    _participant(pdf, certificate)
    _fact(pdf, _("Group"), data["group"])
    _fact(pdf, _("Organiser"), data["organiser"])
    _leader(pdf, certificate)
    _fact(pdf, _("Place(s)"), _places(lines))
    pdf.ln(2)
    widths = [20, 22, 19, 32, 30, 37, 14]
    headers = [
        _("Date"),
        _("Time"),
        _("Mode"),
        _("Place"),
        _("Double sessions"),
        _("VNR"),
        _("Points"),
    ]
    pdf.font(8, bold=True)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 7, header, border=1)
    pdf.ln()
    pdf.font(8)
    for line in lines:
        cells = [
            _date(line["date"]),
            line["time"],
            _mode(line["mode"]),
            _short(line["place"], 20) if line["place"] else _("online"),
            str(line["double_sessions"]),
            line["vnr"] or "–",
            str(line["points"]),
        ]
        for width, cell in zip(widths, cells, strict=True):
            pdf.cell(width, 6, cell, border=1)
        pdf.ln()
    pdf.ln(3)
    online = sum(
        x["double_sessions"] for x in lines if x["mode"] == Meeting.Format.ONLINE
    )
    _fact(
        pdf,
        _("Total"),
        _("%(ds)d double sessions (%(units)d units), of which %(online)d online")
        % {
            "ds": certificate.double_sessions,
            "units": 2 * certificate.double_sessions,
            "online": online,
        },
    )
    _fact(
        pdf,
        _("Period"),
        f"{certificate.period_from:%d.%m.%Y} – {certificate.period_until:%d.%m.%Y}",
    )
    categories = ", ".join(sorted({x["category"] for x in lines if x["category"]}))
    _fact(
        pdf,
        _("CME points"),
        _("%(points)d points, category %(category)s")
        % {"points": certificate.points, "category": categories or "–"},
    )
    vnrs = sorted({x["vnr"] for x in lines if x["vnr"]})
    if vnrs:
        _fact(pdf, _("VNR"), ", ".join(vnrs))
        pdf.ln(1)
        _chamber_sentences(pdf, lines)
    _signature_and_footer(pdf, certificate)


def render(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes, in German."""
    with translation.override(settings.LANGUAGE_CODE):
        # Dated by its issue: the same certificate is the same file.
        pdf = Document(created=certificate.issued_at)
        _reserve_code_glyphs(pdf)
        pdf.set_title(certificate.get_kind_display())
        pdf.set_author(certificate.data["organiser"])
        draw(pdf, certificate)
        return bytes(pdf.output(output_producer_class=CachedFontsOutput))


def _reserve_code_glyphs(pdf: Document) -> None:
    """Put every character a verification code may use into the regular
    font's subset first. Codes are random: without this, nearly every
    certificate embedded a different set of glyphs, and the cut font could
    not be reused (``pdf_fonts``); with it, certificates whose other text
    uses the same characters embed the same font. Costs about 1 KiB."""
    font = pdf.fonts.get(pdf.base_family)
    if isinstance(font, TTFFont):
        for char in CODE_ALPHABET:
            font.subset.pick(ord(char))


def draw(pdf: Document, certificate: Certificate) -> None:
    """Add the certificate's pages to ``pdf``, in the active language (the
    record's combined certificate puts several into one document)."""
    if certificate.kind == Certificate.Kind.MEETING:
        _render_meeting(pdf, certificate)
    else:
        _render_term(pdf, certificate)
