"""The lexicon CSV files of ``data/lexicons/`` and the one pass that finds their cues.

Promises:

* every loader reads its file once per process and returns a tuple of frozen dataclasses;
  a missing file, a missing column, an empty key or an empty ``source`` raises
  :class:`LexiconError` naming the file and what was expected;
* :func:`compile_cue` turns a cue row into one case-insensitive regular expression that
  matches whole words only (``may`` never matches inside ``mayor``), from the row's
  ``pattern`` when given, else from the literal cue (flexible white space, either apostrophe);
* a sentence is read once into where its words begin (:class:`Words`); a :class:`WordIndex`
  tries each row's compiled pattern only where a word it can begin with (the row's ``starts``)
  begins, and so finds exactly what the row's own pattern finds;
* :class:`CueMatcher` gives the cues of one lexicon in a sentence as :class:`CueMatch` objects
  in text order, the text as written: a hit of a row with a context rule is kept only when the
  rule function named in its ``rule`` column says so, and of overlapping hits the longer one
  ("or something like that" beats "something like"). No regex source is rewritten and
  nothing is kept from one sentence to the next.

Adding a cue is adding a CSV row; a row whose context a word list cannot express names a rule,
a small function ``rule(text, match) -> bool`` in the ``RULES`` dictionary of its detector
(:mod:`.hedges`, :mod:`.boosters`, :mod:`.forecasts`).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial

from ..paths import LEXICONS as LEXICON_DIR

__all__ = [
    "LEXICON_DIR", "BaselineEntry", "CueEntry", "CueMatch", "CueMatcher", "LexiconError", "Rule", "TopicEntry", "WordIndex",
    "Words", "baseline_words", "compile_cue", "dedupe", "load_baselines", "load_boosters", "load_cues", "load_forecast_cues",
    "load_hedges", "load_topics", "source_counts", "words_of",
]

_CUE_COLUMNS = ("cue", "kind", "rule", "pattern", "starts", "source", "note")
_TOPIC_COLUMNS = ("topic", "label", "priority", "pattern", "starts", "source", "note")
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
    starts: str  # the words a match can begin with (see WordIndex); empty: the cue's first word
    source: str
    note: str


@dataclass(frozen=True)
class TopicEntry:
    """One topic with its keyword pattern; lower ``priority`` wins ties."""

    topic: str
    label: str
    priority: int
    pattern: str
    starts: str  # the words a match can begin with (see WordIndex)
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


@cache
def load_cues(name: str) -> tuple[CueEntry, ...]:
    """Rows of a cue lexicon (``hedges.csv``, ``boosters.csv``, ``forecast_cues.csv``)."""
    return tuple(CueEntry(**row) for row in _read(name, _CUE_COLUMNS, "cue"))


load_hedges = partial(load_cues, "hedges.csv")
load_boosters = partial(load_cues, "boosters.csv")
load_forecast_cues = partial(load_cues, "forecast_cues.csv")


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


def compile_cue(entry: CueEntry) -> re.Pattern[str]:
    """Whole-word, case-insensitive regex for one cue row (see module docstring)."""
    body = entry.pattern or r"\s+".join(re.escape(w) for w in entry.cue.split()).replace("'", "['’]")
    lead = "" if body.startswith("['’]") else _LEAD  # "'ll" attaches to the word before it
    return re.compile(f"{lead}(?:{body})(?![\\w])", re.IGNORECASE)


#: Besides upper and lower case, re.IGNORECASE lets İ and ı match i and ſ match s; the
#: typographic apostrophe is read as the plain one. (İ is the one letter whose lower case is two
#: characters long: with it folded first, offsets in the folded text are offsets in the text.)
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "’": "'"})
#: Where a match can begin, with its key: every word (its first three characters), and every
#: apostrophe or dollar sign before a word (with the two characters after it: "'ll" of "we'll").
_WORD_STARTS = (re.compile(r"(?<!\w)\w{1,3}"), re.compile(r"['$]\w{1,2}"))
_START = re.compile(r"\*|(?:['$]?\w+)\*?")


class Words:
    """A sentence read once into where its words begin, for every lexicon's :class:`WordIndex`:
    ``at`` maps each key (a word's first three characters in lower case; an apostrophe or
    dollar sign with the two characters after it, "'ll" of "we'll") to where such words begin."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.translate(_FOLD).lower()
        self.at: dict[str, list[int]] = {}  # each list in text order
        for word_starts in _WORD_STARTS:
            for w in word_starts.finditer(folded):
                if (key := w.group()) in self.at:
                    self.at[key].append(w.start())
                else:
                    self.at[key] = [w.start()]


def words_of(text: str | Words) -> Words:
    """``text`` read into :class:`Words` (unless it already is)."""
    return text if isinstance(text, Words) else Words(text)


class WordIndex:
    """Regular expressions, each tried only where a word it can begin with begins.

    ``starts[i]`` lists the words a match of ``patterns[i]`` can begin with: lower case, ``'ll``
    for one that begins at the apostrophe of "we'll", ``regulat*`` for every word that begins
    so, ``*`` for any word (the pattern is then searched in the whole text). Words are looked up
    by their first three characters (:class:`Words`) and each pattern that may begin there is
    tried there (``pattern.match(text, start)``: look-behinds still see the text before), so a
    pattern is tried somewhat more often than it needs, never less: :meth:`finditer` gives what
    the patterns' own ``finditer`` give, as long as ``starts`` is complete
    (``tests/test_lexicons.py`` checks it on real calls).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], starts: Sequence[Sequence[str]], lexicon: str) -> None:
        self.patterns = tuple(patterns)
        self._anywhere = tuple(i for i, words in enumerate(starts) if "*" in words)
        self._rows: dict[str, list[int]] = {}
        for i, words in enumerate(starts):
            for word in words:
                if not _START.fullmatch(word) or (word.endswith("*") and 1 < len(word) < 4):
                    raise LexiconError(f"{lexicon}: bad start word {word!r} (a word, a prefix of 3 or more characters and *, or *)")
                rows = self._rows.setdefault(word.rstrip("*")[:3], [])
                if i not in rows and i not in self._anywhere:
                    rows.append(i)

    def finditer(self, text: str | Words) -> list[tuple[int, re.Match[str]]]:
        """``(i, match)`` for every match of pattern ``i`` in ``text``, pattern by pattern in
        order, each pattern's matches in text order."""
        words = words_of(text)
        starts: dict[int, list[int] | None] = dict.fromkeys(self._anywhere)  # None: search the whole text
        for key in words.at.keys() & self._rows.keys():
            where = words.at[key]
            for i in self._rows[key]:  # a row that begins with two words of the sentence: both, in text order
                starts[i] = sorted(starts[i] + where) if i in starts else where
        found: list[tuple[int, re.Match[str]]] = []
        for i in sorted(starts):
            pattern, end, where = self.patterns[i], 0, starts[i]
            if where is None:
                found.extend((i, m) for m in pattern.finditer(words.text))
                continue
            for start in where:
                if start >= end and (m := pattern.match(words.text, start)):
                    found.append((i, m))
                    end = m.end()
        return found


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a sentence: the text as written, its offsets, its row's cue and kind."""

    text: str
    start: int
    end: int
    cue: str
    kind: str


class CueMatcher:
    """The cues of one lexicon file with the context ``rules`` its ``rule`` column names
    (``entries``: the file's rows, read at the first sentence unless given); see the module
    docstring."""

    def __init__(self, lexicon: str, rules: Mapping[str, Rule], entries: tuple[CueEntry, ...] | None = None) -> None:
        self.lexicon, self.rules, self._entries = lexicon, rules, entries

    @cached_property
    def entries(self) -> tuple[CueEntry, ...]:
        entries = load_cues(self.lexicon) if self._entries is None else self._entries
        for e in entries:
            if e.rule and e.rule not in self.rules:
                raise LexiconError(f"{self.lexicon}: unknown rule {e.rule!r} for cue {e.cue!r}")
            if e.pattern and not e.starts:
                raise LexiconError(f"{self.lexicon}: the pattern of cue {e.cue!r} needs its 'starts' (the words a match can begin with)")
        return entries

    @cached_property
    def index(self) -> WordIndex:
        starts = [e.starts.split() or [_START.match(e.cue.lower().replace("’", "'")).group()] for e in self.entries]
        return WordIndex([compile_cue(e) for e in self.entries], starts, self.lexicon)

    def find(self, text: str | Words) -> tuple[CueMatch, ...]:
        """The cues of ``text`` in text order (see the module docstring)."""
        words = words_of(text)
        found = []
        for i, m in self.index.finditer(words):
            e = self.entries[i]
            if not e.rule or self.rules[e.rule](words.text, m):
                found.append(CueMatch(m.group(0), m.start(), m.end(), e.cue, e.kind))
        kept: list[CueMatch] = []  # the longest of overlapping matches
        for cm in sorted(found, key=lambda c: (c.start - c.end, c.start)):
            if all(cm.end <= k.start or cm.start >= k.end for k in kept):
                kept.append(cm)
        return tuple(sorted(kept, key=lambda c: c.start))

    def cues(self, text: str | Words) -> tuple[str, ...]:
        """The cues of ``text`` as written, in text order, without repeats (:func:`dedupe`)."""
        return dedupe(self.find(text))


def dedupe(cues: tuple[CueMatch, ...]) -> tuple[str, ...]:
    """Cue texts in order, without repeats (compared case-insensitively, first spelling kept)."""
    first: dict[str, str] = {}
    for c in cues:
        first.setdefault(" ".join(c.text.lower().split()), c.text)
    return tuple(first.values())


def source_counts() -> list[tuple[str, str, int]]:
    """``(file, source, entries)`` for every lexicon file, counting an entry once per named source.

    Sources separated by ``;`` in a row each get the entry; rows are sorted by file, then by
    count (most first), then source.
    """
    out: list[tuple[str, str, int]] = []
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            counts = Counter(s.strip() for row in csv.DictReader(handle) for s in (row.get("source") or "").split(";") if s.strip())
        out.extend((path.name, s, n) for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
