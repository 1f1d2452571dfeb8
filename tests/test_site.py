"""Site-wide checks (STYLE.md section 11)."""

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_home_page_is_german_with_one_h1(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert html.count("<h1") == 1


def test_health_endpoint_answers_without_database(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_language_can_be_switched_to_english_and_back(client):
    response = client.get(reverse("core:language", args=["en"]) + "?next=/gruppen/")
    assert response.status_code == 302
    assert response["Location"] == "/gruppen/"
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in html
    client.get(reverse("core:language", args=["de"]))
    assert '<html lang="de">' in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_language_switch_refuses_foreign_redirects(client):
    response = client.get(
        reverse("core:language", args=["en"]) + "?next=https://evil.example/"
    )
    assert response["Location"] == "/"
    assert client.get(reverse("core:language", args=["xx"])).status_code == 404


def test_readme_documents_every_environment_variable():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    settings_text = (root / "balintkreis" / "settings.py").read_text()
    readme = (root / "README.md").read_text()
    names = set(
        re.findall(
            r'(?:envint|envbool|envsecret|os\.environ\.get)\(\s*"([A-Z_]+)"',
            settings_text,
        )
    )
    assert len(names) > 20
    missing = sorted(n for n in names if f"`{n}`" not in readme)
    assert not missing, f"add to the README table: {missing}"


@pytest.mark.django_db
def test_german_even_for_an_english_browser_until_english_is_chosen(client):
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in html.content.decode()
    assert html["Content-Language"] == "de"
    client.get(reverse("core:language", args=["en"]))
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()
