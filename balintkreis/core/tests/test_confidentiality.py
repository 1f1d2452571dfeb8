import pytest

from balintkreis.core.confidentiality import looks_identifying


@pytest.mark.parametrize(
    "text",
    [
        "Frau Müller hat erzählt",
        "mit Herrn Dr. Özdemir gesprochen",
        "Patient geb. 03.04.1961",
        "Geburtsdatum 1.2.1975",
        "am 12.03.1957",
        "Versichertennummer A123456789",
        "KVNR: B987654321",
    ],
)
def test_identifying_text_gives_reasons(text):
    assert looks_identifying(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Akquise über die Kreisärzteschaft, Termin am 12.05.2026",
        "Raum im MVZ, Honorar 45 Euro pro Doppelstunde",
        "Die Frau des Vermieters",
    ],
)
def test_organisational_text_passes(text):
    assert looks_identifying(text) == []


def test_each_kind_gives_its_own_reason():
    reasons = looks_identifying("Frau Weber, geb. 1.1.1950, A123456789")
    assert len(reasons) == 3
    assert all(isinstance(reason, str) and reason for reason in reasons)
