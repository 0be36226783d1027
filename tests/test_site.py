"""The built book in a real browser: every page loads offline and every chart draws.

Serves ``_build/html`` on 127.0.0.1 and opens each page in headless Debian Chromium through
Playwright. For every page it checks that

* the page and everything it loads come from 127.0.0.1 (anything else is blocked and fails
  the test), with no failed requests;
* no JavaScript error is raised or logged;
* every ``.callanalysis-vega`` chart container ends up holding an SVG or a canvas.

It also checks that chart tooltips work, saves a full-page screenshot of every page into
``_build/screenshots/`` and records each page's transferred bytes in
``_build/screenshots/page-weights.json``.

Needs ``make book`` first. Without a built site the tests skip, except under CI, where they
fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CHART = ".callanalysis-vega"

# JavaScript errors we tolerate, as substrings of the message. Empty on purpose: the two
# known sources of theme noise are switched off at their cause instead:
#   "Identifier 'THEBE_JS_URL' has already been declared"  -> callanalysis.sphinx_book drops
#       the unused Thebe assets (launch_buttons.thebe is false);
#   "Got invalid theme mode"  -> _config.yml sets html_context.default_mode: light.
ALLOWED_JS_ERRORS: tuple[str, ...] = ()

# Paths a browser requests on its own and the book does not provide.
IGNORED_MISSING = {"/favicon.ico"}

IN_CI = bool(os.environ.get("CI"))


def _pages() -> list[str]:
    """Every HTML page of the built site, as a path relative to the site root."""
    if not SITE.is_dir():
        return []
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not p.relative_to(SITE).parts[0].startswith("_")  # _static, _sources: not pages
    )


PAGES = _pages()


def _skip_or_fail(message: str) -> None:
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "index.html").is_file():
        _skip_or_fail(f"{SITE} is missing: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page_weights():
    weights: dict[str, int] = {}
    yield weights
    if weights:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "page-weights.json").write_text(
            json.dumps(dict(sorted(weights.items())), indent=2) + "\n", encoding="utf-8"
        )


class PageVisit:
    """Everything one page load did: requests, failures, errors, bytes."""

    def __init__(self, browser, site_url: str) -> None:
        self.site_url = site_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.transferred = 0
        self.context.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("requestfinished", self._finished)

    def _local(self, url: str) -> bool:
        return url.startswith(self.site_url) or url.split(":", 1)[0] in ("data", "blob", "about")

    def _route(self, route) -> None:
        if self._local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        source = urlsplit((message.location or {}).get("url", "")).path
        if source in IGNORED_MISSING:
            return
        self.errors.append(f"console: {message.text} ({source or 'page'})")

    def _response(self, response) -> None:
        if response.status >= 400 and urlsplit(response.url).path not in IGNORED_MISSING:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _finished(self, request) -> None:
        sizes = request.sizes()
        self.transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(a in e for a in ALLOWED_JS_ERRORS)]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    visits: list[PageVisit] = []

    def open_page(path: str) -> PageVisit:
        v = PageVisit(browser, site_url)
        visits.append(v)
        response = v.page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        v.page.wait_for_load_state("networkidle")
        return v

    yield open_page
    for v in visits:
        v.close()


def test_site_is_built():
    if not (SITE / "index.html").is_file():
        _skip_or_fail(f"{SITE} is missing: run `make book` first")
    assert PAGES, "the built site has no HTML pages"


def test_site_has_charts():
    """Guards the chart check below against passing vacuously."""
    if not PAGES:
        _skip_or_fail(f"{SITE} is missing: run `make book` first")
    with_charts = [p for p in PAGES if CHART[1:] in (SITE / p).read_text(encoding="utf-8")]
    assert with_charts, "no page of the built book contains an offline chart"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_and_draws(path, visit, page_weights, record_property):
    v = visit(path)
    # Charts draw after DOMContentLoaded; wait until each holds a drawing or an error.
    v.page.wait_for_function(
        """sel => Array.from(document.querySelectorAll(sel)).every(
               el => el.querySelector('svg, canvas') || el.textContent.trim())""",
        arg=CHART,
        timeout=20_000,
    )
    charts = v.page.eval_on_selector_all(
        CHART,
        """els => els.map(el => ({
               id: el.id,
               drawn: !!el.querySelector('svg, canvas'),
               text: el.querySelector('svg, canvas') ? '' : el.textContent.trim().slice(0, 200),
           }))""",
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SCREENSHOTS / (path.replace("/", "__")[: -len(".html")] + ".png")),
                      full_page=True)
    page_weights[path] = v.transferred
    record_property("transferred_bytes", v.transferred)

    problems = [
        *(f"requested off 127.0.0.1 (blocked): {url}" for url in v.external),
        *(f"failed request: {failure}" for failure in v.failed),
        *(f"JavaScript error: {error}" for error in v.unexpected_errors()),
        *(f"chart {c['id']} not drawn: {c['text']!r}" for c in charts if not c["drawn"]),
    ]
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_chart_tooltips_work_offline(visit):
    """Hovering a chart mark shows vega-tooltip's tooltip: the charts are interactive."""
    pages = [p for p in PAGES if CHART[1:] in (SITE / p).read_text(encoding="utf-8")]
    if not pages:
        _skip_or_fail("no built page contains a chart")
    v = visit(pages[0])
    v.page.wait_for_selector(f"{CHART} svg", timeout=20_000)
    marks = v.page.locator(f"{CHART} svg .role-mark path")
    tooltip = v.page.locator("#vg-tooltip-element.visible")
    for i in range(min(marks.count(), 40)):
        box = marks.nth(i).bounding_box()
        if not box or box["width"] < 2 or box["height"] < 2:
            continue
        v.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            tooltip.wait_for(state="visible", timeout=1_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try the next mark
            continue
        assert tooltip.inner_text().strip(), "the tooltip is empty"
        return
    pytest.fail(f"hovering chart marks on {pages[0]} never showed a tooltip")
