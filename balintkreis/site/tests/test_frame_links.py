"""The site's frame (navigation, footer) is computed once per role flags and
language per process (core.hooks.frame_links, issue 17): it must be what
every app's hooks answer for the person, whoever the person is."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from balintkreis.core import hooks
from balintkreis.groups.tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def _fresh():
    hooks.clear_frame_cache()
    yield
    hooks.clear_frame_cache()


@pytest.mark.django_db
@pytest.mark.parametrize("hook", sorted(hooks.FRAME_HOOKS))
def test_frame_links_are_what_the_hooks_answer_for_everyone(
    hook, participant, member, leader, mentor, secretariat, outsider
):
    """People with the same role flags but different groups, roles beyond
    the flags (leader, mentor, member) and data see the same frame; the
    cached answer equals the hooks' own for each of them, in both
    languages, whatever order they come in."""
    MembershipFactory(user=leader)  # a leader who is also a member elsewhere
    people = [AnonymousUser(), participant, member, leader, mentor, secretariat]
    for language in ("de", "en"):
        with translation.override(language):
            for person in [*people, *reversed(people), outsider]:
                assert list(hooks.frame_links(hook, person)) == hooks.links(
                    hook, person
                ), (hook, language, person)


@pytest.mark.django_db
def test_the_frame_costs_no_query_and_no_hook_call_once_known(
    member_client, monkeypatch
):
    member_client.get(reverse("core:page", args=["impressum"]))
    calls = []
    original = hooks.links
    monkeypatch.setattr(hooks, "links", lambda *a: calls.append(a) or original(*a))
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(reverse("core:page", args=["impressum"]))
    assert response.status_code == 200
    assert calls == []
    # The person only, and the session unless it comes from Redis (cached_db).
    sql = [q["sql"] for q in queries]
    assert len([q for q in sql if '"django_session"' not in q]) == 1, sql
    assert len(sql) <= 2, sql
    assert "Meine Übersicht" in response.text
    assert "Abmelden" in response.text


@pytest.mark.django_db
def test_a_secretariat_and_a_member_get_their_own_frame(
    member_client, secretariat_client
):
    url = reverse("core:page", args=["impressum"])
    assert "Anfragen" not in member_client.get(url).text
    assert "Anfragen" in secretariat_client.get(url).text
    assert "Anfragen" not in member_client.get(url).text
