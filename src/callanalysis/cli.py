"""Command line: ``python -m callanalysis {turns,sentences,participants,notes,annotate} FILE``
and ``python -m callanalysis corpus DIR -o OUT``.

Each command writes one table (CSV by default, ``--format json`` for a JSON array of records)
to stdout or to ``-o PATH``. The same input always gives byte-identical output. Input that is
not a usable transcript gives one line on stderr and exit status 2, and nothing is written.
Speaker labels that the roster does not list, or that are written with markup, are reported on
stderr (the turns are kept).

``corpus`` annotates every transcript in a folder on Dask into ``OUT/sentences.{parquet,csv}`` and
``OUT/speakers.{parquet,csv}`` (see :mod:`callanalysis.corpus`): each unusable file is one line
on stderr, then one summary line on stdout (transcripts, sentences, seconds, files written); the
exit status is 0 if any transcript succeeded and 2 if none did (nothing written). SIGINT (Ctrl-C)
and SIGTERM end the workers, remove the temporary output, print one line and exit 130 / 143.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import astuple, fields, replace
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import TranscriptError
from .parse.sentences import sentences_frame, turns_frame
from .parse.transcript import Call, Participant, QualityNote, load

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


def _records(items: tuple, kind: type) -> pd.DataFrame:
    """One row per item (a dataclass of ``kind``), one column per field."""
    return pd.DataFrame([astuple(item) for item in items], columns=[f.name for f in fields(kind)])


def _annotate(call: Call) -> pd.DataFrame:
    from .label.annotate import annotate  # the labelling layer loads for this command only

    return annotate(call)


COMMANDS: dict[str, tuple[Callable[[Call], pd.DataFrame], str]] = {
    "turns": (turns_frame, "one row per speaker turn"),
    "sentences": (sentences_frame, "one row per sentence"),
    "annotate": (_annotate, "one row per sentence with claim, forecast, hedge and booster labels"),
    "participants": (lambda call: _records(call.participants, Participant), "one row per participant"),
    "notes": (lambda call: _records(call.notes, QualityNote).astype({"turn": "Int64"}),
              "data-quality notes: markers such as [Inaudible], unknown speakers, cut-off turns"),
}


def render(df: pd.DataFrame, fmt: str) -> str:
    """The table as CSV or JSON text, byte-identical for identical tables."""
    if fmt == "json":
        records = json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    return df.to_csv(index=False, lineterminator="\n")


def _write(out: str | None, payload: str) -> None:
    if out is None or out == "-":
        sys.stdout.write(payload)
        return
    target = Path(out)
    if target.is_dir():
        raise TranscriptError("output path is a directory", out)
    if not target.parent.exists():
        raise TranscriptError("output folder does not exist", out)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(payload)
    os.replace(tmp, target)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m callanalysis",
                                     description="Parse and annotate an earnings-call transcript (Motley Fool format).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("file", metavar="FILE", help="transcript text file")
        p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
        p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
        if name == "annotate":
            p.add_argument("--call-date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                           help="anchor for relative time expressions when the header gives no date")
    p = sub.add_parser("corpus", help="annotate every transcript in a folder into sentence and speaker tables",
                       description="Annotate every *.txt, *.html and *.htm transcript in DIR on Dask (a local "
                       "cluster, or --scheduler) into OUT/sentences.csv, OUT/sentences.parquet/, OUT/speakers.csv and "
                       "OUT/speakers.parquet/. Unusable files are skipped, one line each; a summary line follows on "
                       "stdout.")
    p.add_argument("folder", metavar="DIR", help="folder of transcripts")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="output folder (created if missing)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-j", "--jobs", type=int, metavar="N", help="local worker processes (default: all cores)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on this Dask cluster (tcp://host:8786); its workers must see DIR at the same path")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    return parser


class _Stopped(BaseException):
    """SIGINT or SIGTERM arrived: unwind (the corpus cleans up), past any `except Exception`."""


@contextlib.contextmanager
def _stoppable(grace: float = 30.0) -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`_Stopped` in the block. A second signal also ends the local
    workers at once, so that the clean-up need not wait for their tasks (raised again: the first may
    have been lost in a ``__del__``). A third, or a clean-up longer than ``grace`` seconds, ends the
    process at once: its local workers exit with it and the next run into the same folder removes
    its temporary folder."""
    signals: list[int] = []

    def force(signum: int) -> None:
        print(f"corpus: stopped by {signal.Signals(signum).name} before cleaning up; the next run removes "
              "the temporary output", file=sys.stderr, flush=True)
        os._exit(128 + signum)

    def stop(signum: int, frame: object) -> None:
        signals.append(signum)
        if len(signals) == 1:
            timer.start()
        elif len(signals) == 2:
            from .corpus import end_local_workers

            end_local_workers()
        else:
            force(signum)
        raise _Stopped(signum)

    timer = threading.Timer(grace, lambda: force(signals[0]))
    timer.daemon = True
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        timer.cancel()


def _corpus(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        print(f"error: -j {args.jobs}: the number of workers must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        with _stoppable():
            from .corpus import run

            report = run(args.folder, args.output, workers=args.jobs, scheduler=args.scheduler, progress=args.progress)
    except TranscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except _Stopped as stopped:
        signum = stopped.args[0]
        print(f"corpus: stopped by {signal.Signals(signum).name}; workers ended, temporary output removed", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # a bug, not bad input: still one line, never a traceback
        print(f"error: {args.folder}: internal error in corpus mode ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return EXIT_INTERNAL
    if not report.succeeded:
        return EXIT_BAD_INPUT
    skipped = f" ({len(report.failed)} skipped)" if report.failed else ""
    calls = f"{report.succeeded} transcript{'s' if report.succeeded != 1 else ''}"
    print(f"corpus: {calls}{skipped}, {report.rows:,} sentences in {report.seconds:.1f} s; "
          f"wrote {', '.join(map(str, report.outputs))}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "corpus":
        return _corpus(args)
    try:
        call = load(args.file)
        if getattr(args, "call_date", None):
            call = replace(call, metadata=replace(call.metadata, date=args.call_date))
        for warning in call.warnings:  # labels missing from the roster or written with markup
            print(f"{args.file}: warning: {warning}", file=sys.stderr)
        table = COMMANDS[args.command][0](call)
        _write(args.output, render(table, args.format))
    except TranscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except MemoryError:
        print(f"error: {args.file}: not enough memory to process this file", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug, not bad input: still one line, never a traceback
        kind = type(exc).__name__
        print(f"error: {args.file}: internal error while processing ({kind}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
