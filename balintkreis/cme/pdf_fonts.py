"""Embedded fonts of the certificates, built once per set of glyphs (issue 17).

When a document is written, fpdf2 cuts each font down to the glyphs the
document uses (fontTools), compresses it and builds the tables that map
character codes to glyphs. For certificates that was about half the time
of a PDF, although most certificates use the same few dozen glyphs.

``CachedFontsOutput`` keeps the finished parts instead: the compressed font
file per set of glyph names, and the widths, the ToUnicode map and the
compressed CIDToGIDMap per character mapping. From these it adds the same
PDF objects in the same order as fpdf2 does, so a document is the same file,
byte for byte, with or without the cache (see the tests). Only the cached
values are shared, never PDF objects: documents may be written in parallel.

Fonts it does not know how to handle (core fonts, colour or CFF fonts,
missing glyphs, PDF/A) go the ordinary way through fpdf2.
"""

import functools
import io
import zlib
from typing import Any, TypeGuard

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf.fonts import Glyph, TTFFont
from fpdf.output import (
    CIDSystemInfo,
    PDFFont,
    _build_cmap_blocks,
    _cid_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

from balintkreis.meetings import pdf

# The tables fpdf2 drops when it subsets a font (fpdf/output.py, 2.8.9).
_DROPPED_TABLES = [
    "FFTM",
    "GDEF",
    "GPOS",
    "GSUB",
    "MATH",
    "hdmx",
    "meta",
    "sbix",
    "CBDT",
    "CBLC",
    "EBDT",
    "EBLC",
    "EBSC",
    "SVG ",
    "CPAL",
    "COLR",
]

_TO_UNICODE = (
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo\n"
    "<</Registry (Adobe)\n"
    "/Ordering (UCS)\n"
    "/Supplement 0\n"
    ">> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n"
    "{blocks}"
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end"
)


def _compress(data: bytes) -> bytes:
    return zlib.compress(data, level=PDFContentStream._COMPRESSION_LEVEL)


class _Compressed(PDFContentStream):
    """A stream whose contents were compressed earlier (and are shared)."""

    def __init__(self, compressed: bytes, *, length1: int | None = None) -> None:
        super().__init__(contents=b"")
        self._contents = compressed
        self.filter = Name("FlateDecode")
        self.length = len(compressed)
        if length1 is not None:
            self.length1 = length1


@functools.lru_cache(maxsize=256)
def _font_file(
    path: str, presubset_names: tuple[str, ...], names: tuple[str, ...]
) -> tuple[bytes, int, dict[str, int]]:
    """The font cut down to ``names``, compressed, with its length and the
    new glyph id of each name: what fpdf2 embeds for these glyphs."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += _DROPPED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=list(names))
    font = TTFont(
        io.BytesIO(pdf._presubset(path, presubset_names)),
        recalcTimestamp=False,
        recalcBBoxes=False,
        lazy=True,
    )
    with font:
        subsetter.subset(font)
        glyph_ids = {name: font.getGlyphID(name) for name in names}
        output = io.BytesIO()
        font.save(output)
    data = output.getvalue()
    return _compress(data), len(data), glyph_ids


@functools.lru_cache(maxsize=1024)
def _mapping(
    path: str, presubset_names: tuple[str, ...], items: tuple[tuple[Glyph, int], ...]
) -> tuple[str, bytes, bytes]:
    """Widths, ToUnicode map and compressed CIDToGIDMap for one mapping of
    character codes to glyphs."""
    names = tuple(sorted({glyph.glyph_name for glyph, _cid in items}))
    glyph_ids = _font_file(path, presubset_names, names)[2]
    widths = _cid_font_widths({cid: glyph.glyph_width for glyph, cid in items})
    bf_char = [
        f"<{cid:04X}> <{''.join(_unicode_hex(code) for code in glyph.unicode)}>\n"
        for glyph, cid in items
        if isinstance(glyph.unicode, tuple) and glyph.unicode
    ]
    to_unicode = _TO_UNICODE.format(blocks=_build_cmap_blocks(bf_char, "bfchar"))
    cid_to_gid = bytearray(256 * 256 * 2)
    for glyph, cid in items:
        gid = glyph_ids[glyph.glyph_name]
        cid_to_gid[cid * 2] = gid >> 8
        cid_to_gid[cid * 2 + 1] = gid & 0xFF
    return widths, to_unicode.encode("latin-1"), _compress(bytes(cid_to_gid))


def _unicode_hex(code: int) -> str:
    if code > 0xFFFF:  # a surrogate pair
        high = 0xD800 | (code - 0x10000) >> 10
        low = 0xDC00 | (code & 0x3FF)
        return f"{high:04X}{low:04X}"
    return f"{code:04X}"


def _cacheable(font: Any) -> TypeGuard[TTFFont]:
    return (
        isinstance(font, TTFFont)
        and not font.color_font
        and not font.is_cff
        and not font.missing_glyphs
    )


def cache_clear() -> None:
    """Forget every cached font (tests: as in a freshly started worker)."""
    _font_file.cache_clear()
    _mapping.cache_clear()


class CachedFontsOutput(pdf._SharedFontsOutput):
    """fpdf2's output, with the fonts' embedded parts taken from the cache."""

    def _add_fonts(self, *args: Any, **kwargs: Any) -> Any:
        fonts = sorted(self.fpdf.fonts.values(), key=lambda font: font.i)
        cacheable = [font for font in fonts if _cacheable(font)]
        if self.fpdf._compliance or len(cacheable) < len(fonts):
            return super()._add_fonts(*args, **kwargs)
        return {font.i: self._add_font(font) for font in cacheable}

    def _add_font(self, font: TTFFont) -> PDFFont:
        """The objects fpdf2 adds for a TrueType font, in the same order."""
        path = str(font.ttffile)
        items = tuple(
            (glyph, cid) for glyph, cid in font.subset.items() if glyph is not None
        )
        used = {glyph.glyph_name for glyph, _cid in items}
        presubset_names = tuple(sorted(used | pdf._common_glyphs(font)))
        compressed_font, length, _ids = _font_file(
            path, presubset_names, tuple(sorted(used))
        )
        widths, to_unicode_map, cid_to_gid = _mapping(path, presubset_names, items)
        name = f"MPDFAA+{font.name}"

        composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=name,
            d_w=font.desc.missing_width,
            w=widths,
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])
        to_unicode = PDFContentStream(to_unicode_map)
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode
        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info
        descriptor = font.desc
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        cid_to_gid_map = _Compressed(cid_to_gid)
        self._add_pdf_obj(cid_to_gid_map, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid_map
        font_file = _Compressed(compressed_font, length1=length)
        self._add_pdf_obj(font_file, "fonts")
        descriptor.font_file2 = font_file  # type: ignore[attr-defined]

        font.subset.pick.cache_clear()
        font.subset.get_glyph.cache_clear()
        font.close()
        return composite
