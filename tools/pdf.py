"""Print the built book to one PDF with headless Chromium, no LaTeX (``make pdf``).

``python -m tools.pdf [--site DIR] [--output FILE]`` (``make pdf``; the defaults are the site
of ``$CALLANALYSIS_TRANSCRIPT``'s book, as ``make book`` built it, and ``pdf/report.pdf`` beside
its ``html/`` folder)

1. serves the built site (``make book``) on 127.0.0.1 and opens every page of ``_toc.yml``,
   in order, in Debian's Chromium through Playwright; any request off 127.0.0.1 is blocked
   and fails the print;
2. waits until every chart (``.callanalysis-vega``) holds its SVG or canvas, so charts print
   as they appear on screen, opens collapsed output sections, and adds print CSS that hides
   the sidebars, the header buttons, the folded-code toggles and the chart menus;
3. prints each page with ``page.pdf()``, plus a title page (the call's title, the author,
   date built, the call's metadata and the transcript's SHA-256), every value HTML-escaped;
4. merges them with pypdf, with one bookmark per chapter, and stamps page numbers on every
   page but the title page: a blank document with the same page count is printed with a
   Chromium footer template (``pageNumber`` / ``totalPages``) and laid over the merged pages,
   so the numbers run through the whole report.

:func:`build_pdf` returns a :class:`PdfReport` (where each chapter starts, how many charts
it printed and their text) that ``tests/test_pdf.py`` checks against the PDF.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callanalysis.paths import ROOT
from callanalysis.report import transcript_path

from .bookconfig import book_title, read_base, toc_docnames

CHROMIUM = Path(os.environ.get("CALLANALYSIS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CHART = ".callanalysis-vega"
PAPER = "A4"
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
CHART_TIMEOUT_MS = 30_000

#: Print styles added to every page before printing.
PRINT_CSS = """
@media print {
  .bd-header, .bd-header-announcement, .pst-async-banner-revealer, .bd-sidebar-primary,
  .bd-sidebar-secondary, .bd-header-article, .header-article, .article-header-buttons,
  .bd-footer, .bd-footer-article, .bd-footer-content, .footer-article, .prev-next-area,
  #pst-back-to-top, .skip-link, .search-button-field, .theme-switch-button, .headerlink,
  .toggle-secondary-sidebar, .primary-toggle, .secondary-toggle, dialog,
  details.above-input, details.below-input, .cell_input, .copybtn,
  .vega-embed > details, .vega-embed .vega-actions, #vg-tooltip-element {
    display: none !important;
  }
  html, body { background: #fff !important; color: #000 !important; }
  .bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container,
  .bd-article, .bd-page-width {
    max-width: 100% !important; width: 100% !important; margin: 0 !important;
    padding-left: 0 !important; padding-right: 0 !important;
  }
  a { text-decoration: none !important; }
  h1, h2, h3, h4 { break-after: avoid; }
  .callanalysis-vega, .vega-embed, figure, .admonition, tr, .cell_output img { break-inside: avoid; }
  /* Long tables print whole, at a size that fits the page width. */
  .ca-table-wrap, .pst-scrollable-table-container {
    max-height: none !important; overflow: visible !important;
  }
  table { max-width: 100% !important; }
  table.ca-table { font-size: 7.5pt !important; }
  table.ca-table th, table.ca-table td { padding: 1.5pt 3pt !important; overflow-wrap: anywhere; }
  table.ca-table th { position: static !important; }
  table.ca-table .num { white-space: normal !important; }
}
"""

TITLE_CSS = """
@page { size: A4; margin: 0; }
html, body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
.title-page { box-sizing: border-box; height: 297mm; padding: 60mm 24mm 20mm; display: flex;
  flex-direction: column; }
h1 { font-size: 28pt; line-height: 1.2; margin: 0 0 8mm; }
.author { font-size: 14pt; margin: 0 0 24mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2.5mm 8mm; font-size: 11pt; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
.note { margin-top: auto; font-size: 9pt; color: #444; }
"""

FOOTER = (
    '<div style="width:100%;font-size:8px;color:#444;text-align:center;'
    'font-family:DejaVu Sans,Liberation Sans,Arial,sans-serif;">'
    '{title} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)


@dataclass
class PrintedPage:
    """One book page in the PDF."""

    docname: str
    title: str
    first_page: int  # 0-based index into the merged PDF
    page_count: int
    charts: int  # charts drawn on the page when it was printed
    chart_text: list[str] = field(default_factory=list)  # text inside each chart's SVG


@dataclass
class PdfReport:
    path: Path
    page_count: int
    title_page_text: str
    pages: list[PrintedPage]


# --- the table of contents and the title page --------------------------------------------


def call_facts(transcript: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The call's metadata for the title page, in words."""
    from callanalysis.parse.transcript import load
    from callanalysis.present.provenance import sha256

    path = transcript_path(transcript)
    call = load(path)
    meta = call.metadata
    when = meta.date.strftime("%-d %B %Y") if meta.date else "not given"
    if meta.time:
        when += f", {meta.time}" + (f" {meta.timezone}" if meta.timezone else "")
    facts = {
        "Call": meta.title,
        "Company": f"{meta.company or 'not given'}" + (f" ({meta.ticker})" if meta.ticker else ""),
        "Call date": when,
        "Speakers": str(len({t.speaker for t in call.turns})),
        "Turns": str(len(call.turns)),
        "Transcript": path.name,
        "Transcript SHA-256": sha256(path),
    }
    return facts


def title_page_html(title: str, author: str, built: str, facts: dict[str, str], commit: str | None) -> str:
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in facts.items())
    rows += f"<dt>Built</dt><dd>{html.escape(built)}</dd>"
    if commit:
        rows += f"<dt>Source commit</dt><dd>{html.escape(commit)}</dd>"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{TITLE_CSS}</style></head><body><section class=\"title-page\">"
        f"<h1>{html.escape(title)}</h1><p class=\"author\">{html.escape(author)}</p>"
        f"<dl>{rows}</dl>"
        '<p class="note">Printed from the HTML report with headless Chromium. The charts are '
        "interactive in the HTML version; the code behind every chapter is folded there and "
        "left out here.</p></section></body></html>"
    )


# --- serving and printing ------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class PrintError(RuntimeError):
    """A page could not be printed as it appears (external request, chart not drawn...)."""


def _print_page(context, base: str, docname: str) -> tuple[bytes, str, int, list[str]]:
    page = context.new_page()
    try:
        external: list[str] = []

        def route(r) -> None:
            url = r.request.url
            if url.startswith(base) or url.split(":", 1)[0] in ("data", "blob", "about"):
                r.continue_()
            else:
                external.append(url)
                r.abort("blockedbyclient")

        page.route("**/*", route)
        response = page.goto(base + docname + ".html", wait_until="load")
        if response is None or not response.ok:
            raise PrintError(f"{docname}.html: HTTP {response and response.status}")
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            """sel => Array.from(document.querySelectorAll(sel)).every(
                   el => el.querySelector('svg, canvas') || el.textContent.trim())""",
            arg=CHART,
            timeout=CHART_TIMEOUT_MS,
        )
        undrawn = page.eval_on_selector_all(
            CHART, "els => els.filter(el => !el.querySelector('svg, canvas')).map(el => el.id)"
        )
        if undrawn:
            raise PrintError(f"{docname}.html: charts not drawn: {', '.join(undrawn)}")
        if external:
            raise PrintError(f"{docname}.html: requested off 127.0.0.1: {', '.join(external)}")
        # One entry per chart: the text of its drawing (vega's svg.marks; the export
        # menu's icon is another svg inside the chart container).
        chart_text = page.eval_on_selector_all(
            CHART,
            """els => els.map(el => {
                   const svg = el.querySelector('svg.marks') || el.querySelector(':scope > svg');
                   return svg ? Array.from(svg.querySelectorAll('text'))
                       .map(t => t.textContent.trim()).filter(Boolean).join(' | ') : '';
               })""",
        )
        page.evaluate(
            """() => document.querySelectorAll('.cell_output details, .output details')
                      .forEach(d => { d.open = true; })"""
        )
        page.add_style_tag(content=PRINT_CSS)
        page.evaluate("() => document.fonts.ready")
        title = page.evaluate(
            """() => { const h = document.querySelector('main h1, article h1, h1');
                       return h ? h.innerText.replace(/#$/, '').trim() : document.title; }"""
        )
        pdf = page.pdf(format=PAPER, margin=MARGIN, print_background=True, display_header_footer=False)
        return pdf, title, len(chart_text), chart_text
    finally:
        page.close()


def _page_number_overlay(context, pages: int, title: str) -> bytes:
    """``pages`` blank pages whose footers carry the page number (Chromium footer template)."""
    page = context.new_page()
    try:
        blank = "".join('<div style="break-after: page; height: 1px"></div>' for _ in range(pages - 1))
        page.set_content(f"<!DOCTYPE html><html><body style='margin:0'>{blank}<div style='height:1px'></div></body></html>")
        return page.pdf(
            format=PAPER,
            margin=MARGIN,
            print_background=False,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER.format(title=html.escape(title)),
        )
    finally:
        page.close()


@contextmanager
def _browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        raise PrintError(f"{CHROMIUM} is missing: apt-get install chromium (or set CALLANALYSIS_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def build_pdf(
    site: str | os.PathLike[str],
    output: str | os.PathLike[str],
    docnames: list[str] | None = None,
    transcript: str | os.PathLike[str] | None = None,
) -> PdfReport:
    """Print the built ``site`` to ``output``; see the module docstring."""
    from pypdf import PdfReader, PdfWriter

    from callanalysis.parse.transcript import load
    from callanalysis.present.provenance import build_date, git_revision

    site = Path(site)
    if not (site / "index.html").is_file():
        raise PrintError(f"{site} has no index.html: build the book first (make book)")
    docnames = docnames or toc_docnames()
    missing = [d for d in docnames if not (site / f"{d}.html").is_file()]
    if missing:
        raise PrintError(f"pages in _toc.yml missing from {site}: {', '.join(missing)}")

    title = book_title(load(transcript_path(transcript)).metadata)
    author = str(read_base().get("author") or "")
    built = build_date().strftime("%-d %B %Y, %H:%M UTC")

    writer = PdfWriter()
    printed: list[PrintedPage] = []
    with _browser() as browser, serve(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        try:
            cover = context.new_page()
            cover.set_content(title_page_html(title, author, built, call_facts(transcript), git_revision()))
            title_pdf = cover.pdf(format=PAPER, print_background=True, prefer_css_page_size=True)
            cover.close()
            writer.append(PdfReader(io.BytesIO(title_pdf)))
            title_pages = len(writer.pages)

            for docname in docnames:
                pdf, page_title, charts, chart_text = _print_page(context, base, docname)
                reader = PdfReader(io.BytesIO(pdf))
                first = len(writer.pages)
                writer.append(reader)
                writer.add_outline_item(title=page_title, page_number=first)
                printed.append(PrintedPage(docname, page_title, first, len(reader.pages), charts, chart_text))

            overlay = PdfReader(io.BytesIO(_page_number_overlay(context, len(writer.pages), title)))
            for index in range(title_pages, len(writer.pages)):
                writer.pages[index].merge_page(overlay.pages[index])
        finally:
            context.close()

    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "tools/pdf.py (Chromium, pypdf)"})
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".pdf.tmp")
    try:
        with open(tmp, "wb") as handle:
            writer.write(handle)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)
    title_text = PdfReader(output).pages[0].extract_text()
    return PdfReport(path=output, page_count=len(writer.pages), title_page_text=title_text, pages=printed)


def main(argv: list[str] | None = None) -> int:
    from .book import output_root, site

    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="the built HTML book (default: the site of $CALLANALYSIS_TRANSCRIPT's book)")
    parser.add_argument("--output", help="the PDF to write (default: pdf/report.pdf beside the site)")
    args = parser.parse_args(argv)
    built = Path(args.site) if args.site else site(output_root(transcript_path()))
    output = Path(args.output) if args.output else built.parent / "pdf" / "report.pdf"
    try:
        report = build_pdf(built, output)
    except PrintError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: no PDF written", file=sys.stderr)
        return 130
    try:
        shown = report.path.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = report.path
    charts = sum(p.charts for p in report.pages)
    print(f"{shown}: {report.page_count} pages, {len(report.pages)} chapters, {charts} charts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
