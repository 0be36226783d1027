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

import numpy as np
import pandas as pd
import textstat

from .sentences import word_count

MIN_WORDS = 100
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
