"""The screenshot script runs (docs/screenshots.md): every expected file is
written and has a plausible size. Pixels are not compared."""

import io
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command

from scripts import screenshots


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="SCREENSHOTS SKIPPED: pdftoppm missing (apt-get install -y poppler-utils)",
)
@pytest.mark.django_db(transaction=True)
def test_screenshot_script_writes_every_expected_file(live_server, tmp_path):
    call_command("demo", stdout=io.StringIO())
    # Its own thread: the script runs Playwright's sync API, which refuses a
    # thread where another browser test's Playwright loop is already running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        written = pool.submit(screenshots.take, live_server.url, tmp_path).result()
    expected = {
        f"{shot.name}-{width}.png"
        for shot in screenshots.plan()
        for width in screenshots.WIDTHS
    } | {"certificate.png"}
    assert {path.name for path in written} == expected
    for name in expected:
        size = (tmp_path / name).stat().st_size
        # An empty or broken page is a few kB; a page with text is more.
        assert 8_000 < size < 2_000_000, (name, size)
