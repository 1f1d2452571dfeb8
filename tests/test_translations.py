"""CI fails on untranslated or fuzzy German entries, and on stale .mo files."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("balintkreis/*/locale/de/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_catalogue():
    assert CATALOGUES, "no German catalogues found"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_is_current(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run `make messages`: {mo_path} is missing"
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(po_path)).translated_entries()
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(mo_path))
    }
    mo.pop((None, ""), None)
    assert po == mo, f"run `make messages`: {mo_path} is stale"
