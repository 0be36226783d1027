"""Reading the built book on a screen, a phone and paper (headless Chromium, and the site's files).

Each page of the built site is opened once (:func:`measured`): at 1280 px in light and in dark
mode, then at 390 px, then laid out for print. What that shows feeds one test per behaviour:

* a table of up to ``LONG_ROWS`` rows shows whole at 1280 px: no inner scroll box, no column
  out of sight; a longer one has a filter box, and filtering keeps the rows that match;
* every chart draws at 1280 and at 390 px; a single or layered chart fills the column; no
  chart's box is wider than the column, and no page scrolls sideways at 390 px;
* every visible piece of text has a contrast of at least 4.5:1 against the background it is
  drawn on (the first opaque background up the tree, translucent ones blended), in both modes;
* in print every row of every table shows and no box cuts a table or a chart off;
* a glued value has the weight of the sentence around it.

From the files: Sphinx leaves quotes as typed, no "Show code" bar folds a cell that shows
nothing, every page names the book's icon (no request for a missing ``/favicon.ico``), one
search box per page, and the search finds words that only a table or a chart holds.

Needs ``make book`` first (skips without a built site, fails under CI).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from bs4 import BeautifulSoup

from callanalysis.present.tables import LONG_ROWS

from .interrupt import stop_on_ctrl_c  # noqa: F401  (Ctrl-C ends the run)
from .test_site import (  # noqa: F401  (fixtures: the served site and the browser)
    CHART, MIN_CONTRAST, PAGES, SITE, _SETTLED_JS, _skip_or_fail, browser, site_url,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP, PHONE = 1280, 390
#: Print layout: an A4 page's printable width at 96 px per inch (210 mm less 2 x 14 mm).
PRINT_WIDTH = 688


def _is_redirect(path: str) -> bool:
    return 'http-equiv="Refresh"' in (SITE / path).read_text(encoding="utf-8")


#: Pages a reader reads (the site's entry page only redirects to the first of them).
READ = [p for p in PAGES if not _is_redirect(p)]
CHAPTERS = [p for p in READ if p.startswith("notebooks/")]

# Text that fails WCAG AA: every visible element with text of its own, its colour (blended when
# translucent) against the backgrounds behind it, composited up to the first opaque one.
_CONTRAST_JS = """minimum => {
  const parse = c => { const m = (c.match(/[\\d.]+/g) || []).map(Number); return m.length === 3 ? [...m, 1] : m; };
  const over = (top, below) => [0, 1, 2].map(i => top[3] * top[i] + (1 - top[3]) * below[i]);
  const lum = rgb => rgb.map(c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                        .reduce((sum, c, i) => sum + [0.2126, 0.7152, 0.0722][i] * c, 0);
  function background(el) {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 0.999) break; }
    }
    let bg = layers.length && layers[layers.length - 1][3] >= 0.999 ? layers.pop().slice(0, 3) : [255, 255, 255];
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  }
  function shown(el) {
    if (el.closest('svg, [hidden]')) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.right <= 0 || r.left >= innerWidth) return false;
    for (let n = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
    }
    return true;
  }
  const low = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).filter(t => t.nodeType === 3).map(t => t.textContent).join('').trim();
    if (!own || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName) || !shown(el)) continue;
    const bg = background(el), fg = parse(getComputedStyle(el).color);
    const [hi, lo] = [lum(fg[3] < 1 ? over(fg, bg) : fg.slice(0, 3)), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < minimum) low.push(`${ratio.toFixed(2)}:1 ${el.tagName.toLowerCase()}.${el.className} "${own.slice(0, 30)}"`);
  }
  return low;
}"""

# Tables in the article: rows, whether filterable, and their box (the table's scroll wrapper).
_TABLES_JS = """() => Array.from(document.querySelectorAll('main table.ca-table')).map(t => {
  const box = t.closest('.ca-table-wrap');
  return {
    caption: (t.caption ? t.caption.textContent : t.tHead.textContent).trim().slice(0, 50),
    rows: t.tBodies[0].rows.length,
    filterable: t.hasAttribute('data-filterable'),
    filter_box: !!(box.previousElementSibling && box.previousElementSibling.querySelector('.ca-filter input, input')),
    client_width: box.clientWidth, scroll_width: box.scrollWidth,
    client_height: box.clientHeight, scroll_height: box.scrollHeight,
    rows_laid_out: Array.from(t.tBodies[0].rows).filter(r => r.getClientRects().length > 0).length,
  };
})"""

# Charts: drawn or not, the drawing's and the box's width, whether the box stays in the column,
# and whether the chart follows its container's width (vega-embed's "fit-x").
_CHARTS_JS = """sel => Array.from(document.querySelectorAll(sel)).map(el => {
  const drawing = el.querySelector('svg.marks, canvas');
  const r = drawing ? drawing.getBoundingClientRect() : {width: 0, height: 0};
  const column = el.closest('.bd-article, article, main').getBoundingClientRect();
  return {
    id: el.id, drawn: r.width > 0 && r.height > 0, drawing_width: r.width, box_width: el.clientWidth,
    box_in_column: el.getBoundingClientRect().right <= column.right + 1,
    follows: !!el.querySelector('.chart-wrapper.fit-x'),
  };
})"""


def _set_mode(page, mode: str) -> None:
    page.evaluate("m => { document.documentElement.dataset.mode = m; document.documentElement.dataset.theme = m; }", mode)
    page.evaluate(_SETTLED_JS)


def _wait_for_charts(page) -> None:
    page.wait_for_function(
        "sel => Array.from(document.querySelectorAll(sel)).every(el => el.querySelector('svg, canvas') || el.textContent.trim())",
        arg=CHART, timeout=20_000)


@pytest.fixture(scope="module")
def measured(browser, site_url):
    """``measured(path)``: what one page shows at 1280 px (light, dark), at 390 px and in print."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})

    @lru_cache(maxsize=None)
    def measure(path: str) -> dict:
        page = context.new_page()
        try:
            page.goto(site_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            _wait_for_charts(page)
            page.evaluate(_SETTLED_JS)
            out = {"tables": page.evaluate(_TABLES_JS), "charts_desktop": page.evaluate(_CHARTS_JS, CHART),
                   "weights": page.evaluate("""() => Array.from(document.querySelectorAll('span.pasted-text')).map(
                       s => [getComputedStyle(s).fontWeight, getComputedStyle(s.parentElement).fontWeight])""")}
            for mode in ("light", "dark"):
                _set_mode(page, mode)
                out[f"low_contrast_{mode}"] = page.evaluate(_CONTRAST_JS, MIN_CONTRAST)
            _set_mode(page, "light")
            page.set_viewport_size({"width": PHONE, "height": 900})
            page.wait_for_timeout(300)  # Vega redraws a chart that follows its container on resize
            page.evaluate(_SETTLED_JS)
            out["phone_page_width"] = page.evaluate("document.documentElement.scrollWidth")
            out["charts_phone"] = page.evaluate(_CHARTS_JS, CHART)
            page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
            page.emulate_media(media="print")
            page.evaluate(_SETTLED_JS)
            out["tables_print"] = page.evaluate(_TABLES_JS)
            out["charts_print"] = page.evaluate(_CHARTS_JS, CHART)
            return out
        finally:
            page.close()

    yield measure
    context.close()


def _need(pages: list[str]) -> None:
    if not pages:
        _skip_or_fail(f"{SITE} is missing: run `make book` first")


# --- tables --------------------------------------------------------------------------------


def test_the_book_has_short_and_long_tables():
    """Guards the table tests below against passing vacuously."""
    _need(CHAPTERS)
    html = " ".join((SITE / p).read_text(encoding="utf-8") for p in CHAPTERS)
    assert "ca-table-long" in html and html.count('class="ca-table-wrap"') > 5


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_table_of_up_to_30_rows_shows_whole_at_1280(path, measured):
    problems = [
        f"{t['caption']!r} ({t['rows']} rows): " + ", ".join(
            what for what, bad in (
                (f"scrolls inside a box {t['client_height']} px high ({t['scroll_height']} px of rows)",
                 t["scroll_height"] > t["client_height"] + 1),
                (f"columns out of sight ({t['scroll_width']} px in a box {t['client_width']} px wide)",
                 t["scroll_width"] > t["client_width"] + 1)) if bad)
        for t in measured(path)["tables"]
        if t["rows"] <= LONG_ROWS and (t["scroll_height"] > t["client_height"] + 1 or t["scroll_width"] > t["client_width"] + 1)
    ]
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_longer_table_has_a_filter_box(path, measured):
    long = [t for t in measured(path)["tables"] if t["rows"] > LONG_ROWS]
    assert all(t["filterable"] and t["filter_box"] for t in long), long


def test_the_filter_box_keeps_the_rows_that_hold_every_word_typed(browser, site_url):
    pages = [p for p in CHAPTERS if "data-filterable" in (SITE / p).read_text(encoding="utf-8")]
    _need(pages)
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    try:
        page.goto(site_url + pages[0], wait_until="load")
        table = page.locator("table[data-filterable]").first
        rows = table.locator("tbody tr")
        total = rows.count()
        word = max(rows.first.inner_text().split(), key=len).lower()
        expected = sum(word in t.lower() for t in rows.all_inner_texts())
        page.locator(".ca-filter input").first.fill(word)
        shown = table.locator("tbody tr:not([hidden])")
        assert shown.count() == expected > 0
        assert all(word in t.lower() for t in shown.all_inner_texts())
        assert f"{expected} of {total} rows" in page.locator(".ca-filter").first.inner_text()
        page.locator(".ca-filter input").first.fill("")
        assert table.locator("tbody tr:not([hidden])").count() == total
    finally:
        page.close()


@pytest.mark.parametrize("path", CHAPTERS)
def test_print_shows_every_row_of_every_table(path, measured):
    problems = [f"{t['caption']!r}: {t['rows_laid_out']} of {t['rows']} rows laid out, "
                f"box {t['client_height']} px high for {t['scroll_height']} px"
                for t in measured(path)["tables_print"]
                if t["rows_laid_out"] < t["rows"] or t["scroll_height"] > t["client_height"] + 1]
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


# --- charts and the phone ------------------------------------------------------------------


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_chart_draws_at_1280_and_390(path, measured):
    m = measured(path)
    undrawn = [f"{c['id']} at {w}" for w, key in ((DESKTOP, "charts_desktop"), (PHONE, "charts_phone"))
               for c in m[key] if not c["drawn"]]
    assert not undrawn, f"{path}: charts not drawn: {undrawn}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_single_chart_fills_the_column_at_both_widths(path, measured):
    m = measured(path)
    narrow = [f"{c['id']} at {w}: {c['drawing_width']:.0f} px in a {c['box_width']} px column"
              for w, key in ((DESKTOP, "charts_desktop"), (PHONE, "charts_phone")) for c in m[key]
              if c["follows"] and not c["box_width"] * 0.9 <= c["drawing_width"] <= c["box_width"] + 1]
    assert any(c["follows"] for c in m["charts_desktop"]) or not m["charts_desktop"], f"{path}: no chart follows"
    assert not narrow, f"{path}: {narrow}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_no_chart_box_is_wider_than_the_column(path, measured):
    m = measured(path)
    wide = [f"{c['id']} ({label})" for label in ("charts_desktop", "charts_phone", "charts_print")
            for c in m[label] if not c["box_in_column"]]
    assert not wide, f"{path}: {wide}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_chart_prints_within_the_page(path, measured):
    wide = [f"{c['id']}: {c['drawing_width']:.0f} px > {c['box_width']} px"
            for c in measured(path)["charts_print"] if c["drawing_width"] > c["box_width"] + 1]
    assert not wide, f"{path}: {wide}"


@pytest.mark.parametrize("path", READ)
def test_no_page_scrolls_sideways_at_390(path, measured):
    assert measured(path)["phone_page_width"] == PHONE


# --- colour and type -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", READ)
def test_every_visible_text_meets_4_5_to_1(path, mode, measured):
    low = measured(path)[f"low_contrast_{mode}"]
    assert not low, f"{path}, {mode} mode: {len(low)} below {MIN_CONTRAST}:1, e.g.\n  " + "\n  ".join(low[:10])


@pytest.mark.parametrize("path", CHAPTERS)
def test_a_glued_value_has_the_weight_of_its_sentence(path, measured):
    weights = measured(path)["weights"]
    assert all(own == around for own, around in weights), [w for w in weights if w[0] != w[1]][:5]


# --- from the site's files -----------------------------------------------------------------


def _soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser")


def test_quotes_stay_as_typed():
    """A straight quote typed in a page's source is a straight quote on the page (no smartquotes)."""
    _need(READ)
    from tools.bookconfig import ROOT

    checked = 0
    for path in READ:
        source = ROOT / path.replace(".html", ".md")
        if not source.is_file():
            continue
        typed = re.findall(r'"([A-Za-z][^"\n{}`]{2,30})"', source.read_text(encoding="utf-8"))
        text = _soup(path).select_one("main").get_text()
        for phrase in typed:
            if phrase in text:
                checked += 1
                assert f'"{phrase}"' in text or f"“{phrase}”" not in text, f"{path}: “{phrase}” curled"
    assert checked, "no quoted phrase of a source was found on its page"


def test_no_show_code_bar_folds_a_cell_that_shows_nothing():
    _need(CHAPTERS)
    empty = [f"{p}: {c.get_text(' ', strip=True)[:60]}" for p in CHAPTERS for c in _soup(p).select("div.cell")
             if c.select_one("details.above-input") and not c.select_one(".cell_output")]
    assert not empty, empty


def test_every_page_names_the_books_icon():
    _need(PAGES)
    missing = [p for p in PAGES if not _soup(p).select_one('link[rel~="icon"]')]
    assert not missing, f"pages without an icon (the browser asks for /favicon.ico): {missing}"
    for p in PAGES:
        href = _soup(p).select_one('link[rel~="icon"]')["href"]
        assert href.startswith("data:") or (SITE / p).parent.joinpath(href).resolve().is_file(), f"{p}: no {href}"


def test_one_search_box_per_page():
    _need(READ)
    for path in READ:
        fields = _soup(path).select(".search-button-field")
        assert len(fields) <= 1, f"{path}: {len(fields)} search boxes"


def _search(page, site_url: str, word: str) -> list[str]:
    page.goto(f"{site_url}search.html?q={word}", wait_until="load")
    results = page.locator("#search-results ul.search li a")
    try:
        results.first.wait_for(state="attached", timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: nothing found
        return []
    return [h.split("#")[0].split("?")[0] for h in results.evaluate_all("els => els.map(a => a.getAttribute('href'))")]


def _only_in(path: str, selector: str) -> str:
    """A word of at least six letters that, on this page, only the elements matching ``selector`` hold."""
    soup = _soup(path)
    inside = " ".join(el.get_text(" ") for el in soup.select(selector))
    for el in soup.select(selector):
        el.decompose()
    outside = set(re.findall(r"[a-z]+", soup.get_text(" ").lower()))
    words = [w for w in re.findall(r"[A-Za-z]{6,}", inside) if w.lower() not in outside]
    return words[0] if words else ""


@pytest.mark.parametrize("selector", ["table.ca-table", "p.ca-chart-words"], ids=["table", "chart"])
def test_search_finds_a_word_only_a_table_or_a_chart_holds(selector, browser, site_url):
    found = [(p, w) for p in CHAPTERS if (w := _only_in(p, selector))]
    if not found:
        _skip_or_fail(f"no page holds a word only in {selector}")
    path, word = found[0]
    page = browser.new_page()
    try:
        hits = _search(page, site_url, word)
    finally:
        page.close()
    assert any(h.endswith(path) for h in hits), f"searching {word!r} (only in a {selector} of {path}) found {hits}"


def test_a_chart_follows_its_column_when_only_the_column_narrows(browser, site_url):
    """The column can change width with no window resize (styles or sidebars laid out after the
    chart was drawn): a chart that follows its container is drawn again to the new width."""
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    try:
        page.goto(site_url + "notebooks/01_the_call.html", wait_until="load")
        _wait_for_charts(page)
        page.evaluate("document.querySelector('.bd-article').style.maxWidth = '420px'")
        page.wait_for_timeout(800)
        charts = [c for c in page.evaluate(_CHARTS_JS, CHART) if c["follows"]]
        assert charts and all(c["box_width"] < 420 for c in charts)
        assert all(c["drawing_width"] <= c["box_width"] + 1 for c in charts), charts
    finally:
        page.close()
