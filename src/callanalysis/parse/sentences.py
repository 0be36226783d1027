"""Split each turn of a call into sentences, keeping character offsets into the raw file.

``split_text(text)`` promises spans ``(start, end)`` such that ``text[start:end]`` is a sentence
with no surrounding whitespace, in order and non-overlapping. It does not break inside
abbreviations and times (``p.m.``, ``U.S.``, ``Mr.``), numbers (``$2.5 billion``, ``18.9%``),
or at a mid-sentence ``--`` dash or ``[Inaudible]`` marker, but it does end a sentence at an
abbreviation or single letter when the next word plainly starts a new sentence
("... as we posted on X. We expect ...", "... outside the U.S. But then ...").
A paragraph break (a blank line, with ``\n`` or ``\r\n`` line endings) always ends a sentence.

``split_call(call)`` applies it inside every turn (a sentence never crosses a turn), numbering
sentences 1, 2, ... through the call; ``sentences_frame(call)`` is the same as a table with the
turn's speaker, role and section on every row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from .formats import strip_span
from .transcript import Call, Turn

#: Tokens ending in "." that do not end a sentence by themselves.
ABBREVIATIONS = frozenset(
    "a.m. p.m. u.s. u.k. u.n. e.u. e.g. i.e. vs. etc. approx. est. mr. mrs. ms. dr. prof. st. jr. sr. "
    "inc. corp. co. ltd. llc. no. nos. fig. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. "
    "nov. dec. mt. ft. lb. lbs. oz. dept. gov. govt. sen. rep.".split()
)

#: Words that, after an abbreviation or an initial, show that a new sentence has begun.
SENTENCE_STARTERS = frozenset(
    "I We You He She It They This That These Those There Here The A An Our My Your Their His Her "
    "Its And But So Or Yet Now Then If When While As In On At For With Without What How Why Where "
    "Who Which Yes Yeah No OK Okay Well Also Just Thank Thanks Let Let's Please".split()
)

_CANDIDATE = re.compile(r"[.?!]+[\"”’)\]]*(?=\s+[\"“‘(\[$A-Z0-9])")
_NEXT_WORD = re.compile(r"\s+[\"“‘(\[]*([\w'’]+)")
_WORD = re.compile(r"[A-Za-z0-9$€£][\w'’%.,$-]*")
MARKER = re.compile(r"\[[^\]]{1,40}\]")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")
_INITIAL = re.compile(r"[A-Za-z]\.")  # a single initial: "X."
_INITIALS = re.compile(r"(?:[a-z]\.){2,}")  # lower-cased dotted initials: "u.s."


@dataclass(frozen=True)
class Sentence:
    """One sentence of one turn."""
    sentence_id: int  # 1-based through the call
    turn: int
    start: int  # offsets into the raw file
    end: int
    text: str


def _ends_sentence(text: str, end: int) -> bool:
    """Is the punctuation ending at ``end`` a sentence boundary? ('?', '!', a closing quote or bracket always is.)"""
    if text[end - 1] != ".":
        return True
    bare = text[max(0, end - 80) : end].rsplit(None, 1)[-1].lstrip("\"“‘([").lower()  # the word before
    initial = _INITIAL.fullmatch(bare) is not None or _INITIALS.fullmatch(bare) is not None
    if bare not in ABBREVIATIONS and not initial:
        return True
    nxt = _NEXT_WORD.match(text, end)
    if bare in {"no.", "nos."} and nxt and nxt.group(1)[:1].isdigit():
        return False
    return bool(nxt) and nxt.group(1) in SENTENCE_STARTERS


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    for p0, p1 in zip(starts, ends):
        start = p0
        for m in _CANDIDATE.finditer(text, p0, p1):
            end = m.end()
            if _ends_sentence(text, end):
                spans.append((start, end))
                start = end
        spans.append((start, p1))
    return [(a, b) for a, b in (strip_span(text, *span) for span in spans) if a < b]


def split_call(call: Call) -> list[Sentence]:
    """Every sentence of every turn, numbered through the call."""
    text = call.text
    return [Sentence(i, turn.turn, s, e, text[s:e]) for i, (turn, s, e) in enumerate(sentence_spans(call), start=1)]


def sentence_spans(call: Call) -> Iterator[tuple[Turn, int, int]]:
    """``(turn, start, end)`` of every sentence of :func:`split_call`, in the same order, with
    offsets into ``call.text``: the sentences without building their objects."""
    for turn in call.turns:
        base = turn.start
        for a, b in split_text(turn.text):
            yield turn, base + a, base + b


def word_count(text: str) -> int:
    """Spoken words in ``text``: markers such as ``[Inaudible]`` and bare dashes do not count."""
    return len(_WORD.findall(MARKER.sub(" ", text)))


TURN_COLUMNS = ["turn", "speaker", "title", "firm", "role", "section", "start", "end", "text"]


def turns_frame(call: Call) -> pd.DataFrame:
    """One row per turn: ``turn, speaker, title, firm, role, section, start, end, text, words``."""
    rows = [[getattr(t, c) for c in TURN_COLUMNS] + [word_count(t.text)] for t in call.turns]
    return pd.DataFrame(rows, columns=[*TURN_COLUMNS, "words"])


def sentences_frame(call: Call) -> pd.DataFrame:
    """One row per sentence, with its turn's speaker, title, firm, role and section."""
    rows = []
    for sentence_id, (t, start, end) in enumerate(sentence_spans(call), start=1):
        text = call.text[start:end]
        rows.append([sentence_id, t.turn, t.speaker, t.title, t.firm, t.role, t.section, start, end, text, word_count(text)])
    cols = ["sentence_id", "turn", "speaker", "title", "firm", "role", "section", "start", "end", "text", "words"]
    return pd.DataFrame(rows, columns=cols)
