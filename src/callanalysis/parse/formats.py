"""Input normalisation: tell a saved web page from plain text, and extract a page's text.

Promises:

* :func:`looks_like_html` recognises a saved HTML page (doctype, ``<html>`` or ``<body>`` near
  the top); plain-text transcripts, even ones quoting a tag, are not HTML;
* :func:`html_to_text` returns the page's visible text laid out like a copied transcript: every
  block element (``<p>``, ``<h2>``, ``<li>``, ``<div>``, ...) becomes its own paragraph, paragraphs
  are separated by one blank line, whitespace inside a paragraph is collapsed to single spaces,
  entities are decoded (``&rsquo;`` -> ``’``) and non-breaking spaces become plain spaces.
  Scripts, styles, the ``<head>``, navigation, ``<aside>`` and ``<footer>`` are dropped. A fool.com
  speaker paragraph ``<p><strong>Name</strong> -- <em>Title</em></p>`` becomes the line
  ``Name -- Title``, which the transcript parser reads like any other speaker line;
* a label that never closes (``<strong>`` or ``<b>`` still open when its paragraph or the page
  ends) raises :class:`~callanalysis.errors.TranscriptError` with a one-line message;
* :func:`lines` splits text into lines at ``\\n``, ``\\r\\n`` or ``\\r`` without changing it, with
  each line's offsets, so offsets stay exact in files with Windows line endings; :func:`strip_span`
  trims a span's white space the same way.

Offsets computed on the extracted text refer to that text, not to the HTML source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from ..errors import TranscriptError

_BLOCK = frozenset(
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p "
    "pre section table tbody td th thead tr ul".split()
)
_SKIP = frozenset("aside footer head nav noscript script style svg template title".split())
_LABEL_TAGS = frozenset({"strong", "b"})
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2007\u202f]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def looks_like_html(text: str) -> bool:
    """Does ``text`` look like a saved HTML page rather than a plain-text transcript?"""
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head or ("<body" in head and "</" in head)


class _Extractor(HTMLParser):
    """The page's paragraphs, built by :mod:`html.parser` from its tags and text in document
    order: block tags end a paragraph, skipped elements drop their content, and a
    ``<strong>``/``<b>`` still open when its paragraph ends is an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._label_open: tuple[str, int] | None = None  # (tag, line) of an open <strong>/<b>

    def flush(self) -> None:
        """End the current paragraph (raise if a speaker label is still open)."""
        if self._label_open is not None:
            tag, line = self._label_open
            raise TranscriptError(f"HTML speaker label never closes: <{tag}> opened on line {line} has no </{tag}>")
        para = _SPACE.sub(" ", "".join(self._buf)).strip()
        if para:
            self.paragraphs.append(para)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip.append(tag)
        elif self._skip:
            return
        elif tag in _BLOCK:
            self.flush()
        elif tag in _LABEL_TAGS:
            self._label_open = (tag, self.getpos()[0])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip and tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag in self._skip:
                while self._skip.pop() != tag:
                    pass
        elif self._skip:
            return
        elif tag in _LABEL_TAGS and self._label_open and self._label_open[0] == tag:
            self._label_open = None
        elif tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)


def html_to_text(html: str, source: str | None = None) -> str:
    """The visible text of a saved page, one paragraph per block (see the module docstring)."""
    parser = _Extractor()
    try:
        parser.feed(html)
        parser.close()
        parser.flush()
    except TranscriptError as exc:
        raise TranscriptError(exc.problem, source) from None
    return "\n\n".join(parser.paragraphs) + ("\n" if parser.paragraphs else "")


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line of ``text[start:end]``, line breaks excluded, text unchanged."""
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        s, e = m.span()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        yield s, e


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past the white space at either end of ``text[start:end]``."""
    part = text[start:end]
    start += len(part) - len(part.lstrip())
    return start, start + len(part.strip())
