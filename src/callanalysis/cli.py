"""Command line: ``python -m callanalysis {turns,sentences,participants,notes,annotate} FILE``.

Each command writes one table (CSV by default, ``--format json`` for a JSON array of records)
to stdout or to ``-o PATH``. The same input always gives byte-identical output. Input that is
not a usable transcript gives one line on stderr and exit status 2, and nothing is written.
Speaker labels that the roster does not list are reported on stderr (the turns are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import TranscriptError
from .transcript import Call, load

EXIT_BAD_INPUT = 2


def _participants(call: Call) -> pd.DataFrame:
    cols = ["name", "title", "firm", "role", "label", "in_roster"]
    return pd.DataFrame([{c: getattr(p, c) for c in cols} for p in call.participants], columns=cols)


def _notes(call: Call) -> pd.DataFrame:
    cols = ["kind", "turn", "start", "end", "text"]
    df = pd.DataFrame([{c: getattr(n, c) for c in cols} for n in call.notes], columns=cols)
    return df.astype({"turn": "Int64"})


def _turns(call: Call) -> pd.DataFrame:
    from .sentences import turns_frame

    return turns_frame(call)


def _sentences(call: Call) -> pd.DataFrame:
    from .sentences import sentences_frame

    return sentences_frame(call)


def _annotate(call: Call) -> pd.DataFrame:
    from .annotate import annotate

    return annotate(call)


COMMANDS: dict[str, tuple[Callable[[Call], pd.DataFrame], str]] = {
    "turns": (_turns, "one row per speaker turn"),
    "sentences": (_sentences, "one row per sentence"),
    "annotate": (_annotate, "one row per sentence with claim, forecast, hedge and booster labels"),
    "participants": (_participants, "one row per participant"),
    "notes": (_notes, "data-quality notes: markers such as [Inaudible], unknown speakers, cut-off turns"),
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
    parser = argparse.ArgumentParser(
        prog="python -m callanalysis",
        description="Parse and annotate an earnings-call transcript (Motley Fool format).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("file", metavar="FILE", help="transcript text file")
        p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
        p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
        if name == "annotate":
            p.add_argument(
                "--call-date",
                type=date.fromisoformat,
                metavar="YYYY-MM-DD",
                help="anchor for relative time expressions when the header gives no date",
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        call = load(args.file)
        if getattr(args, "call_date", None):
            from dataclasses import replace

            call = replace(call, metadata=replace(call.metadata, date=args.call_date))
        for label in call.unknown_labels:
            print(f"{args.file}: warning: speaker label '{label}' is not in the roster (turns kept)", file=sys.stderr)
        table = COMMANDS[args.command][0](call)
        _write(args.output, render(table, args.format))
    except TranscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
