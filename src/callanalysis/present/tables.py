"""HTML tables for the book: escaped, sortable, linked to the annotated transcript, downloadable.

``html_table(df)`` promises:

* every cell is HTML-escaped (transcript text can never inject markup);
* a ``sentence_id`` column becomes a link to that sentence in the annotated-transcript chapter;
* the table carries ``class="ca-table"`` and ``data-sortable``: the book's script
  (``book/_ext/static/tables.js``) sorts it by a clicked header; one of more than
  :data:`LONG_ROWS` rows is ``data-filterable`` (a filter box) in a box of its own height
  (``ca-table-long``), shorter ones show whole; cells are apart by whitespace, as Sphinx's
  search reads raw HTML with its tags stripped;
* numbers are formatted once, here, so every chapter shows them alike;
* the table's longest text column, when it holds prose (a value longer than
  :data:`PROSE_CHARS`: sentences), keeps a readable width (``class="prose"``) instead of
  shrinking to a word per line; a column with a word longer than :data:`LONG_WORD` (a hash,
  a path) may break it anywhere (``class="break"``), so the table keeps to the page's width.

``download_link(df, filename)`` is a self-contained link (a ``data:`` URI, offline) that saves
the table as ``DataFrame.to_csv`` would, except that a text cell a spreadsheet would run as a
formula (``=``, ``@``, tab, CR, or ``+``/``-`` not followed by a number: OWASP's "CSV
injection") starts with ``'``, and the link says how many (:func:`spreadsheet_safe`). The
command line's data files are not changed this way.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping

import pandas as pd

#: The annotated-transcript page, relative to the chapters (all live in notebooks/).
TRANSCRIPT_PAGE = "07_transcript.html"


def sentence_anchor(sentence_id: int) -> str:
    """The HTML id of a sentence on the annotated-transcript page."""
    return f"s-{int(sentence_id)}"


def sentence_href(sentence_id: int) -> str:
    """A link, from any chapter, to a sentence on the annotated-transcript page."""
    return f"{TRANSCRIPT_PAGE}#{sentence_anchor(sentence_id)}"


_NUM, _PROSE, _BREAK = ' class="num"', ' class="prose"', ' class="break"'
#: A text column whose longest value has more characters than this holds prose (sentences).
PROSE_CHARS = 80
#: A table of more rows than this is long: filterable, in a box of its own height.
LONG_ROWS = 30
#: A text column with a word longer than this (a hash, a path) may break it anywhere.
LONG_WORD = 24


class HTML:
    """Raw HTML that notebooks display as is (``_repr_html_``)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    __str__ = _repr_html_

    def __repr__(self) -> str:
        # the notebook's text/plain fallback: the same on every run (no memory address)
        return f"<HTML: {len(self.markup):,} characters>"


def _cell(value: object, fmt: str | None, column: object = "") -> tuple[str, str]:
    """(display text, sort key) of one cell; whole numbers with thousands separators, except years (a
    column whose name ends in "year", in any case)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "", ""
    if fmt and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, fmt), repr(float(value))
    if isinstance(value, bool):
        return ("yes" if value else "no"), str(int(value))
    if isinstance(value, float):
        return f"{value:,.2f}", repr(value)
    if isinstance(value, int):
        return str(value) if str(column).lower().endswith("year") else f"{value:,}", str(value)
    return str(value), str(value)


def html_table(
    df: pd.DataFrame, *, formats: Mapping[str, str] | None = None, labels: Mapping[str, str] | None = None,
    caption: str | None = None, link_sentences: bool = True, links: Mapping[str, str] | None = None,
    max_rows: int | None = None,
) -> HTML:
    """Render ``df`` as an escaped, sortable HTML table (see the module docstring).

    ``formats`` maps column -> format spec (e.g. ``".1f"``, ``".0%"``); ``labels`` maps
    column -> header text in words; ``links`` maps a shown column -> the column holding its
    URL (only ``http(s)`` URLs become links; the URL column itself is not shown).
    """
    formats, labels, links = dict(formats or {}), dict(labels or {}), dict(links or {})
    urls = df[list(links.values())] if links else None
    shown = df.drop(columns=[c for c in links.values() if c not in links]) if links else df
    shown = shown if max_rows is None else shown.head(max_rows)
    numeric = {c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])}
    lengths = {c: int(shown[c].astype(str).str.len().max()) for c in shown.columns if c not in numeric and len(shown)}
    longest = max(lengths, key=lengths.__getitem__, default=None)
    prose = {longest} if longest is not None and lengths[longest] > PROSE_CHARS else set()
    unbroken = {c for c in lengths if shown[c].astype(str).str.contains(rf"\S{{{LONG_WORD + 1},}}").any()}
    head = " ".join(f'<th scope="col"{_NUM if c in numeric else ""}>{html.escape(labels.get(c, str(c).replace("_", " ")))}</th>'
                    for c in shown.columns)
    rows = []
    for i, record in enumerate(shown.itertuples(index=False, name=None)):
        cells = []
        for col, value in zip(shown.columns, record):
            text, key = _cell(value, formats.get(col), col)
            body = html.escape(text)
            url = str(urls.iloc[i][links[col]]) if col in links else ""
            if url.startswith(("http://", "https://")) and text:
                body = f'<a href="{html.escape(url, quote=True)}" rel="noopener">{body}</a>'
            elif col == "sentence_id" and link_sentences and text:
                body = f'<a href="{sentence_href(int(value))}" title="Read sentence {body} in the annotated transcript">{body}</a>'
            cls = _NUM if col in numeric else _PROSE if col in prose else _BREAK if col in unbroken else ""
            cells.append(f'<td{cls} data-sort="{html.escape(key, quote=True)}">{body}</td>')
        rows.append("<tr>" + " ".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    more = (f'<p class="ca-table-note">Showing {len(shown)} of {len(df)} rows; the CSV download has them all.</p>'
            if len(shown) < len(df) else "")
    long, body = len(shown) > LONG_ROWS, "\n".join(rows)
    return HTML(
        f'<div class="ca-table-wrap{" ca-table-long" if long else ""}"><table class="ca-table" data-sortable'
        f'{" data-filterable" if long else ""}>{cap}<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody></table></div>{more}'
    )


#: The start of a text cell a spreadsheet would run as a formula; ``+`` and ``-`` only when
#: what follows is not a plain number (``-0.3``, ``+1,200``, ``-12%`` stay as they are).
_FORMULA_START = re.compile(r"[=@\t\r]|[+-](?![\d.,]*%?$)")


def spreadsheet_safe(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``df`` with every text cell that a spreadsheet would run as a formula prefixed with
    ``'``, and how many cells that changed."""
    changed = 0
    out = df.copy()
    for column in out.columns:
        if out[column].dtype != object and not pd.api.types.is_string_dtype(out[column]):
            continue
        risky = out[column].map(lambda v: isinstance(v, str) and bool(_FORMULA_START.match(v)))
        if risky.any():
            changed += int(risky.sum())
            out[column] = out[column].astype(object)
            out.loc[risky, column] = "'" + out.loc[risky, column]
    return out, changed


def download_link(df: pd.DataFrame, filename: str, text: str | None = None) -> HTML:
    """A link that downloads ``df`` as ``filename`` (CSV, UTF-8), with no file on the server;
    cells a spreadsheet would run as formulas are made text (:func:`spreadsheet_safe`)."""
    safe, changed = spreadsheet_safe(df)
    payload = safe.to_csv(index=False, lineterminator="\n").encode("utf-8")
    b64 = base64.b64encode(payload).decode("ascii")
    label = text or f"Download this table as CSV ({filename}, {len(df):,} rows)"
    run = "cell that a spreadsheet would run as a formula starts" if changed == 1 else \
        "cells that a spreadsheet would run as formulas start"
    note = (f" ({changed:,} {run} with an apostrophe (') in this download, so that it shows them as text)"
            if changed else "")
    return HTML(
        f'<p class="ca-download"><a download="{html.escape(filename, quote=True)}" '
        f'href="data:text/csv;charset=utf-8;base64,{b64}">{html.escape(label)}</a>{html.escape(note)}</p>'
    )
