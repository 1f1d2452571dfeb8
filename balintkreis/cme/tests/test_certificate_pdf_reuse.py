"""Certificates reuse parsed fonts across documents (meetings/pdf.py, issue
17) and stay reproducible: the same certificate is the same file."""

import io
import re

import pytest
from pypdf import PdfReader

from balintkreis.cme import certificate_pdf, certificates, pdf_fonts
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.meetings import pdf
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def issued(group, member):
    member.first_name = "Łucja"
    member.last_name = "Müller-Ørsted"
    member.efn = "802760020090329"
    member.save()
    EventNumberFactory(group=group)
    for days in (60, 46, 32):
        meeting = MeetingFactory(group=group, starts_at=days_ago(days))
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    term = certificates.issue_for_term(group, user=member, by=member)
    single = certificates.issue_for_meeting(meeting, user=member, by=member)
    return term, single


def forget_fonts() -> None:
    """As in a freshly started worker: nothing parsed or cut yet."""
    pdf._prototype.cache_clear()
    pdf._font_bytes.cache_clear()
    pdf._presubset.cache_clear()
    pdf_fonts.cache_clear()


def test_the_same_certificate_is_the_same_file(issued):
    for certificate in issued:
        forget_fonts()
        first = certificate_pdf.render(certificate)
        again = certificate_pdf.render(certificate)  # fonts reused
        forget_fonts()
        fresh = certificate_pdf.render(certificate)  # fonts parsed anew
        assert first == again == fresh


def test_shared_fonts_still_print_every_name(issued):
    term, single = issued
    forget_fonts()
    certificate_pdf.render(single)  # fills the shared fonts first
    text = text_of(certificate_pdf.render(term))
    assert "Łucja Müller-Ørsted" in text


def test_documents_do_not_share_state(issued):
    """Two documents from the shared fonts: each embeds its own glyphs."""
    term, single = issued
    forget_fonts()
    alone = certificate_pdf.render(single)
    certificate_pdf.render(term)
    assert certificate_pdf.render(single) == alone
    if pdf.HAS_DEJAVU:
        assert pdf._prototype.cache_info().currsize == 2


def test_cached_fonts_give_the_same_file_as_fpdf2(issued, monkeypatch):
    """The embedded fonts from the cache are what fpdf2 itself would embed."""
    for certificate in issued:
        forget_fonts()
        cached = certificate_pdf.render(certificate)
        assert certificate_pdf.render(certificate) == cached  # from the cache
        monkeypatch.setattr(
            certificate_pdf, "CachedFontsOutput", pdf._SharedFontsOutput
        )
        assert certificate_pdf.render(certificate) == cached
        monkeypatch.undo()
    if pdf.HAS_DEJAVU:
        assert pdf_fonts._font_file.cache_info().hits > 0


def test_a_new_glyph_is_embedded_with_the_cached_fonts(issued, monkeypatch):
    """A name with letters no earlier certificate used: the cache, filled by
    another certificate, still gives what fpdf2 embeds."""
    term, single = issued
    forget_fonts()
    certificate_pdf.render(single)
    certificate_pdf.render(term)
    term.data["participant"] = "Ŵiktor Ħäßler"
    cached = certificate_pdf.render(term)
    assert "Ŵiktor Ħäßler" in text_of(cached)
    monkeypatch.setattr(certificate_pdf, "CachedFontsOutput", pdf._SharedFontsOutput)
    assert certificate_pdf.render(term) == cached


def test_lines_that_fit_are_laid_out_as_by_multi_cell(issued, monkeypatch):
    """Short lines skip multi_cell's line breaking; the file is the same,
    also where a long name or qualification still needs breaking."""
    term, single = issued
    for certificate in (term, single):
        certificate.data["participant"] = (
            "Prof. Dr. med. Maximiliane Ottilie Württemberg-Hohenzollern-"
            "Sigmaringen von Übersee-Ährenfeld"
        )
        certificate.data["leader"]["qualification"] = (
            "Fachärztin für Psychosomatische Medizin und Psychotherapie, "
            "Fachärztin für Psychiatrie und Psychotherapie"
        )
        quick = certificate_pdf.render(certificate)
        monkeypatch.setattr(certificate_pdf, "FIT_TOLERANCE", 10_000)  # all multi_cell
        assert certificate_pdf.render(certificate) == quick
        monkeypatch.undo()
        assert "Württemberg-Hohenzollern" in text_of(quick)


def qr_modules_drawn(data: bytes) -> set[tuple[int, int]]:
    """(row, column) of every dark module of the QR code drawn in the PDF,
    counted from its top-left finder pattern."""
    reader = PdfReader(io.BytesIO(data))
    content = reader.pages[-1].get_contents().get_data().decode("latin-1")
    block = re.search(r"q\n0 g\n(.*?)\nf\nQ", content, re.S)
    assert block is not None
    rects = [tuple(map(float, line.split()[:4])) for line in block[1].splitlines()]
    step = rects[0][3]
    assert rects[0][2] == pytest.approx(7 * step, abs=0.01)  # finder pattern
    left, top = rects[0][0], rects[0][1] + step
    modules = set()
    for x, y, w, _h in rects:
        row = round((top - y) / step) - 1
        first = round((x - left) / step)
        modules.update((row, first + i) for i in range(round(w / step)))
    return modules


def test_the_qr_code_leads_to_the_verification_page(issued):
    for certificate in issued:
        expected = certificate_pdf._qr_modules(
            certificates.verification_url(certificate)
        )
        dark = {
            (row - 1, column - 1)  # without the quiet zone
            for row, line in enumerate(expected)
            for column, module in enumerate(line)
            if module
        }
        assert qr_modules_drawn(certificate_pdf.render(certificate)) == dark


def font_files(data: bytes) -> list[bytes]:
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    return [
        font.get_object()["/DescendantFonts"][0]
        .get_object()["/FontDescriptor"]["/FontFile2"]
        .get_data()
        for font in fonts.values()
    ]


def test_codes_do_not_change_the_embedded_fonts(issued):
    """Every code character is reserved: two codes, the same cut fonts
    (so the cut fonts can be reused, pdf_fonts)."""
    if not pdf.HAS_DEJAVU:
        pytest.skip("core fonts are not embedded")
    term, single = issued
    single.code = "AAAAAAAAAAAA"
    first = certificate_pdf.render(single)
    single.code = "Z9Z9Z9Z9Z9Z9"
    second = certificate_pdf.render(single)
    assert "Z9Z9Z9Z9Z9Z9" in text_of(second)
    assert font_files(first) == font_files(second)
