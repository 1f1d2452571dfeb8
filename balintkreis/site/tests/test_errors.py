"""Error pages, the CSRF failure page and the favicon (site/errors.py)."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from balintkreis.site import errors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("balintkreis.site.tests.error_urls"),
]


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client(raise_request_exception=False)


def test_404_is_german_in_the_site_frame_with_a_way_on(anonymous):
    response = anonymous.get("/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Seite nicht gefunden</h1>" in html
    assert 'class="site-header"' in html
    assert "Zur Startseite" in html
    assert "/konto/login/?next=/gibt-es-nicht/" in html


def test_404_is_english_when_chosen(anonymous):
    response = _english(anonymous).get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_404_does_not_name_the_group_of_the_address(anonymous, group):
    response = anonymous.get(f"/gruppen/{group.slug}/gibt-es-nicht/")
    assert response.status_code == 404
    assert group.title not in response.content.decode()


def test_403_says_so_and_leads_back_to_the_group(member_client, group):
    member_client.raise_request_exception = False
    response = member_client.get(f"/gruppen/{group.slug}/test-403/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Zugriff verweigert</h1>" in html
    assert reverse("groups:detail", args=[group.slug]) in html
    assert reverse("accounts:dashboard") in html


def test_403_is_english_when_chosen(member_client, group):
    member_client.raise_request_exception = False
    response = _english(member_client).get(f"/gruppen/{group.slug}/test-403/")
    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in response.content.decode()


def test_400_is_german_and_english(anonymous):
    response = anonymous.get("/test/400/")
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in response.content.decode()
    response = _english(anonymous).get("/test/400/")
    assert "The request could not be processed" in response.content.decode()


def test_500_is_german_and_english_and_looks_like_the_site(anonymous):
    response = anonymous.get("/test/500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Serverfehler</h1>" in html
    assert "core/css/base.css" in html
    response = _english(anonymous).get("/test/500/")
    assert "<h1>Server error</h1>" in response.content.decode()


def test_500_needs_no_database_and_no_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("de"), django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "Serverfehler" in response.content.decode()


def test_csrf_failure_explains_the_expired_form():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("groups:contact"), {"message": "Hallo"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Das Formular ist abgelaufen</h1>" in html
    client = _english(Client(enforce_csrf_checks=True))
    response = client.post(reverse("groups:contact"), {"message": "Hallo"})
    assert "<h1>The form has expired</h1>" in response.content.decode()


def test_favicon_is_linked_and_favicon_ico_does_not_404(anonymous):
    assert "core/favicon.svg" in anonymous.get("/").content.decode()
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("core/favicon.svg")


def test_a_403_is_one_log_line_and_a_500_keeps_its_traceback(
    member_client, group, caplog
):
    member_client.raise_request_exception = False
    member_client.get(f"/gruppen/{group.slug}/test-403/")
    forbidden = [r for r in caplog.records if r.name == "django.request"]
    assert len(forbidden) == 1
    assert forbidden[0].getMessage().startswith("Forbidden (Permission denied)")
    assert "Traceback" not in caplog.text
    caplog.clear()
    member_client.get("/test/500/")
    assert "Traceback" in caplog.text
    assert "RuntimeError: test" in caplog.text


def test_a_foreign_host_gets_the_german_400_page(anonymous):
    response = anonymous.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in response.content.decode()
