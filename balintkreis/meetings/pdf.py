"""PDF basics shared by the attendance list and the certificates (fpdf2).

DejaVu Sans (Debian's fonts-dejavu-core) gives umlauts and the letters of
European names; without it the core Helvetica font is used and text is
transliterated to Latin-1.

Parsing the full DejaVu font (6,000 glyphs) costs ~0.15 s per document, so
a Latin-only subset is built once per server into ``VAR_DIR/fonts`` and
loaded instead (about three times faster; see docs/performance.md).
"""

import logging
import os
import unicodedata
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
HAS_DEJAVU = REGULAR.exists() and BOLD.exists()
# fontTools logs every subsetting step; that would drown the app log.
logging.getLogger("fontTools").setLevel(logging.ERROR)


# Basic Latin, Latin-1, Latin Extended-A/B, general punctuation, euro sign.
SUBSET_UNICODES = [
    *range(0x20, 0x250),
    *range(0x2000, 0x2070),
    0x20AC,
    0x2122,
]


def latin_subset(source: Path) -> Path:
    """A cached Latin-only copy of ``source``; written atomically on first use."""
    target = Path(settings.VAR_DIR) / "fonts" / f"{source.stem}-latin.ttf"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=SUBSET_UNICODES)
    subsetter.subset(font)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(partial))
    os.replace(partial, target)
    return target


class Document(FPDF):
    """A4 portrait or landscape with one family name, ``"base"``."""

    def __init__(self, *, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        if HAS_DEJAVU:
            self.add_font("base", "", str(latin_subset(REGULAR)))
            self.add_font("base", "B", str(latin_subset(BOLD)))
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
