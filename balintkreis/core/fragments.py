"""Rendered template fragments shared by everybody who sees the same data.

A fragment (for example a group card of the catalogue) is rendered once and
kept in this process's memory under a key made of

- the sources of its templates (a deploy with a changed card is a new key),
- the active language,
- every value it shows (``fingerprint(*values)``).

So the key *is* the fragment's version: a change of places, fee, leader or any
other shown value is a new key and shows at once, whoever made the change and
however (rule, admin, a membership that starts today). Nothing needs to be
invalidated, and nothing personal may be put into a fragment — only what the
same data shows to everybody.

The fragments live in the ``fragments`` cache (local memory of each worker:
no round trip, no query); old keys simply age out of its LRU.
"""

import functools
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import caches
from django.db.models import Model
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

CACHE = "fragments"
TIMEOUT = 24 * 3600


def fingerprint(*values: Any) -> str:
    """A stable digest of ``values`` (the same in every process)."""
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def model_values(instance: Model | None) -> tuple:
    """Every concrete field value and annotation of a loaded model instance
    (what a template may show of it), in a stable order."""
    if instance is None:
        return ()
    return tuple(
        sorted(
            (name, value)
            for name, value in vars(instance).items()
            if not name.startswith("_")
        )
    )


@functools.lru_cache(maxsize=64)
def _templates_digest(names: tuple[str, ...]) -> str:
    sources = [get_template(name).template.source for name in names]  # type: ignore[attr-defined]
    return fingerprint(*sources)


def render_many(
    template_name: str,
    items: Sequence[tuple[tuple, dict[str, Any]]],
    *,
    includes: Iterable[str] = (),
) -> list[SafeString]:
    """Render ``template_name`` for each ``(values, context)`` of ``items``,
    reusing fragments rendered before for the same values. ``values`` must
    hold everything the context shows; ``includes`` names the templates the
    fragment includes (their sources are part of the key)."""
    template = get_template(template_name)
    digest = _templates_digest((template_name, *includes))
    language = translation.get_language()
    keys = [f"{digest}:{language}:{fingerprint(*values)}" for values, _context in items]
    cache = caches[CACHE]
    found = cache.get_many(keys)
    rendered = []
    new = {}
    for key, (_values, context) in zip(keys, items, strict=True):
        html = found.get(key)
        if html is None:
            html = new[key] = str(template.render(context))
        rendered.append(mark_safe(html))  # noqa: S308 - rendered by our template
    if new:
        cache.set_many(new, TIMEOUT)
    return rendered
