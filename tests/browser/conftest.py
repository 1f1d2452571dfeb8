"""Playwright in Debian's Chromium against pytest-django's live_server.

Browser tests are marked ``browser``. When /usr/bin/chromium is missing they
are skipped with a loud reason (install it: apt-get install -y chromium).
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(
            reason=f"BROWSER TESTS SKIPPED: Chromium not found at {CHROMIUM} "
            "(apt-get install -y chromium)"
        )
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    """Call ``axe(page)`` on every page visited: fails on WCAG 2.1 AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        from playwright.sync_api import Error as PlaywrightError

        # A click that navigates returns before the new document exists; axe
        # run in between sees no document. Wait for the page, and run again
        # if the navigation replaced the document under axe.
        for attempt in range(3):
            page.wait_for_load_state("load")
            try:
                results = checker.run(
                    page,
                    options={
                        "runOnly": {
                            "type": "tag",
                            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
                        },
                        "resultTypes": ["violations"],
                    },
                )
                break
            except PlaywrightError as error:
                navigating = "documentElement" in str(error) or (
                    "context was destroyed" in str(error)
                )
                if attempt == 2 or not navigating:
                    raise
        violations = results.response["violations"]
        assert not violations, results.generate_report()

    return check


@pytest.fixture
def login(page):
    """Log a user in through the real log-in form."""

    def do_login(user, password="geheim-genug-123"):
        page.goto("/konto/login/")
        page.get_by_label("E-Mail").first.fill(user.email)
        page.get_by_label("Passwort").first.fill(password)
        page.get_by_role("button", name="Anmelden").click()

    return do_login
