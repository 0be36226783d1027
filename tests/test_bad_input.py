"""Malformed input: one line on stderr naming the file and the problem, exit 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT

HEADER = "Acme Widgets (ACME 0.52%)\nQ3 2023 Earnings Call\nOct 26, 2023, 8:00 a.m. ET\n\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "callanalysis", *args], capture_output=True, text=True, env=env)


def write(content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "call.txt"
        path.write_bytes(content)
        return path

    return make


def big_file(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    return path


def directory(tmp: Path) -> Path:
    path = tmp / "folder.txt"
    path.mkdir()
    return path


def unclosed_strong(tmp: Path) -> Path:
    path = tmp / "page.html"
    path.write_text("<html><body><p><strong>Ann Lee -- Analyst</p><p>Hello.</p></body></html>", encoding="utf-8")
    return path


BAD = {
    "empty": (write(b""), "file is empty"),
    "binary": (write(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary"), "binary"),
    "non-utf8": (write("Jane Roe -- CEO Caf\u00e9 sales rose.".encode("latin-1")), "not UTF-8"),
    "no-labels": (write(b"Just some prose. Nobody is labelled here. The end."), "no speaker labels"),
    "100MB": (big_file, "MB"),
    "directory": (directory, "is a directory"),
    "missing": (lambda tmp: tmp / "nope.txt", "no such file"),
    "unclosed-strong": (unclosed_strong, "never closes"),
    "dangling-dash-one-line": (
        write(b"Acme Widgets (ACME 0.52%)Q3 2023 Earnings CallOct 26, 2023, 8:00 a.m. ET John Doe -- Chief Executive Officer Sales rose. Ann Lee --"),
        "never closes",
    ),
    "dangling-dash-lines": (write((HEADER + "John Doe -- Chief Executive Officer\n\nSales rose.\n\nAnn Lee --\n").encode()), "never closes"),
    "label-without-speech": (write((HEADER + "John Doe -- Chief Executive Officer\n\nSales rose.\n\nAnn Lee -- Big Bank -- Analyst\n").encode()), "no speech"),
}


def assert_one_line_error(out: subprocess.CompletedProcess[str], path: Path, problem: str) -> None:
    assert out.returncode == 2, out.stderr
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert str(path) in lines[0] and problem in lines[0]


@pytest.mark.parametrize("make, problem", BAD.values(), ids=BAD.keys())
def test_bad_file_is_one_line_exit_2_and_writes_nothing(tmp_path, make, problem):
    path = make(tmp_path)
    target = tmp_path / "out.csv"
    out = run("sentences", str(path), "-o", str(target))
    assert_one_line_error(out, path, problem)
    assert not target.exists()


IN_FOLDER = {k: v for k, v in BAD.items() if k != "missing"}


@pytest.mark.parametrize("make, problem", IN_FOLDER.values(), ids=IN_FOLDER.keys())
def test_corpus_of_one_bad_file_is_one_line_exit_2_and_writes_nothing(tmp_path, make, problem):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = make(corpus)
    target = tmp_path / "out"
    out = run("corpus", str(corpus), "-o", str(target))
    assert_one_line_error(out, path, problem)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # no temporary folder left behind


def test_corpus_folder_that_does_not_exist_is_one_line_exit_2(tmp_path):
    out = run("corpus", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert_one_line_error(out, tmp_path / "nope", "no such folder")
    assert sorted(tmp_path.iterdir()) == []


def test_corpus_of_several_bad_files_reports_each_on_its_own_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_empty.txt").write_bytes(b"")
    (corpus / "b_prose.txt").write_bytes(b"No labels. Just prose.")
    made = [corpus / "a_empty.txt", corpus / "b_prose.txt", directory(corpus), unclosed_strong(corpus)]
    out = run("corpus", str(corpus), "-o", str(tmp_path / "out"))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert [line.split(": ")[0] for line in lines] == sorted(str(p) for p in made)
    assert not (tmp_path / "out").exists()


def test_corpus_folder_without_transcripts_is_one_line_exit_2(tmp_path):
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    out = run("corpus", str(tmp_path), "-o", str(tmp_path / "out"))
    assert_one_line_error(out, tmp_path, "no transcripts")
    assert not (tmp_path / "out").exists()


def test_corpus_folder_that_is_a_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("x", encoding="utf-8")
    out = run("corpus", str(path), "-o", str(tmp_path / "out"))
    assert_one_line_error(out, path, "not a folder")
