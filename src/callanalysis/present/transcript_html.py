"""The annotated transcript as HTML: the whole call to read, every sentence marked with its labels.

``render(sentences, call)`` promises:

* every character of transcript text is HTML-escaped; markup comes only from this module;
* one ``<section>`` per call section with an ``<h2>``, one ``<h3>`` per turn naming the speaker,
  their role and title, and the turn number;
* every sentence is a ``<span id="s-<sentence_id>">`` (the anchor the chapters' tables link to)
  with classes ``ca-claim`` / ``ca-forecast`` / ``ca-hedged`` / ``ca-boosted`` for its labels and
  a ``title`` that spells the labels out in words;
* hedge and booster cue words are wrapped in ``<mark>``-like spans at the places they occur
  (first unused occurrence of each cue, whole words, case-insensitive);
* forecasts carry a small badge with the horizon as said and its normalised dates;
* a sentence that a consistency check questions (``findings``, from
  :func:`callanalysis.measure.consistency.check`) carries the class ``ca-suspect`` and, after
  it, a visible link "check this figure (finding N)" to the findings in the claims chapter, N
  being the finding's number there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .tables import sentence_anchor
from ..parse.transcript import SECTION_LABELS, Call

#: Where the claims chapter lists the consistency findings (the heading's anchor).
FINDINGS_HREF = "02_claims.html#figures-that-cannot-all-be-right"
#: The label columns a sentence is marked with, each named by its column.
LABELS = ("claim", "forecast", "hedged", "boosted")


def _cues(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [c.strip() for c in str(value).split(";") if c.strip()]


def cue_spans(text: str, cues: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, kind)`` spans of each ``(cue, kind)`` in ``text``: each cue's first
    occurrence not already taken (whole words, case-insensitive); a cue not found is skipped."""
    taken: list[tuple[int, int, str]] = []
    for cue, kind in cues:
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, cue.split())) + r"(?![\w-])", re.I)
        for m in pattern.finditer(text):
            if all(m.end() <= a or m.start() >= b for a, b, _ in taken):
                taken.append((m.start(), m.end(), kind))
                break
    return sorted(taken)


def suspects(findings: pd.DataFrame | None) -> dict[int, tuple[int, str]]:
    """Each questioned sentence id -> (the finding's number, 1-based in ``findings`` order; what it computes)."""
    out: dict[int, tuple[int, str]] = {}
    for n, f in enumerate([] if findings is None else findings.itertuples(index=False), start=1):
        for sid in str(f.sentence_ids).split(";"):
            out.setdefault(int(sid), (n, f"{f.kind}: {f.values} ({f.note})"))
    return out


def sentence_html(row: Mapping[str, Any], suspect: tuple[int, str] | None = None) -> str:
    """One sentence (a row of the sentence table, as a Series or a dict) as a labelled, escaped
    span; ``suspect`` (from :func:`suspects`) adds the consistency marker."""
    text = str(row["text"])
    cues = [(c, "hedge") for c in _cues(row.get("hedge_cues"))] + [(c, "booster") for c in _cues(row.get("booster_cues"))]
    parts, pos = [], 0
    for a, b, kind in cue_spans(text, cues):
        parts += [html.escape(text[pos:a]), f'<span class="ca-{kind}-cue" title="{kind} cue">{html.escape(text[a:b])}</span>']
        pos = b
    parts.append(html.escape(text[pos:]))
    labels = [label for label in LABELS if int(row.get(label, 0) or 0)]
    classes = ["ca-s", *(f"ca-{w}" for w in labels), *(["ca-suspect"] if suspect else [])]
    badge = ""
    if int(row.get("forecast", 0) or 0):
        said = str(row.get("horizon_text") or "").strip()
        start, end = str(row.get("horizon_start") or ""), str(row.get("horizon_end") or "")
        if said:
            span = f"{start} to {end}" if start and end and start != end else (end or start or "not normalised")
            flag = " (ends before the call)" if int(row.get("anachronism", 0) or 0) else ""
            badge = f' <span class="ca-horizon" title="forecast horizon">horizon "{html.escape(said)}": {html.escape(span + flag)}</span>'
    if suspect:
        badge += (f' <a class="ca-suspect-flag" href="{FINDINGS_HREF}" title="{html.escape(suspect[1], quote=True)}">'
                  f"&#9888; check this figure (finding {suspect[0]})</a>")
    title = f"Sentence {int(row['sentence_id'])}: " + (", ".join(labels) if labels else "no label")
    return (
        f'<span id="{sentence_anchor(row["sentence_id"])}" class="{" ".join(classes)}" '
        f'title="{html.escape(title, quote=True)}">{"".join(parts)}</span>{badge}'
    )


def legend_html() -> str:
    """The key to the colours and marks."""
    return (
        '<p class="ca-legend" role="note"><strong>Key:</strong> '
        '<span class="ca-s ca-claim">claim (underlined in blue)</span> '
        '<span class="ca-s ca-forecast">forecast (shaded orange)</span> '
        '<span class="ca-hedge-cue">hedge word</span> '
        '<span class="ca-booster-cue">booster word</span> '
        '<span class="ca-horizon">horizon "as said": normalised dates</span> '
        '<span class="ca-suspect-flag">&#9888; check this figure: a consistency check questions it</span>'
        " Hover over a sentence for its labels.</p>"
    )


def _rows_by_turn(sentences: pd.DataFrame) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The sentence rows as plain dicts, grouped by turn: turns in ascending order, rows in table
    order within a turn (what ``groupby("turn", sort=True)`` gives), without a Series per row."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in sentences.to_dict("records"):
        groups.setdefault(row["turn"], []).append(row)
    return sorted(groups.items(), key=lambda item: item[0])


def render(sentences: pd.DataFrame, call: Call, findings: pd.DataFrame | None = None) -> str:
    """The whole call as annotated HTML, with ``findings`` marked (see the module docstring)."""
    turns, marked = {t.turn: t for t in call.turns}, suspects(findings)
    out: list[str] = [legend_html()]
    current_section = None
    for turn_no, group in _rows_by_turn(sentences):
        t = turns[int(turn_no)]
        if t.section != current_section:
            if current_section is not None:
                out.append("</section>")
            current_section = t.section
            label = SECTION_LABELS.get(t.section, t.section)
            out.append(f'<section class="ca-section"><h2 id="section-{html.escape(t.section)}">{html.escape(label)}</h2>')
        who = html.escape(t.speaker)
        details = [t.role] + [x for x in (t.title, t.firm if t.role == "analyst" else "") if x and x.lower() != t.role]
        role = html.escape(", ".join(details))
        body = " ".join(sentence_html(row, marked.get(int(row["sentence_id"]))) for row in group)
        out.append(
            f'<div class="ca-turn" id="turn-{t.turn}"><h3>{who} <span class="ca-role">{role} · turn {t.turn}</span></h3>'
            f"<p>{body}</p></div>"
        )
    if current_section is not None:
        out.append("</section>")
    return "\n".join(out)
