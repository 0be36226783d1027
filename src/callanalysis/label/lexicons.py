"""The lexicon CSV files of ``data/lexicons/`` and the one pass that finds their cues.

Promises:

* every loader reads its file once per process and returns a tuple of frozen dataclasses;
  a missing file, a missing column, an empty key or an empty ``source`` raises
  :class:`LexiconError` naming the file and what was expected;
* :func:`compile_cue` turns a cue row into one case-insensitive regular expression that
  matches whole words only (``may`` never matches inside ``mayor``), from the row's
  ``pattern`` when given, else from the literal cue (flexible white space, either apostrophe);
* :class:`CueMatcher` finds the cues of one lexicon in a sentence in one plain pass
  (:class:`PatternSet`): one compiled alternation of every row (``re.IGNORECASE``) finds where
  a row can match, each row's own compiled pattern is tried there only, and a hit of a row
  with a context rule is kept only when the rule function named in its ``rule`` column says
  so. No regex source is rewritten.

Adding a cue is adding a CSV row; a row whose context a word list cannot express names a rule,
a small function ``rule(text, match) -> bool`` in the ``RULES`` dictionary of its detector
(:mod:`.hedges`, :mod:`.boosters`, :mod:`.forecasts`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..paths import LEXICONS as LEXICON_DIR

__all__ = [
    "LEXICON_DIR", "BaselineEntry", "CueEntry", "CueMatcher", "LexiconError", "PatternSet", "Rule", "TopicEntry",
    "baseline_words", "compile_cue", "load_baselines", "load_boosters", "load_forecast_cues",
    "load_hedges", "load_topics", "source_counts",
]

_CUE_COLUMNS = ("cue", "kind", "rule", "pattern", "source", "note")
_TOPIC_COLUMNS = ("topic", "label", "priority", "pattern", "source", "note")
_BASELINE_COLUMNS = ("list", "word", "source")

#: A context rule: is this hit of a cue (``match`` in ``text``) a cue here?
Rule = Callable[[str, "re.Match[str]"], bool]


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
            f"lexicon file not found: {path} (expected one of the CSV files described in {LEXICON_DIR / 'README.md'})"
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


@cache
def load_hedges() -> tuple[CueEntry, ...]:
    """Rows of ``hedges.csv``."""
    return _cues("hedges.csv")


@cache
def load_boosters() -> tuple[CueEntry, ...]:
    """Rows of ``boosters.csv``."""
    return _cues("boosters.csv")


@cache
def load_forecast_cues() -> tuple[CueEntry, ...]:
    """Rows of ``forecast_cues.csv``."""
    return _cues("forecast_cues.csv")


@cache
def load_topics() -> tuple[TopicEntry, ...]:
    """Rows of ``topics.csv``, sorted by priority."""
    entries = []
    for row in _read("topics.csv", _TOPIC_COLUMNS, "topic"):
        try:
            priority = int(row["priority"])
        except ValueError as exc:
            raise LexiconError(f"topics.csv: bad priority for {row['topic']!r}") from exc
        entries.append(TopicEntry(**{**row, "priority": priority}))
    return tuple(sorted(entries, key=lambda e: e.priority))


@cache
def load_baselines() -> tuple[BaselineEntry, ...]:
    """Rows of ``baselines.csv`` (published word lists, verbatim)."""
    return tuple(BaselineEntry(**row) for row in _read("baselines.csv", _BASELINE_COLUMNS, "word"))


@cache
def baseline_words(name: str) -> frozenset[str]:
    """The lower-cased words of one baseline list (``lm_weak_modal``, ``lm_strong_modal``,
    ``li2010_forward``)."""
    words = frozenset(e.word.lower() for e in load_baselines() if e.list == name)
    if not words:
        known = sorted({e.list for e in load_baselines()})
        raise LexiconError(f"unknown baseline list {name!r}; known: {known}")
    return words


#: A cue starts a word: no word character, apostrophe or hyphen before it.
_LEAD = r"(?<![\w'’-])"


def _pattern(entry: CueEntry) -> str:
    """The row's pattern, or its literal cue escaped, with flexible white space and either apostrophe."""
    return entry.pattern or r"\s+".join(re.escape(w) for w in entry.cue.split()).replace("'", "['’]")


def _cue_body(entry: CueEntry) -> str:
    """The row's pattern with a trailing word boundary."""
    return f"(?:{_pattern(entry)})(?![\\w])"


def _attaches(entry: CueEntry) -> bool:
    """A pattern that starts with an apostrophe (``'ll``) attaches to the word before it."""
    return _pattern(entry).startswith("['’]")


def compile_cue(entry: CueEntry) -> re.Pattern[str]:
    """Whole-word, case-insensitive regex for one cue row (see module docstring)."""
    return re.compile(("" if _attaches(entry) else _LEAD) + _cue_body(entry), re.IGNORECASE)


class PatternSet:
    """Several regular expressions that share a zero-width ``prefix``, each with its own hits,
    found in one pass.

    One compiled alternation of the patterns (``prefix`` then a look-ahead for any of them, with
    the same ``flags``) finds every place where at least one of them matches; :meth:`finditer`
    then tries each pattern at those places only, so it gives exactly what each pattern's own
    ``finditer`` gives, at the cost of about one search of the text.
    """

    def __init__(self, bodies: Sequence[str], flags: int = 0, prefix: str = "") -> None:
        self.patterns = tuple(re.compile(f"{prefix}(?:{body})", flags) for body in bodies)
        self._anywhere = re.compile(f"{prefix}(?=" + "|".join(f"(?:{body})" for body in bodies) + ")", flags)

    def finditer(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """``(i, match)`` for every match of pattern ``i`` in ``text`` (what its own ``finditer``
        gives), pattern by pattern in order, each pattern's matches in text order."""
        starts = [m.start() for m in self._anywhere.finditer(text)]
        found: list[tuple[int, re.Match[str]]] = []
        for i, pattern in enumerate(self.patterns):
            end = 0
            for start in starts:
                if start >= end and (m := pattern.match(text, start)):
                    found.append((i, m))
                    end = m.end()
        return found


class CueMatcher:
    """All cues of one lexicon, compiled once (see module docstring).

    :meth:`finditer` lists the ``(entry, match)`` pairs of a sentence, row by row in lexicon
    order, each row's hits in text order, the hits of a ruled row only where its rule agrees.
    Overlaps are left for the caller to resolve.
    """

    def __init__(self, entries: tuple[CueEntry, ...], rules: Mapping[str, Rule], lexicon: str) -> None:
        for e in entries:
            if e.rule and e.rule not in rules:
                raise LexiconError(f"{lexicon}: unknown rule {e.rule!r} for cue {e.cue!r}")
        words = [e for e in entries if not _attaches(e)]
        attached = [e for e in entries if _attaches(e)]
        self._sets = [
            ([(e, rules.get(e.rule)) for e in rows], PatternSet([_cue_body(e) for e in rows], re.IGNORECASE, prefix))
            for rows, prefix in ((words, _LEAD), (attached, "")) if rows
        ]

    def finditer(self, text: str) -> list[tuple[CueEntry, re.Match[str]]]:
        """The ``(entry, match)`` pairs of ``text`` (see the class docstring)."""
        found: list[tuple[CueEntry, re.Match[str]]] = []
        for rows, patterns in self._sets:
            for i, m in patterns.finditer(text):
                entry, rule = rows[i]
                if rule is None or rule(text, m):
                    found.append((entry, m))
        return found


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
                    if source.strip():
                        counts[source.strip()] = counts.get(source.strip(), 0) + 1
        out.extend((path.name, s, n) for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
