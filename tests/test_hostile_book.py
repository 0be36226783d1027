"""A book built from a hostile transcript: no script runs, nothing is injected, text stays text.

The transcript is the Tesla call with its company line replaced by markup, Markdown, a
backslash and a MyST role, saved under a file name full of shell syntax (quotes, backticks,
``$(...)``, ``;``, spaces, parentheses) in a folder with a space. ``make book
TRANSCRIPT=<that file>`` must build it, and every page, opened in headless Chromium, must

* open no dialog (the payloads call ``alert``) and raise no JavaScript error;
* hold no injected element: no inline event handler other than the theme's two buttons, no
  ``<img src=x>``, no script that is not one of the build's own (a file of the site, or one of
  the inline snippets the theme and the chart renderer write);
* show the company name and the file name as written: every text node that holds part of
  them holds all of it (markup, emphasis or a role would have split or changed it; Sphinx's
  smart quotes, which curl straight quotes in running text, are typography and allowed), and
  the book's title in ``<title>`` and in the navigation bar reads exactly as composed.

Building takes as long as ``make book``; the book goes to ``_build/calls/<name>/`` and is
removed afterwards.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from callanalysis import load
from tools import book
from tools.bookconfig import book_title
from tools.pdf import CHART, CHROMIUM, CHROMIUM_ARGS

from .conftest import ROOT, SEED
from .interrupt import stop_on_ctrl_c  # noqa: F401  (Ctrl-C ends the run)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMPANY = 'Evil <img src=x onerror="alert&#40;5&#41;"> *Corp* \\ {cite:p}`x`'
HEADER = f"{COMPANY} (EVL 1.20%)"
FILE_NAME = "Evil \"q\" 'x' `touch PWNED1` $(touch PWNED2) ; (1) Q1.txt"

#: The theme's own inline handlers (header buttons).
THEME_HANDLERS = {("onclick", "toggleFullScreen()"), ("onclick", "window.print()")}
#: How the inline scripts the build writes begin (whitespace collapsed): the chart renderer's
#: (callanalysis.present.vega_embed), pydata-sphinx-theme's, sphinx-togglebutton's, MyST-NB's.
BUILD_SCRIPTS = (
    '(function () { var el = document.getElementById("callanalysis-vega-',
    "document.documentElement.dataset.mode = localStorage.getItem",
    "// Activate the search field on page load",
    "kernelName = 'python3'",
    "let toggleHintShow = ",
    "let toggleHintHide = ",
    "let toggleOpenOnPrint = ",
    "var togglebuttonSelector = ",
)

_INSPECT_JS = """([company, fileName, handlers, prefixes]) => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      if (name.startsWith('on') && !handlers.some(([n, v]) => n === name && v === el.getAttribute(name))) {
        problems.push(`inline handler ${name}="${el.getAttribute(name)}" on <${el.tagName.toLowerCase()}>`);
      }
    }
  }
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    if (!img.src.startsWith(location.origin + '/') && !src.startsWith('data:')) problems.push(`injected <img src="${src}">`);
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.src) {
      if (!s.src.startsWith(location.origin + '/')) problems.push(`script from ${s.src}`);
    } else if (s.type !== 'text/x-thebe-config') {
      const text = s.textContent.replace(/\\s+/g, ' ').trim();
      if (!prefixes.some(p => text.startsWith(p))) problems.push(`script not from the build: ${text.slice(0, 100)}`);
    }
  }
  // Sphinx's smart quotes curl straight quotes in running text: typography, not markup.
  const straight = s => s.replace(/[\u201c\u201d\u201e]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (['SCRIPT', 'STYLE'].includes(n.parentElement.tagName)) continue;
    const t = straight(n.textContent);
    if (t.includes('Evil') && !t.includes(company) && !t.includes(fileName)) problems.push(`company name changed: ${t.slice(0, 160)}`);
    if (t.includes('PWNED') && !t.includes(fileName)) problems.push(`file name changed: ${t.slice(0, 160)}`);
  }
  const navbar = document.querySelector('.logo__title');
  return {problems, title: document.title, navbar: navbar ? navbar.textContent.trim() : null};
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "calls (with spaces)"
    folder.mkdir()
    transcript = folder / FILE_NAME
    transcript.write_text(SEED.read_text(encoding="utf-8").replace("Tesla (TSLA -1.74%)", HEADER, 1), encoding="utf-8")
    meta = load(transcript).metadata
    assert meta.company == COMPANY, meta  # the attack reaches the header as written
    root = book.output_root(transcript)
    shutil.rmtree(root, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(["make", "--no-print-directory", "book", f"TRANSCRIPT={transcript}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=1200)
    yield SimpleNamespace(transcript=transcript, site=book.site(root), result=result, title=book_title(meta))
    shutil.rmtree(root, ignore_errors=True)


def _build_problems(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stdout + result.stderr).splitlines()
    return "\n".join(line for line in lines if "WARNING" in line or "ERROR" in line or line.startswith("error"))


def test_the_hostile_transcript_builds_a_book(hostile):
    assert hostile.result.returncode == 0, _build_problems(hostile.result)
    assert (hostile.site / "index.html").is_file()


@pytest.fixture(scope="module")
def built(hostile):
    if not (hostile.site / "index.html").is_file():
        pytest.fail(f"the hostile book did not build:\n{_build_problems(hostile.result)}")
    return hostile


def test_the_build_leaves_its_site_and_nothing_else(built):
    """The execution cache and the working folder go with the build (nothing to prune later)."""
    root = built.site.parents[1]
    assert sorted(p.name for p in root.iterdir()) == ["_build"]
    assert sorted(p.name for p in (root / "_build").iterdir()) == ["html"]
    assert not list(book.BUILD.glob(".building-*")) and not list(book.BUILD.rglob(".jupyter_cache"))


def test_nothing_in_the_file_name_runs(hostile):
    for folder in (hostile.transcript.parent, ROOT, ROOT / "notebooks", Path.cwd()):
        assert not list(folder.glob("PWNED*")), folder


@pytest.fixture(scope="module")
def served(built):
    handler = functools.partial(_Quiet, directory=str(built.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def test_no_page_runs_a_script_or_shows_markup_from_the_transcript(hostile, served):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    pages = sorted(p.relative_to(hostile.site).as_posix() for p in hostile.site.rglob("*.html")
                   if not p.relative_to(hostile.site).parts[0].startswith("_"))
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for path in pages:
                problems += [f"{path}: {p}" for p in _inspect(browser, served, path, hostile.title)]
        finally:
            browser.close()
    assert len(pages) >= 13
    assert not problems, "\n".join(problems)


def _inspect(browser, base: str, path: str, title: str) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    found: list[str] = []
    page.on("dialog", lambda d: (found.append(f"dialog opened: {d.message!r}"), d.dismiss()))
    page.on("pageerror", lambda exc: found.append(f"JavaScript error: {exc}"))

    def route(r) -> None:
        if r.request.url.startswith(base) or r.request.url.split(":", 1)[0] in ("data", "blob", "about"):
            r.continue_()
        else:
            found.append(f"request off 127.0.0.1: {r.request.url}")
            r.abort("blockedbyclient")

    try:
        context.route("**/*", route)
        page.goto(base + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            "sel => Array.from(document.querySelectorAll(sel)).every(el => el.querySelector('svg, canvas') || el.textContent.trim())",
            arg=CHART,
            timeout=20_000,
        )
        seen = page.evaluate(_INSPECT_JS, [COMPANY, FILE_NAME, [list(h) for h in THEME_HANDLERS], list(BUILD_SCRIPTS)])
    finally:
        context.close()
    found += seen["problems"]
    if not seen["title"].endswith(title) and path != "index.html":
        found.append(f"<title> is {seen['title']!r}, not the book's title {title!r}")
    if seen["navbar"] is not None and seen["navbar"] != title:
        found.append(f"the navigation bar shows {seen['navbar']!r}, not {title!r}")
    return found
