"""The administration is German, third-party sections included, and no two
sections share a name (issue 13 item 8)."""

import re

import pytest
from django.test import Client

from balintkreis.accounts.tests.factories import UserFactory


@pytest.fixture
def admin_index(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    html = client.get("/verwaltung/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    sections = re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", html)
    models = re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]*)</a>', html)
    return sections, models


def test_sections_are_german_and_distinct(admin_index):
    sections, models = admin_index
    print(sections, models)
    assert len(sections) == len(set(sections)), sections
    assert "Balintgruppen" in sections
    assert "Gruppen" not in sections
    for english in ("Accounts", "MFA", "Tasks Database Backend", "Groups"):
        assert english not in sections
    assert "Anmelde-E-Mail-Adressen" in sections
    assert "Zweiter Faktor (Zwei-Schritt-Anmeldung)" in sections
    assert "Hintergrundaufgaben" in sections


def test_third_party_models_are_german(admin_index):
    _sections, models = admin_index
    for english in ("Authenticators", "Task Results"):
        assert english not in models
    assert "Zweite Faktoren" in models
