"""Printable attendance list for in-person meetings (R3): name, EFN sticker
field and signature column, as the chambers use on paper."""

from django.conf import settings
from django.utils.translation import gettext as _

from balintkreis.core import dates
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.pdf import Document

ROW_HEIGHT = 17  # an EFN barcode sticker is about 15 mm high


def render(meeting: Meeting) -> bytes:
    """The attendance list as PDF bytes (A4 landscape)."""
    people = list(members_rules.expected_for(meeting))
    start = dates.local(meeting.starts_at)
    pdf = Document(orientation="L")
    pdf.set_title(_("Attendance list"))
    pdf.add_page()
    pdf.font(16, bold=True)
    pdf.cell(0, 9, _("Attendance list"), new_x="LMARGIN", new_y="NEXT")
    pdf.font(10)
    facts = [
        (_("Event"), meeting.group.title),
        (
            _("Date and time"),
            f"{start:%d.%m.%Y}, {start:%H:%M}–{dates.local(meeting.ends_at):%H:%M}",
        ),
        (_("Place"), meeting.place_label),
        (_("Organiser"), settings.CME_ORGANISER),
        (_("Leader"), meeting.group.leader.display_name),
    ]
    for label, value in facts:
        pdf.font(10, bold=True)
        pdf.cell(40, 6, f"{label}:")
        pdf.font(10)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    widths = [10, 80, 90, 81]
    headers = ["#", _("Name"), _("EFN (sticker)"), _("Signature")]
    pdf.font(10, bold=True)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 8, header, border=1)
    pdf.ln()
    pdf.font(10)
    for index, person in enumerate(people, start=1):
        pdf.cell(widths[0], ROW_HEIGHT, str(index), border=1)
        pdf.cell(widths[1], ROW_HEIGHT, person.display_name, border=1)
        pdf.cell(widths[2], ROW_HEIGHT, "", border=1)
        pdf.cell(widths[3], ROW_HEIGHT, "", border=1)
        pdf.ln()
    for _blank in range(2):
        for width in widths:
            pdf.cell(width, ROW_HEIGHT, "", border=1)
        pdf.ln()
    pdf.ln(4)
    pdf.font(9)
    pdf.multi_cell(
        0,
        5,
        _(
            "Please stick your EFN barcode label into the field and sign. "
            "The list is kept as proof of attendance for the chamber."
        ),
    )
    return bytes(pdf.output())
