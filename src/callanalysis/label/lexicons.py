"""Typed, cached access to the lexicon CSV files in ``data/lexicons/``.

Promises:

* every loader reads its file once per process (``functools.lru_cache``) and
  returns immutable tuples of frozen dataclasses;
* a missing file or a missing required column raises :class:`LexiconError`
  naming the file and what was expected; a row with an empty ``source`` (or an
  empty key column) is rejected the same way;
* :func:`compile_cue` turns a cue row into one case-insensitive regular
  expression that matches whole words only (so ``may`` never matches inside
  ``mayor``), using the row's ``pattern`` when given, else the literal cue;
* :class:`ScreenedPattern` is a regular expression that is only run where it
  can match: every alternative knows the literal words it needs
  (:func:`required_atoms`, read from the pattern itself), :func:`screen`
  tells which of those words a sentence contains, and alternatives whose
  words are absent are left out. An alternative that cannot match anywhere
  in the string changes no result when left out, so a screened pattern
  finds exactly what the whole pattern finds, only sooner. Where the sentence is
  plain ASCII (:data:`NOT_PLAIN` not in its screen), the pattern runs compiled
  with ``re.ASCII``, which on such text matches exactly as without it, and
  faster. A :class:`ScreenedSet` looks up several screened patterns at once:
  a sentence none of them can match in costs one dict look-up.

The lexicons say *which* words are candidate cues and where each comes from;
context rules that a word list cannot express (``could`` of ability,
``about`` as a preposition ...) live in the detector modules and are named in
each row's ``rule`` column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import Generic, TypeVar
from re import _constants as _sre  # CPython's regex parser: the screen reads patterns
from re import _parser as _sre_parse

from ..parse.formats import plain_ascii

__all__ = [
    "LEXICON_DIR",
    "BaselineEntry",
    "CueEntry",
    "LexiconError",
    "NOT_PLAIN",
    "ScreenedPattern",
    "ScreenedSet",
    "TopicEntry",
    "baseline_words",
    "compile_cue",
    "load_baselines",
    "load_boosters",
    "load_forecast_cues",
    "load_hedges",
    "load_topics",
    "required_atoms",
    "screen",
    "split_alternatives",
]

from ..paths import LEXICONS as LEXICON_DIR

_T = TypeVar("_T")

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


# --- Screening: run a regular expression only where it can match ------------------------------
#
# An *atom* is a piece of literal text that every match of a (part of a) pattern must contain:
# a run of ASCII word characters in lower case ("think", "4680"), a single punctuation mark
# ("?", "%", "’") or DIGIT (any decimal digit, for ``\d`` and ``[0-9]``). A *clause* is a set of
# atoms of which a match needs at least one; a pattern needs all of its clauses. Atoms are
# checked against a sentence's lower-cased word tokens, so the check is a necessary condition
# for a match in the sentence and in any part of it. Tokens are the sentence's white-space
# separated words, lower-cased, punctuation included.

DIGIT = "\\d"  # the atom "some decimal digit"
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_IS_WORD = re.compile(r"\w")
#: Characters that match an ASCII letter case-insensitively although their lower case is not
#: that letter (dotted and dotless i, long s): a string with one of them is never screened.
_CASE_TRAPS = frozenset("\u0130\u0131\u017f")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_MAX_CLAUSES = 4


def _run_clauses(run: list[str]) -> list[frozenset[str]]:
    """One clause per atom of a run of literal characters (single letters are left out)."""
    atoms: list[str] = []
    word = ""
    for ch in run + [" "]:
        low = ch.lower()
        if len(low) == 1 and low in _WORD_CHARS:
            word += low
            continue
        if len(word) > 1 or word.isdigit() or word == "_":  # a single letter is in nearly every sentence
            atoms.append(word)
        word = ""
        if _is_symbol(ch):
            atoms.append(ch)
    return [frozenset([a]) for a in atoms]


def _is_symbol(ch: str) -> bool:
    """A punctuation mark or other caseless character that is neither a word character nor space."""
    return not ch.isspace() and not _IS_WORD.match(ch) and ch.lower() == ch == ch.upper()


def _strength(clause: frozenset[str]) -> tuple[int, int]:
    """Longer atoms are rarer; fewer of them are better."""
    return min(1 if a == DIGIT else len(a) for a in clause), -len(clause)


def _digits_only(items: list[tuple[object, object]]) -> bool:
    """A character set that holds decimal digits only (``\\d``, ``[0-9]``, ``[1-4]``)."""
    for op, av in items:
        if op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            continue
        if op is _sre.RANGE and "0" <= chr(av[0]) <= chr(av[1]) <= "9":  # type: ignore[index]
            continue
        if op is _sre.LITERAL and chr(av).isdigit() and chr(av).isascii():  # type: ignore[arg-type]
            continue
        return False
    return bool(items)


def _clauses(items) -> list[frozenset[str]]:  # items: a parsed (sub)pattern
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if op is _sre.IN and run:
            out += _extended(run, av)
        elif op is _sre.SUBPATTERN and run and len(av[3]) and av[3][0][0] is _sre.IN:
            out += _extended(run, av[3][0][1])  # H(?P<h2>[12])
        elif op is _sre.BRANCH and _trailing_word(run):
            # m(?:ay|ight), as the parser writes may|might: each alternative after the word
            head = [(_sre.LITERAL, ord(ch)) for ch in _trailing_word(run)]
            alternatives = [_clauses(head + list(a)) for a in av[1]]
            if all(alternatives):
                out.append(frozenset().union(*(max(a, key=_strength) for a in alternatives)))
        out += _run_clauses(run)
        run = []
        if op is _sre.SUBPATTERN:
            out += _clauses(av[3])
        elif op is _sre.ATOMIC_GROUP:
            out += _clauses(av)
        elif op in _REPEATS:
            if av[0] >= 1:
                out += _clauses(av[2])
        elif op is _sre.ASSERT:  # a lookaround's text is in the string too
            out += _clauses(av[1])
        elif op is _sre.BRANCH:
            alternatives = [_clauses(a) for a in av[1]]
            if all(alternatives):
                out.append(frozenset().union(*(max(a, key=_strength) for a in alternatives)))
        elif op is _sre.IN and _digits_only(av):
            out.append(frozenset([DIGIT]))
        elif op is _sre.IN and all(o is _sre.LITERAL and _is_symbol(chr(a)) for o, a in av):
            out.append(frozenset(chr(a) for _, a in av))  # ['’]
    out += _run_clauses(run)
    return out


def _trailing_word(run: list[str]) -> str:
    """The ASCII word characters a literal run ends with, lower-cased."""
    word = ""
    for ch in reversed(run):
        if len(ch.lower()) != 1 or ch.lower() not in _WORD_CHARS:
            break
        word = ch.lower() + word
    return word


def _extended(run: list[str], items: list[tuple[object, object]]) -> list[frozenset[str]]:
    """The word a literal run ends with, extended by each character of a following small set
    of ASCII word characters: ``Q[1-4]`` needs one of "q1" .. "q4"."""
    word = _trailing_word(run)
    chars: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            chars.append(chr(av))  # type: ignore[arg-type]
        elif op is _sre.RANGE and av[1] - av[0] < 10:  # type: ignore[index,operator]
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))  # type: ignore[index,operator]
        else:
            return []
    if not word or not all(len(c.lower()) == 1 and c.lower() in _WORD_CHARS for c in chars):
        return []
    return [frozenset(word + c.lower() for c in chars)]


def required_atoms(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Clauses that every match of ``pattern`` satisfies, strongest first (at most four).

    Each clause is a set of atoms (see above) of which the matched text, lower-cased, contains
    at least one. An empty tuple means nothing is known (the pattern may match anywhere).
    Single letters are not atoms: nearly every sentence has them.
    """
    return _required(_sre_parse.parse(pattern, flags))


def _required(parsed) -> tuple[frozenset[str], ...]:  # parsed: re._parser.SubPattern
    kept: list[frozenset[str]] = []
    for clause in sorted(set(_clauses(parsed)), key=lambda c: (_strength(c), sorted(c)), reverse=True):
        # left out when a stronger clause implies it: {"ay", "ight"} holds whenever {"may", "might"} does
        if not any(all(any(atom in s for atom in clause) for s in strong) for strong in kept):
            kept.append(clause)
    return tuple(kept[:_MAX_CLAUSES])


#: The screen bit of a sentence that is not plain ASCII (has a non-ASCII character or one of the
#: ASCII information separators \x1c-\x1f, which are white space to ``\s`` only without
#: ``re.ASCII``). On plain ASCII text, and on every slice of it with parts replaced by spaces, a
#: pattern compiled with ``re.ASCII`` matches exactly as without it: ``\w``, ``\d``, ``\s`` and
#: ``\b`` agree on ASCII characters, and so does ``re.IGNORECASE`` unless the pattern names a
#: non-ASCII character that shares a case with an ASCII one (:func:`_ascii_flags`). It is no atom.
NOT_PLAIN = 1
_ATOM_BITS: dict[str, int] = {}  # atom -> its bit in a screen (above NOT_PLAIN)
_ATOM_PREFIXES: set[str] = set()  # every prefix of every atom: where to stop reading a token


class _TokenBits(dict[str, int]):
    """Token, as written -> bits of the atoms that occur in it lower-cased, computed when first
    looked up (at most 50,000 tokens are kept)."""

    def __missing__(self, token: str) -> int:
        if len(self) >= 50_000:
            self.clear()
        bits = self[token] = _token_bits(token.lower())
        return bits


_TOKEN_BITS = _TokenBits()


def _atom_bits(clause: frozenset[str]) -> int:
    """Bits of a clause's atoms, registering new atoms (screens taken before do not see them)."""
    global _TOKEN_BITS
    bits = 0
    for atom in clause:
        if atom not in _ATOM_BITS:
            _ATOM_PREFIXES.update(atom[:i] for i in range(1, len(atom) + 1))
            _ATOM_BITS[atom] = 2 << len(_ATOM_BITS)
            _TOKEN_BITS = _TokenBits()  # a new cache: one being filled meanwhile is left behind
            _screen.cache_clear()
        bits |= _ATOM_BITS[atom]
    return bits


def _token_bits(token: str) -> int:
    """Bits of the atoms that occur in one lower-cased token."""
    bits = _ATOM_BITS.get(DIGIT, 0) if any(ch.isdecimal() for ch in token) else 0
    n = len(token)
    for i in range(n):
        for j in range(i + 1, n + 1):
            piece = token[i:j]
            if piece not in _ATOM_PREFIXES:
                break
            bits |= _ATOM_BITS.get(piece, 0)
    return bits


_LAST_SCREEN: tuple[str | None, int, int] = (None, -1, 0)  # (text, atoms, bits) of the latest screen


def screen(text: str) -> int:
    """Bits of the registered atoms that occur in ``text``, and :data:`NOT_PLAIN` unless
    ``text`` is plain ASCII (-1, all bits, when undecidable).

    A pattern whose clause has no bit in ``screen(text)`` cannot match in ``text``, nor in any
    slice of it, nor in ``text`` with parts replaced by spaces; those strings are plain ASCII
    when ``text`` is. The bits hold for the patterns that existed when they were taken: take
    them after building the patterns they serve.
    """
    global _LAST_SCREEN
    atoms = len(_ATOM_BITS)
    last_text, last_atoms, last_bits = _LAST_SCREEN  # one tuple: consistent across threads
    if last_text is text and last_atoms == atoms:  # the detectors of a sentence screen it in turn
        return last_bits
    bits = _screen(text, atoms)
    _LAST_SCREEN = (text, atoms, bits)
    return bits



@lru_cache(maxsize=4096)
def _screen(text: str, atoms: int) -> int:
    """:func:`screen` while ``atoms`` atoms are registered (part of the key: a screen taken
    before more atoms were registered is never served for the new ones)."""
    if text.isascii():
        bits = 0 if plain_ascii(text) else NOT_PLAIN  # ASCII with a separator \x1c-\x1f
    elif _CASE_TRAPS.isdisjoint(text):
        bits = NOT_PLAIN
    else:
        return -1
    # an atom has no white space: it lies in one token (lower-casing adds or removes no white
    # space, so the tokens of the lower-cased text are the lower-cased tokens)
    return reduce(or_, map(_TOKEN_BITS.__getitem__, text.split()), bits)


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression, as written (``"a|(b|c)"`` ->
    ``["a", "(b|c)"]``); joined with ``|`` they give the pattern back."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if pattern[i + 1: i + 2] == "^" else 0
            i += 1 if pattern[i + 1: i + 2] == "]" else 0
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class ScreenedPattern:
    """``prefix + "|".join(alternatives) + suffix``, compiled with ``flags``, run only where it
    can match.

    :meth:`compiled` gives, for a :func:`screen`, the pattern without the alternatives whose
    atoms are absent (None when no alternative is left): on that string it finds the same
    matches, at the same offsets, as the whole pattern. A left-out alternative with capturing
    groups is kept as a never-matching ``(?!)`` branch so that group numbers and names stay,
    unless ``keep_groups`` is False (for callers that only read ``lastgroup`` and the match).
    At most :data:`MAX_VARIANTS` reduced patterns are kept per pattern (memory stays flat over
    a corpus); other screens use the whole pattern, which finds the same. Where the screen
    says plain ASCII (no :data:`NOT_PLAIN`), the pattern is compiled with ``re.ASCII`` when
    that finds the same there (:func:`_ascii_flags`).
    The methods :meth:`search`, :meth:`match`, :meth:`finditer` and :meth:`sub` take the
    screen of the string, or of the sentence the string was cut from, and compute it when
    none is given. ``gate`` has a bit of every alternative's strongest clause (-1 when an
    alternative has none); :meth:`may_match` reads it: False means no match.
    """

    MAX_VARIANTS = 128
    #: A reduced pattern is compiled once (times it came up) x (alternatives it leaves out)
    #: reaches this many times the alternatives it keeps; until then the whole pattern serves:
    #: compiling costs as much as dozens of searches, each left-out alternative saves a little.
    COMPILE_AFTER = 4

    def __init__(
        self,
        pattern: str | list[str] | tuple[str, ...],
        flags: int = 0,
        *,
        prefix: str = "",
        suffix: str = "",
        keep_groups: bool = True,
    ) -> None:
        alternatives = split_alternatives(pattern) if isinstance(pattern, str) else list(pattern)
        self.pattern: str = prefix + "|".join(alternatives) + suffix
        self.flags = flags
        self._plain_flags = _ascii_flags(self.pattern, flags)  # flags for plain ASCII text
        self._prefix, self._suffix, self._alternatives = prefix, suffix, tuple(alternatives)
        own_groups = _sre_parse.parse(prefix + suffix, flags).state.groups
        needs, has_groups = [], []
        for alt in alternatives:
            parsed = _sre_parse.parse(prefix + alt + suffix, flags)
            needs.append(tuple(_atom_bits(c) for c in _required(parsed)))
            has_groups.append(keep_groups and parsed.state.groups > own_groups)
        self._has_groups = tuple(has_groups)
        self.bits = 0  # every atom the screen looks at
        self.gate = 0  # a bit of every alternative's strongest clause; -1: some has none
        self._always = 0  # alternatives with no clause
        self._first: dict[int, list[tuple[int, tuple[int, ...]]]] = {}  # atom bit -> (alternative, other clauses)
        for i, clauses in enumerate(needs):
            for bits in clauses:
                self.bits |= bits
            if not clauses:
                self._always |= 1 << i
                self.gate = -1
                continue
            if self.gate != -1:
                self.gate |= clauses[0]
            rest = clauses[1:]
            first = clauses[0]
            while first:
                low = first & -first
                self._first.setdefault(low, []).append((i, rest))
                first ^= low
        self._all = (1 << len(alternatives)) - 1
        self._key_bits = self.bits | NOT_PLAIN  # what a screen's variant depends on
        self._by_screen: dict[int, re.Pattern[str] | None] = {}
        self._by_live: dict[int, re.Pattern[str]] = {}  # key: live alternatives * 2 + (plain ASCII)
        self._seen: dict[int, int] = {}

    def may_match(self, bits: int) -> bool:
        """False when the pattern cannot match where ``screen`` is ``bits``: no alternative's
        strongest clause holds (an alternative without a clause may always match)."""
        return self.gate == -1 or bool(bits & self.gate)

    def live(self, bits: int) -> int:
        """Bit ``i`` set when alternative ``i`` may match where ``screen`` is ``bits``."""
        live = self._always
        first = bits & self.gate if self.gate != -1 else bits & self.bits
        while first:
            low = first & -first
            first ^= low
            for i, rest in self._first.get(low, ()):
                if not live >> i & 1 and all(bits & need for need in rest):
                    live |= 1 << i
        return live

    def compiled(self, bits: int) -> re.Pattern[str] | None:
        """The pattern reduced to the alternatives that may match where ``screen`` is ``bits``
        (the whole pattern until that reduction is worth compiling, see :data:`COMPILE_AFTER`)."""
        key = bits & self._key_bits
        try:
            return self._by_screen[key]
        except KeyError:
            pass
        live = self.live(key)
        plain = not key & NOT_PLAIN
        variant = live << 1 | plain
        found = self._by_live.get(variant) if live else None
        if found is None and live:
            seen = self._seen[variant] = self._seen.get(variant, 0) + 1
            kept = live.bit_count()
            worth = seen * (len(self._alternatives) - kept) >= self.COMPILE_AFTER * kept
            if live == self._all or (worth and len(self._by_live) < self.MAX_VARIANTS):
                found = self._by_live[variant] = self._build(live, plain)
            else:
                found = self.compiled(~NOT_PLAIN if plain else -1)  # the whole pattern
                if len(self._seen) > 4096:
                    self._seen.clear()
                return found  # not cached by screen: counted again next time
        if len(self._by_screen) >= 4096:
            self._by_screen.clear()
        self._by_screen[key] = found
        return found

    def choice(self, bits: int) -> tuple[re.Pattern[str] | None, bool]:
        """:meth:`compiled` of ``bits``, and whether that choice is kept for the screen (False
        while the whole pattern stands in for a reduction not yet worth compiling)."""
        found = self.compiled(bits)
        return found, bits & self._key_bits in self._by_screen

    def _build(self, live: int, plain: bool) -> re.Pattern[str]:
        parts = [
            alt if live >> i & 1 else f"(?!)(?:{alt})"
            for i, alt in enumerate(self._alternatives)
            if live >> i & 1 or self._has_groups[i]
        ]
        flags = self._plain_flags if plain else self.flags
        return re.compile(self._prefix + "|".join(parts) + self._suffix, flags)

    def _for(self, string: str, bits: int | None) -> re.Pattern[str] | None:
        if bits is None:
            bits = screen(string)
        found = self._by_screen.get(bits & self._key_bits, _UNSEEN)
        return self.compiled(bits) if found is _UNSEEN else found  # type: ignore[return-value]

    # search and match, the most frequent calls, inline _for
    def search(self, string: str, bits: int | None = None) -> re.Match[str] | None:
        if bits is None:
            bits = screen(string)
        found = self._by_screen.get(bits & self._key_bits, _UNSEEN)
        if found is _UNSEEN:
            found = self.compiled(bits)
        return None if found is None else found.search(string)  # type: ignore[union-attr]

    def match(self, string: str, bits: int | None = None) -> re.Match[str] | None:
        if bits is None:
            bits = screen(string)
        found = self._by_screen.get(bits & self._key_bits, _UNSEEN)
        if found is _UNSEEN:
            found = self.compiled(bits)
        return None if found is None else found.match(string)  # type: ignore[union-attr]

    def finditer(self, string: str, bits: int | None = None) -> Iterator[re.Match[str]]:
        found = self._for(string, bits)
        return iter(()) if found is None else found.finditer(string)

    def sub(self, repl: str, string: str, bits: int | None = None) -> str:
        found = self._for(string, bits)
        return string if found is None else found.sub(repl, string)


_UNSEEN = object()


class ScreenedSet(Generic[_T]):
    """Screened patterns, each with a payload, looked up together.

    :meth:`live` gives, for a :func:`screen`, the ``(payload, pattern)`` pairs of the members
    that may match, in member order, each pattern as :meth:`ScreenedPattern.compiled` gives
    it: a member left out cannot match, a pattern given finds what the whole member finds.
    Once every member's choice is kept for a screen, that screen costs one dict look-up (at
    most 4096 screens are kept).
    """

    def __init__(self, members: Iterable[tuple[_T, ScreenedPattern]]) -> None:
        self.members = tuple(members)
        # every bit a member's choice depends on
        self._key_bits = reduce(or_, (pattern._key_bits for _, pattern in self.members), NOT_PLAIN)
        self._by_screen: dict[int, tuple[tuple[_T, re.Pattern[str]], ...]] = {}

    def live(self, bits: int) -> tuple[tuple[_T, re.Pattern[str]], ...]:
        """The members that may match where ``screen`` is ``bits``, with their patterns."""
        found = self._by_screen.get(bits & self._key_bits)
        return self._live(bits) if found is None else found

    def _live(self, bits: int) -> tuple[tuple[_T, re.Pattern[str]], ...]:
        pairs: list[tuple[_T, re.Pattern[str]]] = []
        kept = True
        for payload, pattern in self.members:
            if not pattern.may_match(bits):
                continue  # no alternative's strongest clause holds
            compiled, final = pattern.choice(bits)
            kept = kept and final
            if compiled is not None:
                pairs.append((payload, compiled))
        found = tuple(pairs)
        if kept:
            if len(self._by_screen) >= 4096:
                self._by_screen.clear()
            self._by_screen[bits & self._key_bits] = found
        return found


def _ascii_flags(pattern: str, flags: int) -> int:
    """``flags | re.ASCII`` when that changes no match of ``pattern`` on plain ASCII text (see
    :data:`NOT_PLAIN`), else ``flags``. Under ``re.IGNORECASE`` a character the pattern names
    may match ASCII text through a case it shares with an ASCII letter ("\u212a", the Kelvin
    sign, is "k"; "\u017f" is "s"); with ``re.ASCII`` it would not, so such a pattern keeps
    its flags, as does one that asks for Unicode matching itself."""
    try:
        re.compile(pattern, flags | re.ASCII)
    except (re.error, ValueError):
        return flags
    if flags & re.IGNORECASE and any(_shares_ascii_case(ch) for ch in _named_chars(pattern, flags)):
        return flags
    return flags | re.ASCII


def _shares_ascii_case(ch: str) -> bool:
    """A non-ASCII character whose other case or case folding has an ASCII character."""
    return not ch.isascii() and any(c.isascii() for c in ch.lower() + ch.upper() + ch.casefold())


def _named_chars(pattern: str, flags: int) -> set[str]:
    """Every character a literal, or a set or range of characters, of ``pattern`` names."""
    chars: set[str] = set()

    def walk(items) -> None:  # items: a parsed (sub)pattern or an operand list
        for op, av in items:
            if op in (_sre.LITERAL, _sre.NOT_LITERAL):
                chars.add(chr(av))
            elif op is _sre.RANGE:
                chars.update(map(chr, range(av[0], av[1] + 1)))
            elif op in (_sre.IN, _sre.ATOMIC_GROUP):
                walk(av)
            elif op is _sre.SUBPATTERN:
                walk(av[3])
            elif op is _sre.BRANCH:
                for alternative in av[1]:
                    walk(alternative)
            elif op in _REPEATS:
                walk(av[2])
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                walk(av[1])
            elif op is _sre.GROUPREF_EXISTS:
                walk(av[1])
                if av[2] is not None:
                    walk(av[2])

    walk(_sre_parse.parse(pattern, flags))
    return chars


class CueMatcher:
    """All cues of one lexicon, compiled for speed.

    Rows without a context rule are merged into one alternation (longer cues
    first, so "or something like that" is preferred to "something like" at the
    same position); rows with a rule keep their own pattern, and a match is
    kept only if ``rules[row.rule](text, match)`` is true. :meth:`finditer`
    lists the ``(entry, match)`` pairs; overlaps are for the caller to resolve.
    All patterns are screened, together (:class:`ScreenedSet`): a cue whose words
    the sentence lacks costs nothing, and a sentence with none of them costs one look-up.
    """

    def __init__(self, entries: tuple[CueEntry, ...], rules: dict[str, object], lexicon: str) -> None:
        plain = sorted(
            (e for e in entries if not e.rule and _cue_body(e)[0]), key=_literal_length, reverse=True
        )
        self._plain_entries = {f"c{i}": e for i, e in enumerate(plain)}  # group name -> row
        # one word-start check, then the alternatives: fails fast inside words
        plain_pattern = (
            ScreenedPattern(
                [f"(?P<c{i}>{_cue_body(e)[1]})" for i, e in enumerate(plain)],
                re.IGNORECASE,
                prefix=_LEAD + "(?:",
                suffix=")",
                keep_groups=False,
            )
            if plain
            else None
        )
        ruled = []
        for e in entries:
            if not e.rule and _cue_body(e)[0]:
                continue
            if not e.rule:
                ruled.append((e, _screened_cue(e), _always))
                continue
            if e.rule not in rules:
                raise LexiconError(f"{lexicon}: unknown rule {e.rule!r} for cue {e.cue!r}")
            ruled.append((e, _screened_cue(e), rules[e.rule]))
        # payload None: the plain alternation; else (row, rule)
        members: list[tuple[tuple[CueEntry, object] | None, ScreenedPattern]] = []
        if plain_pattern is not None:
            members.append((None, plain_pattern))
        members.extend(((e, rule), pattern) for e, pattern, rule in ruled)
        self._patterns = ScreenedSet(members)

    def finditer(self, text: str) -> list[tuple[CueEntry, re.Match[str]]]:
        """The ``(entry, match)`` pairs of ``text``: plain cues first, then ruled ones in
        lexicon order."""
        found: list[tuple[CueEntry, re.Match[str]]] = []
        for cue, pattern in self._patterns.live(screen(text)):
            if cue is None:
                entries = self._plain_entries
                found.extend((entries[m.lastgroup], m) for m in pattern.finditer(text))  # type: ignore[index]
            else:
                entry, rule = cue
                found.extend((entry, m) for m in pattern.finditer(text) if rule(text, m))  # type: ignore[operator]
        return found


def _always(text: str, m: re.Match[str]) -> bool:
    return True


def _screened_cue(entry: CueEntry) -> ScreenedPattern:
    """:func:`compile_cue` of ``entry`` as a screened pattern (same regular expression)."""
    lead, body = _cue_body(entry)
    inner = entry.pattern if entry.pattern else body[len("(?:"): -len(r")(?![\w])")]
    screened = ScreenedPattern(inner, re.IGNORECASE, prefix=f"{lead}(?:", suffix=r")(?![\w])")
    assert screened.pattern == f"{lead}{body}", entry  # what compile_cue compiles
    return screened


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
