"""The mentor directory and its exports for the secretariat (DOMAIN.md R9).

The seed text: the list of mentors is available from the secretariat or in the
members' area. The secretariat hands out the CSV or PDF on request.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from balintkreis.core import spreadsheet
from balintkreis.mentoring.models import MentorProfile, MentorProfileQuerySet

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass
class Filters:
    region: str = ""
    topic: str = ""
    online: bool = False
    accepting: bool = False


def find(filters: Filters) -> MentorProfileQuerySet:
    """Listed mentors matching the filters, ready to render (3 queries)."""
    profiles = MentorProfile.objects.for_directory()
    if filters.region:
        profiles = profiles.filter(region=filters.region)
    if filters.topic:
        profiles = profiles.filter(topics__code=filters.topic)
    if filters.online:
        profiles = profiles.filter(
            mode__in=[MentorProfile.Mode.ONLINE, MentorProfile.Mode.BOTH]
        )
    if filters.accepting:
        profiles = profiles.filter(is_accepting=True)
    return profiles


def _rows(profiles: Iterable[MentorProfile]) -> list[list[str]]:
    rows = []
    for profile in profiles:
        rows.append(
            [
                profile.user.display_name,
                profile.user.email,
                profile.user.phone,
                profile.get_region_display(),
                profile.city,
                profile.get_mode_display(),
                ", ".join(str(t) for t in profile.topics.all()),
                str(profile.years_leading),
                str(profile.open_places(profile.running_count)),
            ]
        )
    return rows


def _header() -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Federal state"),
        _("City"),
        _("Mentoring takes place"),
        _("Topics"),
        _("Years leading groups"),
        _("Open places"),
    ]


def export_csv(profiles: Iterable[MentorProfile]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as German spreadsheet programs expect."""
    buffer = io.StringIO()
    writer = spreadsheet.csv_writer(buffer, delimiter=";")
    writer.writerow(_header())
    writer.writerows(_rows(profiles))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def _transliterate(text: str) -> str:
    """Fallback for the core PDF fonts, which only know Latin-1."""
    return text.translate(UMLAUTS).encode("latin-1", "replace").decode("latin-1")


def export_pdf(profiles: Iterable[MentorProfile]) -> bytes:
    """A printable list, one block per mentor (DejaVu for umlauts if present)."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    text: Callable[[str], str]
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        family, text = "DejaVu", str
    else:
        family, text = "Helvetica", _transliterate
    pdf.add_page()
    pdf.set_font(family, size=16)
    pdf.cell(
        0,
        10,
        text(_("Mentors of the mentoring programme")),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(family, size=9)
    stamp = timezone.localtime().strftime("%d.%m.%Y")
    pdf.cell(
        0, 6, text(_("As of %(date)s") % {"date": stamp}), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    header = _header()
    for row in _rows(profiles):
        pdf.set_font(family, size=12)
        pdf.multi_cell(0, 7, text(row[0]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=9)
        for label, value in zip(header[1:], row[1:], strict=True):
            if value:
                pdf.multi_cell(
                    0, 5, text(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT"
                )
        pdf.ln(3)
    return bytes(pdf.output())
