"""The corpus command's fast paths give exactly what the general paths give."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from callanalysis.label.annotate import annotate
from callanalysis.corpus import _already, _arrow_type, _conform, _speaker_summary_fast, _speaker_summary_pandas, speaker_summary
from callanalysis.parse.sentences import _ends_sentence, _token_before, word_count
from callanalysis.parse.transcript import load

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
    from callanalysis.parse.sentences import _MARKER, _WORD

    assert word_count(text) == len(_WORD.findall(_MARKER.sub(" ", text)))


@pytest.mark.parametrize(
    "text", ["We sell in the U.S. We grow.", "Call Dr. Smith.", "x" * 100 + " Inc. The", "a.\u00a0b. We", "Plan A. But"]
)
def test_token_before_a_full_stop_is_read_as_the_regex_read_it(text):
    import re

    for m in re.finditer(r"\.", text):
        end = m.end()
        assert _token_before(text, end) == re.compile(r"(\S+)$").search(text, max(0, end - 80), end).group(1)
        _ends_sentence(text, end)  # runs without error at every full stop


def _synthetic(folder: Path, n: int) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth", Path(__file__).resolve().parents[1] / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    synth.generate(folder, n)


def test_encoded_results_write_the_same_files_as_frames(tmp_path):
    """The workers' serialisation (default annotator) against the frame path (the same annotator
    passed as a custom one): same CSV bytes, same Parquet rows, schema and row groups."""
    import shutil

    import pyarrow.parquet as pq

    from callanalysis.corpus import run

    from .conftest import FIXTURES

    folder = tmp_path / "calls"
    _synthetic(folder, 3)  # the three layouts
    for name in ("colon_labels.txt", "fool_page.html", "multiline_headings.txt", "no_roster.txt", "operator_call.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(SEED, folder / SEED.name)
    run(folder, tmp_path / "frames", workers=1, annotator=annotate, progress=False)
    run(folder, tmp_path / "encoded", workers=1, progress=False)
    for name in ("sentences", "speakers"):
        frames, encoded = tmp_path / "frames" / name, tmp_path / "encoded" / name
        assert frames.with_suffix(".csv").read_bytes() == encoded.with_suffix(".csv").read_bytes()
        a, b = pq.ParquetFile(frames.with_suffix(".parquet")), pq.ParquetFile(encoded.with_suffix(".parquet"))
        assert a.schema_arrow.equals(b.schema_arrow) and a.read().equals(b.read())
        assert [a.metadata.row_group(i).num_rows for i in range(a.num_row_groups)] == [
            b.metadata.row_group(i).num_rows for i in range(b.num_row_groups)
        ]


def test_encoded_speaker_of_no_words_has_empty_rates():
    from callanalysis.label.annotate import COLUMNS
    from callanalysis.corpus import encode_rows

    t = _table().head(3).copy()
    t.loc[t.index[0], "text"] = "[Inaudible]"
    t.loc[t.index[0], "speaker"] = "Silent Person"
    rows = list(t[list(COLUMNS)].itertuples(index=False, name=None))
    rows = [tuple(int(v) if isinstance(v, np.integer) else v for v in r) for r in rows]
    _, speakers = encode_rows(rows, "seed")
    expected = speaker_summary(t, "seed")
    out = io.StringIO()
    expected.to_csv(out, header=False, index=False, lineterminator="\n")
    assert speakers.csv == out.getvalue()
    assert speakers.table.column("claims_per_100w").null_count == 1


def test_known_schemas_are_the_ones_the_default_annotators_tables_give():
    from callanalysis.label.annotate import COLUMNS
    from callanalysis.corpus import SENTENCE_SCHEMA, SPEAKER_SCHEMA, _learned_schema, encode_rows

    t = _table()
    assert SENTENCE_SCHEMA.names == ["call", *COLUMNS]
    assert _learned_schema(t).equals(SENTENCE_SCHEMA)
    assert _learned_schema(speaker_summary(t, "seed")).equals(SPEAKER_SCHEMA)
    empty = t.head(0).reset_index(drop=True)
    assert _learned_schema(empty).equals(SENTENCE_SCHEMA)
    assert _learned_schema(speaker_summary(empty, "seed")).equals(SPEAKER_SCHEMA)
    sentences, speakers = encode_rows([], "seed")
    assert (sentences.csv, speakers.csv, len(sentences), len(speakers)) == ("", "", 0, 0)


@pytest.mark.parametrize(
    "texts",
    [
        ["plain", "also plain", ""],
        ['a "quoted" word', "a, b", "two\nlines", "carriage\rreturn", "semi;colon", " lead", ""],
        ["only", "text"],
    ],
)
def test_csv_by_columns_is_what_the_csv_writer_writes(texts):
    from callanalysis.corpus import SENTENCE_SCHEMA, _csv_columns, _csv_lines

    n = len(texts)
    columns = [
        texts if f.name == "text" else list(range(n)) if pa.types.is_integer(f.type) else [f.name] * n
        for f in SENTENCE_SCHEMA
    ]
    assert _csv_columns(columns, SENTENCE_SCHEMA) == _csv_lines(zip(*columns))
    mixed = [c if f.name != "topic" else [None] * n for c, f in zip(columns, SENTENCE_SCHEMA)]
    assert _csv_columns(mixed, SENTENCE_SCHEMA) == _csv_lines(zip(*mixed))  # not all text: the writer
    assert _csv_columns([[] for _ in SENTENCE_SCHEMA], SENTENCE_SCHEMA) == ""


@pytest.mark.parametrize("rows", ["seed", "empty"])
def test_encoded_rows_travel_between_processes_unchanged(rows):
    """A worker sends :class:`Encoded` rows pickled (the table as an Arrow IPC stream)."""
    import pickle

    from callanalysis.label.annotate import annotate
    from callanalysis.corpus import SENTENCE_SCHEMA, SPEAKER_SCHEMA, encode_rows

    sent = encode_rows(list(annotate(load(SEED)).astype(object).itertuples(index=False, name=None)) if rows == "seed" else [], "seed")
    received = pickle.loads(pickle.dumps(sent))
    for before, after, schema in zip(sent, received, (SENTENCE_SCHEMA, SPEAKER_SCHEMA)):
        assert after.csv == before.csv
        assert after.table.schema.equals(schema, check_metadata=True)
        assert after.table.equals(before.table) and len(after) == len(before)
