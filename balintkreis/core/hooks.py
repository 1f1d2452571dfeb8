"""How an app contributes to what spans apps (docs/architecture.md).

An app declares a hook as an attribute or method of its ``AppConfig``; the
layer that needs the contributions (``balintkreis/site`` for pages, core for
personal data) collects them here, in the order of ``INSTALLED_APPS``, which
follows the layers (tests/test_architecture.py checks that). Nothing in core
names a domain app.

Hooks in use:

- ``personal_data`` (module, set in ``ready()``): ``export``, ``erase``,
  ``purge_expired`` (core/personal_data.py);
- ``demo`` (callable ``load(*, stdout)``, set in ``ready()``): the app's demo
  data (the site layer's ``demo`` command);
- ``main_navigation(user) -> list[Link]``: entries of the header navigation;
- ``footer_links(user) -> list[Link]``: entries of the footer. These two are
  the site's frame on every page, so ``frame_links`` keeps their result per
  process, per language, URL configuration and *role flags*
  (``ROLE_FLAGS``): they may depend on those flags of the person only, never
  on a query (tested in ``site/tests/test_frame_links.py``);
- ``group_tabs(group, user, access) -> list[Link]``: a group's tab bar;
- ``meeting_links(meeting, user, access) -> list[Link]``: buttons on a
  meeting's page (``primary`` for everybody who sees the meeting, the others
  in the leaders' actions);
- ``group_dates(group, user, access) -> list[Link]``: a group's next dates
  and where to see them all;
- ``group_dates_many(groups, user, accesses) -> dict[group id, list[Link]]``:
  the same for several groups at once, in a fixed number of queries
  ("Meine Gruppen", issue 17); ``accesses`` maps group id to ``GroupAccess``;
- ``field_key_samples() -> dict[label, list[token]]`` and
  ``rotate_field_key() -> dict[label, rows]``: values an app encrypts with
  the field key outside an ``EncryptedTextField`` (allauth's MFA secrets), for
  the start-up check and ``manage.py rotate_field_key``;
- ``staff_duties(user) -> bool``: the app gives the person duties that need a
  second factor (accounts.permissions.has_staff_duties);
- ``offer_notes(group, user, entry_on) -> list[Link]``: lines shown on a
  waiting-list offer before the person accepts (billing: what will be
  invoiced and where the invoice goes; ``url`` may be empty; the
  groups app's own fee box already says when the fee is agreed individually);
- ``invoice_links(user, invoice) -> list[Link]``: links an app above billing
  adds to an invoice's page (``invoice``) or to the person's invoice list
  (``invoice`` None); payments: record a payment, pay and direct debit;
- ``invoice_states(invoices) -> dict[pk, str]``: labels for invoices'
  states beyond billing's own (billing/status.py; the payments app);
- ``scheduled_jobs() -> list[ScheduledJob]``: the app's periodic jobs (job
  id, cron fields, task path), collected by ``notifications/jobs.py`` into
  ``notifications.jobs.collected()`` and run by ``manage.py scheduler``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation


@dataclass(frozen=True)
class Link:
    """One entry of a navigation, tab bar or button row."""

    label: str
    url: str
    # Entries are shown by ascending order, whichever app contributes them.
    order: int = 100
    primary: bool = False


@dataclass(frozen=True)
class ScheduledJob:
    """One periodic job: the scheduler enqueues ``task`` at the cron time."""

    id: str
    # Dotted path of a django.tasks task (enqueued, run by the db_worker).
    task: str
    minute: str = "*"
    hour: str = "*"
    day: str = "*"
    month: str = "*"
    day_of_week: str = "*"

    @property
    def crontab(self) -> str:
        return " ".join(
            (self.minute, self.hour, self.day, self.month, self.day_of_week)
        )


def app_configs_with(hook: str) -> Iterator[AppConfig]:
    """The installed apps that declare ``hook``, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if getattr(config, hook, None) is not None:
            yield config


def contributions(hook: str) -> Iterator[tuple[AppConfig, Any]]:
    """(app, its ``hook``) for every app that declares it, in INSTALLED_APPS
    order. A hook's type depends on its name (see above), so it is ``Any``."""
    for config in app_configs_with(hook):
        yield config, getattr(config, hook)


def links_by_key(hook: str, *args: Any) -> dict[Any, list[Link]]:
    """Every app's ``hook(*args)`` entries per key (e.g. group id), each list
    in display order."""
    found: dict[Any, list[Link]] = {}
    for _config, contribute in contributions(hook):
        for key, entries in contribute(*args).items():
            found.setdefault(key, []).extend(entries)
    return {key: sorted(v, key=lambda link: link.order) for key, v in found.items()}


def links(hook: str, *args: Any) -> list[Link]:
    """Every app's ``hook(*args)`` entries, in display order."""
    found: list[Link] = []
    for _config, contribute in contributions(hook):
        found.extend(contribute(*args))
    return sorted(found, key=lambda link: link.order)


# What the frame's hooks (``main_navigation``, ``footer_links``) may depend
# on: these flags of the person, the language and the URL configuration.
ROLE_FLAGS = ("is_authenticated", "is_secretariat", "is_staff", "is_superuser")
FRAME_HOOKS = frozenset({"main_navigation", "footer_links"})
_frame_cache: dict[tuple[Any, ...], tuple[Link, ...]] = {}


def frame_key(hook: str, user: Any) -> tuple[Any, ...]:
    """The cache key of a frame hook's links for ``user``."""
    return (
        hook,
        translation.get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        *(bool(getattr(user, flag, False)) for flag in ROLE_FLAGS),
    )


def frame_links(hook: str, user: Any) -> tuple[Link, ...]:
    """``links(hook, user)`` of a frame hook, computed once per process for
    every combination of ``frame_key`` (a handful): the navigation and footer
    of every page without asking every app again (issue 17). Links are
    frozen, so sharing them is safe."""
    assert hook in FRAME_HOOKS, hook
    key = frame_key(hook, user)
    found = _frame_cache.get(key)
    if found is None:
        if len(_frame_cache) > 512:  # bounded, whatever comes
            _frame_cache.clear()
        found = _frame_cache[key] = tuple(links(hook, user))
    return found


@receiver(setting_changed)
def clear_frame_cache(**_kwargs: Any) -> None:
    """Forget the frame links (tests that change settings, apps or URLs)."""
    _frame_cache.clear()
