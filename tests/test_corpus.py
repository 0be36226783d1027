"""Corpus mode: a folder of transcripts in, one sentence table and one speaker table out, on Dask.

Most tests run on one small ``distributed.LocalCluster`` (two single-threaded workers) shared by
the module, through ``run(..., scheduler=ADDRESS)``; the command-line tests start their own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psutil
import pytest
from distributed import LocalCluster

from callanalysis import load
from callanalysis.corpus import OUTPUTS, SPEAKER_COLUMNS, parts, run, speaker_summary
from callanalysis.label.annotate import annotate
from callanalysis.label.columns import COLUMNS

from .conftest import FIXTURES, ROOT, SEED

GOOD = ["colon_labels.txt", "fool_page.html", "multiline_headings.txt", "no_roster.txt", "operator_call.txt"]
TIMEOUT = 180  # seconds: a run that takes longer is hanging


def failing_annotate(call) -> pd.DataFrame:
    raise ValueError("lexicon\nnot found")


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.CRITICAL) as cluster:
        yield cluster


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def cli(*args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "callanalysis", "corpus", *args],
                          capture_output=True, text=True, env=env, timeout=timeout)


def on(cluster: LocalCluster, folder: Path, out: Path, **kwargs) -> tuple[object, list[str]]:
    lines: list[str] = []
    return run(folder, out, scheduler=cluster.scheduler_address, report=lines.append, **kwargs), lines


def test_corpus_writes_two_csv_files_and_two_parquet_folders(scheduler, corpus, tmp_path):
    report, lines = on(scheduler, corpus, tmp_path / "out")
    assert (report.succeeded, lines) == (len(GOOD), [])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)
    assert report.outputs == [tmp_path / "out" / name for name in OUTPUTS]
    assert {p.name for p in (tmp_path / "out" / "sentences.parquet").iterdir()} == {f"part-0000{i}.parquet" for i in range(5)}


def test_corpus_sentence_rows_are_the_annotators_rows_with_the_call_first(scheduler, corpus, tmp_path):
    report, _ = on(scheduler, corpus, tmp_path / "out")
    df = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert list(df.columns) == ["call", *COLUMNS] and report.rows == len(df)
    mine = df[df["call"] == "no_roster"].drop(columns="call").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, annotate(load(FIXTURES / "no_roster.txt")), check_dtype=False)


def test_corpus_rows_are_ordered_by_file_name_then_sentence_id(scheduler, corpus, tmp_path):
    on(scheduler, corpus, tmp_path / "out")
    for df in (pd.read_parquet(tmp_path / "out" / "sentences.parquet"), pd.read_csv(tmp_path / "out" / "sentences.csv")):
        assert list(dict.fromkeys(df["call"])) == sorted(Path(n).stem for n in GOOD)
        for _, group in df.groupby("call", sort=False):
            assert group["sentence_id"].tolist() == sorted(group["sentence_id"])


def test_corpus_csv_and_parquet_hold_the_same_rows(scheduler, corpus, tmp_path):
    on(scheduler, corpus, tmp_path / "out")
    for table in ("sentences", "speakers"):
        from_parquet = pd.read_parquet(tmp_path / "out" / f"{table}.parquet")
        from_csv = pd.read_csv(tmp_path / "out" / f"{table}.csv", keep_default_na=False, na_values={"claims_per_100w": [""]})
        assert list(from_parquet.columns) == list(from_csv.columns)
        for column in ("call", "text", "start") if table == "sentences" else ("speaker", "words"):
            assert from_parquet[column].tolist() == from_csv[column].tolist()


def test_corpus_reruns_are_byte_identical_whatever_the_worker_count(scheduler, corpus, tmp_path):
    on(scheduler, corpus, tmp_path / "two")
    run(corpus, tmp_path / "one", workers=1, report=lambda line: None)
    files = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert len(files) == 2 + 2 * len(GOOD)
    for f in files:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f


def test_corpus_parts_depend_only_on_the_number_of_files():
    assert parts(["a", "b", "c"]) == [["a"], ["b"], ["c"]]
    files = [f"{i:04d}.txt" for i in range(1000)]
    cut = parts(files)
    assert [f for part in cut for f in part] == files and max(map(len, cut)) == 16 and len(cut) >= 32


def test_corpus_skips_a_bad_file_and_reports_it_in_one_line(scheduler, corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \xe9")
    report, lines = on(scheduler, corpus, tmp_path / "out")
    assert report.succeeded == len(GOOD)
    assert lines == report.failed == [f"{corpus / 'broken.txt'}: file is not UTF-8 text (invalid byte at position 0)"]
    assert "broken" not in set(pd.read_csv(tmp_path / "out" / "sentences.csv")["call"])


def test_corpus_skips_a_call_without_a_date(scheduler, corpus, tmp_path):
    text = (FIXTURES / "no_roster.txt").read_text(encoding="utf-8").replace("May 6, 2025, 5:00 p.m. ET\n", "")
    (corpus / "undated.txt").write_text(text, encoding="utf-8")
    _, lines = on(scheduler, corpus, tmp_path / "out")
    assert lines == [f"{corpus / 'undated.txt'}: call date missing from the header (needed to anchor time expressions)"]


def test_corpus_reports_skipped_files_in_file_name_order(scheduler, corpus, tmp_path):
    for name in ("z_empty.txt", "a_empty.txt", "m_empty.txt"):
        (corpus / name).write_bytes(b"")
    (corpus / "b_folder.txt").mkdir()
    _, lines = on(scheduler, corpus, tmp_path / "out")
    assert [Path(line.split(": ")[0]).name for line in lines] == ["a_empty.txt", "b_folder.txt", "m_empty.txt", "z_empty.txt"]


def test_corpus_annotation_error_is_one_line_and_writes_nothing(scheduler, corpus, tmp_path):
    report, lines = on(scheduler, corpus, tmp_path / "out", annotator=failing_annotate)
    assert report.succeeded == 0 and len(lines) == len(GOOD)
    assert all(line.endswith("annotation failed (ValueError: lexicon not found)") for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls"]


def test_corpus_skips_a_fifo_a_device_and_a_directory_without_reading_them(scheduler, corpus, tmp_path):
    os.mkfifo(corpus / "pipe.txt")  # opening it for reading would block until a writer comes
    (corpus / "null.txt").symlink_to("/dev/null")
    (corpus / "folder.htm").mkdir()
    out = cli(str(corpus), "-o", str(tmp_path / "out"), "--scheduler", scheduler.scheduler_address, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(corpus / n) for n in ("folder.htm", "null.txt", "pipe.txt")]
    assert ["directory" in lines[0], "character device" in lines[1], "FIFO" in lines[2]] == [True] * 3


def test_corpus_success_is_exit_0_with_one_summary_line(scheduler, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    out = cli(str(corpus), "-o", str(tmp_path / "out"), "--scheduler", scheduler.scheduler_address)
    rows = len(pd.read_csv(tmp_path / "out" / "sentences.csv"))
    assert out.returncode == 0 and out.stderr == f"{corpus / 'empty.txt'}: file is empty\n"
    assert out.stdout == (
        f"corpus: {len(GOOD)} transcripts (1 skipped), {rows:,} sentences in {out.stdout.split(' in ')[1].split()[0]} s; "
        f"wrote {', '.join(str(tmp_path / 'out' / name) for name in OUTPUTS)}\n"
    )


def test_corpus_with_no_usable_transcript_is_exit_2_and_writes_nothing(scheduler, tmp_path):
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "empty.txt").write_bytes(b"")
    os.mkfifo(tmp_path / "calls" / "pipe.txt")
    out = cli(str(tmp_path / "calls"), "-o", str(tmp_path / "out"), "--scheduler", scheduler.scheduler_address)
    assert (out.returncode, out.stdout, len(out.stderr.splitlines())) == (2, "", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls"]


def test_corpus_scheduler_option_runs_the_tasks_on_that_cluster(scheduler, corpus, tmp_path):
    def finished() -> int:  # tasks of corpus parts that this cluster has computed so far
        prefix = scheduler.scheduler.task_prefixes.get("annotate_part")
        return 0 if prefix is None else prefix.state_counts["memory"]

    before = finished()
    out = cli(str(corpus), "-o", str(tmp_path / "out"), "--scheduler", scheduler.scheduler_address)
    assert out.returncode == 0, out.stderr
    assert finished() == before + len(parts(GOOD))


def test_corpus_unreachable_scheduler_is_one_line_exit_2(corpus, tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = cli(str(corpus), "-o", str(tmp_path / "out"), "--scheduler", f"tcp://127.0.0.1:{port}")
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and "cannot reach the Dask scheduler" in out.stderr, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls"]


def test_corpus_progress_bar_only_when_asked_or_on_a_terminal(scheduler, corpus, tmp_path):
    quiet = cli(str(corpus), "-o", str(tmp_path / "a"), "--scheduler", scheduler.scheduler_address)
    shown = cli(str(corpus), "-o", str(tmp_path / "b"), "--scheduler", scheduler.scheduler_address, "--progress")
    assert quiet.stderr == "" and f"{len(GOOD)}/{len(GOOD)}" in shown.stderr and "file/s" in shown.stderr


def test_corpus_removes_leftovers_of_killed_runs_but_not_of_live_ones(scheduler, corpus, tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    prefix = f".out.corpus-tmp-{socket.gethostname()}-"
    dead, alive = tmp_path / f"{prefix}{gone.pid}", tmp_path / f"{prefix}{os.getppid()}"
    for folder in (dead, alive):
        (folder / "sentences.parquet").mkdir(parents=True)
    on(scheduler, corpus, tmp_path / "out")
    assert not dead.exists() and alive.exists()


def test_speaker_summary_counts_and_rates_per_100_words():
    table = annotate(load(FIXTURES / "no_roster.txt"))
    table.insert(0, "call", "no_roster")
    summary = speaker_summary(table)
    assert list(summary.columns) == SPEAKER_COLUMNS
    assert summary["speaker"].tolist() == list(dict.fromkeys(table["speaker"]))
    felipe = summary.set_index("speaker").loc["Felipe Duarte"]
    mine = table[table["speaker"] == "Felipe Duarte"]
    assert (felipe.sentences, felipe.claims, felipe.forecasts) == (len(mine), mine["claim"].sum(), mine["forecast"].sum())
    assert felipe.claims_per_100w == pytest.approx(100 * mine["claim"].sum() / felipe.words)


# --------------------------------------------------------------------------- stopping


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """200 copies of the seed (hard links): long enough to stop the run in the middle."""
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(200):
        os.link(SEED, folder / f"call{i:03d}.txt")
    return folder


@contextlib.contextmanager
def running(folder: Path, out: Path) -> Iterator[tuple[subprocess.Popen[str], list[psutil.Process]]]:
    """The corpus in its own session, once a part is written, with its processes; killed after."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "callanalysis", "corpus", str(folder), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while not any(out.parent.glob(f".{out.name}.corpus-tmp-*/sentences.parquet/part-*")):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        yield proc, psutil.Process(proc.pid).children(recursive=True)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever the test found, leave nothing running
        proc.communicate()


@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_corpus_stopped_by_a_signal_ends_its_workers_removes_its_output_and_says_so(big, tmp_path, signum, status):
    with running(big, tmp_path / "out") as (proc, children):
        assert len(children) >= 2
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole process group
        else:
            proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
        assert psutil.wait_procs(children, timeout=30)[1] == []
    assert proc.returncode == status
    assert (stdout, stderr) == ("", f"corpus: stopped by {signum.name}; workers ended, temporary output removed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big"]


@pytest.mark.slow
def test_corpus_ctrl_c_twice_stops_at_once_and_the_next_run_removes_its_output(big, corpus, tmp_path):
    with running(big, tmp_path / "out") as (proc, children):
        os.killpg(proc.pid, signal.SIGINT)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=TIMEOUT)
        assert psutil.wait_procs(children, timeout=30)[1] == []  # they exit with their parent
    assert proc.returncode == 130 and len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert cli(str(corpus), "-o", str(tmp_path / "out"), "-j", "1").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "calls", "out"]


@pytest.mark.slow
def test_corpus_killed_leaves_no_workers_and_the_next_run_removes_its_output(big, corpus, tmp_path):
    with running(big, tmp_path / "out") as (proc, children):
        proc.kill()
        proc.communicate(timeout=TIMEOUT)
        assert psutil.wait_procs(children, timeout=30)[1] == []  # they exit with their parent
    assert len(list(tmp_path.glob(".out.corpus-tmp-*"))) == 1
    assert cli(str(corpus), "-o", str(tmp_path / "out"), "-j", "1").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "calls", "out"]
