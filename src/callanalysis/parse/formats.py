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
  each line's offsets, so offsets stay exact in files with Windows line endings.

Offsets computed on the extracted text refer to that text, not to the HTML source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

from ..errors import TranscriptError

_BLOCK = frozenset(
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p "
    "pre section table tbody td th thead tr ul".split()
)
_SKIP = frozenset("aside footer head nav noscript script style svg template title".split())
_LABEL_TAGS = frozenset({"strong", "b"})
#: Elements whose content newer html.parser releases (3.11.13, 3.12.11, 3.13.6 on) read as raw
#: text and older ones as markup: the fast tokenizer takes them only when their content holds no
#: markup, where every release reads them alike, and leaves any other page to html.parser.
_RAW_TEXT = frozenset({"textarea", "title"})
#: The tags that matter to the fast tokenizer: those :class:`_Paragraphs` reacts to and those
#: whose content html.parser reads raw. Any other tag (``<a>``, ``<em>``, ...) changes nothing.
_EVENTFUL = _BLOCK | _SKIP | _LABEL_TAGS | _RAW_TEXT | frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS)
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2007\u202f]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def plain_ascii(text: str) -> bool:
    """``text`` is ASCII without the information separators ``\\x1c``-``\\x1f``: text on which
    Unicode white space (``\\s``, ``str.split``, ``str.isspace``) is ASCII white space, and
    ``\\w``, ``\\d`` and ``\\b`` mean what they mean with ``re.ASCII``."""
    # four substring tests are faster than one regex search
    return text.isascii() and not ("\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text)


def _collapse(text: str) -> str:
    """``_SPACE.sub(" ", text).strip()``: white space collapsed to single spaces, ends stripped.

    For ASCII text without the separators ``\\x1c``-``\\x1f`` (which ``str.split`` also
    splits at) the white space ``str.split`` splits at is exactly ``_SPACE``'s ASCII part, so
    ``" ".join(text.split())`` gives the same string, sooner.
    """
    if plain_ascii(text):
        return " ".join(text.split())
    return _SPACE.sub(" ", text).strip()


def looks_like_html(text: str) -> bool:
    """Does ``text`` look like a saved HTML page rather than a plain-text transcript?"""
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head or ("<body" in head and "</" in head)


class _Paragraphs:
    """The page's paragraphs, built from its tags and text in document order.

    Both tokenizers below drive this one state machine, so they extract the same text: block
    tags end a paragraph, skipped elements drop their content, and a ``<strong>``/``<b>``
    still open when its paragraph ends is an error.
    """

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip: list[str] = []  # open elements whose content is dropped
        self._label_open: tuple[str, int] | None = None  # (tag, line) of an open <strong>/<b>

    def flush(self) -> None:
        """End the current paragraph (raise if a speaker label is still open)."""
        if self._label_open is not None:
            tag, line = self._label_open
            raise TranscriptError(f"HTML speaker label never closes: <{tag}> opened on line {line} has no </{tag}>")
        para = _collapse("".join(self._buf))
        if para:
            self.paragraphs.append(para)
        self._buf = []

    def start(self, tag: str, line: int) -> None:
        """A start tag (lower-case name) on 1-based ``line``."""
        if tag in _SKIP:
            self._skip.append(tag)
        elif self._skip:
            return
        elif tag in _BLOCK:
            self.flush()
        elif tag in _LABEL_TAGS:
            self._label_open = (tag, line)

    def startend(self, tag: str) -> None:
        """A self-closing tag ``<tag ... />``."""
        if not self._skip and tag in _BLOCK:
            self.flush()

    def end(self, tag: str) -> None:
        """An end tag (lower-case name)."""
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

    def data(self, text: str) -> None:
        """Text, entities already decoded."""
        if not self._skip:
            self._buf.append(text)


class _Extractor(HTMLParser):
    """:mod:`html.parser` driving :class:`_Paragraphs`: any page, however malformed."""

    def __init__(self, out: _Paragraphs) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.start(tag, self.getpos()[0])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.startend(tag)

    def handle_endtag(self, tag: str) -> None:
        self.out.end(tag)

    def handle_data(self, data: str) -> None:
        self.out.data(data)


# The markup the fast tokenizer reads; any other "<" hands the page to html.parser. Each form is
# one that html.parser (convert_charrefs=True) reads as the same single event, ending at the same
# ">": a start tag whose name is ASCII letters and digits and whose attributes are separated by
# ASCII white space (html.parser's name ends only there, not at other white space), with quoted
# values or bare values that end at white space or ">" (so "<a x=1/>" is left to html.parser,
# which reads the "/" as part of the value); an end tag "</name>"; a comment without "--", "<"
# or ">" inside (closed by the first "-->" in every html.parser version); a doctype.
_W = r"[ \t\n\r\f]"
_ATTR = rf"""[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_W}*={_W}*(?:'[^']*'|"[^"]*"|[^\s'"=<>`/]+(?=[ \t\n\r\f>])))?"""
_MARKUP = re.compile(
    rf"<(?:(?P<start>[a-zA-Z][a-zA-Z0-9]*)(?:{_W}+{_ATTR})*{_W}*(?P<selfclose>/?)>"
    r"|/(?P<end>[a-zA-Z][a-zA-Z0-9]*)>"
    r"|!--[^<>-]+(?:-[^<>-]+)*-->"
    r"|!(?i:doctype)[^<>]*>)"
)


def _fast_paragraphs(html: str) -> _Paragraphs | None:
    """The page's paragraphs, or None when it has markup outside :data:`_MARKUP`'s forms.

    Text between tags is decoded piece by piece with :func:`html.unescape`, as html.parser does
    (an entity never spans a tag). After ``<script>`` or ``<style>`` html.parser reads raw text
    up to ``</script>``; here that text must hold no other ``</`` or ``<!--`` (so every
    html.parser version ends it at the same place). Line numbers count ``\n`` as html.parser's
    ``getpos`` does.
    """
    out = _Paragraphs()
    find = html.find
    pos = 0
    line, line_pos = 1, 0
    while (j := find("<", pos)) >= 0:
        if j > pos:
            out.data(unescape(html[pos:j]))
        m = _MARKUP.match(html, j)
        if m is None:
            return None
        pos = m.end()
        if tag := m["start"]:
            tag = tag.lower()
            if tag not in _EVENTFUL:
                continue
            if m["selfclose"]:
                out.startend(tag)
                continue
            if tag in _LABEL_TAGS:
                line += html.count("\n", line_pos, j)
                line_pos = j
            out.start(tag, line)
            if tag in _RAW_TEXT:
                close = find("<", pos)
                end_tag = f"</{tag}>"
                if close < 0 or html[close : close + len(end_tag)].lower() != end_tag:
                    return None  # markup inside: html.parser's release decides how to read it
            elif tag in HTMLParser.CDATA_CONTENT_ELEMENTS:
                close = find("</", pos)
                end_tag = f"</{tag}>"
                if close < 0 or html[close : close + len(end_tag)].lower() != end_tag or "<!--" in html[pos:close]:
                    return None
                if close > pos:
                    out.data(html[pos:close])  # raw text, as html.parser passes it
                pos = close + len(end_tag)
                out.end(tag)
        elif (tag := m["end"]) and (tag := tag.lower()) in _EVENTFUL:
            out.end(tag)
    if pos < len(html):
        out.data(unescape(html[pos:]))
    return out


def html_to_text(html: str, source: str | None = None) -> str:
    """The visible text of a saved page, one paragraph per block (see the module docstring)."""
    try:
        out = _fast_paragraphs(html)
        if out is None:
            out = _Paragraphs()
            parser = _Extractor(out)
            parser.feed(html)
            parser.close()
        out.flush()
    except TranscriptError as exc:
        raise TranscriptError(exc.problem, source) from None
    return "\n\n".join(out.paragraphs) + ("\n" if out.paragraphs else "")


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line of ``text[start:end]``, line breaks excluded, text unchanged."""
    stop = len(text) if end is None else end
    if text.find("\r", start, stop) < 0:  # "\n" line ends only: the same lines, found with str.find
        while start < stop:
            newline = text.find("\n", start, stop)
            if newline < 0:
                yield start, stop
                return
            yield start, newline
            start = newline + 1
        return
    for m in _LINE.finditer(text, start, stop):
        s, e = m.span()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        yield s, e
