"""Malformed input: one line on stderr naming the file and the problem, exit 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from callanalysis import TranscriptError

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


# --------------------------------------------------------------------------- special files and encodings

SEED_TEXT = (ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt").read_text(encoding="utf-8")


def timed(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    out = run(*args)
    return out, time.monotonic() - start


def test_dev_zero_is_refused_in_one_line_within_a_second():
    from callanalysis.parse.reading import read_transcript

    start = time.monotonic()
    with pytest.raises(TranscriptError, match="character device; only regular files are read"):
        read_transcript("/dev/zero")
    assert time.monotonic() - start < 1
    out, _ = timed("turns", "/dev/zero")
    assert_one_line_error(out, Path("/dev/zero"), "character device")


def test_fifo_nobody_writes_to_is_refused_in_one_line_within_a_second(tmp_path):
    from callanalysis.parse.reading import read_transcript

    fifo = tmp_path / "call.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(TranscriptError, match="FIFO"):
        read_transcript(fifo)
    assert time.monotonic() - start < 1
    out, _ = timed("turns", str(fifo))
    assert_one_line_error(out, fifo, "FIFO")


def test_fifo_in_a_corpus_folder_is_skipped_and_reported_not_waited_for(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_call.txt").write_text(SEED_TEXT, encoding="utf-8")
    os.mkfifo(corpus / "b_pipe.txt")
    out, seconds = timed("corpus", str(corpus), "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert f"{corpus / 'b_pipe.txt'}: " in out.stderr and "FIFO" in out.stderr
    assert seconds < 120


def test_socket_is_refused_in_one_line(tmp_path):
    import socket

    from callanalysis.parse.reading import read_transcript

    path = tmp_path / "call.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(TranscriptError, match="socket"):
            read_transcript(path)


def test_file_over_the_bound_is_refused_after_reading_at_most_one_byte_more(tmp_path, monkeypatch):
    from callanalysis.parse import reading

    path = tmp_path / "call.txt"
    path.write_text("x" * 50, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_BYTES", 20)
    with pytest.raises(TranscriptError, match="MB"):
        reading.read_bytes(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read_as_text(tmp_path, codec):
    from callanalysis.parse.reading import read_transcript

    path = tmp_path / "call.txt"
    data = SEED_TEXT.encode(codec)
    path.write_bytes(data if codec != "utf-16-be" else b"\xfe\xff" + data)
    assert read_transcript(path) == SEED_TEXT
    out = run("turns", str(path))
    assert out.returncode == 0 and out.stdout == run("turns", str(ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt")).stdout


def test_utf16_without_a_byte_order_mark_says_how_to_convert(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes(SEED_TEXT.encode("utf-16-le"))
    assert_one_line_error(run("turns", str(path)), path, "UTF-16 text without a byte-order mark; convert it to UTF-8")


def test_symlink_loop_is_reported_as_a_loop_not_a_missing_file(tmp_path):
    loop = tmp_path / "call.txt"
    loop.symlink_to(loop)
    assert_one_line_error(run("turns", str(loop)), loop, "symbolic link loop")


def test_symlink_to_a_transcript_is_read(tmp_path):
    link = tmp_path / "call.txt"
    link.symlink_to(ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt")
    assert run("turns", str(link)).returncode == 0


def test_label_with_markup_is_warned_on_stderr(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(HEADER + "John Doe -- Chief Executive Officer\n\nSales rose.\n\n<b>Ann Lee</b> -- Big Bank -- Analyst\n\nWhy?\n", encoding="utf-8")
    out = run("turns", str(path))
    assert out.returncode == 0 and "warning: speaker label '<b>Ann Lee</b> -- Big Bank -- Analyst' is written with markup" in out.stderr
