"""Benchmarks: annotating the seed, corpus throughput and memory, and (``--book``) the book build.

Run ``.venv/bin/python benchmarks/bench.py`` from the repository root (``make bench``). It prints
a Markdown table and writes ``benchmarks/results.json``. What it measures:

* ``seed``: seconds to parse and annotate the seed transcript, best of ``--repeat`` runs (the
  first, cold run is reported separately: it includes loading the lexicons), and again as text
  the process has not seen (:func:`callanalysis.label.annotate.clear_caches` before each run), the
  rate of a corpus whose calls repeat no sentence;
* ``corpus N``: a corpus of N synthetic transcripts (``benchmarks/synth.py``) annotated by
  :func:`callanalysis.corpus.run` in a fresh process, so that its peak memory
  (``resource.getrusage`` ``maxrss`` of the process, ``RUSAGE_SELF``, and of its worker
  processes, ``RUSAGE_CHILDREN``) belongs to that corpus size alone; MB/s is transcript bytes
  read per second of wall time, and per core divides by the worker count;
* ``--book``: ``jupyter-book build`` of a temporary copy of the book, against the same book
  whose notebooks are emptied (front matter, title and one no-op cell, so the kernel still
  starts): the framework's floor.

If ``callanalysis.label.annotate`` cannot be imported, the sentence splitter stands in for it and
the results say so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pandas as pd  # noqa: E402

SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
MB = 1_000_000


def stand_in(call: Any) -> pd.DataFrame:
    """The sentence table, used when ``callanalysis.label.annotate`` is not available."""
    from callanalysis.parse.sentences import sentences_frame

    return sentences_frame(call)


def annotator() -> tuple[Any, str]:
    try:
        from callanalysis.label.annotate import annotate

        return annotate, "callanalysis.label.annotate.annotate"
    except ImportError:
        return stand_in, "sentences_frame (callanalysis.label.annotate not importable)"


def maxrss_mb(who: int) -> float:
    rss = resource.getrusage(who).ru_maxrss
    return rss / MB if sys.platform == "darwin" else rss * 1024 / MB


# --------------------------------------------------------------------------- seed


def bench_seed(repeat: int) -> dict[str, Any]:
    from callanalysis import load

    fn, name = annotator()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(fn(load(SEED)))
        times.append(time.perf_counter() - t)
    result = {"annotator": name, "cold_s": times[0], "best_s": min(times[1:] or times), "runs": repeat, "rows": rows}
    if fn is not stand_in:  # the annotator keeps nothing between calls: every run reads unseen text
        unseen = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn(load(SEED))
            unseen.append(time.perf_counter() - t)
        result["unseen_s"] = min(unseen)
        result["unseen_mb_per_s"] = SEED.stat().st_size / MB / min(unseen)
    return result


# --------------------------------------------------------------------------- corpus


def corpus_child(folder: str, out: str, workers: int) -> None:
    """Run one corpus in this (fresh) process and print its measurements as JSON."""
    from callanalysis.corpus import run, transcripts

    fn, name = annotator()
    size = sum(p.stat().st_size for p in transcripts(folder))
    t = time.perf_counter()
    report = run(folder, out, workers=workers, annotator=fn if fn is stand_in else None, progress=False)
    seconds = time.perf_counter() - t
    print(
        json.dumps(
            {
                "annotator": name,
                "files": report.succeeded + len(report.failed),
                "failed": len(report.failed),
                "rows": report.rows,
                "mb": size / MB,
                "seconds": seconds,
                "workers": workers,
                "maxrss_self_mb": maxrss_mb(resource.RUSAGE_SELF),
                "maxrss_children_mb": maxrss_mb(resource.RUSAGE_CHILDREN),
            }
        )
    )


def bench_corpus(sizes: list[int], workers: int, tmp: Path) -> list[dict[str, Any]]:
    from synth import generate

    results = []
    for n in sizes:
        folder = tmp / f"corpus-{n}"
        generate(folder, n)
        out = subprocess.run(
            [sys.executable, __file__, "--corpus-child", str(folder), str(tmp / f"out-{n}"), str(workers)],
            capture_output=True, text=True, check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        r["mb_per_s"] = r["mb"] / r["seconds"]
        r["mb_per_s_per_core"] = r["mb_per_s"] / workers
        results.append(r)
        shutil.rmtree(folder)
        shutil.rmtree(tmp / f"out-{n}", ignore_errors=True)
    return results


# --------------------------------------------------------------------------- book

_IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info", ".ci", "benchmarks")


def _empty_notebooks(book: Path) -> int:
    """Replace every notebook under ``book/notebooks`` by its front matter, title and one no-op cell."""
    count = 0
    for nb in (book / "notebooks").rglob("*"):
        if nb.suffix == ".md" and nb.read_text(encoding="utf-8").startswith("---"):
            text = nb.read_text(encoding="utf-8")
            front = text[: text.index("---", 3) + 3]
            title = next((line for line in text.splitlines() if line.startswith("# ")), "# Chapter")
            nb.write_text(f"{front}\n\n{title}\n\n```{{code-cell}} ipython3\npass\n```\n", encoding="utf-8")
            count += 1
        elif nb.suffix == ".ipynb":
            data = json.loads(nb.read_text(encoding="utf-8"))
            data["cells"] = [{"cell_type": "markdown", "metadata": {}, "source": "# Chapter"},
                             {"cell_type": "code", "metadata": {}, "source": "pass", "outputs": [], "execution_count": None}]
            nb.write_text(json.dumps(data), encoding="utf-8")
            count += 1
    return count


def _build(book: Path) -> float:
    # The annotated-call cache lives in the copy's own _build/, so every timed build starts cold,
    # as a build from a clean clone does (the chapters after the first still share it).
    env = {**os.environ, "CALLANALYSIS_TRANSCRIPT": str(SEED), "PYTHONPATH": str(ROOT / "src"),
           "CALLANALYSIS_CACHE_DIR": str(book / "_build" / ".callanalysis-cache")}
    jb = Path(sys.executable).parent / "jupyter-book"
    t = time.perf_counter()
    subprocess.run([str(jb), "build", str(book), "--builder", "html", "--all"], env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def bench_book(tmp: Path) -> dict[str, Any]:
    full, empty = tmp / "book-full", tmp / "book-empty"
    shutil.copytree(ROOT, full, ignore=_IGNORE)
    shutil.copytree(ROOT, empty, ignore=_IGNORE)
    notebooks = _empty_notebooks(empty)
    return {"full_s": _build(full), "empty_notebooks_s": _build(empty), "notebooks": notebooks}


# --------------------------------------------------------------------------- report


def table(results: dict[str, Any]) -> str:
    s = results["seed"]
    rows = [
        "| benchmark | result | detail |",
        "| --- | --- | --- |",
        f"| seed, parse + annotate (best of {s['runs']}) | {s['best_s']:.3f} s | cold first run {s['cold_s']:.3f} s; {s['rows']} rows |",
    ]
    if "unseen_s" in s:
        rows.append(
            f"| seed as text not seen before (caches cleared, best of {s['runs']}) | {s['unseen_s']:.3f} s "
            f"| {s['unseen_mb_per_s']:.2f} MB/s on one core |"
        )
    for r in results["corpus"]:
        rows.append(
            f"| corpus of {r['files']} files ({r['mb']:.1f} MB) | {r['mb_per_s']:.2f} MB/s "
            f"({r['mb_per_s_per_core']:.2f} MB/s per core) | {r['seconds']:.1f} s on {r['workers']} workers; "
            f"peak RSS parent {r['maxrss_self_mb']:.0f} MB, largest worker {r['maxrss_children_mb']:.0f} MB |"
        )
    if "book" in results:
        b = results["book"]
        rows.append(f"| book build (`jupyter-book build`) | {b['full_s']:.1f} s | same book, empty notebooks: {b['empty_notebooks_s']:.1f} s |")
    rows.append("")
    rows.append(f"Annotator: {s['annotator']}. Machine: {results['machine']}.")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description="Benchmark the parser, the annotator, corpus mode and the book build.")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the seed benchmark (best is reported)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="corpus sizes in files")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="worker processes (default all cores)")
    ap.add_argument("--book", action="store_true", help="also time the book build (about a minute or more)")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json", help="where to write the results")
    ap.add_argument("--corpus-child", nargs=3, metavar=("DIR", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.corpus_child:
        corpus_child(args.corpus_child[0], args.corpus_child[1], int(args.corpus_child[2]))
        return 0

    cpu = re.sub(r"\s+", " ", platform.processor() or platform.machine())
    results: dict[str, Any] = {
        "machine": f"{platform.system()} {cpu}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}",
        "seed": bench_seed(args.repeat),
    }
    with tempfile.TemporaryDirectory(prefix="callanalysis-bench-") as tmp:
        results["corpus"] = bench_corpus(args.sizes, args.workers, Path(tmp))
        if args.book:
            results["book"] = bench_book(Path(tmp))
    print(table(results))
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
