"""The built book in a real browser: every page loads offline and every chart draws.

Serves ``_build/html`` on 127.0.0.1 and opens each page in headless Debian Chromium through
Playwright. For every page it checks that

* the page and everything it loads come from 127.0.0.1 (anything else is blocked and fails
  the test), with no failed requests;
* no JavaScript error is raised or logged;
* every ``.callanalysis-vega`` chart container ends up holding an SVG or a canvas.

* the page loads at most :data:`PAGE_BUDGET_BYTES` (uncompressed: the test server does not
  compress), recorded for every page in ``_build/screenshots/page-weights.json``;
* headings do not skip a level, and every link has a name that says where it goes;
* every chart has a text description (``role="figure"`` and an ``aria-label`` taken from
  its Vega-Lite ``description``) and a data table or CSV download beside it;

and it saves a full-page screenshot of every page at desktop and phone widths into
``_build/screenshots/desktop-1280/`` and ``_build/screenshots/phone-390/``. Other tests check
that chart tooltips work, that the offline search finds words, and that body text and links
meet WCAG AA contrast (4.5:1) in light and dark mode.

``$CALLANALYSIS_SITE`` points the tests at another build (``--path-output`` builds).

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

from .interrupt import stop_on_ctrl_c  # noqa: F401  (Ctrl-C ends the run)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("CALLANALYSIS_SITE") or ROOT / "_build" / "html")
SCREENSHOTS = SITE.parent / "screenshots"
# One place for how the project launches Chromium and finds a chart: the PDF printer's.
from tools.pdf import CHART, CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# JavaScript errors we tolerate, as substrings of the message. Empty on purpose: the two
# known sources of theme noise are switched off at their cause instead:
#   "Identifier 'THEBE_JS_URL' has already been declared"  -> book/_ext/sphinx_book.py drops
#       the unused Thebe assets (launch_buttons.thebe is false);
#   "Got invalid theme mode"  -> _config.yml sets html_context.default_mode: light.
ALLOWED_JS_ERRORS: tuple[str, ...] = ()

#: Screenshot widths (CSS pixels): a desktop and a phone.
WIDTHS = {"desktop": 1280, "phone": 390}

#: Most bytes a page may load, everything included (3.5 MB).
PAGE_BUDGET_BYTES = 3_500_000

#: Link names that do not say where a link goes.
VAGUE_LINK_NAMES = {"here", "click here", "link", "this", "more", "read more", "this page", "#", "go"}

#: WCAG 2 AA minimum contrast for body-size text.
MIN_CONTRAST = 4.5

# Paths a browser requests on its own that the book need not provide: none, since every page
# names the book's icon (a page without one makes Chromium ask for /favicon.ico).
IGNORED_MISSING: set[str] = set()

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


# Per chart: its role and ARIA label, and whether a table or a download link sits in the
# chart's cell or the two cells after it (the data behind the chart, for those who cannot
# see it).
_CHART_ACCESS_JS = """sel => {
  const cells = Array.from(document.querySelectorAll('.cell'));
  return Array.from(document.querySelectorAll(sel)).map(el => {
    const i = cells.indexOf(el.closest('.cell'));
    const near = i < 0 ? [el.parentElement] : cells.slice(i, i + 3);
    return {
      id: el.id,
      role: el.getAttribute('role') || '',
      label: (el.getAttribute('aria-label') || '').trim(),
      data_nearby: near.some(c => c && c.querySelector('table, a[download]')),
    };
  });
}"""

# Resolves once the layout has settled: two frames drawn, then no CSS transition running.
_SETTLED_JS = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  await frame(); await frame();
  const start = performance.now();
  while (document.getAnimations().some(a => a.playState === 'running')
         && performance.now() - start < 3000) {
    await frame();
  }
}"""

# Visible headings, and every link's accessible name as a screen reader would compute it
# (aria-labelledby, aria-label, text with aria-hidden parts left out, img alt, title).
_STRUCTURE_JS = """() => {
  const visible = el => el.getClientRects().length > 0;
  function text(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.getAttribute('aria-hidden') === 'true') return '';
    if (node.tagName === 'IMG') return node.getAttribute('alt') || '';
    if (node.getAttribute('aria-label')) return node.getAttribute('aria-label');
    return Array.from(node.childNodes).map(text).join('');
  }
  function name(a) {
    const by = a.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => document.getElementById(id))
                    .filter(Boolean).map(el => el.textContent).join(' ');
    if (a.getAttribute('aria-label')) return a.getAttribute('aria-label');
    const t = text(a).trim();
    return t || a.getAttribute('title') || a.getAttribute('data-bs-original-title') || '';
  }
  return {
    headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      .filter(visible).map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 80)]),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => ({
      name: name(a).replace(/\\s+/g, ' ').trim(),
      href: a.getAttribute('href'),
      in_table_cell: !!a.closest('td, th'),
      title: a.getAttribute('title') || '',
    })),
  };
}"""


def _heading_problems(headings: list[list]) -> list[str]:
    """Headings start at h1 and never go down more than one level at a time."""
    problems = []
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"heading level skipped: h{previous or '-'} -> h{level} ({text!r})")
        previous = level
    return problems


def _link_problems(links: list[dict]) -> list[str]:
    """Every link has a name, and the name says where it goes.

    A bare number in a table cell is allowed when the link also has a title (the column header
    and the title say what it is, e.g. a sentence number linking to the transcript)."""
    problems = []
    for link in links:
        name = link["name"]
        if not name:
            problems.append(f"link without a name: {link['href']}")
        elif name.lower() in VAGUE_LINK_NAMES:
            problems.append(f"link name does not say where it goes: {name!r} -> {link['href']}")
        elif len(name) < 3 and not (name.isdigit() and link["in_table_cell"] and link["title"]):
            problems.append(f"link name too short to say where it goes: {name!r} -> {link['href']}")
    return problems


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
    structure = v.page.evaluate(_STRUCTURE_JS)
    chart_access = v.page.evaluate(_CHART_ACCESS_JS, CHART)
    transferred = v.transferred
    page_weights[path] = transferred
    record_property("transferred_bytes", transferred)
    name = path.replace("/", "__")[: -len(".html")] + ".png"
    for label, width in WIDTHS.items():
        folder = SCREENSHOTS / f"{label}-{width}"
        folder.mkdir(parents=True, exist_ok=True)
        v.page.set_viewport_size({"width": width, "height": 900})
        v.page.evaluate(_SETTLED_JS)  # let the sidebars finish sliding to the new layout
        v.page.screenshot(path=str(folder / name), full_page=True)

    problems = [
        *(f"requested off 127.0.0.1 (blocked): {url}" for url in v.external),
        *(f"failed request: {failure}" for failure in v.failed),
        *(f"JavaScript error: {error}" for error in v.unexpected_errors()),
        *(f"chart {c['id']} not drawn: {c['text']!r}" for c in charts if not c["drawn"]),
        *([f"page weight {transferred:,} bytes > budget {PAGE_BUDGET_BYTES:,}"]
          if transferred > PAGE_BUDGET_BYTES else []),
        *_heading_problems(structure["headings"]),
        *_link_problems(structure["links"]),
        *(f"chart {c['id']} has no text description (aria-label from the Vega-Lite description)"
          for c in chart_access if c["role"] != "figure" or not c["label"]),
        *(f"chart {c['id']} has no data table or CSV download in its cell or the next two"
          for c in chart_access if not c["data_nearby"]),
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
        marks.nth(i).scroll_into_view_if_needed()  # the mouse only reaches the viewport
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


def test_search_works_offline(visit):
    """The search page finds a word from the report, from the built site alone."""
    if not (SITE / "search.html").is_file():
        _skip_or_fail("the built site has no search.html")
    v = visit("search.html?q=hedge")
    results = v.page.locator("#search-results ul.search li")
    results.first.wait_for(state="attached", timeout=20_000)
    hrefs = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs, "searching for 'hedge' found nothing"
    assert any(".html" in h for h in hrefs), hrefs
    assert not v.external and not v.unexpected_errors(), (v.external, v.errors)


# Colours in effect: an element's text colour and the first opaque background behind it.
_COLOURS_JS = """sel => {
  const el = Array.from(document.querySelectorAll(sel)).find(e => e.getClientRects().length > 0);
  if (!el) return null;
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let bg = null;
  for (let n = el; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) { bg = c.slice(0, 3); break; }
  }
  if (!bg) bg = document.documentElement.dataset.theme === 'dark' ? [0, 0, 0] : [255, 255, 255];
  return {fg: parse(getComputedStyle(el).color), bg: bg, text: el.textContent.trim().slice(0, 40)};
}"""

# What must be readable, as CSS selectors: the first visible match is measured.
_CONTRAST_TARGETS = {
    "body text": "main article p",
    "link in text": "main article p a, main article li a",
    "heading": "main article h1",
    "navigation link": "nav.bd-docs-nav a",
    "table text": "main article td",
    "table header": "main article th",
}


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2 contrast ratio; a translucent foreground is blended over the background."""
    if len(fg) == 4 and fg[3] < 1:
        fg = [fg[3] * f + (1 - fg[3]) * b for f, b in zip(fg[:3], bg[:3])]
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula():
    assert contrast([0, 0, 0], [255, 255, 255]) == pytest.approx(21.0)
    assert contrast([255, 255, 255], [255, 255, 255]) == pytest.approx(1.0)
    assert contrast([118, 118, 118], [255, 255, 255]) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_and_link_contrast(mode, visit):
    """Body text, links, headings, navigation and table text: at least 4.5:1 in both modes."""
    pages = [p for p in PAGES if p.startswith("notebooks/")] or PAGES
    if not pages:
        _skip_or_fail(f"{SITE} is missing: run `make book` first")
    measured = {}
    for path in [*pages, "book/intro.html"][:: max(1, len(pages) // 4)]:
        v = visit(path)
        v.page.evaluate(
            "mode => { document.documentElement.dataset.mode = mode;"
            " document.documentElement.dataset.theme = mode; }",
            mode,
        )
        for what, selector in _CONTRAST_TARGETS.items():
            colours = v.page.evaluate(_COLOURS_JS, selector)
            if colours:
                measured[(path, what)] = (contrast(colours["fg"], colours["bg"]), colours)
    assert any(what == "link in text" for _, what in measured), "no link in running text was measured"
    low = {k: f"{ratio:.2f}:1 {c}" for k, (ratio, c) in measured.items() if ratio < MIN_CONTRAST}
    assert not low, f"contrast below {MIN_CONTRAST}:1 in {mode} mode: {low}"


def test_notebook_pages_offer_the_executed_notebook():
    """Each chapter's download menu links the executed .ipynb (with outputs) and the .md source."""
    import nbformat

    chapters = [p for p in PAGES if p.startswith("notebooks/")]
    if not chapters:
        _skip_or_fail(f"{SITE} has no chapter pages: run `make book` first")
    for path in chapters:
        stem = path[: -len(".html")]
        html = (SITE / path).read_text(encoding="utf-8")
        for suffix in (".ipynb", ".md"):
            href = f"../_sources/{stem}{suffix}"
            assert f'href="{href}"' in html, f"{path}: no download link to {href}"
        nb = nbformat.read(SITE / "_sources" / f"{stem}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs, f"{stem}.ipynb has no outputs: not the executed notebook"
        assert not [o for o in outputs if o.get("output_type") == "error"], f"{stem}.ipynb holds an error"
