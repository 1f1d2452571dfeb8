"""Imports follow the layers of docs/architecture.md (issue 14 item 7).

Walks every module of ``balintkreis/`` (imports at the top and inside
functions, and strings such as ``import_module("balintkreis.x")``) and every
template (``{% url 'app:name' %}``), and fails when an app reaches an app it
may not import. Tests are not walked: a test may build a world from any app.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "balintkreis"

# Each app and the apps it may import (directly; the table is closed under
# "builds on", so a layer lists everything below it).
BELOW_ACCOUNTS = {"core", "notifications", "accounts"}
BELOW_MEETINGS = BELOW_ACCOUNTS | {"groups", "meetings"}
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "notifications": {"core"},
    "accounts": {"core", "notifications"},
    "groups": BELOW_ACCOUNTS,
    "meetings": BELOW_ACCOUNTS | {"groups"},
    "online": BELOW_MEETINGS,
    "feedback": BELOW_MEETINGS,
    "cme": BELOW_MEETINGS,
    "mentoring": BELOW_ACCOUNTS,
    "billing": BELOW_MEETINGS | {"mentoring"},
    "payments": BELOW_MEETINGS | {"online", "feedback", "cme", "mentoring", "billing"},
    "record": BELOW_MEETINGS | {"cme"},
    "adviser": BELOW_MEETINGS | {"cme", "record"},
    "site": {
        "core",
        "notifications",
        "accounts",
        "groups",
        "meetings",
        "online",
        "feedback",
        "cme",
        "mentoring",
        "billing",
        "payments",
        "record",
        "adviser",
    },
}
# settings.py, urls.py, wsgi.py, asgi.py compose everything.
CONFIGURATION = "configuration"

# Imports against the layers that stay until the issue item that removes them.
ALLOWED_EXCEPTIONS: set[tuple[str, str]] = set()

# URL names that belong to no app of ours, or to the app that wraps them.
EXTERNAL_URL_NAMESPACES = {"admin"}
UNNAMESPACED_URL_OWNER = "accounts"  # allauth's account_*, mfa_* pages

URL_TAG = re.compile(r"""{%\s*url\s+['"]([^'"]+)['"]""")


def _app_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else CONFIGURATION


def _python_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts
    ]


def imported_modules(source: str) -> list[str]:
    """Every ``balintkreis.*`` module a module names: import statements at any
    depth (inside functions too) and dotted strings (``import_module``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
            if node.module == "balintkreis":  # from balintkreis import groups
                found += [f"balintkreis.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += re.findall(r"\bbalintkreis\.[a-z_]+(?:\.[a-z_]+)*", node.value)
    return [name for name in found if name.startswith("balintkreis.")]


def _target_app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in MAY_IMPORT else None


def import_violations() -> tuple[list[str], set[tuple[str, str]]]:
    wrong, excused = [], set()
    for path in _python_files():
        source_app = _app_of(path)
        if source_app == CONFIGURATION:
            continue
        relative = str(path.relative_to(ROOT))
        for module in imported_modules(path.read_text()):
            target = _target_app(module)
            if target in (None, source_app) or target in MAY_IMPORT[source_app]:
                continue
            if (relative, target) in ALLOWED_EXCEPTIONS:
                excused.add((relative, target))
                continue
            wrong.append(f"{relative}: {source_app} imports {module}")
    return wrong, excused


def template_violations() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.glob("*/templates/**/*")):
        if not path.is_file() or path.suffix not in {".html", ".txt"}:
            continue
        source_app = _app_of(path)
        for name in URL_TAG.findall(path.read_text()):
            namespace = name.split(":")[0] if ":" in name else UNNAMESPACED_URL_OWNER
            if namespace in EXTERNAL_URL_NAMESPACES or namespace == source_app:
                continue
            if namespace not in MAY_IMPORT[source_app]:
                wrong.append(f"{path.relative_to(ROOT)}: {source_app} links {name}")
    return wrong


def test_every_app_has_a_place_in_the_layers():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(MAY_IMPORT)


def test_imports_follow_the_layers():
    wrong, _excused = import_violations()
    assert not wrong, "imports against docs/architecture.md:\n" + "\n".join(wrong)


def test_every_allowed_exception_is_still_needed():
    """When round two removes an exception, its entry must go too."""
    _wrong, excused = import_violations()
    assert excused == ALLOWED_EXCEPTIONS


def test_templates_link_only_to_apps_below():
    wrong = template_violations()
    assert not wrong, "template links against the layers:\n" + "\n".join(wrong)


def test_installed_apps_list_every_layer_after_what_it_builds_on():
    """Hooks are collected in this order (core/hooks.py): the demo builds
    lower layers first, personal data is erased upper layers first."""
    ours = [
        name.split(".")[1]
        for name in settings.INSTALLED_APPS
        if name.startswith("balintkreis.") and name.count(".") == 1
    ]
    assert set(ours) == set(MAY_IMPORT)
    for position, app in enumerate(ours):
        assert MAY_IMPORT[app] <= set(ours[:position]), app


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from balintkreis.groups import access", {"balintkreis.groups"}),
        ("def f():\n    import balintkreis.online.jitsi", {"balintkreis.online"}),
        ("import_module('balintkreis.cme.personal_data')", {"balintkreis.cme"}),
        ("from . import models", set()),
        ("from balintkreis import feedback", {"balintkreis.feedback"}),
    ],
)
def test_the_walk_sees_every_kind_of_import(source, expected):
    found = {".".join(name.split(".")[:2]) for name in imported_modules(source)}
    assert found == expected


def test_the_walk_catches_a_wrong_direction(tmp_path, monkeypatch):
    """An upward import inside a function is found (the test can fail)."""
    fake = tmp_path / "balintkreis"
    (fake / "groups").mkdir(parents=True)
    (fake / "groups" / "rules.py").write_text(
        "def f():\n    from balintkreis.meetings.models import Meeting\n"
    )
    (fake / "core" / "templates").mkdir(parents=True)
    (fake / "core" / "templates" / "x.html").write_text("{% url 'groups:catalogue' %}")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    wrong, _excused = import_violations()
    assert wrong == [
        "balintkreis/groups/rules.py: groups imports balintkreis.meetings.models"
    ]
    assert template_violations() == [
        "balintkreis/core/templates/x.html: core links groups:catalogue"
    ]
