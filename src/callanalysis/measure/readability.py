"""Readability per group: Flesch reading ease and Gunning fog, from textstat's counts.

``readability(df, by="speaker")`` promises one row per group, scored as textstat 0.7.8 scores
the group's sentences joined in call order, after removing transcription markers such as
``[Inaudible]`` and bare dashes; groups under ``min_words`` spoken words are kept but marked
``reliable = False``; a group without words gets NaN scores.

Both formulas are ratios of counts that add up over sentences (words, sentences, syllables,
difficult words), so each sentence is counted once with textstat's public counting functions
(:func:`components`) and the scores of any group, and of any bootstrap resample of its
sentences, are computed from the summed counts (:func:`formulas`).

Caveat: both formulas were built for *written* text (Flesch 1948 for prose, Gunning 1952 for
business writing). Speech transcribed into sentences has punctuation chosen by the
transcriber, so sentence length (and hence both scores) depends on the transcript's editing as
much as on the speaker. Compare speakers within one transcript, not with published norms for
written documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import textstat

from ..parse.sentences import word_count
from . import stats
from .stats import DEFAULT_SEED
from .summary import PHASE_COLUMNS, PHASE_ORDER, phase_groups

MIN_WORDS = 100
#: textstat 0.7.8's English constants: Flesch (1948) reading ease, Gunning fog's syllable cut-off.
FRE_BASE, FRE_SENTENCE, FRE_SYLLABLE = 206.835, 1.015, 84.6
FOG_SYLLABLES = 3
_MARKER = re.compile(r"\[[^\]]{1,40}\]")
_DASH = re.compile(r"(?:\s|^)-{1,3}(?=\s|$)")
#: textstat's reading of a sentence: a run up to terminal punctuation, counted when over two words.
_PIECE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def clean_text(text: str) -> str:
    """``text`` without ``[Marker]``s and bare dashes, whitespace collapsed."""
    return " ".join(_DASH.sub(" ", _MARKER.sub(" ", text)).split())


def _sentence(text: str) -> str:
    """A cleaned sentence ending in terminal punctuation ('' when nothing is left)."""
    c = clean_text(str(text)).rstrip(",;:")
    return c if not c or c[-1] in ".?!\"”’)" else c + "."


def joined_text(texts: pd.Series) -> str:
    """A group's sentences as one text, as textstat would score it: cleaned, each ending in
    terminal punctuation."""
    return " ".join(filter(None, map(_sentence, texts)))


@lru_cache(maxsize=65536)
def components(sentence: str) -> tuple[int, int, int, int]:
    """(words, sentences, syllables, difficult words) of one sentence, as textstat counts them.

    The counts of a group's sentences add up to textstat's counts for their joined text, except
    that textstat counts at least one sentence in any text: a piece of two words or fewer
    ("Thank you.") is no sentence for textstat, so it adds 0 sentences here.
    """
    text = _sentence(sentence)
    if not text:
        return 0, 0, 0, 0
    textstat.set_lang("en_US")
    return (
        int(textstat.lexicon_count(text)),
        sum(1 for piece in _PIECE.findall(text) if textstat.lexicon_count(piece) > 2),
        int(textstat.syllable_count(text)),
        int(textstat.difficult_words(text, syllable_threshold=FOG_SYLLABLES, unique=False)),
    )


def formulas(words, sentences, syllables, difficult) -> tuple[np.ndarray, np.ndarray]:
    """Flesch reading ease and Gunning fog from summed counts (arrays; NaN without words)."""
    words = np.asarray(words, dtype=float)
    sentences = np.maximum(np.asarray(sentences, dtype=float), 1.0)  # textstat: at least one sentence
    wps = np.where(words > 0, words / sentences, np.nan)
    spw, difficult_share = stats.ratio(syllables, words), stats.ratio(np.multiply(difficult, 100.0), words)
    return FRE_BASE - FRE_SENTENCE * wps - FRE_SYLLABLE * spw, 0.4 * (wps + difficult_share)


def _counts(texts: pd.Series) -> np.ndarray:
    return np.array([components(t) for t in texts], dtype=float).reshape(-1, 4)


def readability(df: pd.DataFrame, by: str = "speaker", min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Scores per group, sorted by ``by``: ``by``, ``words``, ``sentences``,
    ``flesch_reading_ease``, ``gunning_fog``, ``reliable`` (at least ``min_words`` words)."""
    rows = []
    for key, grp in df.sort_values("sentence_id", kind="mergesort").groupby(by, sort=True):
        fre, fog = formulas(*_counts(grp["text"]).sum(axis=0))
        words = word_count(joined_text(grp["text"]))
        rows.append((key, words, len(grp), float(fre), float(fog), words >= min_words))
    return pd.DataFrame(rows, columns=[by, "words", "sentences", "flesch_reading_ease", "gunning_fog", "reliable"])


def score_draws(texts: pd.Series, n_boot: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n_boot`` bootstrap draws of (Flesch reading ease, Gunning fog) of a list of sentences."""
    return formulas(*stats.resample_sums(_counts(texts), n_boot, rng).T)


def readability_ci(df: pd.DataFrame, by: str = "speaker", min_words: int = MIN_WORDS, n_boot: int = stats.N_BOOT,
                   seed: int = DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """:func:`readability` with percentile bootstrap intervals (each group's sentences resampled).

    Columns: ``by``, ``words``, ``sentences``, ``flesch_reading_ease``, ``fre_low``,
    ``fre_high``, ``gunning_fog``, ``fog_low``, ``fog_high``, the counts that drive them
    (``words_per_sentence``, ``difficult_per_100w``: Gunning's words of three or more syllables
    not on textstat's easy-word list, ``syllables_per_word``), then ``reliable``. Sorted by ``by``.
    """
    stats.check_level(level)
    point = readability(df, by=by, min_words=min_words).set_index(by)
    rows = []
    for key, grp in df.sort_values("sentence_id", kind="mergesort").groupby(by, sort=True):
        fre, fog = score_draws(grp["text"], n_boot, stats.generator(seed, (key,)))
        words, sentences, syllables, difficult = _counts(grp["text"]).sum(axis=0)
        p = point.loc[key]
        rows.append((key, int(p["words"]), int(p["sentences"]), p["flesch_reading_ease"], *stats.interval(fre, level),
                     p["gunning_fog"], *stats.interval(fog, level), words / max(sentences, 1.0) if words else np.nan,
                     float(stats.ratio(100 * difficult, words)), float(stats.ratio(syllables, words)),
                     bool(p["reliable"])))
    return pd.DataFrame(rows, columns=[by, "words", "sentences", "flesch_reading_ease", "fre_low", "fre_high",
                                       "gunning_fog", "fog_low", "fog_high", "words_per_sentence",
                                       "difficult_per_100w", "syllables_per_word", "reliable"])


def phase_readability(df: pd.DataFrame, score: str = "gunning_fog", role: str = "executive", min_words: int = 100,
                      n_boot: int = stats.N_BOOT, seed: int = DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Scripted opening against Q&A for a readability ``score`` ("gunning_fog" or
    "flesch_reading_ease"), per :func:`~callanalysis.measure.summary.phase_groups`.

    Each part's score is :func:`readability`'s, its interval resamples the part's sentences,
    and the difference's interval pairs the two parts' independent draws. Columns:
    :data:`~callanalysis.measure.summary.PHASE_COLUMNS` (``*_rate`` hold the scores).
    """
    if score not in ("gunning_fog", "flesch_reading_ease"):
        raise ValueError(f"score must be 'gunning_fog' or 'flesch_reading_ease', got {score!r}")
    stats.check_level(level)
    rows = []
    for name, sub in phase_groups(df, role, min_words):
        parts = []
        for phase in PHASE_ORDER[:2]:
            part = sub[sub["phase"].eq(phase)].sort_values("sentence_id", kind="mergesort")
            point = readability(part, by="phase", min_words=min_words)
            draws = score_draws(part["text"], n_boot, stats.generator(seed, (name, phase, score)))
            parts.append((float(point[score].iloc[0]) if len(point) else np.nan,
                          draws[score == "gunning_fog"], int(part["words"].sum())))
        (o, o_draws, o_words), (q, q_draws, q_words) = parts
        lo, hi = stats.interval(q_draws - o_draws, level)
        rows.append((name, o_words, q_words, o, *stats.interval(o_draws, level), q, *stats.interval(q_draws, level),
                     q - o, lo, hi, stats.verdict(lo, hi)))
    return pd.DataFrame(rows, columns=PHASE_COLUMNS)
