"""Whole-page cache for logged-in people, invalidated by the data it was built from.

A page marked ``@cache_per_person`` is kept per person (user id and a digest of
the person's own row), language, CSRF secret, path and minute. While the view
renders, a database execute wrapper records every table the page reads, and
the entry stores the *version* of each of those tables as it was when
rendering began. Every statement that writes a table — from any process: web
worker, task worker, admin, shell — gives that table a new version once its
transaction commits. A cached page is served only while all of its tables
still have the versions it was built on, so a change of places, fee, leader
or attendance shows at once, and no rule has to remember to invalidate it.

Nothing is cached that could be wrong for the next request:

- only GET answers with status 200 that set no cookie;
- not while messages are waiting to be shown (they are shown once);
- not when rendering wrote to the database — except audit events
  (core/audit.py): a sensitive read is logged on every read, so a page kept
  with its audit events writes them again each time it is served;
- not when rendering read a *volatile* table: one written too often to give it
  versions (``PERSONAL_PAGE_VOLATILE_TABLES``: presence beats, task rows);
- nothing older than the minute: pages that say "today", "now" or "in 10
  minutes" are rendered again every minute.

Writes that bypass Django (psql, a restored backup) must be followed by
``manage.py bump_page_versions`` (docs/deployment.md); ``migrate`` does it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from balintkreis.core import fragments

VERSION_PREFIX = "pagever:"
ENTRY_PREFIX = "personalpage:"
ANY_TABLE = VERSION_PREFIX + "*"

# Reads of these tables do not make a page depend on them, and writes to them
# give no new version: the sessions (read by the middleware before any view,
# and never shown). A database cache's table is no model's table, so it is
# ignored as well.
IGNORED_TABLES = frozenset({"django_session"})

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)
    \s+["`]?(\w+)["`]?""",
    re.IGNORECASE | re.VERBOSE,
)
_WRITE_ANYWHERE = re.compile(r"\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b(\w+)\b")
_QUOTED = re.compile(r'"(\w+)"')
_PASSIVE = (
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "PRAGMA",
    "SET ",
    "SHOW",
)


class _State(threading.local):
    reading: set[str] | None = None
    wrote: bool = False
    volatile: bool = False
    audits: list[dict[str, Any]] = []  # noqa: RUF012 (set per render)
    auditing: bool = False


_state = _State()


@functools.cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    """(every table of the project's models, the volatile ones)."""
    tables = {
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
    }
    volatile = frozenset(settings.PERSONAL_PAGE_VOLATILE_TABLES)
    return frozenset(tables - IGNORED_TABLES - volatile), volatile


@functools.cache
def release() -> str:
    """What the code and the configuration are: a deploy or a changed
    setting starts with empty pages (every source file's size and time, and
    the environment the settings are read from)."""
    root = Path(__file__).resolve().parent.parent
    files = sorted(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for pattern in ("**/*.py", "**/*.html", "**/*.mo")
        for path in root.glob(pattern)
    )
    return fragments.fingerprint(files, sorted(os.environ.items()))


def _versions_cache() -> BaseCache:
    return caches["pageversions"]


def _pages_cache() -> BaseCache:
    return caches["default"]


def _new_version() -> int:
    return secrets.randbits(62)


def bump(tables: Iterable[str]) -> None:
    """Give ``tables`` new versions: every page built from them is stale."""
    tables = set(tables)
    if not tables:
        return
    versions = {VERSION_PREFIX + table: _new_version() for table in tables}
    # Last: while it has not changed, no table has (one read on most hits).
    versions[ANY_TABLE] = _new_version()
    _versions_cache().set_many(versions, timeout=None)


def bump_all() -> None:
    tracked, _volatile = _tables()
    bump(tracked)


def after_migrate(**_kwargs: Any) -> None:
    """``post_migrate``: a migration may have changed any table."""
    _tables.cache_clear()
    bump_all()


def _written_tables(sql: str) -> set[str]:
    tracked, _volatile = _tables()  # tracked tables are never volatile
    match = _WRITE.match(sql)
    # Anything else that may write (DDL, raw SQL): every table it names.
    names = {match.group(1)} if match else set(_IDENTIFIER.findall(sql))
    return names & tracked


def _note_write(connection: BaseDatabaseWrapper, tables: set[str]) -> None:
    if not connection.in_atomic_block or any(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    ):
        # Committed already (autocommit), or in a test whose transaction
        # stands for committed data.
        bump(tables)
        return
    pending: set[str] = connection.__dict__.setdefault("_pagecache_pending", set())
    pending |= tables
    hook = connection.__dict__.get("_pagecache_hook")
    if hook is None or not any(entry[1] is hook for entry in connection.run_on_commit):

        def hook() -> None:
            tables = set(pending)
            pending.clear()
            bump(tables)

        connection.__dict__["_pagecache_hook"] = hook
        transaction.on_commit(hook, using=connection.alias)


def _is_read(sql: str) -> bool:
    head = sql.lstrip()[:6].upper()
    return head == "SELECT" or (
        head.startswith("WITH") and not _WRITE_ANYWHERE.search(sql)
    )


def execute_wrapper(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict
) -> Any:
    if _is_read(sql):
        reading = _state.reading
        if reading is not None:
            tracked, volatile = _tables()
            names = set(_QUOTED.findall(sql))
            if names & volatile:
                _state.volatile = True
            reading |= names & tracked
        return execute(sql, params, many, context)
    if sql.lstrip()[:9].upper().startswith(_PASSIVE):
        return execute(sql, params, many, context)
    result = execute(sql, params, many, context)
    tables = _written_tables(sql)
    if tables:
        if _state.reading is not None and not _state.auditing:
            _state.wrote = True
        _note_write(context["connection"], tables)
    return result


@contextlib.contextmanager
def audited(fields: dict[str, Any]) -> Iterator[None]:
    """Around the write of an audit event (core/audit.py): a page whose only
    write is audit events is kept, and served with the same events written
    again."""
    if _state.reading is None:
        yield
        return
    _state.audits.append(fields)
    _state.auditing = True
    try:
        yield
    finally:
        _state.auditing = False


def install(connection: BaseDatabaseWrapper, **_kwargs: Any) -> None:
    """``connection_created`` receiver: every connection tracks reads and writes."""
    if execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(execute_wrapper)


def _person_digest(request: HttpRequest) -> str:
    user = cast(AbstractBaseUser, request.user)
    row = tuple(getattr(user, field.attname) for field in user._meta.concrete_fields)
    return fragments.fingerprint(
        row,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        translation.get_language(),
        timezone.now().strftime("%Y%m%d%H%M"),
        request.get_full_path(),
        release(),
    )


def _servable(request: HttpRequest) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        bool(settings.PERSONAL_PAGE_CACHE_SECONDS)
        and request.method == "GET"
        and request.user.is_authenticated
        and not (messages is not None and len(messages))
    )


def cache_per_person(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view``'s page from the per-person cache while it is fresh."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _servable(request) or _state.reading is not None:
            return view(request, *args, **kwargs)
        key = f"{ENTRY_PREFIX}{request.user.pk}:{_person_digest(request)}"
        entry = _pages_cache().get(key)
        if entry is not None:
            versions, headers, content, audits = entry
            if _fresh(versions):
                if audits:
                    from balintkreis.core import audit

                    for fields in audits:
                        audit.replay(fields)
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                return response
        return _render_and_keep(view, request, args, kwargs, key)

    return wrapper


def _fresh(versions: dict[str, int]) -> bool:
    """Whether the tables still have ``versions``: the same version of "any
    table" says so in one read, else each table is compared."""
    cache = _versions_cache()
    if cache.get(ANY_TABLE) == versions[ANY_TABLE]:
        return True
    tables = [key for key in versions if key != ANY_TABLE]
    return cache.get_many(tables) == {key: versions[key] for key in tables}


def _new_csrf_secret(request: HttpRequest) -> bool:
    """Whether the page holds a CSRF token of a secret the browser has not
    got yet (its cookie is set by this very answer)."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) and request.META.get(
        "CSRF_COOKIE"
    ) != request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _render_and_keep(
    view: Callable[..., HttpResponse],
    request: HttpRequest,
    args: tuple,
    kwargs: dict[str, Any],
    key: str,
) -> HttpResponse:
    tracked, _volatile = _tables()
    wanted = [VERSION_PREFIX + t for t in tracked] + [ANY_TABLE]
    before = _versions_cache().get_many(wanted)
    if len(before) < len(wanted):
        # Tables without a version yet (new, or evicted) get one now, before
        # anything is read: like a write that happened before this render.
        missing = {key: _new_version() for key in wanted if key not in before}
        _versions_cache().set_many(missing, timeout=None)
        before = _versions_cache().get_many(wanted)
    _state.reading, _state.wrote, _state.volatile = set(), False, False
    _state.audits = []
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response = response.render()
        read = _state.reading
        keep = not (_state.wrote or _state.volatile)
        audits = _state.audits
    finally:
        _state.reading = None
    if (
        keep
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and _servable(request)
        and not _new_csrf_secret(request)
    ):
        versions = {VERSION_PREFIX + t: before.get(VERSION_PREFIX + t) for t in read}
        versions[ANY_TABLE] = before.get(ANY_TABLE)
        if None not in versions.values():
            _pages_cache().set(
                key,
                (versions, list(response.items()), response.content, audits),
                timeout=settings.PERSONAL_PAGE_CACHE_SECONDS,
            )
    return response
