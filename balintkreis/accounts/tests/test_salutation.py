"""The one salutation rule (accounts/salutation.py), German and English."""

import pytest
from django.utils import translation

from balintkreis.accounts.salutation import (
    FEMALE,
    MALE,
    salutation,
    salutation_for_name,
)
from balintkreis.accounts.tests.factories import UserFactory


@pytest.mark.parametrize(
    ("form", "title", "language", "expected"),
    [
        (FEMALE, "Dr. med.", "de", "Sehr geehrte Frau Dr. Neumann,"),
        (MALE, "", "de", "Sehr geehrter Herr Neumann,"),
        (MALE, "Prof. Dr. med.", "de", "Sehr geehrter Herr Prof. Dr. Neumann,"),
        ("", "Dr. phil.", "de", "Guten Tag Dr. Neumann,"),
        ("", "", "de", "Guten Tag Alex Neumann,"),
        (FEMALE, "Dipl.-Psych.", "de", "Sehr geehrte Frau Neumann,"),
        (FEMALE, "Dr. med.", "en", "Dear Dr Neumann,"),
        (FEMALE, "", "en", "Dear Ms Neumann,"),
        (MALE, "", "en", "Dear Mr Neumann,"),
        (MALE, "Prof. Dr. med.", "en", "Dear Professor Neumann,"),
        ("", "", "en", "Dear Alex Neumann,"),
    ],
)
def test_salutation(form, title, language, expected):
    assert (
        salutation(
            form=form,
            title=title,
            first_name="Alex",
            last_name="Neumann",
            language=language,
        )
        == expected
    )


def test_without_a_name_the_letter_opens_neutrally():
    assert salutation(form=FEMALE, title="", first_name="", last_name="") in (
        "Guten Tag,",
        "Hello,",
    )
    assert salutation_for_name("", language="de") == "Guten Tag,"
    assert salutation_for_name("Mareike Osterloh", language="de") == (
        "Guten Tag Mareike Osterloh,"
    )


@pytest.mark.django_db
def test_the_person_is_greeted_in_the_active_language():
    person = UserFactory(
        first_name="Hanna", last_name="Neumann", title="Dr. med.", form_of_address="ms"
    )
    with translation.override("de"):
        assert person.letter_salutation() == "Sehr geehrte Frau Dr. Neumann,"
    with translation.override("en"):
        assert person.letter_salutation() == "Dear Dr Neumann,"
