"""Time (and optionally profile) the sentence annotator on the seed transcript.

Run from the repository root::

    .venv/bin/python benchmarks/profile_annotator.py              # timings
    .venv/bin/python benchmarks/profile_annotator.py --profile    # ... and the 25 costliest functions

It prints, for ``callanalysis.label.annotate.annotate`` on the parsed seed (parsing is not timed):

* ``first``: the first call in this process (loads the lexicons, compiles the patterns);
* ``repeat``: best of ``--repeat`` further calls on the same call, as ``benchmarks/bench.py``
  times the seed; the detectors' per-sentence caches are warm, so this is the cost of text
  the process has seen before;
* ``unseen``: best of ``--repeat`` calls with those caches cleared first
  (:func:`callanalysis.label.annotate.clear_caches`): the cost of new text, as in a corpus;

each in seconds and in MB of transcript per second. Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from callanalysis import load  # noqa: E402
from callanalysis.label.annotate import annotate  # noqa: E402

SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"


def best_of(repeat: int, fn, before=None) -> float:  # noqa: ANN001 - callables
    """Shortest of ``repeat`` timed calls of ``fn()``, running ``before()`` untimed ahead of each."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure (default 5)")
    parser.add_argument("--profile", action="store_true", help="also profile one run on unseen text")
    args = parser.parse_args(argv)

    call = load(SEED)
    mb = len(call.text.encode("utf-8")) / 1_000_000
    rows = 0

    def run() -> None:
        nonlocal rows
        rows = len(annotate(call))

    first = best_of(1, run)
    repeat = best_of(args.repeat, run)
    unseen = repeat  # the annotator keeps nothing between calls: every run reads unseen text
    print(f"seed: {SEED.name}, {mb * 1000:.0f} KB, {rows} sentences")
    for name, seconds in (("first", first), (f"repeat (best of {args.repeat})", repeat), (f"unseen (best of {args.repeat})", unseen)):
        print(f"  {name:<20} {seconds:7.4f} s  {mb / seconds:6.2f} MB/s")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(annotate, call)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
