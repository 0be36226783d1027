"""``make pdf``: the whole report printed to one PDF by headless Chromium, checked with pypdf.

Prints the built site (``make book`` first; ``$CALLANALYSIS_SITE`` points at another build)
to ``_build/pdf/report.pdf`` next to it, then opens the PDF and checks the title page, the
page count, the bookmarks, the page numbers and that every chart was printed: the text
inside each chart's SVG (axis titles, labels, legends) is found on that chapter's pages.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from .interrupt import stop_on_ctrl_c  # noqa: F401  (Ctrl-C ends the run)

from callanalysis import load
from callanalysis.report import default_transcript, resolve
from tools import bookconfig, pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("CALLANALYSIS_SITE", ROOT / "_build" / "html"))
OUTPUT = SITE.parent / "pdf" / "report.pdf"
IN_CI = bool(os.environ.get("CI"))


def _norm(text: str) -> str:
    """NFKC (ligatures like "ﬁ" -> "fi"), straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def printed():
    if not (SITE / "index.html").is_file():
        message = f"{SITE} is missing: run `make book` first"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    if not pdf.CHROMIUM.exists():
        message = f"{pdf.CHROMIUM} is missing: apt-get install chromium"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return pdf.build_pdf(SITE, OUTPUT)


@pytest.fixture(scope="module")
def reader(printed):
    from pypdf import PdfReader

    return PdfReader(printed.path)


def test_title_page_html_escapes():
    page = pdf.title_page_html("A <b>", "me & you", "today", {"Call": "<x>"}, None)
    assert "A &lt;b&gt;" in page and "me &amp; you" in page and "&lt;x&gt;" in page


def test_every_toc_page_is_printed_in_order(printed, reader):
    docnames = bookconfig.toc_docnames()
    assert [p.docname for p in printed.pages] == docnames
    assert len(reader.pages) == printed.page_count
    assert printed.page_count >= 1 + len(docnames)
    starts = [p.first_page for p in printed.pages]
    assert starts == sorted(starts) and starts[0] == 1  # after the title page
    for page, following in zip(printed.pages, printed.pages[1:]):
        assert page.page_count >= 1
        assert page.first_page + page.page_count == following.first_page
    # One bookmark per page of the book, pointing at its first PDF page.
    outline = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert [n for _, n in outline] == starts


def test_title_page(printed, reader):
    text = _norm(reader.pages[0].extract_text())
    title = bookconfig.book_title(load(resolve(default_transcript())).metadata)
    author = bookconfig.read_base()["author"]
    facts = pdf.call_facts()  # the transcript the book was built for ($CALLANALYSIS_TRANSCRIPT)
    for expected in (title, author, "Built", facts["Call"], facts["Company"],
                     facts["Call date"], "Transcript SHA-256"):
        assert _norm(expected) in text, f"title page lacks {expected!r}:\n{text}"
    assert re.search(r"Built \d{1,2} \w+ \d{4}", text), text
    assert "page 1 of" not in text  # the title page carries no page number


def test_page_numbers_run_through(reader):
    total = len(reader.pages)
    for index in (1, total // 2, total - 1):
        text = _norm(reader.pages[index].extract_text())
        assert f"page {index + 1} of {total}" in text, f"PDF page {index + 1} has no page number"


def test_charts_are_printed(printed, reader):
    html_charts = {
        p.docname: (SITE / f"{p.docname}.html").read_text(encoding="utf-8").count(f'class="{pdf.CHART[1:]}"')
        for p in printed.pages
    }
    with_charts = [p for p in printed.pages if p.charts]
    assert with_charts, "no chart was printed"
    for page in printed.pages:
        assert page.charts == html_charts[page.docname], f"{page.docname}: charts drawn != charts on the page"
    for page in with_charts:
        text = _norm(" ".join(
            reader.pages[i].extract_text(extraction_mode="layout")
            for i in range(page.first_page, page.first_page + page.page_count)
        ))
        for chart_text in page.chart_text:
            words = [_norm(t).strip() for t in chart_text.split(" | ")]
            words = [w for w in words if len(w) >= 4 and any(c.isalpha() for c in w)]
            assert words, f"{page.docname}: a chart without any text"
            found = [w for w in words if w in text]
            assert len(found) >= max(1, len(words) // 2), (
                f"{page.docname}: a chart's text is missing from its PDF pages: "
                f"{sorted(set(words) - set(found))[:10]}"
            )
