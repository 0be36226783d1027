"""``make eval``: score the parser against real calls whose turns are known, and the annotator
against the reference sets of ``data/annotations/``, as one plain-text report.

``python -m tools.evaluate [--corpus DIR]`` prints :func:`parser_report` of ``DIR`` (default
:data:`DEFAULT_CORPUS`; skipped with a line when it has no ``truth.jsonl``), then
:func:`annotator_report` of :func:`callanalysis.measure.validation.evaluate`.

A folder holds transcripts and ``truth.jsonl``: one JSON object per file with ``file``,
``roster`` (name -> title) and ``turns``, the ordered ``{speaker, section, start, end}`` of every
turn (``section`` is ``prepared`` or ``qa``; ``start``/``end`` are the character offsets of the
speech, label excluded).

:func:`score_file` promises, for one parsed call against its truth:

* ``chars`` / ``right_chars``: speech characters in the truth's turns, and how many of them lie
  in a parsed turn of the same speaker;
* ``turns`` / ``exact_count``: the truth's turn count, and whether the parser found as many;
* ``right_sections``: truth turns whose parsed turn (the one overlapping it most) is in the same
  part of the call: the parser's ``opening`` is ``prepared``, every other section ``qa``;
* ``fake``: speakers of parsed turns who are neither in the truth's roster nor among its speakers.

:func:`parser_report` parses every file of the folder (a file that fails to parse scores zero) and
returns those scores as plain text, per layout (:func:`layout_of`), with the worst files.
"""

from __future__ import annotations

import argparse
import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from callanalysis.errors import TranscriptError
from callanalysis.measure import validation
from callanalysis.parse.reading import read_transcript
from callanalysis.parse.transcript import Call, parse
from callanalysis.paths import ROOT

LAYOUTS = ("multi-line", "one-line")
#: The real calls with known turns scored by default (outside the repository).
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fool-dev"


@dataclass(frozen=True)
class FileScore:
    """How one parsed call compares with its truth (see the module docstring)."""

    file: str
    layout: str
    chars: int
    right_chars: int
    turns: int
    found_turns: int
    right_sections: int
    fake: tuple[str, ...]
    error: str = ""

    @property
    def exact_count(self) -> bool:
        return self.turns == self.found_turns

    @property
    def share(self) -> float:
        return self.right_chars / self.chars if self.chars else 1.0


def layout_of(text: str) -> str:
    """``one-line`` when the text has fewer than three line breaks, else ``multi-line``."""
    return "one-line" if len(text.splitlines()) < 3 else "multi-line"


def score_file(call: Call, truth: dict, file: str = "") -> FileScore:
    """Compare one parsed call with its truth record."""
    turns = call.turns
    starts = [t.start for t in turns]
    chars = right = sections = 0
    for want in truth["turns"]:
        a, b = want["start"], want["end"]
        chars += b - a
        best, best_overlap = None, 0
        i = max(bisect_right(starts, a) - 1, 0)
        while i < len(turns) and turns[i].start < b:
            overlap = min(b, turns[i].end) - max(a, turns[i].start)
            if overlap > 0:
                if turns[i].speaker == want["speaker"]:
                    right += overlap
                if overlap > best_overlap:
                    best, best_overlap = turns[i], overlap
            i += 1
        if best is not None and ("prepared" if best.section == "opening" else "qa") == want["section"]:
            sections += 1
    known = set(truth["roster"]) | {t["speaker"] for t in truth["turns"]}
    fake = tuple(sorted({t.speaker for t in turns} - known))
    return FileScore(file, layout_of(call.text), chars, right, len(truth["turns"]), len(turns), sections, fake)


def score_folder(folder: str | Path, files: Iterable[str] | None = None) -> list[FileScore]:
    """Scores of every file in ``truth.jsonl`` (or only of ``files``), in the truth's order."""
    folder = Path(folder)
    wanted = set(files) if files is not None else None
    scores = []
    for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        truth = json.loads(line)
        name = truth["file"]
        if wanted is not None and name not in wanted:
            continue
        chars = sum(t["end"] - t["start"] for t in truth["turns"])
        text = ""
        try:
            text = read_transcript(folder / name)
            scores.append(score_file(parse(text, source=name), truth, name))
        except TranscriptError as exc:
            scores.append(FileScore(name, layout_of(text), chars, 0, len(truth["turns"]), 0, 0, (), str(exc)))
    return scores


def summary(scores: list[FileScore], worst: int = 5) -> str:
    """The report's lines for one group of scores."""
    if not scores:
        return "  no files"
    chars = sum(s.chars for s in scores)
    right = sum(s.right_chars for s in scores)
    turns = sum(s.turns for s in scores)
    sections = sum(s.right_sections for s in scores)
    exact = sum(s.exact_count for s in scores)
    fake = sorted({f"{s.file}: {name}" for s in scores for name in s.fake})
    lines = [
        f"  files: {len(scores)}",
        f"  speech characters to the right speaker: {right / chars:.2%} ({right:,} of {chars:,})",
        f"  files with the exact turn count: {exact} of {len(scores)} ({exact / len(scores):.0%})",
        f"  turns in the right section (prepared vs Q&A): {sections / turns:.2%} ({sections:,} of {turns:,})",
        f"  fake speakers: {len(fake)}" + "".join(f"\n    {f}" for f in fake[:10]),
        "  worst files:",
    ]
    lines += [f"    {s.file}: {s.share:.1%} of speech, {s.found_turns} of {s.turns} turns"
              + (f", error: {s.error}" if s.error else "")
              for s in sorted(scores, key=lambda s: (s.share, s.exact_count, s.file))[:worst]]
    return "\n".join(lines)


def parser_report(folder: str | Path, files: Iterable[str] | None = None) -> str:
    """The parser's scores on ``folder`` (see the module docstring), per layout."""
    scores = score_folder(folder, files)
    parts = [f"parser against {Path(folder)}/truth.jsonl"]
    for layout in LAYOUTS:
        parts += [f"{layout}:", summary([s for s in scores if s.layout == layout])]
    return "\n".join(parts)


def annotator_report(reports: Mapping[str, validation.ValidationReport] | None = None) -> str:
    """The annotator's scores on every reference set (:func:`~callanalysis.measure.validation.evaluate`)
    as plain text."""
    reports = validation.evaluate() if reports is None else reports
    lines = ["Annotator against the reference sets (data/annotations/).",
             "These are the sentences the rules were developed on: the figures are optimistic.", ""]
    for name, rep in reports.items():
        table = validation.metrics_table(rep)
        lines.append(f"{validation.TITLES.get(name, name)}: {int(table['n'].iloc[0])} development sentences")
        lines.append(f"  {'label':<9}{'precision':>10}{'recall':>8}{'F1':>6}   word-list baseline F1")
        for label, row in table.iterrows():
            lines.append(f"  {label:<9}{row.precision:>10.2f}{row.recall:>8.2f}{row.f1:>6.2f}   {row.baselines}")
        if rep.horizon["n"]:
            lines.append(f"  horizons within {rep.horizon['tolerance_days']} days: {rep.horizon['hits']} of {rep.horizon['n']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.evaluate", description="Score the parser against a folder of "
                                "transcripts with truth.jsonl (speaker, section and offsets of every turn), and the "
                                "annotator against every reference set in data/annotations/. Prints one report; scores "
                                "on sets the rules were developed on are optimistic.")
    p.add_argument("--corpus", metavar="DIR", default=str(DEFAULT_CORPUS),
                   help=f"folder of transcripts with truth.jsonl (default {DEFAULT_CORPUS}, skipped when missing)")
    truth = Path(p.parse_args(argv).corpus) / "truth.jsonl"
    print(parser_report(truth.parent) if truth.is_file() else f"parser: skipped, no {truth}")
    print(annotator_report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
