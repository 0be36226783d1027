"""Readability per group: Flesch reading ease and Gunning fog, on the report's own sentences.

``readability(df, by="speaker")`` scores each group with the two formulas as textstat 0.7.8 states
them, from counts that add up over the report's sentences (:func:`components`): the words
``parse.sentences`` counts everywhere in the report, and textstat's syllables and difficult words,
after removing transcription markers such as ``[Inaudible]`` and bare dashes. A group under
``min_words`` words is kept but marked ``reliable = False``; a group without words scores NaN.
Because the counts add up, a group and any bootstrap resample of its sentences are scored from
summed counts (:func:`formulas`), and a set of sentences gets the same resamples whichever
function asks (the generator is keyed on their ids). :func:`add_counts` counts a table's sentences
once, for every score that follows.

Caveat: both formulas were built for *written* text (Flesch 1948, Gunning 1952). Where a spoken
sentence ends is the transcriber's choice, so both scores depend on the transcript's editing as
much as on the speaker: compare speakers within one transcript, not with published norms.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import textstat

from ..parse.sentences import MARKER, word_count
from . import stats
from .summary import PHASE_COLUMNS, PHASE_ORDER, phase_groups

MIN_WORDS = 100
#: What :func:`components` counts in a sentence; the columns :func:`add_counts` adds.
COUNTS = ("readable_words", "readable_sentences", "syllables", "difficult_words")
#: textstat 0.7.8's English constants: Flesch (1948) reading ease, Gunning fog's syllable cut-off.
FRE_BASE, FRE_SENTENCE, FRE_SYLLABLE = 206.835, 1.015, 84.6
FOG_SYLLABLES = 3
_DASH = re.compile(r"(?:\s|^)-{1,3}(?=\s|$)")


def clean_text(text: str) -> str:
    """``text`` without ``[Marker]``s and bare dashes, whitespace collapsed."""
    return " ".join(_DASH.sub(" ", MARKER.sub(" ", text)).split())


def components(sentence: str) -> tuple[int, int, int, int]:
    """(words, sentences, syllables, difficult words) of one of the report's sentences: its
    spoken words (:func:`~callanalysis.parse.sentences.word_count`), one sentence (none without
    words), and textstat's syllables and Gunning's difficult words of the cleaned text, ended
    with a full stop when it has no terminal punctuation."""
    text = clean_text(str(sentence)).rstrip(",;:")
    if text and text[-1] not in ".?!\"”’)":
        text += "."
    words = word_count(text) if text else 0
    if not words:
        return 0, 0, 0, 0
    textstat.set_lang("en_US")
    return (words, 1, int(textstat.syllable_count(text)),
            int(textstat.difficult_words(text, syllable_threshold=FOG_SYLLABLES, unique=False)))


def formulas(words, sentences, syllables, difficult) -> tuple[np.ndarray, np.ndarray]:
    """Flesch reading ease and Gunning fog from summed counts (arrays; NaN without words)."""
    words = np.asarray(words, dtype=float)
    sentences = np.maximum(np.asarray(sentences, dtype=float), 1.0)
    wps = np.where(words > 0, words / sentences, np.nan)
    spw, difficult_share = stats.ratio(syllables, words), stats.ratio(np.multiply(difficult, 100.0), words)
    return FRE_BASE - FRE_SENTENCE * wps - FRE_SYLLABLE * spw, 0.4 * (wps + difficult_share)


def add_counts(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of the sentence table with :data:`COUNTS`, each sentence's :func:`components`: a table
    that goes through several scores below is counted once, not once per score."""
    counts = np.array([components(t) for t in df["text"]], dtype=int).reshape(-1, len(COUNTS))
    return df.assign(**dict(zip(COUNTS, counts.T)))


def _counts(df: pd.DataFrame) -> np.ndarray:
    """Each sentence's :data:`COUNTS`, from the columns :func:`add_counts` made, else counted now."""
    return (df if set(COUNTS) <= set(df.columns) else add_counts(df))[list(COUNTS)].to_numpy(dtype=float)


def score_draws(df: pd.DataFrame, n_boot: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n_boot`` bootstrap draws of (Flesch reading ease, Gunning fog) of a set of sentences, from a
    generator keyed on their ids (or texts), so the same sentences draw the same resamples anywhere."""
    key = df["sentence_id"] if "sentence_id" in df else df["text"]
    rng = stats.generator(seed, ("readability", *sorted(key)))
    return formulas(*stats.resample_sums(_counts(df), n_boot, rng).T)


def readability(df: pd.DataFrame, by: str = "speaker", min_words: int = MIN_WORDS) -> pd.DataFrame:
    """:func:`readability_ci`'s scores without intervals: ``by``, ``words``, ``sentences``,
    ``flesch_reading_ease``, ``gunning_fog``, ``reliable``."""
    scores = readability_ci(df, by, min_words, n_boot=0)  # no resamples
    return scores[[by, "words", "sentences", "flesch_reading_ease", "gunning_fog", "reliable"]]


def readability_ci(df: pd.DataFrame, by: str = "speaker", min_words: int = MIN_WORDS, n_boot: int = stats.N_BOOT,
                   seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Scores per group with percentile bootstrap intervals (each group's sentences resampled).

    Columns: ``by``, ``words``, ``sentences``, ``flesch_reading_ease``, ``fre_low``,
    ``fre_high``, ``gunning_fog``, ``fog_low``, ``fog_high``, the counts that drive them
    (``words_per_sentence``, ``difficult_per_100w``: Gunning's words of three or more syllables
    not on textstat's easy-word list, ``syllables_per_word``), then ``reliable`` (at least ``min_words``
    words). Sorted by ``by``.
    """
    stats.check_level(level)
    rows = []
    for key, grp in df.groupby(by, sort=True):
        words, sentences, syllables, difficult = _counts(grp).sum(axis=0)
        fre, fog = formulas(words, sentences, syllables, difficult)
        fre_draws, fog_draws = score_draws(grp, n_boot, seed)
        rows.append((key, int(words), len(grp), float(fre), *stats.interval(fre_draws, level), float(fog),
                     *stats.interval(fog_draws, level), words / max(sentences, 1.0) if words else np.nan,
                     float(stats.ratio(100 * difficult, words)), float(stats.ratio(syllables, words)),
                     bool(words >= min_words)))
    return pd.DataFrame(rows, columns=[by, "words", "sentences", "flesch_reading_ease", "fre_low", "fre_high",
                                       "gunning_fog", "fog_low", "fog_high", "words_per_sentence",
                                       "difficult_per_100w", "syllables_per_word", "reliable"])


def phase_readability(df: pd.DataFrame, score: str = "gunning_fog", role: str = "executive", min_words: int = 100,
                      n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Scripted opening against Q&A for a readability ``score`` ("gunning_fog" or
    "flesch_reading_ease"), per :func:`~callanalysis.measure.summary.phase_groups`.

    Each part's score is :func:`readability`'s, its interval resamples the part's sentences,
    and the difference's interval pairs the two parts' independent draws. Columns:
    :data:`~callanalysis.measure.summary.PHASE_COLUMNS` (``*_rate`` hold the scores).
    """
    if score not in ("gunning_fog", "flesch_reading_ease"):
        raise ValueError(f"score must be 'gunning_fog' or 'flesch_reading_ease', got {score!r}")
    stats.check_level(level)
    fog = score == "gunning_fog"
    rows = []
    for name, sub in phase_groups(df, role, min_words):
        opening, qa = (sub[sub["phase"].eq(phase)] for phase in PHASE_ORDER[:2])
        o, q = (float(formulas(*_counts(part).sum(axis=0))[fog]) for part in (opening, qa))
        o_draws, q_draws = (score_draws(part, n_boot, seed)[fog] for part in (opening, qa))
        lo, hi = stats.interval(q_draws - o_draws, level)
        rows.append((name, int(opening["words"].sum()), int(qa["words"].sum()), o, *stats.interval(o_draws, level), q,
                     *stats.interval(q_draws, level), q - o, lo, hi, stats.verdict(lo, hi)))
    return pd.DataFrame(rows, columns=PHASE_COLUMNS)
