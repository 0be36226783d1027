"""Benchmarks, side by side in one run: the seed in a fresh process, text never seen, corpus
scaling from 1 to 2 Dask workers, and ``make book`` against the same book with empty notebooks.

Run ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``) from the repository root. It
prints a Markdown table with each goal and writes ``benchmarks/results.json``; corpora and book
copies live in a temporary folder, removed at the end. Goals are about wall time; CPU times are
given beside them, as a busy machine stretches the first far more. What it measures (README.md
says more):

* ``seed``: a fresh ``python`` process that imports the annotator, parses the seed and annotates
  it, ``--repeat`` times: the wall time of the whole process (interpreter start and imports
  included) and, timed inside it, the parse and annotation alone (first call: lexicons loaded);
* ``unseen``: one fresh process, warmed up on a small fixture, parses and annotates each call
  of a set once, one after the other: MB of transcript per second on one core. The sets are
  synthetic calls whose sentences of speech are all distinct (``synth.py``) and, when present,
  the real calls of ``shared/corpus/fool-dev`` beside the repository (``--real DIR``); the share
  of distinct sentences is reported;
* ``scaling``: ``python -m callanalysis corpus`` over ``--files`` synthetic calls with ``-j 1``
  and with ``-j 2`` (a local Dask cluster of that many single-threaded workers), wall time of
  the command; the speed-up is the first over the second;
* ``book``: ``make book`` in a copy of the repository, against ``make book`` in a copy whose
  notebooks have no code cells (and whose glued figures, then undefined, are plain text);
  each copy starts from no ``_build/``, with its own ``src/`` first on ``PYTHONPATH``; the copies
  are built ``--book-runs`` times each, taking turns, and the medians are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import generate  # noqa: E402

SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
WARM_UP = ROOT / "tests" / "fixtures" / "minimal.txt"
#: Real calls, when the shared material sits beside the repository (or beside its worktree folder).
FOOL_DEV = next((p for p in (ROOT.parent / "shared/corpus/fool-dev", ROOT.parents[1] / "shared/corpus/fool-dev") if p.is_dir()), None)
MB = 1_000_000
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

SEED_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from callanalysis.label.annotate import annotate
from callanalysis.parse.transcript import load
t1, c1 = time.perf_counter(), time.process_time()
rows = len(annotate(load(sys.argv[1])))
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"imports_s": t1 - t0, "annotate_s": t2 - t1, "annotate_cpu_s": c2 - c1, "rows": rows}))
"""

UNSEEN_CHILD = """
import json, sys, time
from pathlib import Path
from callanalysis.corpus import transcripts
from callanalysis.label.annotate import annotate
from callanalysis.parse.transcript import load
annotate(load(sys.argv[2]))  # warm-up: lexicons loaded, patterns compiled
seconds, cpu, size, texts, skipped = 0.0, 0.0, 0, [], 0
for path in transcripts(sys.argv[1]):
    t, c = time.perf_counter(), time.process_time()
    try:
        table = annotate(load(path))
    except Exception:
        skipped += 1
        continue
    seconds, cpu = seconds + time.perf_counter() - t, cpu + time.process_time() - c
    size += path.stat().st_size
    texts += table["text"].tolist()
print(json.dumps({"calls": len(transcripts(sys.argv[1])) - skipped, "skipped": skipped, "mb": size / 1e6,
                  "seconds": seconds, "cpu_seconds": cpu, "sentences": len(texts), "distinct_share": len(set(texts)) / max(1, len(texts))}))
"""


def child(code: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_seed(repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = child(SEED_CHILD, str(SEED))
        runs.append({**r, "wall_s": time.perf_counter() - t})
    pick = {k: statistics.median(r[k] for r in runs) for k in ("wall_s", "imports_s", "annotate_s", "annotate_cpu_s")}
    best = {f"best_{k}": min(r[k] for r in runs) for k in ("wall_s", "annotate_s")}
    return {**pick, **best, "runs": repeat, "rows": runs[0]["rows"]}


def bench_unseen(tmp: Path, files: int, real: Path | None) -> list[dict[str, Any]]:
    folder = tmp / "unseen"
    generate(folder, files, seed=1)
    sets = [("synthetic, sentences of speech all distinct", folder)]
    if real is not None:
        sets.append((f"real calls ({real.name})", real))
    results = []
    for name, path in sets:
        r = child(UNSEEN_CHILD, str(path), str(WARM_UP))
        results.append({"set": name, **r, "mb_per_s": r["mb"] / r["seconds"], "mb_per_cpu_s": r["mb"] / r["cpu_seconds"]})
    shutil.rmtree(folder)
    return results


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_scaling(tmp: Path, files: int) -> dict[str, Any]:
    folder = tmp / "scaling"
    paths = generate(folder, files, seed=2)
    size = sum(p.stat().st_size for p in paths) / MB
    result: dict[str, Any] = {"files": files, "mb": size}
    for jobs in (1, 2):
        out = tmp / f"scaling-out-{jobs}"
        t, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-m", "callanalysis", "corpus", str(folder), "-o", str(out), "-j", str(jobs)],
                       capture_output=True, text=True, env=ENV, check=True)
        result[f"workers_{jobs}_s"] = time.perf_counter() - t
        result[f"workers_{jobs}_cpu_s"] = _children_cpu() - cpu  # the command and its workers
        shutil.rmtree(out)
    result["speedup"] = result["workers_1_s"] / result["workers_2_s"]
    shutil.rmtree(folder)
    return result


_SKIP = shutil.ignore_patterns(".git", ".venv", "_build", ".pytest_cache", "__pycache__", "*.egg-info", "benchmarks")
_CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```[ \t]*\n", re.M | re.S)
_GLUE_BLOCK = re.compile(r"^(`{3,}|:{3,})\{glue(?::\w+)?\}.*?^\1[ \t]*\n", re.M | re.S)
_GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`[^`]*`")


def _empty_notebooks(book: Path) -> int:
    """Remove every code cell from the notebooks; glued figures (now undefined) become plain text."""
    notebooks = {p for p in (book / "notebooks").rglob("*.md") if "{code-cell}" in p.read_text(encoding="utf-8")}
    for page in book.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page in notebooks:
            text = _CODE_CELL.sub("", text)
        page.write_text(_GLUE_ROLE.sub("(figure)", _GLUE_BLOCK.sub("", text)), encoding="utf-8")
    return len(notebooks)


def _make_book(copy: Path) -> dict[str, Any]:
    env = {k: v for k, v in ENV.items() if not k.startswith("CALLANALYSIS_")} | {"PYTHONPATH": str(copy / "src")}
    t = time.perf_counter()  # -o: never reinstall into the shared .venv from the copy
    out = subprocess.run(["make", "-C", str(copy), "-o", ".venv/.installed", "book"], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t
    if out.returncode != 0:
        return {"seconds": seconds, "failed": (out.stdout + out.stderr).strip().splitlines()[-5:]}
    return {"seconds": seconds}


def bench_book(tmp: Path, runs: int) -> dict[str, Any]:
    """``runs`` builds of each copy, taking turns (full, empty, full, ...), each from no ``_build/``;
    the ratio is of the two medians (one build of each swings by 20% on a shared machine)."""
    full, empty = tmp / "book-full", tmp / "book-empty"
    shutil.copytree(ROOT, full, ignore=_SKIP, symlinks=True)
    shutil.copytree(ROOT, empty, ignore=_SKIP, symlinks=True)
    notebooks = _empty_notebooks(empty)
    for copy in (full, empty):
        (copy / ".venv").symlink_to(ROOT / ".venv")  # the installed environment, not a new one
    builds: dict[str, list[dict[str, Any]]] = {"full": [], "empty": []}
    for _ in range(runs):
        for side, copy in (("full", full), ("empty", empty)):
            shutil.rmtree(copy / "_build", ignore_errors=True)
            builds[side].append(_make_book(copy))
    result: dict[str, Any] = {"notebooks": notebooks, "runs": runs}
    for side, done in builds.items():
        failed = [line for b in done for line in b.get("failed", [])]
        result[side] = {"seconds": statistics.median(b["seconds"] for b in done), "each": [b["seconds"] for b in done],
                        **({"failed": failed} if failed else {})}
    result["ratio"] = result["full"]["seconds"] / result["empty"]["seconds"]
    return result


def table(r: dict[str, Any]) -> str:
    def row(measure: str, result: str, value: float, goal: str) -> str:
        op, target = goal.split()
        met = {"<": value < float(target), "<=": value <= float(target), ">=": value >= float(target)}[op]
        return f"| {measure} | {result} | {goal} | {'yes' if met else 'no'} |"

    rows = ["| measure | result | goal | met |", "| --- | --- | --- | --- |"]
    if "seed" in r:
        s = r["seed"]
        rows.append(row(f"seed in a fresh process, wall (median of {s['runs']})",
                        f"{s['wall_s']:.2f} s (imports {s['imports_s']:.2f} s; best {s['best_wall_s']:.2f} s)", s["wall_s"], "< 1.0"))
        rows.append(row("seed, parse + annotate beyond imports (median)",
                        f"{s['annotate_s']:.2f} s (best {s['best_annotate_s']:.2f} s; CPU {s['annotate_cpu_s']:.2f} s; {s['rows']} rows)",
                        s["annotate_s"], "< 0.5"))
    for u in r.get("unseen", []):
        rows.append(row(f"text never seen, one core: {u['set']}",
                        f"{u['mb_per_s']:.2f} MB/s ({u['mb_per_cpu_s']:.2f} per CPU second; {u['calls']} calls, {u['mb']:.1f} MB; {u['distinct_share']:.0%} of "
                        f"{u['sentences']:,} sentences distinct)", u["mb_per_s"], ">= 0.5"))
    if "scaling" in r:
        c = r["scaling"]
        rows.append(row(f"corpus, 1 -> 2 Dask workers ({c['files']} files, {c['mb']:.1f} MB)",
                        f"{c['speedup']:.2f}x ({c['workers_1_s']:.1f} s -> {c['workers_2_s']:.1f} s; CPU {c['workers_1_cpu_s']:.1f} s "
                        f"and {c['workers_2_cpu_s']:.1f} s)", c["speedup"], ">= 1.7"))
    if "book" in r:
        b = r["book"]
        failed = [line for side in ("full", "empty") for line in b[side].get("failed", [])]
        each = " / ".join(f"{f:.1f} : {e:.1f}" for f, e in zip(b["full"]["each"], b["empty"]["each"]))
        rows.append(row(f"`make book` against the same book with empty notebooks (median of {b['runs']} each)",
                        f"{b['ratio']:.2f}x ({b['full']['seconds']:.1f} s against {b['empty']['seconds']:.1f} s; "
                        f"each run, full : empty: {each})"
                        + (f"; BUILD FAILED: {' / '.join(failed)}" if failed else ""), b["ratio"] if not failed else 99, "<= 2.0"))
    rows += ["", f"Machine: {r['machine']}; load average {r['load_before']} at the start, {r['load_after']} at the end."]
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description="Benchmark the seed, unseen text, corpus scaling and the book build.")
    ap.add_argument("--repeat", type=int, default=5, help="fresh processes for the seed (the median is reported)")
    ap.add_argument("--unseen-files", type=int, default=60, help="synthetic calls for the unseen-text rate")
    ap.add_argument("--real", type=Path, default=FOOL_DEV, help=f"real calls for the unseen-text rate (default {FOOL_DEV})")
    ap.add_argument("--files", type=int, default=400, help="synthetic calls for corpus scaling")
    ap.add_argument("--book-runs", type=int, default=3, help="builds of each copy of the book (medians compared)")
    ap.add_argument("--only", nargs="+", choices=("seed", "unseen", "scaling", "book"), help="run only these")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json", help="where to write the results")
    args = ap.parse_args()
    only = set(args.only or ("seed", "unseen", "scaling", "book"))

    cpu = re.sub(r"\s+", " ", platform.processor() or platform.machine())
    results: dict[str, Any] = {
        "machine": f"{platform.system()} {cpu}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}",
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    with tempfile.TemporaryDirectory(prefix="callanalysis-bench-") as name:
        tmp = Path(name)
        if "seed" in only:
            results["seed"] = bench_seed(args.repeat)
        if "unseen" in only:
            results["unseen"] = bench_unseen(tmp, args.unseen_files, args.real)
        if "scaling" in only:
            results["scaling"] = bench_scaling(tmp, args.files)
        if "book" in only:
            results["book"] = bench_book(tmp, args.book_runs)
    results["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(table(results))
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
