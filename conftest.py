"""The fixed cast of the test suite (STYLE.md section 11).

participant: logged in, no group; member: active member of a group led by
leader; leader: leads that group; secretariat: the institute's staff;
mentor: a leader who mentors; outsider: logged in, unrelated to everything.
"""

import pytest
from django.test import Client

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory


@pytest.fixture(autouse=True)
def _fast_and_german(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "de"
    # Whole-page caching is tested on its own (core/tests/test_pagecache.py).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _query_counts_with_database_sessions(request, settings):
    # The query budgets count the session as one query. With Redis
    # (make test-postgres) sessions are cached_db and read from Redis; the
    # tests that count queries read them from the database as without Redis.
    if {"django_assert_num_queries", "django_assert_max_num_queries"} & set(
        request.fixturenames
    ):
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def _staff_protections_tested_on_their_own(settings):
    # The cast logs in with force_login and has no authenticator app; with the
    # requirement on, every staff page would answer with the TOTP set-up.
    # tests/attacks/test_staff_second_factor.py and
    # accounts/tests/test_two_factor.py switch it on.
    settings.MFA_REQUIRED_FOR_STAFF = False
    # Many tests travel in time with a logged-in leader; staff sessions would
    # end on the way. tests/attacks/test_staff_session_expiry.py sets the
    # real limits.
    settings.STAFF_SESSION_IDLE_MINUTES = 100 * 365 * 24 * 60
    settings.STAFF_SESSION_MAX_HOURS = 100 * 365 * 24


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def participant(db):
    return UserFactory(first_name="Paula", last_name="Teilnehmerin")


@pytest.fixture
def leader(db):
    return LeaderFactory(first_name="Lena", last_name="Leitung")


@pytest.fixture
def group(leader):
    return BalintGroupFactory(leader=leader, title="Balintgruppe Jena Mitte")


@pytest.fixture
def member(group):
    user = UserFactory(first_name="Moritz", last_name="Mitglied")
    MembershipFactory(group=group, user=user)
    return user


@pytest.fixture
def secretariat(db):
    return UserFactory(first_name="Sina", last_name="Sekretariat", is_secretariat=True)


@pytest.fixture
def mentor(db):
    return LeaderFactory(first_name="Martha", last_name="Mentorin")


@pytest.fixture
def outsider(db):
    return UserFactory(first_name="Otto", last_name="Außenstehend")


@pytest.fixture
def participant_client(participant):
    return _client_for(participant)


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def leader_client(leader):
    return _client_for(leader)


@pytest.fixture
def secretariat_client(secretariat):
    return _client_for(secretariat)


@pytest.fixture
def mentor_client(mentor):
    return _client_for(mentor)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # Tasks run at once in tests; the database worker is tested on its own.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    # Rate-limit counters live in the cache (Redis under make test-postgres).
    yield
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_db:
        from django.core.cache import cache

        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's set-up; on PostgreSQL, end stray sessions before the
    test database is dropped.

    After the transactional attack tests and the live-server browser tests
    ran in one session, one idle connection (last statement ROLLBACK, from a
    server thread) was still open at the end and DROP DATABASE failed, which
    the suite reports as an error although every test passed. Closing what
    is left here keeps that teardown honest without hiding a test failure.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()
