"""A heuristic check that free text may name a patient (DOMAIN.md R7, R11).

The platform must never store patient-identifying data. Forms for notes, case
labels and feedback call ``looks_identifying`` and ask the writer to confirm
or rewrite when it returns reasons. It is a warning, not a filter: it will
miss things and sometimes flag harmless text (a landlord called "Frau Weber").
"""

import re

from django.utils.translation import gettext as _

# "Frau Müller", "Herrn Dr. Özdemir", "Hr. Weiß" — salutation and a capitalised name.
SALUTATION_NAME = re.compile(
    r"\b(?:Frau|Herrn?|Fr\.|Hr\.)\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][a-zäöüß]+"
)
# "geb. 03.04.1961", "geboren am", "Geburtsdatum", "*12.5.1970".
BIRTH_KEYWORD = re.compile(r"\b(?:geb\.|geboren|Geburtsdatum|Geburtstag)|\*\s?\d")
# A full date in a year long past is most likely a date of birth.
OLD_DATE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19\d\d|200\d)\b")
# Krankenversichertennummer (letter + 9 digits), Rentenversicherungsnummer
# (8 digits, letter, 3 digits), or the words for them.
INSURANCE_NUMBER = re.compile(r"\b[A-Z]\d{9}\b|\b\d{8}[A-Z]\d{3}\b")
INSURANCE_KEYWORD = re.compile(
    r"Versicherten-?nummer|Versicherungsnummer|Krankenversichertennummer",
    re.IGNORECASE,
)


def looks_identifying(text: str) -> list[str]:
    """Return German reasons why ``text`` may identify a patient; empty if none."""
    if not text:
        return []
    reasons = []
    if SALUTATION_NAME.search(text):
        reasons.append(_("It names a person with a salutation (e.g. “Frau Müller”)."))
    if BIRTH_KEYWORD.search(text) or OLD_DATE.search(text):
        reasons.append(_("It seems to contain a date of birth."))
    if INSURANCE_NUMBER.search(text) or INSURANCE_KEYWORD.search(text):
        reasons.append(_("It seems to contain a health insurance number."))
    return reasons
