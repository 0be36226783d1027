"""Typed, cached access to the lexicon CSV files in ``data/lexicons/``.

Promises:

* every loader reads its file once per process (``functools.lru_cache``) and
  returns immutable tuples of frozen dataclasses;
* a missing file or a missing required column raises :class:`LexiconError`
  naming the file and what was expected; a row with an empty ``source`` (or an
  empty key column) is rejected the same way;
* :func:`compile_cue` turns a cue row into one case-insensitive regular
  expression that matches whole words only (so ``may`` never matches inside
  ``mayor``), using the row's ``pattern`` when given, else the literal cue.

The lexicons say *which* words are candidate cues and where each comes from;
context rules that a word list cannot express (``could`` of ability,
``about`` as a preposition ...) live in the detector modules and are named in
each row's ``rule`` column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "LEXICON_DIR",
    "BaselineEntry",
    "CueEntry",
    "LexiconError",
    "TopicEntry",
    "baseline_words",
    "compile_cue",
    "load_baselines",
    "load_boosters",
    "load_forecast_cues",
    "load_hedges",
    "load_topics",
]

LEXICON_DIR: Path = Path(__file__).resolve().parents[2] / "data" / "lexicons"

_CUE_COLUMNS = ("cue", "kind", "rule", "pattern", "source", "note")
_TOPIC_COLUMNS = ("topic", "label", "priority", "pattern", "source", "note")
_BASELINE_COLUMNS = ("list", "word", "source")


class LexiconError(FileNotFoundError):
    """A lexicon file is missing or malformed."""


@dataclass(frozen=True)
class CueEntry:
    """One cue of the hedge, booster or forecast lexicon."""

    cue: str
    kind: str
    rule: str
    pattern: str
    source: str
    note: str


@dataclass(frozen=True)
class TopicEntry:
    """One topic with its keyword pattern; lower ``priority`` wins ties."""

    topic: str
    label: str
    priority: int
    pattern: str
    source: str
    note: str


@dataclass(frozen=True)
class BaselineEntry:
    """One word of a published word list used as a baseline."""

    list: str
    word: str
    source: str


def _read(name: str, required: tuple[str, ...], key: str) -> list[dict[str, str]]:
    path = LEXICON_DIR / name
    if not path.is_file():
        raise LexiconError(
            f"lexicon file not found: {path} (expected one of the CSV files "
            f"described in {LEXICON_DIR / 'README.md'})"
        )
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = tuple(reader.fieldnames or ())
        missing = [c for c in required if c not in columns]
        if missing:
            raise LexiconError(f"{path}: missing column(s) {missing}; found {list(columns)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            clean = {k: (row.get(k) or "").strip() for k in required}
            if not clean[key]:
                raise LexiconError(f"{path}:{line}: empty '{key}'")
            if not clean["source"]:
                raise LexiconError(f"{path}:{line}: empty 'source' for {clean[key]!r}")
            rows.append(clean)
    return rows


def _cues(name: str) -> tuple[CueEntry, ...]:
    return tuple(CueEntry(**row) for row in _read(name, _CUE_COLUMNS, "cue"))


@lru_cache(maxsize=None)
def load_hedges() -> tuple[CueEntry, ...]:
    """Rows of ``hedges.csv``."""
    return _cues("hedges.csv")


@lru_cache(maxsize=None)
def load_boosters() -> tuple[CueEntry, ...]:
    """Rows of ``boosters.csv``."""
    return _cues("boosters.csv")


@lru_cache(maxsize=None)
def load_forecast_cues() -> tuple[CueEntry, ...]:
    """Rows of ``forecast_cues.csv``."""
    return _cues("forecast_cues.csv")


@lru_cache(maxsize=None)
def load_topics() -> tuple[TopicEntry, ...]:
    """Rows of ``topics.csv``, sorted by priority."""
    rows = _read("topics.csv", _TOPIC_COLUMNS, "topic")
    entries = []
    for row in rows:
        try:
            priority = int(row["priority"])
        except ValueError as exc:
            raise LexiconError(f"topics.csv: bad priority for {row['topic']!r}") from exc
        entries.append(TopicEntry(**{**row, "priority": priority}))
    return tuple(sorted(entries, key=lambda e: e.priority))


@lru_cache(maxsize=None)
def load_baselines() -> tuple[BaselineEntry, ...]:
    """Rows of ``baselines.csv`` (published word lists, verbatim)."""
    return tuple(BaselineEntry(**row) for row in _read("baselines.csv", _BASELINE_COLUMNS, "word"))


@lru_cache(maxsize=None)
def baseline_words(name: str) -> frozenset[str]:
    """The lower-cased words of one baseline list (``lm_weak_modal``,
    ``lm_strong_modal``, ``li2010_forward``)."""
    words = frozenset(e.word.lower() for e in load_baselines() if e.list == name)
    if not words:
        known = sorted({e.list for e in load_baselines()})
        raise LexiconError(f"unknown baseline list {name!r}; known: {known}")
    return words


_APOSTROPHE = re.compile(r"'")


@lru_cache(maxsize=None)
def compile_cue(entry: CueEntry) -> re.Pattern[str]:
    """Whole-word, case-insensitive regex for one cue row.

    ``pattern`` (a regex) is used when present, else the literal cue with
    flexible whitespace and either apostrophe. A pattern that starts with an
    apostrophe (``'ll``) may attach to the preceding word.
    """
    lead, body = _cue_body(entry)
    return re.compile(f"{lead}{body}", re.IGNORECASE)


_LEAD = r"(?<![\w'’-])"


def _cue_body(entry: CueEntry) -> tuple[str, str]:
    """(leading word boundary or "", pattern with trailing boundary)."""
    if entry.pattern:
        body = entry.pattern
    else:
        words = [re.escape(w) for w in entry.cue.split()]
        body = _APOSTROPHE.sub("['’]", r"\s+".join(words))
    lead = "" if body.startswith("['’]") else _LEAD
    return lead, f"(?:{body})(?![\\w])"


def _literal_length(entry: CueEntry) -> int:
    return len(entry.pattern or entry.cue)


class CueMatcher:
    """All cues of one lexicon, compiled for speed.

    Rows without a context rule are merged into one alternation (longer cues
    first, so "or something like that" is preferred to "something like" at the
    same position); rows with a rule keep their own pattern, and a match is
    kept only if ``rules[row.rule](text, match)`` is true. :meth:`finditer`
    yields ``(entry, match)`` pairs; overlaps are for the caller to resolve.
    """

    def __init__(self, entries: tuple[CueEntry, ...], rules: dict[str, object], lexicon: str) -> None:
        plain = sorted(
            (e for e in entries if not e.rule and _cue_body(e)[0]), key=_literal_length, reverse=True
        )
        self._plain_entries = tuple(plain)
        # one word-start check, then the alternatives: fails fast inside words
        self._plain = (
            re.compile(
                _LEAD + "(?:" + "|".join(f"(?P<c{i}>{_cue_body(e)[1]})" for i, e in enumerate(plain)) + ")",
                re.IGNORECASE,
            )
            if plain
            else None
        )
        ruled = []
        for e in entries:
            if not e.rule and _cue_body(e)[0]:
                continue
            if not e.rule:
                ruled.append((e, compile_cue(e), lambda text, m: True))
                continue
            if e.rule not in rules:
                raise LexiconError(f"{lexicon}: unknown rule {e.rule!r} for cue {e.cue!r}")
            ruled.append((e, compile_cue(e), rules[e.rule]))
        self._ruled = tuple(ruled)

    def finditer(self, text: str):  # -> Iterator[tuple[CueEntry, re.Match[str]]]
        if self._plain is not None:
            for m in self._plain.finditer(text):
                yield self._plain_entries[int(m.lastgroup[1:])], m  # type: ignore[index]
        for entry, pattern, rule in self._ruled:
            for m in pattern.finditer(text):
                if rule(text, m):  # type: ignore[operator]
                    yield entry, m


def source_counts() -> list[tuple[str, str, int]]:
    """``(file, source, entries)`` for every lexicon file, counting an entry once per named source.

    Sources separated by ``;`` in a row each get the entry; rows are sorted by file, then by
    count (most first), then source.
    """
    out: list[tuple[str, str, int]] = []
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        counts: dict[str, int] = {}
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for source in (row.get("source") or "").split(";"):
                    source = source.strip()
                    if source:
                        counts[source] = counts.get(source, 0) + 1
        out.extend((path.name, s, n) for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
