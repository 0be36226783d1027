"""The corpus command's fast paths give exactly what the general paths give."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from callanalysis.annotate import annotate
from callanalysis.corpus import _already, _arrow_type, _conform, _speaker_summary_fast, _speaker_summary_pandas, speaker_summary
from callanalysis.sentences import _TOKEN_BEFORE, _ends_sentence, word_count
from callanalysis.transcript import load

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"


def _table() -> pd.DataFrame:
    t = annotate(load(SEED))
    t.insert(0, "call", "seed")
    return t


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.dtypes) == list(b.dtypes)
    assert a.to_csv(index=False) == b.to_csv(index=False)


def test_fast_speaker_summary_matches_the_pandas_group_by():
    t = _table()
    fast = _speaker_summary_fast(t, "seed")
    assert fast is not None
    _same(fast, _speaker_summary_pandas(t, "seed"))


def test_fast_speaker_summary_with_a_speaker_of_no_words():
    t = _table().head(5).copy()
    t.loc[t.index[0], "text"] = "[Inaudible]"
    t.loc[t.index[0], "speaker"] = "Silent Person"
    fast = _speaker_summary_fast(t, "seed")
    assert fast is not None and np.isnan(fast.loc[fast["speaker"] == "Silent Person", "claims_per_100w"]).all()
    _same(fast, _speaker_summary_pandas(t, "seed"))


@pytest.mark.parametrize("change", ["missing flag", "text flags", "missing speaker", "empty"])
def test_unusual_tables_fall_back_to_pandas(change):
    t = _table().head(20).copy()
    if change == "missing flag":
        t = t.drop(columns=["boosted"])
    elif change == "text flags":
        t["claim"] = t["claim"].astype(str)
    elif change == "missing speaker":
        t["speaker"] = t["speaker"].astype(object)
        t.loc[t.index[0], "speaker"] = None
    else:
        t = t.head(0)
    assert _speaker_summary_fast(t, "seed") is None
    _same(speaker_summary(t, "seed"), _speaker_summary_pandas(t, "seed"))


def test_conform_skips_only_columns_that_would_be_written_the_same():
    t = _table()
    schema = pa.schema([pa.field(str(c), _arrow_type(t[c])) for c in t.columns])
    assert all(_already(t[f.name], f.type) for f in schema)
    slow = pd.DataFrame({f.name: t[f.name].astype("string") if pa.types.is_string(f.type) else t[f.name].astype("Int64") for f in schema})
    fast = _conform(t, schema)
    a, b = io.StringIO(), io.StringIO()
    fast.to_csv(a, index=False, lineterminator="\n")
    slow.to_csv(b, index=False, lineterminator="\n")
    assert a.getvalue() == b.getvalue()
    assert pa.Table.from_pandas(fast, schema=schema, preserve_index=False).equals(
        pa.Table.from_pandas(slow, schema=schema, preserve_index=False)
    )
    assert not _already(pd.Series([1, None], dtype=object), pa.int64())


@pytest.mark.parametrize("text", ["[Inaudible] we grew.", "No markers here, 18.9% -- yes.", "[x] [y]", ""])
def test_word_count_without_brackets_is_unchanged(text):
    from callanalysis.sentences import _MARKER, _WORD

    assert word_count(text) == len(_WORD.findall(_MARKER.sub(" ", text)))


@pytest.mark.parametrize(
    "text", ["We sell in the U.S. We grow.", "Call Dr. Smith.", "x" * 100 + " Inc. The", "a.\u00a0b. We", "Plan A. But"]
)
def test_token_before_a_full_stop_is_read_as_the_regex_read_it(text):
    import re

    for m in re.finditer(r"\.", text):
        end = m.end()
        token = _TOKEN_BEFORE.search(text, max(0, end - 80), end).group(1)
        lo, i = max(0, end - 80), end - 1
        while i > lo and not text[i - 1].isspace():
            i -= 1
        assert text[i:end] == token
        _ends_sentence(text, end)  # runs without error at every full stop
