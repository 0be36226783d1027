"""Annotate a folder of transcripts into one sentence table and one per-speaker summary, on Dask.

``run(folder, out)`` promises:

* every ``*.txt``, ``*.html`` and ``*.htm`` directly inside ``folder`` is parsed and annotated
  (:func:`callanalysis.label.annotate.annotate`) in Dask tasks, one per part of the files
  (:func:`parts`: cut by their number alone): on a ``distributed.LocalCluster`` of ``workers``
  single-threaded processes (all cores by default), or on the cluster whose scheduler is at
  ``scheduler`` (``tcp://host:8786``; its workers must read ``folder`` at the same path);
* ``out`` (created if missing; other files in it are left alone) receives::

      sentences.csv       call, then the annotator's columns (callanalysis.label.columns.COLUMNS)
      sentences.parquet/  part-00000.parquet, part-00001.parquet, ...: the same rows, in parts
      speakers.csv        call, speaker, role, sentences, words, claims, forecasts, hedged,
                          boosted, and those four per 100 words (empty for a speaker of no words)
      speakers.parquet/   the same rows, in parts

  ``call`` is the file's stem. Rows are ordered by file name, then ``sentence_id`` (speakers by
  first sentence), parts numbered in that order (``pandas.read_parquet(folder)`` reads them so).
  The Parquet schema is fixed (:data:`SENTENCE_SCHEMA`, :data:`SPEAKER_SCHEMA`), without pandas
  metadata: the same folder gives byte-identical files, whatever the workers or their timing;
* a file that cannot be used (not a regular file: a FIFO, a device or a directory, refused by
  :mod:`callanalysis.parse.reading` before any read; not a transcript; no call date in its
  header; an annotation error) is skipped and reported as one line ``<file>: <problem>``, in
  file-name order at the end; it never stops the run;
* the outputs appear only if at least one transcript succeeded: they are built in a folder
  ``.<out name>.corpus-tmp-<host>-<pid>`` next to ``out`` and moved in at the end. However the
  run ends (an error, Ctrl-C, SIGTERM) that folder is removed and the local workers are ended;
  after a SIGKILL the workers exit with their parent, and the next run into ``out`` removes the
  folders whose process is gone.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import psutil  # with distributed
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import TranscriptError
from .label.columns import COLUMNS, FLAGS, INT_COLUMNS
from .parse.sentences import word_count
from .parse.transcript import load

SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")
SPEAKER_COLUMNS: list[str] = [
    "call", "speaker", "role", "sentences", "words", *FLAGS.values(), *(f"{c}_per_100w" for c in FLAGS.values())
]
OUTPUTS: tuple[str, ...] = ("sentences.parquet", "sentences.csv", "speakers.parquet", "speakers.csv")
PART_FILES = 16  # at most this many transcripts per task and per Parquet part
#: ``call``, then the annotator's columns: integers as int64, the rest text.
SENTENCE_SCHEMA = pa.schema([("call", pa.string())] + [(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in COLUMNS])
#: Names as text, counts as int64, rates per 100 words as floats (null for a speaker of no words).
SPEAKER_SCHEMA = pa.schema([
    (c, pa.string() if c in ("call", "speaker", "role") else pa.float64() if c.endswith("_per_100w") else pa.int64())
    for c in SPEAKER_COLUMNS
])


@dataclass
class Report:
    """The run's result: calls annotated, one line per skipped file, rows, seconds, files written."""
    succeeded: int = 0
    failed: list[str] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


@dataclass
class Part:
    """One task's result: skipped files (path, problem), calls and rows, outputs as bytes by name."""
    index: int
    problems: list[tuple[str, str]]
    calls: int = 0
    rows: int = 0
    files: dict[str, bytes] = field(default_factory=dict)


def transcripts(folder: str | Path) -> list[Path]:
    """The transcript files directly inside ``folder``, by name (a one-line error if none)."""
    root = Path(folder)
    if not root.is_dir():
        raise TranscriptError("is a file, not a folder of transcripts" if root.exists() else "no such folder", str(folder))
    found = sorted((p for p in root.iterdir() if p.suffix.lower() in SUFFIXES), key=lambda p: p.name)
    if not found:
        raise TranscriptError(f"no transcripts ({', '.join('*' + s for s in SUFFIXES)}) in the folder", str(folder))
    return found


def parts(files: list[str]) -> list[list[str]]:
    """``files`` cut into consecutive parts: 32 or more when there are that many, of at most :data:`PART_FILES`."""
    size = max(1, min(PART_FILES, len(files) // 32))
    return [files[i : i + size] for i in range(0, len(files), size)]


def speaker_summary(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per call and speaker (in order of first sentence): counts and flags per 100 words."""
    d = sentences[["call", "speaker", "role", *FLAGS]].assign(sentences=1, words=sentences["text"].map(word_count))
    out = d.groupby(["call", "speaker", "role"], sort=False, dropna=False).sum().reset_index().rename(columns=FLAGS)
    for c in FLAGS.values():
        out[f"{c}_per_100w"] = out[c] / out["words"].where(out["words"] > 0) * 100
    return out[SPEAKER_COLUMNS]


def annotate_part(index: int, paths: list[str], annotator: Callable[[Any], pd.DataFrame] | None = None) -> Part:
    """The task: part ``index`` of the corpus, its outputs as bytes (CSV without a header)."""
    if annotator is None:
        from .label.annotate import annotate as annotator
    tables, problems = [], []
    for path in paths:
        try:
            call = load(path)
            if call.metadata.date is None:
                raise TranscriptError("call date missing from the header (needed to anchor time expressions)", path)
            tables.append(annotator(call).reset_index(drop=True))
            tables[-1].insert(0, "call", Path(path).stem)
        except TranscriptError as exc:
            problems.append((path, exc.problem))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
            problems.append((path, f"annotation failed ({type(exc).__name__}: {' '.join(str(exc).split())})"))
    if not tables:
        return Part(index, problems)
    sentences, files = pd.concat(tables, ignore_index=True), {}
    for name, df, schema in (("sentences", sentences, SENTENCE_SCHEMA), ("speakers", speaker_summary(sentences), SPEAKER_SCHEMA)):
        files[f"{name}.csv"] = df.to_csv(header=False, index=False, lineterminator="\n").encode("utf-8")
        buffer = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False).replace_schema_metadata(), buffer)
        files[f"{name}.parquet"] = buffer.getvalue().to_pybytes()
    return Part(index, problems, len(tables), len(sentences), files)


@contextlib.contextmanager
def client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Dask client of the cluster at ``scheduler``, or of a local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            remote = Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise TranscriptError(f"cannot reach the Dask scheduler ({' '.join(str(exc).split())})", scheduler) from None
        with remote:
            yield remote
        return
    # Ctrl-C reaches the whole process group: the workers start with SIGINT ignored (they inherit
    # that), so that only this process reacts, and ends them. A Ctrl-C while they start is lost.
    main = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:  # this machine only, no dashboard, free ports, no log lines
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                               silence_logs=logging.CRITICAL)
    finally:
        if main:
            signal.signal(signal.SIGINT, old)
    with cluster, Client(cluster, set_as_default=False) as local:
        yield local


def end_local_workers() -> None:
    """End this process's local worker processes now, so that the cluster's close need not wait for
    their tasks. (Ending the process with ``os._exit`` instead would leave the named semaphores of the
    nannies' queues to multiprocessing's resource tracker, which reports them as leaked.)"""
    for worker in multiprocessing.active_children():
        worker.kill()


def _annotate(chunks: list[list[str]], tmp: Path, result: Report, dask: Any, bar: Any, annotator: Any) -> list[tuple[str, str]]:
    """Run the tasks, write each part into ``tmp/<output name>/`` as it comes; the skipped files."""
    from distributed import as_completed

    problems = []
    futures = dask.map(annotate_part, range(len(chunks)), chunks, annotator=annotator, pure=False)
    index = {f.key: i for i, f in enumerate(futures)}
    for future in as_completed(futures, loop=dask.loop):
        try:
            part = future.result()
        except Exception as exc:  # noqa: BLE001 - e.g. its worker killed three times for its memory
            why = f"worker failed ({type(exc).__name__}: {' '.join(str(exc).split())})"
            part = Part(index[future.key], [(path, why) for path in chunks[index[future.key]]])
        problems += part.problems
        result.succeeded, result.rows = result.succeeded + part.calls, result.rows + part.rows
        for name, data in part.files.items():
            (tmp / name / f"part-{part.index:05d}{Path(name).suffix}").write_bytes(data)
        bar.update(len(chunks[part.index]))
        futures[part.index] = None  # written: the cluster may forget it
    return problems


def _move_in(tmp: Path, target: Path) -> list[Path]:
    """Join each CSV's parts under one header, then move the outputs from ``tmp`` into ``target``."""
    for name, schema in (("sentences.csv", SENTENCE_SCHEMA), ("speakers.csv", SPEAKER_SCHEMA)):
        with open(tmp / "joined.csv", "wb") as joined:
            joined.write((",".join(schema.names) + "\n").encode("utf-8"))
            for piece in sorted((tmp / name).iterdir()):
                with open(piece, "rb") as fh:
                    shutil.copyfileobj(fh, joined)
        shutil.rmtree(tmp / name)
        os.replace(tmp / "joined.csv", tmp / name)
    target.mkdir(exist_ok=True)
    for name in OUTPUTS:
        if (target / name).exists() or (target / name).is_symlink():
            os.replace(target / name, tmp / f"old-{name}")  # removed with the temporary folder
        os.replace(tmp / name, target / name)
    return [target / name for name in OUTPUTS]


def run(folder: str | Path, out: str | Path, workers: int | None = None, scheduler: str | None = None,
        progress: bool | None = None, report: Callable[[str], None] | None = None,
        annotator: Callable[[Any], pd.DataFrame] | None = None) -> Report:
    """Annotate every transcript in ``folder`` into ``out`` (see the module docstring).

    ``report`` receives each skipped file's line at the end (default: stderr); ``progress``
    shows a tqdm bar on stderr (default: when stderr is a terminal); ``annotator`` (default
    :func:`~callanalysis.label.annotate.annotate`, importable by the workers) must return the
    columns of :data:`~callanalysis.label.columns.COLUMNS`.
    """
    from tqdm import tqdm

    start, files, target = time.perf_counter(), transcripts(folder), Path(out)
    if target.exists() and not target.is_dir():
        raise TranscriptError("output path is a file, not a folder", str(out))
    if not target.parent.is_dir():
        raise TranscriptError("the output folder's parent does not exist", str(out))
    say = report or (lambda line: print(line, file=sys.stderr))
    stems: dict[str, str] = {}
    for p in files:
        if stems.setdefault(p.stem, p.name) != p.name:
            say(f"{p}: warning: same call name '{p.stem}' as {stems[p.stem]}")
    chunks = parts([str(p) for p in files])
    prefix = f".{target.name}.corpus-tmp-{socket.gethostname()}-"
    for old in target.parent.glob(prefix + "*"):  # left by a killed run whose process is gone (ours: an earlier run)
        pid = old.name[len(prefix):]
        if pid.isdigit() and (int(pid) == os.getpid() or not psutil.pid_exists(int(pid))):
            shutil.rmtree(old, ignore_errors=True)
    tmp, result = target.parent / f"{prefix}{os.getpid()}", Report()
    show = sys.stderr.isatty() if progress is None else progress
    try:
        for name in OUTPUTS:
            (tmp / name).mkdir(parents=True)
        with client(min(workers or len(os.sched_getaffinity(0)), len(chunks)), scheduler) as dask, tqdm(
            total=len(files), unit="file", file=sys.stderr, disable=not show
        ) as bar:
            skipped = _annotate(chunks, tmp, result, dask, bar, annotator)
        result.failed = [f"{path}: {problem}" for path, problem in sorted(skipped, key=lambda s: Path(s[0]).name)]
        for line in result.failed:
            say(line)
        if result.succeeded:
            result.outputs = _move_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.seconds = time.perf_counter() - start
    return result
