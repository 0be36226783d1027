"""``make norms``: rebuild the committed norms tables of ``data/norms/`` from a folder of real calls.

``python -m tools.norms FOLDER CORPUS_OUT [-o OUT]`` reads the sentence table that the corpus mode
(``python -m callanalysis corpus FOLDER -o CORPUS_OUT``) wrote for the transcripts of ``FOLDER``,
and :func:`build` writes into ``OUT`` (default ``data/norms/``, which holds ``sectors.csv``):
``speakers.csv`` (:func:`speaker_rows` of every call, the columns
:data:`callanalysis.measure.norms.SPEAKER_COLUMNS`), ``quantiles.csv``
(:func:`callanalysis.measure.norms.quantiles`) and ``provenance.json`` (:func:`provenance`: its
date does not depend on the run). The same corpus gives byte-identical tables (and, at the same
commit, provenance). A problem is one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from callanalysis import __version__
from callanalysis.errors import TranscriptError
from callanalysis.measure import norms, readability
from callanalysis.parse.transcript import load
from callanalysis.present.provenance import sha256
from callanalysis.paths import ROOT


def speaker_rows(sentences: pd.DataFrame, call, sectors: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker of one annotated ``call`` (:data:`~callanalysis.measure.norms.SPEAKER_COLUMNS`;
    ``call`` is its file's stem): :func:`~callanalysis.measure.norms.call_speakers` with the call's
    header, its company and sector from ``sectors`` (by ticker) and each speaker's Gunning fog
    (blank when the speaker says too few words for a reliable score)."""
    meta = call.metadata
    sector = sectors.loc[meta.ticker] if meta.ticker in sectors.index else {}
    fog = readability.readability(sentences, by="speaker").set_index("speaker")
    out = norms.call_speakers(sentences, call)
    return out.assign(
        gunning_fog=out["speaker"].map(fog["gunning_fog"].where(fog["reliable"].astype(bool))),
        call=Path(call.source).stem, ticker=meta.ticker or "", company=sector.get("company", meta.company or ""),
        sector=sector.get("sector", "unknown"), quarter=meta.quarter, fiscal_year=meta.fiscal_year,
        call_date=meta.date.isoformat() if meta.date else "")[norms.SPEAKER_COLUMNS]


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def provenance(folder: Path, commands: list[str], calls: int, skipped: list[str]) -> dict:
    """What made the tables: every file in ``folder`` with its SHA-256, the commands, version, commit
    and a date that does not depend on the run (``$SOURCE_DATE_EPOCH``, else the commit date of HEAD)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    date, source = ((datetime.fromtimestamp(int(epoch), timezone.utc).isoformat(), "SOURCE_DATE_EPOCH")
                    if epoch.isdigit() else (_git("log", "-1", "--format=%cI"), "commit date of git HEAD"))
    files = [{"file": p.name, "bytes": p.stat().st_size, "sha256": sha256(p)}
             for p in sorted(folder.iterdir()) if p.is_file()]
    return {"corpus": str(folder), "commands": commands, "package_version": __version__,
            "git_commit": _git("rev-parse", "HEAD"), "date": date, "date_source": source, "calls": calls,
            "skipped": skipped, "files": files}


def build(folder: str | Path, corpus_out: str | Path, out: str | Path = norms.NORMS_DIR) -> list[Path]:
    """The norms tables of ``folder`` from its corpus-mode output ``corpus_out``, into ``out`` (which
    holds ``sectors.csv``); returns the files written."""
    folder, out, table = Path(folder), Path(out), Path(corpus_out) / "sentences.csv"
    if not table.is_file():
        raise TranscriptError("no sentences.csv: run the corpus mode on the folder first", str(corpus_out))
    sentences = pd.read_csv(table, keep_default_na=False)
    sectors = pd.read_csv(out / "sectors.csv", keep_default_na=False, index_col="ticker")
    paths = {p.stem: p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".txt", ".html", ".htm")}
    rows = [speaker_rows(s, load(paths[c]), sectors) for c, s in sentences.groupby("call", sort=True)]
    speakers = pd.concat(rows, ignore_index=True)
    commands = [shlex.join(["python", "-m", "callanalysis", "corpus", str(folder), "-o", str(corpus_out)]),
                shlex.join(["python", "-m", "tools.norms", str(folder), str(corpus_out), "-o", str(out)])]
    written = [out / "speakers.csv", out / "quantiles.csv", out / "provenance.json"]
    for path, df in zip(written, (speakers, norms.quantiles(speakers))):
        path.write_text(df.round(4).to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    info = provenance(folder, commands, len(rows), sorted(set(paths) - set(sentences["call"])))
    written[2].write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.norms FOLDER CORPUS_OUT [-o OUT]``: :func:`build`."""
    p = argparse.ArgumentParser(prog="python -m tools.norms", description=build.__doc__)
    p.add_argument("folder")
    p.add_argument("corpus_out")
    p.add_argument("-o", "--out", default=str(norms.NORMS_DIR))
    args = p.parse_args(argv)
    try:
        print("norms: wrote " + ", ".join(map(str, build(args.folder, args.corpus_out, args.out))))
    except (TranscriptError, OSError, KeyError, ValueError) as exc:
        print(f"error: norms: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
