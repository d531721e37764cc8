"""End to end in real headless Chromium: submit the bundled example, read the report page.

Debian's ``chromium`` driven by Playwright for Python (never a downloaded browser build);
the app runs under uvicorn in a background thread on a free loopback port. Skipped only
when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "example-page.txt"
FALLBACK = ROOT.parent / "shared" / "examples" / "venezuela-page.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(settings, tmp_path):
    """The real app under uvicorn on 127.0.0.1:<free port>, in a daemon thread."""
    import uvicorn

    from newsaudit.web import create_app

    port = _free_port()
    app = create_app(settings, tmp_path / "browser.duckdb", False)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def example(tmp_path) -> Path:
    """The bundled example; the Venezuela page (copied to tmp_path only) if it is not there yet."""
    if EXAMPLE.exists():
        return EXAMPLE
    if not FALLBACK.exists():
        pytest.skip("neither examples/example-page.txt nor ../shared/examples/venezuela-page.txt is present")
    return Path(shutil.copy(FALLBACK, tmp_path / FALLBACK.name))


def test_submitting_the_example_shows_roster_quote_marks_and_stance_chart(server, example, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.goto(server + "/")
            page.set_input_files("input#file", str(example))
            page.click("button#submit")
            page.wait_for_url("**/report/*", timeout=180_000)

            roster = page.locator("table.roster tbody tr")
            assert roster.count() >= 1
            first_name = roster.first.locator("td.name").inner_text().strip()
            assert first_name

            mark = page.locator("div.article-text mark.quote").first
            mark.scroll_into_view_if_needed()
            assert mark.is_visible()
            assert "speaker:" in (mark.get_attribute("title") or "")

            chart = page.locator("svg.stance-chart")
            assert chart.is_visible()
            assert chart.locator("g.bar").count() == 4
            box = chart.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50

            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert (tmp_path / "report.png").stat().st_size > 10_000
            assert errors == [], errors  # nothing blocked by the CSP, no script error
        finally:
            browser.close()
