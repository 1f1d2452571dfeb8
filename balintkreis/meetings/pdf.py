"""PDF basics shared by the attendance list and the certificates (fpdf2).

DejaVu Sans (Debian's fonts-dejavu-core) gives umlauts; without it the core
Helvetica font is used and text is transliterated to Latin-1.
"""

import logging
import unicodedata
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
HAS_DEJAVU = REGULAR.exists() and BOLD.exists()
# fontTools logs every subsetting step at INFO; that drowns the app log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class Document(FPDF):
    """A4 portrait or landscape with one family name, ``"base"``."""

    def __init__(self, *, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        if HAS_DEJAVU:
            self.add_font("base", "", str(REGULAR))
            self.add_font("base", "B", str(BOLD))
            self.base_family = "base"
        else:
            self.base_family = "helvetica"
        self.set_creator("Balintkreis")

    def font(self, size: float, *, bold: bool = False) -> None:
        self.set_font(self.base_family, "B" if bold else "", size)

    def normalize_text(self, text: str) -> str:
        if not HAS_DEJAVU:
            text = transliterate(text)
        return super().normalize_text(text)


def transliterate(text: str) -> str:
    """Latin-1 safe text for the core fonts (umlauts stay, others decompose)."""
    replaced = (
        text.replace("–", "-").replace("•", "*").replace("“", '"').replace("”", '"')
    )
    replaced = replaced.replace("„", '"').replace("’", "'")
    result = []
    for char in replaced:
        try:
            char.encode("latin-1")
            result.append(char)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
            result.append(decomposed.decode() or "?")
    return "".join(result)
