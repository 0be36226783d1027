"""cache: the content-addressed disk cache of the annotated call that the chapters share."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from callanalysis import cache, report
from callanalysis.errors import TranscriptError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
VERSIONS = {"python": "3.11.7", "pandas": "3.1.1"}


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A transcript, a package folder and a lexicon folder to key on (copies, free to edit)."""
    transcript = tmp_path / "call.txt"
    transcript.write_text("Operator: Good afternoon.\n", encoding="utf-8")
    package = tmp_path / "pkg"
    (package / "static").mkdir(parents=True)
    (package / "labels.py").write_text("X = 1\n", encoding="utf-8")
    (package / "static" / "tables.css").write_text("td {}\n", encoding="utf-8")
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "hedges.csv").write_text("pattern,kind\nmaybe,modal\n", encoding="utf-8")
    return transcript, package, lexicons


def key_of(inputs: tuple[Path, Path, Path], versions: dict[str, str] = VERSIONS) -> str:
    transcript, package, lexicons = inputs
    return cache.key(transcript, [package, lexicons], versions)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


# --------------------------------------------------------------------------- the key


def test_the_key_is_the_same_for_the_same_inputs(inputs):
    assert key_of(inputs) == key_of(inputs)


def test_an_edit_to_the_transcript_changes_the_key(inputs):
    before = key_of(inputs)
    inputs[0].write_text("Operator: Good evening.\n", encoding="utf-8")
    assert key_of(inputs) != before


def test_an_edit_to_any_package_file_changes_the_key(inputs):
    before = key_of(inputs)
    (inputs[1] / "static" / "tables.css").write_text("td { color: red }\n", encoding="utf-8")
    assert key_of(inputs) != before


def test_a_new_package_file_changes_the_key(inputs):
    before = key_of(inputs)
    (inputs[1] / "extra.py").write_text("", encoding="utf-8")
    assert key_of(inputs) != before


def test_compiled_bytecode_does_not_change_the_key(inputs):
    before = key_of(inputs)
    (inputs[1] / "__pycache__").mkdir()
    (inputs[1] / "__pycache__" / "labels.cpython-311.pyc").write_bytes(b"\0")
    assert key_of(inputs) == before


def test_an_edit_to_a_lexicon_changes_the_key(inputs):
    before = key_of(inputs)
    (inputs[2] / "hedges.csv").write_text("pattern,kind\nperhaps,modal\n", encoding="utf-8")
    assert key_of(inputs) != before


def test_another_library_version_changes_the_key(inputs):
    assert key_of(inputs, {**VERSIONS, "pandas": "3.1.2"}) != key_of(inputs)


def test_the_same_bytes_at_another_path_get_another_key(inputs, tmp_path):
    moved = tmp_path / "other.txt"
    shutil.copy(inputs[0], moved)
    assert cache.key(moved, inputs[1:], VERSIONS) != key_of(inputs)


def test_the_default_key_covers_python_numpy_pandas_and_pyarrow_versions():
    assert {"python", "numpy", "pandas", "pyarrow"} <= set(cache.versions())


# --------------------------------------------------------------------------- entries


def test_an_entry_reads_back_equal(tmp_path):
    frame = pd.DataFrame({"text": ["a", "b"], "claim": [1, 0]})
    path = tmp_path / "e.pickle"
    assert cache.write(path, frame)
    pd.testing.assert_frame_equal(cache.read(path), frame)


def test_a_missing_entry_reads_as_none(tmp_path):
    assert cache.read(tmp_path / "absent.pickle") is None


def test_a_truncated_entry_reads_as_none(tmp_path):
    path = tmp_path / "e.pickle"
    cache.write(path, list(range(1000)))
    path.write_bytes(path.read_bytes()[:-10])
    assert cache.read(path) is None


def test_an_entry_with_a_flipped_byte_reads_as_none(tmp_path):
    path = tmp_path / "e.pickle"
    cache.write(path, list(range(1000)))
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.read(path) is None


def test_a_file_that_is_not_an_entry_reads_as_none(tmp_path):
    path = tmp_path / "e.pickle"
    path.write_bytes(b"not a cache entry")
    assert cache.read(path) is None


def test_a_write_leaves_no_temporary_file(tmp_path):
    cache.write(tmp_path / "e.pickle", [1])
    assert [p.name for p in tmp_path.iterdir()] == ["e.pickle"]


def test_a_failed_write_keeps_the_previous_entry(tmp_path, monkeypatch):
    path = tmp_path / "e.pickle"
    cache.write(path, "old")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", fail)
    assert cache.write(path, "new") is False
    assert cache.read(path) == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["e.pickle"]


def test_a_write_into_an_unwritable_place_returns_false(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert cache.write(blocker / "sub" / "e.pickle", [1]) is False


def test_the_cache_folder_follows_the_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    assert cache.cache_dir() == tmp_path


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    assert cache.cache_dir() is None


def test_the_default_cache_folder_is_under_build(monkeypatch):
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    assert cache.cache_dir() == ROOT / "_build" / ".callanalysis-cache"


# --------------------------------------------------------------------------- open_call


def assert_same_report(a: report.Report, b: report.Report) -> None:
    assert a.call == b.call
    pd.testing.assert_frame_equal(a.sentences, b.sentences, check_exact=True)
    pd.testing.assert_frame_equal(a.turns, b.turns, check_exact=True)


def test_open_call_from_the_cache_equals_a_fresh_annotation(cache_dir):
    first = report.open_call(SEED)
    assert len(list(cache_dir.glob("report-*.pickle"))) == 1
    assert_same_report(report.open_call(SEED), report.annotate_call(SEED))
    assert_same_report(first, report.annotate_call(SEED))


def test_open_call_reads_the_cache_instead_of_annotating(cache_dir, monkeypatch):
    report.open_call(SEED)

    def refuse(path):
        raise AssertionError("annotated again")

    monkeypatch.setattr(report, "annotate_call", refuse)
    assert len(report.open_call(SEED).sentences) > 0


def test_open_call_annotates_again_after_a_source_edit(cache_dir, monkeypatch):
    report.open_call(SEED)
    monkeypatch.setattr(cache, "versions", lambda: {"python": "another"})
    calls = []
    real = report.annotate_call
    monkeypatch.setattr(report, "annotate_call", lambda path: calls.append(path) or real(path))
    report.open_call(SEED)
    assert calls == [SEED]


def test_open_call_recomputes_and_repairs_a_corrupt_entry(cache_dir):
    report.open_call(SEED)
    (entry,) = cache_dir.glob("report-*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    assert_same_report(report.open_call(SEED), report.annotate_call(SEED))
    assert cache.read(entry) is not None


def test_open_call_writes_nothing_when_the_cache_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    monkeypatch.chdir(tmp_path)
    report.open_call(SEED)
    assert not any(tmp_path.iterdir())


def test_open_call_of_a_missing_file_fails_as_before(cache_dir, tmp_path):
    with pytest.raises(TranscriptError, match="no such file"):
        report.open_call(tmp_path / "missing.txt")
    assert not cache_dir.exists()


def test_entries_are_readable_by_others(cache_dir):
    report.open_call(SEED)
    (entry,) = cache_dir.glob("report-*.pickle")
    assert os.stat(entry).st_mode & 0o044 == 0o044


def test_open_call_records_the_path_as_given_whichever_spelling_was_cached(cache_dir, monkeypatch):
    monkeypatch.chdir(ROOT)
    relative = Path("data/raw/tsla-2024-q1-earnings-call.txt")
    assert report.open_call(relative).call.source == str(relative)
    assert report.open_call(SEED).call.source == str(SEED)
    assert report.open_call(relative).call.source == str(relative)
