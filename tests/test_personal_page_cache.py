"""The per-person page cache (core/personalpages.py) never shows a stale page.

Each test first loads a page (so it is cached), proves the second load comes
from the cache, changes data the way the platform does, and loads the page
again: the change must show at once.
"""

import datetime
import threading

import pytest
from django.contrib import messages
from django.contrib.messages import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.core import audit, personalpages
from balintkreis.core.models import AuditEvent
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import (
    FeeTierFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def _group_queries(client, url):
    """The page and how many of its queries read group data."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = [q["sql"] for q in queries if '"groups_balintgroup"' in q["sql"]]
    return response.content.decode(), len(reads)


def _cached(client, url):
    """Open ``url`` as a browser does; the next load must come from the cache.
    (The first answer of a visit sets the CSRF cookie, so its page, whose
    forms carry a token of that cookie, is not the one kept.)"""
    client.get(url)
    first, _reads = _group_queries(client, url)
    second, reads = _group_queries(client, url)
    assert reads == 0, "the page was rendered again"
    assert second == first
    return second


@pytest.fixture
def catalogue_url():
    return reverse("groups:catalogue")


def test_second_load_comes_from_the_cache(member_client, group):
    page = _cached(member_client, reverse("groups:detail", args=[group.slug]))
    assert group.title in page


def test_a_change_of_places_shows_at_once(member_client, group, catalogue_url):
    assert "11 freie Plätze" in _cached(member_client, catalogue_url)
    MembershipFactory(group=group)  # somebody else joins
    page, reads = _group_queries(member_client, catalogue_url)
    assert reads > 0
    assert "10 freie Plätze" in page
    assert "11 freie Plätze" not in page


def test_a_change_of_fee_shows_at_once(member_client, group):
    url = reverse("groups:detail", args=[group.slug])
    tier = FeeTierFactory(price_per_session="45.00")
    BalintGroup.objects.filter(pk=group.pk).update(fee_schedule=tier.schedule)
    assert "45,00 € je Doppelsitzung" in _cached(member_client, url)
    type(tier).objects.filter(pk=tier.pk).update(price_per_session="52.50")
    page, _reads = _group_queries(member_client, url)
    assert "52,50 € je Doppelsitzung" in page


def test_a_change_of_leader_shows_at_once(member_client, group, catalogue_url):
    assert "Lena Leitung" in _cached(member_client, catalogue_url)
    group.leader = LeaderFactory(first_name="Nora", last_name="Neu")
    group.save()
    page, _reads = _group_queries(member_client, catalogue_url)
    assert "Nora Neu" in page
    assert "Lena Leitung" not in page


def test_a_renamed_leader_shows_at_once(member_client, group, leader):
    url = reverse("groups:detail", args=[group.slug])
    assert "Lena Leitung" in _cached(member_client, url)
    type(leader).objects.filter(pk=leader.pk).update(last_name="Lindner")
    page, _reads = _group_queries(member_client, url)
    assert "Lena Lindner" in page


def test_the_home_follows_the_person_own_row(member_client, member):
    url = reverse("accounts:dashboard")
    assert "Moritz" in _cached(member_client, url)
    # The person's own row is read before the view (by the log-in), so the
    # page's key, not a table version, has to follow it.
    member.first_name = "Maximilian"
    member.save(update_fields=["first_name"])
    assert "Maximilian" in member_client.get(url).content.decode()


def test_people_never_see_each_other_pages(member_client, leader_client, group):
    url = reverse("accounts:dashboard")
    _cached(member_client, url)
    page = leader_client.get(url).content.decode()
    assert "Lena" in page
    assert "Moritz Mitglied" not in page.split("<main")[0]


def test_pending_messages_are_shown_not_cached(member_client, member, group):
    url = reverse("groups:detail", args=[group.slug])
    _cached(member_client, url)
    # A form stored a message and redirected here: the message shows, once.
    member_client.cookies["messages"] = CookieStorage(HttpRequest())._encode(
        [Message(messages.SUCCESS, "Ihre Nachricht wurde gesendet.")]
    )
    assert "Ihre Nachricht wurde gesendet." in member_client.get(url).content.decode()
    assert "Ihre Nachricht wurde gesendet." not in (
        member_client.get(url).content.decode()
    )


def test_every_minute_renders_again(member_client, group, time_machine):
    url = reverse("groups:detail", args=[group.slug])
    time_machine.move_to(datetime.datetime(2026, 12, 2, 10, 0, 5), tick=False)
    _cached(member_client, url)
    time_machine.move_to(datetime.datetime(2026, 12, 2, 10, 1, 0), tick=False)
    _page, reads = _group_queries(member_client, url)
    assert reads > 0


def _rendered_every_time(client, group, monkeypatch, side_effect):
    """Whether the group page is rendered again on each load while
    ``side_effect(group)`` runs during its rendering."""
    from balintkreis.groups import fees

    fee_for = fees.fee_for

    def fee_for_with_side_effect(shown):
        side_effect(shown)
        return fee_for(shown)

    monkeypatch.setattr(fees, "fee_for", fee_for_with_side_effect)
    url = reverse("groups:detail", args=[group.slug])
    client.get(url)
    client.get(url)
    _page, reads = _group_queries(client, url)
    return reads > 0


def test_a_render_that_writes_is_not_cached(member_client, group, monkeypatch):
    """A page whose rendering changed data is rendered again each time."""

    def write(shown):
        BalintGroup.objects.filter(pk=shown.pk).update(description="gezählt")

    assert _rendered_every_time(member_client, group, monkeypatch, write)


def test_every_read_of_a_cached_page_is_audited(member_client, group, monkeypatch):
    """Sensitive reads are logged on every read: a page whose rendering
    wrote audit events is kept, and each load from the cache writes them
    again."""
    from balintkreis.groups import fees

    fee_for = fees.fee_for

    def audited_fee_for(shown):
        audit.record(None, "test.read", shown, data={"n": 1})
        return fee_for(shown)

    monkeypatch.setattr(fees, "fee_for", audited_fee_for)
    url = reverse("groups:detail", args=[group.slug])
    before = AuditEvent.objects.count()
    _cached(member_client, url)  # three loads, the last from the cache
    assert AuditEvent.objects.count() == before + 3
    latest = AuditEvent.objects.latest("pk")
    assert (latest.action, latest.object_id, latest.data) == (
        "test.read",
        str(group.pk),
        {"n": 1},
    )


def test_evicted_versions_are_not_trusted(member_client, group):
    url = reverse("groups:detail", args=[group.slug])
    _cached(member_client, url)
    personalpages._versions_cache().clear()
    _page, reads = _group_queries(member_client, url)
    assert reads > 0


def test_switched_off(member_client, group, settings):
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    url = reverse("groups:detail", args=[group.slug])
    _group_queries(member_client, url)
    _page, reads = _group_queries(member_client, url)
    assert reads > 0


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="needs a concurrent writer (PostgreSQL, make test-postgres)",
)
@pytest.mark.django_db(transaction=True)
def test_a_page_read_during_an_open_transaction_is_dropped_at_commit(
    member_client, group, catalogue_url
):
    """Another process changes places in a transaction; a page rendered
    before its commit (old places) must not be served after the commit."""
    assert "11 freie Plätze" in _cached(member_client, catalogue_url)
    in_transaction = threading.Event()
    rendered = threading.Event()

    def writer():
        try:
            with transaction.atomic():
                MembershipFactory(group=BalintGroup.objects.get(pk=group.pk))
                in_transaction.set()
                rendered.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    # Render again while the write is open but not committed: the cache
    # holds the old page with the current versions.
    personalpages.bump(["groups_balintgroup"])
    thread.start()
    assert in_transaction.wait(10)
    page, reads = _group_queries(member_client, catalogue_url)
    rendered.set()
    thread.join(10)
    assert reads > 0
    assert "11 freie Plätze" in page
    assert "10 freie Plätze" in member_client.get(catalogue_url).content.decode()


def test_writes_name_their_tables():
    assert personalpages._written_tables(
        'UPDATE "groups_balintgroup" SET "capacity" = 10 WHERE "id" = 1'
    ) == {"groups_balintgroup"}
    assert personalpages._written_tables(
        'INSERT INTO "groups_membership" ("group_id") VALUES (1)'
    ) == {"groups_membership"}
    assert personalpages._written_tables(
        'DELETE FROM "meetings_attendance" WHERE "id" IN (SELECT 1)'
    ) == {"meetings_attendance"}
    # Raw SQL of another shape: every table it names.
    assert personalpages._written_tables(
        "TRUNCATE groups_membership, meetings_attendance"
    ) == {"groups_membership", "meetings_attendance"}
    # Volatile tables get no versions.
    assert personalpages._written_tables('UPDATE "online_presence" SET x = 1') == set()


def test_a_migration_gives_every_table_a_new_version():
    tracked, _volatile = personalpages._tables()
    keys = [personalpages.VERSION_PREFIX + table for table in tracked]
    personalpages.bump_all()
    before = personalpages._versions_cache().get_many(keys)
    personalpages.after_migrate()
    after = personalpages._versions_cache().get_many(keys)
    assert set(before) == set(after) == set(keys)
    assert all(before[key] != after[key] for key in keys)


def test_somebody_else_with_the_same_page_gets_their_own(group, client):
    other = UserFactory(first_name="Olga", last_name="Other")
    MembershipFactory(group=group, user=other)
    client.force_login(other)
    url = reverse("accounts:dashboard")
    assert "Olga" in client.get(url).content.decode()


def test_a_page_that_reads_a_volatile_table_is_not_cached(
    member_client, group, monkeypatch
):
    """Presence rows change with every heartbeat and have no version: a page
    that shows from them is rendered every time."""
    from balintkreis.online.models import Presence

    def read_presence(shown):
        Presence.objects.filter(meeting__group=shown).count()

    assert _rendered_every_time(member_client, group, monkeypatch, read_presence)


def test_unread_feedback_on_the_leader_home_follows_the_audit_log(
    leader_client, leader, group, member
):
    """The leader's home finds feedback not yet opened in the audit log:
    opening it (an audit event) shows on the kept home at once."""
    from balintkreis.feedback import presenter
    from balintkreis.meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory(
        group=group, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    feedback = presenter.request_feedback(meeting, presenter=member, by=leader)
    presenter.submit(
        feedback,
        held_by_group=4,
        held_by_leadership=4,
        what_helped="",
        what_was_hard="",
    )
    link = reverse("feedback:meeting", args=[meeting.pk])
    url = reverse("accounts:dashboard")
    leader_client.get(url)
    assert link in leader_client.get(url).text
    with CaptureQueriesContext(connection) as queries:
        assert link in leader_client.get(url).text
    assert not any('"feedback_presenterfeedback"' in q["sql"] for q in queries)

    presenter.read_for_leader(meeting, reader=leader)
    assert link not in leader_client.get(url).text


def test_the_view_headers_come_with_the_cached_page(member):
    calls = []

    @personalpages.cache_per_person
    def view(request):
        calls.append(1)
        response = HttpResponse(", ".join(g.title for g in BalintGroup.objects.all()))
        response["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups"
        return response

    request = RequestFactory().get("/online/sitzungen/1/")
    request.user = member
    first = view(request)
    second = view(request)
    assert len(calls) == 1
    assert second.content == first.content
    assert second["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
    assert second["Content-Type"] == first["Content-Type"]


def test_versions_in_files_without_redis(member_client, group, settings, tmp_path):
    """Without Redis (make run on SQLite) the versions are files under var/."""
    settings.CACHES = {
        **settings.CACHES,
        "pageversions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    url = reverse("groups:catalogue")
    assert "11 freie Plätze" in _cached(member_client, url)
    assert list(tmp_path.iterdir())
    MembershipFactory(group=group)
    assert "10 freie Plätze" in member_client.get(url).text
