"""Issue 12 item 11: the fixed terms of docs/glossary.md, used consistently.

The glossary defines "Doppelsitzung" (90 minutes = 2 Unterrichtseinheiten)
and no "Doppelstunde"; a chamber clerk reading both on one certificate would
ask whether they differ.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *ROOT.glob("balintkreis/*/locale/de/LC_MESSAGES/django.po"),
    *ROOT.glob("balintkreis/*/templates/**/*.html"),
    *ROOT.glob("balintkreis/*/templates/**/*.txt"),
    *ROOT.glob("balintkreis/**/*.toml"),
    *ROOT.glob("balintkreis/**/*.py"),
    *ROOT.glob("balintkreis/*/README.md"),
    *ROOT.glob("docs/*.md"),
    ROOT / "README.md",
]


def test_glossary_defines_doppelsitzung():
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    assert "| Doppelsitzung | double session |" in glossary
    assert "Doppelstunde" not in glossary


def test_no_doppelstunde_anywhere():
    offenders = []
    for path in SOURCES:
        if "/tests/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        if "Doppelstunde" in text or "Doppelsitzungn" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_certificate_catalogue_says_doppelsitzungen():
    po = (ROOT / "balintkreis/cme/locale/de/LC_MESSAGES/django.po").read_text()
    assert 'msgstr "Doppelsitzungen"' in po


def test_one_wording_for_a_reached_target():
    """ "requirements met" is "Anforderungen erfüllt" in every app: Django
    merges the apps' catalogues, so two translations of one msgid would show
    whichever app comes first."""
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    assert "| Anforderungen erfüllt | requirements met |" in glossary
    offenders = []
    for path in SOURCES:
        if "/tests/" in str(path) or path.name == "glossary.md":
            continue
        if "Voraussetzungen erfüllt" in path.read_text(encoding="utf-8"):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
    for po in ROOT.glob("balintkreis/*/locale/de/LC_MESSAGES/django.po"):
        text = po.read_text(encoding="utf-8")
        if 'msgid "requirements met"' in text:
            assert 'msgid "requirements met"\nmsgstr "Anforderungen erfüllt"' in text
