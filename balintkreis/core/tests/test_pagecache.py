import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from balintkreis.core import pagecache

calls = []


@pagecache.cache_for_anonymous
def counting_view(request):
    calls.append(1)
    return HttpResponse(f"call {len(calls)}")


@pytest.fixture(autouse=True)
def _reset(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    calls.clear()


@pytest.mark.django_db
def test_anonymous_visitors_share_the_cached_page():
    rf = RequestFactory()
    first = counting_view(rf.get("/gruppen/?stadt=Jena"))
    second = counting_view(rf.get("/gruppen/?stadt=Jena"))
    assert first.content == second.content == b"call 1"
    assert "Cookie" in second["Vary"]


@pytest.mark.django_db
def test_different_query_is_a_different_page():
    rf = RequestFactory()
    counting_view(rf.get("/gruppen/?stadt=Jena"))
    assert counting_view(rf.get("/gruppen/?stadt=Gera")).content == b"call 2"


@pytest.mark.django_db
def test_logged_in_or_message_requests_are_never_cached():
    rf = RequestFactory()
    counting_view(rf.get("/gruppen/"))
    with_session = rf.get("/gruppen/", HTTP_COOKIE="sessionid=abc")
    with_messages = rf.get("/gruppen/", HTTP_COOKIE="messages=xyz")
    assert counting_view(with_session).content == b"call 2"
    assert counting_view(with_messages).content == b"call 3"


@pytest.mark.django_db
def test_invalidate_drops_cached_pages():
    rf = RequestFactory()
    counting_view(rf.get("/gruppen/"))
    pagecache.invalidate()
    assert counting_view(rf.get("/gruppen/")).content == b"call 2"


@pytest.mark.django_db
def test_cache_can_be_switched_off(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    rf = RequestFactory()
    counting_view(rf.get("/gruppen/"))
    assert counting_view(rf.get("/gruppen/")).content == b"call 2"
