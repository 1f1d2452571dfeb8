"""Screenshots for the docs: `make screenshots` (docs/screenshots.md).

Loads the demo into a fresh temporary database, serves it with gunicorn and
drives Chromium (Playwright, the flags of tests/browser/conftest.py) through
each demo role's home and main pages at 1280 and 390 px; writes PNGs to
docs/screenshots/ (or --out), and a demo certificate rendered with pdftoppm.

``take(base_url, out)`` is the part that needs only a running server with the
demo loaded: tests/browser/test_screenshots.py calls it on pytest's
live_server, so CI proves the script works (files and sizes, not pixels).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTHS = (1280, 390)
HEIGHTS = {1280: 900, 390: 844}
MAX_HEIGHT = 1800


@dataclass(frozen=True)
class Shot:
    name: str  # file name stem, e.g. "member-home"
    role: str  # a key of ROLES, or "" for a visitor
    url: Callable[[], str]  # built when taken (needs the demo data); "" = home


def _roles() -> dict[str, str]:
    from balintkreis.accounts.demo import LOGINS

    emails = [email for _role, email in LOGINS]
    return {
        "secretariat": emails[0],
        "leader": emails[1],
        "member": emails[2],
        "mentor": emails[3],
        "mentee": emails[4],
    }


def _listed_group() -> str:
    from balintkreis.groups.models import BalintGroup

    return BalintGroup.objects.listed().order_by("pk").first().slug


def _group_of(role: str) -> str:
    from balintkreis.groups.models import BalintGroup

    email = _roles()[role]
    groups = BalintGroup.objects.order_by("pk")
    if role == "leader":
        return groups.filter(leader__email=email).first().slug
    return groups.filter(memberships__user__email=email).first().slug


def _last_meeting(role: str) -> tuple[str, int]:
    from django.utils import timezone

    from balintkreis.meetings.models import Meeting

    slug = _group_of(role)
    meeting = (
        Meeting.objects.filter(group__slug=slug, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    return slug, meeting.pk


def plan() -> list[Shot]:
    """Each role's home (the page after log-in) and main pages."""
    from django.urls import reverse

    return [
        Shot("visitor-home", "", lambda: reverse("core:home")),
        Shot("visitor-catalogue", "", lambda: reverse("groups:catalogue")),
        Shot(
            "visitor-group",
            "",
            lambda: reverse("groups:detail", args=[_listed_group()]),
        ),
        Shot("member-home", "member", lambda: ""),
        Shot(
            "member-meetings",
            "member",
            lambda: reverse("meetings:list", args=[_group_of("member")]),
        ),
        Shot("member-certificates", "member", lambda: reverse("cme:my-progress")),
        Shot("leader-home", "leader", lambda: ""),
        Shot(
            "leader-meetings",
            "leader",
            lambda: reverse("meetings:list", args=[_group_of("leader")]),
        ),
        Shot(
            "leader-attendance",
            "leader",
            lambda: reverse("meetings:attendance", args=_last_meeting("leader")),
        ),
        Shot("secretariat-home", "secretariat", lambda: ""),
        Shot("secretariat-today", "secretariat", lambda: reverse("groups:today")),
        Shot("mentor-home", "mentor", lambda: ""),
        Shot("mentor-mentoring", "mentor", lambda: reverse("mentoring:home")),
        Shot("mentee-home", "mentee", lambda: ""),
        # Issue 19: the adviser's answer and the personal record.
        Shot(
            "visitor-adviser",
            "",
            lambda: (
                reverse("adviser:adviser")
                + "?profession=physician&specialty=general&in_training=yes"
                "&goal=psgv&completed=0&mode=both"
            ),
        ),
        Shot("member-record", "member", lambda: reverse("record:overview")),
        # Issue 18: invoices and payments.
        Shot("member-invoices", "member", lambda: reverse("billing:my-invoices")),
        Shot(
            "secretariat-invoices",
            "secretariat",
            lambda: reverse("billing:invoice-list"),
        ),
        Shot(
            "secretariat-payments", "secretariat", lambda: reverse("payments:overview")
        ),
    ]


def _certificate_url() -> str:
    from django.urls import reverse

    from balintkreis.cme.models import Certificate

    certificate = Certificate.objects.filter(user__email=_roles()["member"]).first()
    return reverse("cme:certificate-pdf", args=[certificate.number])


def _log_in(page: Page, email: str) -> None:
    from balintkreis.accounts.demo import PASSWORD

    page.goto("/konto/login/")
    page.get_by_label("E-Mail").first.fill(email)
    page.get_by_label("Passwort").first.fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def take(base_url: str, out: Path, *, widths: tuple[int, ...] = WIDTHS) -> list[Path]:
    """Write ``<shot>-<width>.png`` for every shot and ``certificate.png``."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    out.mkdir(parents=True, exist_ok=True)
    roles = _roles()
    written = []
    shots = plan()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for role in dict.fromkeys(shot.role for shot in shots):
            context = browser.new_context(base_url=base_url, locale="de-DE")
            page = context.new_page()
            page.set_viewport_size({"width": widths[0], "height": HEIGHTS[1280]})
            if role:
                _log_in(page, roles[role])
            home = page.url
            for shot in (s for s in shots if s.role == role):
                page.goto(shot.url() or home)
                for width in widths:
                    page.set_viewport_size(
                        {"width": width, "height": HEIGHTS.get(width, 900)}
                    )
                    path = out / f"{shot.name}-{width}.png"
                    # The whole page, but at most MAX_HEIGHT: the docs show the
                    # top, and tall PNGs weigh megabytes in the repository.
                    height = page.evaluate("document.documentElement.scrollHeight")
                    page.screenshot(
                        path=str(path),
                        full_page=True,
                        clip={
                            "x": 0,
                            "y": 0,
                            "width": width,
                            "height": min(height, MAX_HEIGHT),
                        },
                    )
                    shrink(path)
                    written.append(path)
                page.set_viewport_size({"width": widths[0], "height": HEIGHTS[1280]})
            if role == "member":
                written.append(_certificate(page, out))
            context.close()
        browser.close()
    return written


def shrink(path: Path) -> None:
    """256 colours instead of millions: a third of the bytes, text still sharp
    (the pictures are committed)."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT
        )
    reduced.save(path, optimize=True)


def _certificate(page: Page, out: Path) -> Path:
    """The member's certificate PDF, first page as PNG (pdftoppm, poppler-utils)."""
    pdf = page.request.get(_certificate_url())
    assert pdf.ok, f"certificate: HTTP {pdf.status}"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "certificate.pdf"
        source.write_bytes(pdf.body())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-singlefile",
                source,
                out / "certificate",
            ],
            check=True,
        )
    shrink(out / "certificate.png")
    return out / "certificate.png"


def _environment(var: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BALINTKREIS_VAR_DIR": str(var),
        "DEBUG": "false",
        "STATIC_MANIFEST": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "console:",
        "MFA_REQUIRED_FOR_STAFF": "false",
        "LOG_LEVEL": "WARNING",
        "CME_ORGANISER": "Balintkreis Demo-Institut (fiktiv)",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["demo"],
    ):
        subprocess.run(
            manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "balintkreis.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="bk-screenshots-"))
    env = _environment(var)
    os.environ.update(env)
    server = _serve(env, args.port)
    try:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
        django.setup()
        for path in take(f"http://127.0.0.1:{args.port}", args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
