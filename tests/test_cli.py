"""The command line: tables on stdout or to a file, one-line errors with exit status 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from .conftest import FIXTURES, SEED

TURN_COLUMNS = ["turn", "speaker", "title", "firm", "role", "section", "start", "end", "text"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "callanalysis", *args], capture_output=True, text=True)


def test_turns_writes_csv_with_the_contract_columns():
    out = run("turns", str(SEED))
    assert out.returncode == 0, out.stderr
    df = pd.read_csv(io.StringIO(out.stdout), keep_default_na=False)
    assert list(df.columns[: len(TURN_COLUMNS)]) == TURN_COLUMNS
    assert len(df) == 133


def test_sentences_adds_sentence_id_and_offsets_slice_back():
    out = run("sentences", str(SEED))
    df = pd.read_csv(io.StringIO(out.stdout), keep_default_na=False)
    assert "sentence_id" in df.columns
    raw = SEED.read_text(encoding="utf-8")
    assert all(raw[s:e] == t for s, e, t in zip(df.start, df.end, df.text))


def test_json_format_is_an_array_of_records():
    out = run("turns", str(SEED), "--format", "json")
    records = json.loads(out.stdout)
    assert len(records) == 133 and records[0]["speaker"] == "Martin Viecha"


def test_output_option_writes_the_file(tmp_path):
    target = tmp_path / "turns.csv"
    out = run("turns", str(SEED), "-o", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("turn,speaker,")


def test_output_is_byte_identical_across_runs():
    assert run("sentences", str(SEED)).stdout == run("sentences", str(SEED)).stdout


def test_participants_and_notes_commands():
    people = pd.read_csv(io.StringIO(run("participants", str(SEED)).stdout), keep_default_na=False)
    assert len(people) == 13
    notes = pd.read_csv(io.StringIO(run("notes", str(SEED)).stdout), keep_default_na=False)
    assert set(notes.kind) >= {"marker", "duration", "unknown speaker"}


def test_unlisted_label_is_reported_on_stderr_and_kept():
    out = run("turns", str(FIXTURES / "unlisted_label.txt"))
    assert out.returncode == 0
    assert "Mary Major" in out.stderr and "Mary Major" in out.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary", b"\xff\xfe bad bytes \xe9", b"<html><body>No transcript</body></html>", b"No labels at all."],
    ids=["empty", "binary", "not-utf8", "html", "no-labels"],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    target = tmp_path / "out.csv"
    out = run("turns", str(path), "-o", str(target))
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert str(path) in out.stderr
    assert not target.exists()


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    out = run("sentences", str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "no such file" in out.stderr


def test_unexpected_failure_is_one_line_not_a_traceback(monkeypatch, capsys):
    from callanalysis import cli

    def boom(call):
        raise RuntimeError("something broke")

    monkeypatch.setitem(cli.COMMANDS, "turns", (boom, "x"))
    status = cli.main(["turns", str(SEED)])
    err = capsys.readouterr().err
    assert status == cli.EXIT_INTERNAL
    assert err.count("\n") == 1 and "Traceback" not in err and "something broke" in err
