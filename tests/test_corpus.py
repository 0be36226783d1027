"""Corpus mode: a folder of transcripts in, one sentence table and one speaker table out."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from callanalysis import corpus as corpus_module
from callanalysis import load
from callanalysis.corpus import OUTPUTS, SPEAKER_COLUMNS, ordered_imap, run, speaker_summary
from callanalysis.parse.sentences import sentences_frame

from .conftest import FIXTURES, ROOT, SEED

GOOD = ["colon_labels.txt", "fool_page.html", "multiline_headings.txt", "no_roster.txt", "operator_call.txt"]


def fake_annotate(call) -> pd.DataFrame:
    """A stand-in for ``annotate.annotate`` with the contract's flag columns."""
    df = sentences_frame(call).drop(columns=["title", "firm", "words"])
    df["claim"] = df["text"].str.contains(r"\d").astype(int)
    df["forecast"] = df["text"].str.contains("expect").astype(int)
    df["hedged"] = df["text"].str.contains("about|think").astype(int)
    df["boosted"] = 0
    df["horizon_start"] = [None] * len(df)
    df["quantities"] = [[{"value": 1}] if "%" in t else [] for t in df["text"]]
    return df


def failing_annotate(call) -> pd.DataFrame:
    raise ValueError("lexicon\nnot found")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_corpus_writes_the_four_tables(corpus, tmp_path):
    report = run(corpus, tmp_path / "out", workers=2, annotator=fake_annotate, report=lambda line: None)
    assert report.succeeded == len(GOOD) and report.failed == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)


def test_corpus_rows_are_ordered_by_file_name_then_sentence_id(corpus, tmp_path):
    run(corpus, tmp_path / "out", workers=2, chunksize=1, annotator=fake_annotate)
    df = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert list(dict.fromkeys(df["call"])) == sorted(Path(n).stem for n in GOOD)
    for _, group in df.groupby("call", sort=False):
        assert group["sentence_id"].tolist() == list(range(1, len(group) + 1))


def test_corpus_csv_and_parquet_hold_the_same_rows(corpus, tmp_path):
    run(corpus, tmp_path / "out", workers=2, annotator=fake_annotate)
    pq_df = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    csv_df = pd.read_csv(tmp_path / "out" / "sentences.csv", keep_default_na=False)
    assert list(pq_df.columns) == list(csv_df.columns)
    assert pq_df["text"].tolist() == csv_df["text"].tolist() and pq_df["start"].tolist() == csv_df["start"].tolist()


def test_corpus_call_column_is_the_file_stem_and_first(corpus, tmp_path):
    run(corpus, tmp_path / "out", workers=1, annotator=fake_annotate)
    df = pd.read_csv(tmp_path / "out" / "speakers.csv")
    assert df.columns[0] == "call" and set(df["call"]) == {Path(n).stem for n in GOOD}


def test_corpus_output_is_identical_whatever_the_worker_count(corpus, tmp_path):
    run(corpus, tmp_path / "one", workers=1, annotator=fake_annotate)
    run(corpus, tmp_path / "two", workers=2, chunksize=1, annotator=fake_annotate)
    for name in ("sentences.csv", "speakers.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_corpus_non_string_cells_are_json_text(corpus, tmp_path):
    run(corpus, tmp_path / "out", workers=1, annotator=fake_annotate)
    df = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert set(df["quantities"]) == {"[]", '[{"value": 1}]'}


def test_corpus_parquet_row_groups_gather_calls_up_to_the_row_limit(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "ROW_GROUP_ROWS", 40)
    run(corpus, tmp_path / "out", workers=1, annotator=fake_annotate)
    meta = pq.ParquetFile(tmp_path / "out" / "sentences.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert 1 < len(sizes) < len(GOOD) and sum(sizes) == meta.num_rows


def test_corpus_skips_a_bad_file_and_reports_it_in_one_line(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \xe9")
    lines: list[str] = []
    report = run(corpus, tmp_path / "out", workers=2, annotator=fake_annotate, report=lines.append)
    assert report.succeeded == len(GOOD)
    assert lines == [f"{corpus / 'broken.txt'}: file is not UTF-8 text (invalid byte at position 0)"]
    assert "broken" not in set(pd.read_csv(tmp_path / "out" / "sentences.csv")["call"])


def test_corpus_skips_a_call_without_a_date(corpus, tmp_path):
    text = (FIXTURES / "no_roster.txt").read_text(encoding="utf-8").replace("May 6, 2025, 5:00 p.m. ET\n", "")
    (corpus / "undated.txt").write_text(text, encoding="utf-8")
    lines: list[str] = []
    run(corpus, tmp_path / "out", workers=1, annotator=fake_annotate, report=lines.append)
    assert lines == [f"{corpus / 'undated.txt'}: call date missing from the header (needed to anchor time expressions)"]


def test_corpus_annotation_error_is_one_line(corpus, tmp_path):
    lines: list[str] = []
    report = run(corpus, tmp_path / "out", workers=2, annotator=failing_annotate, report=lines.append)
    assert report.succeeded == 0 and len(lines) == len(GOOD)
    assert lines[0].endswith("annotation failed (ValueError: lexicon not found)")
    assert not (tmp_path / "out").exists()


def test_speaker_summary_counts_and_rates_per_100_words():
    table = fake_annotate(load(FIXTURES / "no_roster.txt"))
    summary = speaker_summary(table, "no_roster")
    assert list(summary.columns) == SPEAKER_COLUMNS
    assert summary["speaker"].tolist() == ["Operator", "Felipe Duarte", "Alice Brandt"]
    felipe = summary.set_index("speaker").loc["Felipe Duarte"]
    assert (felipe.sentences, felipe.claims, felipe.forecasts) == (3, 2, 1)
    assert felipe.claims_per_100w == pytest.approx(100 * 2 / felipe.words)


def test_ordered_imap_keeps_order_and_a_bounded_window():
    in_flight, peak, lock = 0, 0, threading.Lock()

    def slow(x: int) -> int:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.001 * (x % 3))
        with lock:
            in_flight -= 1
        return x * x

    with ThreadPoolExecutor(8) as pool:
        assert list(ordered_imap(pool, slow, range(50), window=3)) == [x * x for x in range(50)]
    assert peak <= 3


@pytest.mark.skipif(importlib.util.find_spec("callanalysis.label.annotate") is None, reason="callanalysis.label.annotate is not written yet")
def test_corpus_command_annotates_the_seed_and_fixtures(corpus, tmp_path):
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "empty.txt").write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-m", "callanalysis", "corpus", str(corpus), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, env=env,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines() == [f"{corpus / 'empty.txt'}: file is empty"]
    df = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert (df["call"] == SEED.stem).sum() == len(sentences_frame(load(SEED)))
