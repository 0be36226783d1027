"""The lexicon CSV files of ``data/lexicons/`` and the one pass that finds their cues.

Promises:

* each file is read once per process into a tuple of frozen dataclasses; a missing file or
  column, an empty key or an empty ``source`` raises :class:`LexiconError` naming the file;
* :func:`compile_cue` makes a row one case-insensitive, whole-word regular expression (``may``
  never matches inside ``mayor``): the row's ``pattern``, else its literal cue;
* a sentence is read once into where its words begin (:class:`Words`); a :class:`WordIndex` tries
  each pattern only where a word it can begin with begins, and finds what the pattern finds;
* :class:`CueMatcher` gives one lexicon's cues in a sentence in text order, as written: a hit of
  a row that names a context rule (``rule(text, match) -> bool`` in its detector's ``RULES``:
  :mod:`.hedges`, :mod:`.boosters`, :mod:`.forecasts`) is kept only when the rule says so, and of
  overlapping hits the longer one ("or something like that" beats "something like").
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache, cached_property, partial
from typing import NamedTuple, TypeVar

from ..paths import LEXICONS as LEXICON_DIR

T = TypeVar("T")
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


def _read(name: str, entry: type, key: str) -> list[dict[str, str]]:
    """The rows of lexicon file ``name`` with the columns of the dataclass ``entry``, checked."""
    required = [f.name for f in fields(entry)]
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
    return tuple(CueEntry(**row) for row in _read(name, CueEntry, "cue"))


load_hedges = partial(load_cues, "hedges.csv")
load_boosters = partial(load_cues, "boosters.csv")
load_forecast_cues = partial(load_cues, "forecast_cues.csv")


@cache
def load_topics() -> tuple[TopicEntry, ...]:
    """Rows of ``topics.csv``, sorted by priority."""
    entries = []
    for row in _read("topics.csv", TopicEntry, "topic"):
        try:
            priority = int(row["priority"])
        except ValueError as exc:
            raise LexiconError(f"topics.csv: bad priority for {row['topic']!r}") from exc
        entries.append(TopicEntry(**{**row, "priority": priority}))
    return tuple(sorted(entries, key=lambda e: e.priority))


@cache
def load_baselines() -> tuple[BaselineEntry, ...]:
    """Rows of ``baselines.csv`` (published word lists, verbatim)."""
    return tuple(BaselineEntry(**row) for row in _read("baselines.csv", BaselineEntry, "word"))


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


#: re.IGNORECASE also lets İ and ı match i and ſ match s; the typographic apostrophe reads as the
#: plain one. (Folding İ first keeps offsets: its lower case is two characters long.)
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
                self.at.setdefault(w.group(), []).append(w.start())

    def has_any(self, keys: frozenset[str]) -> bool:
        """Does a word with one of ``keys`` (:func:`keys_of`) begin in the sentence?"""
        return not keys.isdisjoint(self.at)


def keys_of(words: str) -> frozenset[str]:
    """The :class:`Words` keys of ``words`` (separated by spaces): a rule that needs one of these
    words is looked for only in a sentence that :meth:`Words.has_any` of them."""
    return frozenset(w.lower()[:3] for w in words.split())


def words_of(text: str | Words) -> Words:
    """``text`` read into :class:`Words` (unless it already is)."""
    return text if isinstance(text, Words) else Words(text)


class WordIndex:
    """Case-insensitive regular expressions, each tried only where a word it can begin with begins.

    ``starts[i]`` lists the words a match of ``patterns[i]`` can begin with: lower case, ``'ll``
    for the apostrophe of "we'll", ``regulat*`` for every word that begins so, ``*`` for any word
    (the whole text is searched). The patterns that can begin with words of the same first three
    characters are also joined into one alternation: only where it matches are they tried one by
    one (``pattern.match(text, start)``). So :meth:`finditer` gives what the patterns' own
    ``finditer`` give as long as ``starts`` is complete (``tests/test_lexicons.py`` checks it).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], starts: Sequence[Sequence[str]], lexicon: str) -> None:
        self.patterns = tuple(patterns)
        self._anywhere = tuple(i for i, words in enumerate(starts) if "*" in words)
        rows: dict[str, list[int]] = {}
        for i, words in enumerate(starts):
            for word in words:
                if not _START.fullmatch(word) or (word.endswith("*") and 1 < len(word) < 4):
                    raise LexiconError(f"{lexicon}: bad start word {word!r} (a word, a prefix of 3 or more characters and *, or *)")
                same_start = rows.setdefault(word.rstrip("*")[:3], [])
                if i not in same_start and i not in self._anywhere:
                    same_start.append(i)
        self._rows: dict[str, tuple[re.Pattern[str], list[int]]] = {}  # each key's alternation and rows
        for key, same_start in rows.items():
            either = "|".join(f"(?:{self.patterns[i].pattern})" for i in same_start)
            self._rows[key] = (re.compile(either, re.IGNORECASE), same_start)

    def finditer(self, text: str | Words) -> list[tuple[int, re.Match[str]]]:
        """``(i, match)`` for every match of pattern ``i`` in ``text``, pattern by pattern in
        order, each pattern's matches in text order."""
        words = words_of(text)
        found = [(i, m) for i in self._anywhere for m in self.patterns[i].finditer(words.text)]
        for key in words.at.keys() & self._rows.keys():
            any_row, rows = self._rows[key]
            for start in words.at[key]:
                if any_row.match(words.text, start):
                    found += [(i, m) for i in rows if (m := self.patterns[i].match(words.text, start))]
        if len(found) < 2:
            return found
        found.sort(key=lambda hit: (hit[0], hit[1].start()))
        kept = found[:1]
        for i, m in found[1:]:  # as in a pattern's own finditer, no match begins inside the one before
            if kept[-1][0] != i or m.start() >= kept[-1][1].end():
                kept.append((i, m))
        return kept


class CueMatch(NamedTuple):
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
        return tuple(longest_of_overlapping(found, lambda c: (c.start, c.end)))

    def cues(self, text: str | Words) -> tuple[str, ...]:
        """The cues of ``text`` as written, in text order, without repeats (:func:`dedupe`)."""
        return dedupe(self.find(text))


def longest_of_overlapping(found: Sequence[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Of ``found`` items that overlap (``span(item)``: start, end) the longest, the earlier of
    two as long; in text order."""
    if len(found) < 2:
        return list(found)
    kept: list[tuple[int, int, T]] = []
    for start, end, item in sorted(((*span(x), x) for x in found), key=lambda k: (k[0] - k[1], k[0])):
        if all(end <= k[0] or start >= k[1] for k in kept):
            kept.append((start, end, item))
    return [item for _, _, item in sorted(kept, key=lambda k: k[0])]


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
