"""PDF basics shared by the attendance list and the certificates (fpdf2).

DejaVu Sans (Debian's fonts-dejavu-core) gives umlauts and the letters of
European names; without it the core Helvetica font is used and text is
transliterated to Latin-1.

Parsing the full DejaVu font (6,000 glyphs) costs ~0.15 s per document, so
a Latin-only subset is built once per server into ``VAR_DIR/fonts`` and
loaded instead (about three times faster; see docs/performance.md).

Fonts are shared across documents (issue 17): each font is parsed once per
process (``_prototype``) and every document gets a copy with its own
per-document state. When a document is written, fpdf2 subsets each font to
the glyphs the document uses; it is handed a small pre-subset (the glyphs of
``COMMON_TEXT`` and the used ones) that is built once per glyph set
(``_presubset``), instead of the 600-glyph Latin font. The same document
always gets the same pre-subset, so its bytes stay the same.
"""

import copy
import datetime
import functools
import io
import logging
import os
import string
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import OutputProducer

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


# Characters nearly every German document prints: always in the pre-subset,
# so documents that differ only in such characters share one.
COMMON_TEXT = string.ascii_letters + string.digits + " .,:;-–()/%&+'\"„“€§äöüÄÖÜß"


@functools.cache
def _prototype(path: str, style: str) -> TTFFont:
    """The font parsed once per process (metrics, character map)."""
    font = TTFFont(FPDF(), Path(path), f"base{style}", style)
    font.ttfont.close()  # each document reads its own copy (_add_shared_font)
    return font


@functools.cache
def _font_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def _add_shared_font(pdf: FPDF, path: str, style: str) -> None:
    """``pdf.add_font("base", style, path)`` without parsing the font again."""
    prototype = _prototype(path, style)
    font = copy.copy(prototype)
    font.i = len(pdf.fonts) + 1
    # fpdf2 subsets the font in place when writing: every document its own.
    font.ttfont = TTFont(
        io.BytesIO(_font_bytes(path)), recalcTimestamp=False, lazy=True
    )
    font.desc = copy.copy(prototype.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    pdf.fonts[prototype.fontkey] = font


@functools.lru_cache(maxsize=256)
def _presubset(path: str, glyph_names: tuple[str, ...]) -> bytes:
    """The font cut down to ``glyph_names`` (names kept for fpdf2's own
    subsetting), built once per glyph set."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.glyph_names = True
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=list(glyph_names))
    with TTFont(io.BytesIO(_font_bytes(path)), recalcTimestamp=False) as font:
        subsetter.subset(font)
        output = io.BytesIO()
        font.save(output)
    return output.getvalue()


def _common_glyphs(font: TTFFont) -> set[str]:
    return {font.cmap[ord(c)] for c in COMMON_TEXT if ord(c) in font.cmap}


class _SharedFontsOutput(OutputProducer):
    """Hands fpdf2 the pre-subset of each font before it subsets and embeds it."""

    def _add_fonts(self, *args: Any, **kwargs: Any) -> Any:
        for font in self.fpdf.fonts.values():
            if isinstance(font, TTFFont) and not font.color_font:
                used = set(font.subset.get_all_glyph_names())
                names = tuple(sorted(used | _common_glyphs(font)))
                # Bounds were computed for the pre-subset: fpdf2's subset
                # then copies the glyphs instead of recompiling each.
                font.ttfont = TTFont(
                    io.BytesIO(_presubset(str(font.ttffile), names)),
                    recalcTimestamp=False,
                    recalcBBoxes=False,
                    lazy=True,
                )
        return super()._add_fonts(*args, **kwargs)


class Document(FPDF):
    """A4 portrait or landscape with one family name, ``"base"``.

    ``created`` is the creation date written into the PDF: a document made
    from the same data with the same date is the same file, byte for byte.
    """

    def __init__(
        self, *, orientation: str = "P", created: datetime.datetime | None = None
    ) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        if HAS_DEJAVU:
            _add_shared_font(self, str(latin_subset(REGULAR)), "")
            _add_shared_font(self, str(latin_subset(BOLD)), "B")
            self.base_family = "base"
        else:
            self.base_family = "helvetica"
        self.set_creator("Balintkreis")
        if created is not None:
            self.set_creation_date(created)

    def output(self, *args: Any, **kwargs: Any) -> Any:
        if HAS_DEJAVU:
            kwargs.setdefault("output_producer_class", _SharedFontsOutput)
        return super().output(*args, **kwargs)

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
