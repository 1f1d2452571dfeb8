from balintkreis.core.confidentiality import looks_identifying


def test_plain_pseudonymous_text_passes():
    assert looks_identifying("Eine Patientin Mitte 50 mit Rückenschmerzen.") == []


def test_named_person_is_flagged():
    [reason] = looks_identifying("Frau Müller kam wieder in die Praxis.")
    assert "Frau Müller" in reason


def test_birth_dates_and_insurance_numbers_are_flagged():
    assert looks_identifying("geb. 03.04.1961")
    assert looks_identifying("Versichertennummer A123456789")
    assert len(looks_identifying("Herr Dr. Schmidt, 12.3.1950, A123456789")) == 3
