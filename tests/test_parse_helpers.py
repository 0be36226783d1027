"""The parser's fast helpers give what the plain forms they replace give (regex scans, html.parser)."""

from __future__ import annotations

import re

import pytest

from callanalysis import TranscriptError
from callanalysis.parse import transcript as tr
from callanalysis.parse.formats import _Extractor, _fast_paragraphs, _Paragraphs, html_to_text

from .conftest import FIXTURES, SEED

# --------------------------------------------------------------------------- HTML


def _slow_paragraphs(html: str) -> list[str] | str:
    """The paragraphs html.parser gives, or the error message."""
    out = _Paragraphs()
    try:
        parser = _Extractor(out)
        parser.feed(html)
        parser.close()
        out.flush()
    except TranscriptError as exc:
        return str(exc)
    return out.paragraphs


def _fast(html: str) -> list[str] | str | None:
    try:
        out = _fast_paragraphs(html)
        if out is None:
            return None
        out.flush()
    except TranscriptError as exc:
        return str(exc)
    return out.paragraphs


PAGES = [
    (FIXTURES / "fool_page.html").read_text(encoding="utf-8"),
    "<html><body><p><strong>Ann Lee</strong> -- <em>Big Bank -- Analyst</em></p><p>Hi &amp; bye&nbsp;now.</p></body></html>",
    "<html><head><style>p{}</style></head><body><script>x<1 '<strong>'</script><p>Kept</p><br/><p>Too</p></body></html>",
    "<!DOCTYPE html>\n<html>\n<body>\n<!-- a comment -->\n<p class='x' id=y>A</p>\n<p>\n<b>Ann Lee\n</p></body></html>",
    "<html><body><p>&amp<em>;</em> x</p><div data-x=\"a>b\">B</div></body></html>",
    "<html><head><title>Call &amp; more</title></head><body><p>A</p><textarea>x &lt; y</textarea></body></html>",
]
FALLBACK_PAGES = [
    "<html><body><p>a < b</p></body></html>",  # a bare "<"
    "<html><body><p x=1/>A</p></body></html>",  # html.parser reads the "/" as part of the value
    "<html><body><script>document.write('</div>')</script><p>A</p></body></html>",
    "<html><body><!-- a -- b --><p>A</p></body></html>",
    "<html><body><p\u00a0class=x>A</p></body></html>",
    # markup inside a title or a textarea: newer html.parser releases read it as text
    "<html><head><title>A <b>bold</b> title</title></head><body><p>A</p></body></html>",
    "<html><body><textarea><p>x</p></textarea><p>A</p></body></html>",
]


@pytest.mark.parametrize("html", PAGES)
def test_fast_html_tokenizer_reads_plain_pages_as_html_parser_does(html):
    assert _fast(html) is not None
    assert _fast(html) == _slow_paragraphs(html)


@pytest.mark.parametrize("html", FALLBACK_PAGES)
def test_unusual_markup_is_left_to_html_parser(html):
    assert _fast(html) is None
    assert html_to_text(html) == "\n\n".join(_slow_paragraphs(html)) + "\n"


def test_fast_html_error_names_the_line_of_the_open_label():
    html = "<html>\n<body>\n<p>\n<strong>Ann Lee -- Analyst</p><p>Hi.</p></body></html>"
    assert _fast(html) == _slow_paragraphs(html) == (
        "HTML speaker label never closes: <strong> opened on line 4 has no </strong>"
    )


# --------------------------------------------------------------------------- text scans


def _name_before_by_tokens(text: str, pos: int, max_tokens: int) -> tuple[int, str] | None:
    """The plain form: split the window into tokens and walk back over name words."""
    base = max(0, pos - 200)
    run: list[re.Match[str]] = []
    for tok in reversed(list(re.finditer(r"\S+", text[base:pos]))):
        word = tok.group()
        if not re.match(r"^(?:[A-Z][\w'’.\-]*|de|van|von|der|da|di|del|la|le|bin|al)$", word) or word.endswith(
            (".", ",", "?", "!", ":", ";")
        ):
            break
        run.insert(0, tok)
        if len(run) == max_tokens:
            break
    if not run:
        return None
    start = base + run[0].start()
    return start, text[start:pos]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks. Ann de la Cruz -- CEO",
        "well. Vaibhav  Taneja\u00a0 -- Chief",
        "a b c D E F G H I J -- x",
        "said Mr. -- x",
        "O'Neil St. -- x",
        "Élan Ümit -- x",
        "x" * 300 + " Ann Lee -- x",
        "A" * 250 + " -- x",
        " -- x",
    ],
)
@pytest.mark.parametrize("max_tokens", [2, 6])
def test_name_before_matches_the_token_walk(text, max_tokens):
    pos = text.rfind(" -- ")
    assert tr._name_before(text, pos, max_tokens) == _name_before_by_tokens(text, pos, max_tokens)


HEADER_TEXTS = [
    SEED.read_text(encoding="utf-8"),
    (FIXTURES / "multiline_headings.txt").read_text(encoding="utf-8"),
    "Kestrel Aerospace (KSTL) Q1 2024 Earnings Call Transcript\n\nImage source: The Motley Fool.\n"
    "Kestrel Aerospace (NYSE: KSTL)\nQ1 2024 Earnings Call\nApr 25, 2024, 11:00 a.m. ET",
    "(x) A (B) Q1 2024 Earnings Call " + "Word " * 30 + "   (TSLA) Q2 2023 Earnings Call",
    "Tesla" + " " * 100 + "(TSLA) Q1 2024 Earnings Call",
    "Z" * 90 + " (TSLA) Q1 2024 Earnings Call",
]


@pytest.mark.parametrize("text", HEADER_TEXTS)
@pytest.mark.parametrize("endpos", [5000, 60])
def test_headers_are_the_finditer_matches(text, endpos):
    spans = [(m.span(), m.groups()) for m in tr._headers(text, endpos)]
    assert spans == [(m.span(), m.groups()) for m in tr._HEADER.finditer(text[:endpos])]


@pytest.mark.parametrize(
    "text",
    [
        SEED.read_text(encoding="utf-8"),
        "Call participants: A Duration: 5 minutes Call Participants: B",
        "Duration: 12 minutes Call participants Duration:x Call ",
        "no heading here",
    ],
)
def test_last_roster_heading_is_the_last_finditer_match(text):
    found = [m.span() for m in tr._ROSTER_HEADING.finditer(text)]
    last = tr._last_roster_heading(text)
    assert (last.span() if last else None) == (found[-1] if found else None)


def test_word_lcp_is_the_common_word_prefix():
    assert tr._word_lcp(["Big Bank -- Analyst Thanks", "Big  Bank -- Analyst Hi", "Big Bank -- Analyst"]) == [
        "Big",
        "Bank",
        "--",
        "Analyst",
    ]
    assert tr._word_lcp(["A B", "A C D"]) == ["A"]
    assert tr._word_lcp(["A B"]) == ["A", "B"]
    assert tr._word_lcp([]) == []


@pytest.mark.parametrize("text", ["", "a\r\nb", "\r\r\n\n", "\n\r", "a\rb\nc\r\n"])
def test_line_breaks_count_what_the_line_splitter_splits_at(text):
    assert tr._line_breaks(text) == len(re.findall(r"\r\n|\r|\n", text))
    for end in range(len(text) + 1):  # a bound counts what the prefix holds, "\r\n" cut or not
        assert tr._line_breaks(text, end) == tr._line_breaks(text[:end])


def test_every_roster_heading_opens_as_its_search_from_the_end_expects():
    alternatives = tr._ROSTER_HEADING.pattern.split("|")  # no "|" inside a group
    assert all(any(alt.startswith(o) for o in tr._ROSTER_OPENINGS) for alt in alternatives)
