"""Run one chapter notebook headless, with parameters, and keep the executed copy.

``make run NB=notebooks/03_hedging.md [TRANSCRIPT=path]`` calls::

    python -m callanalysis.runner notebooks/03_hedging.md [--transcript PATH] [-p NAME VALUE ...]

What it does, papermill-style but for MyST Markdown notebooks:

1. reads the notebook with jupytext (``.md`` or ``.ipynb``);
2. if parameters are given, inserts a cell tagged ``injected-parameters`` right after the
   cell tagged ``parameters`` (or at the top when there is none) that assigns them, so the
   notebook's defaults stay visible and are overridden;
3. executes it with nbclient in a fresh ``python3`` kernel, with the notebook's folder as the
   working directory (as the book build does);
4. writes the executed ``.ipynb`` to ``_build/executed/<name>.ipynb`` (``--output-dir``) and
   prints its path; when a cell fails it still writes the notebook (with the error in it),
   prints the failing cell's source, the error on one line and the cell's short traceback,
   and exits with status 1.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .report import ENV_VAR, ROOT

#: Where executed notebooks go by default.
OUTPUT_DIR = ROOT / "_build" / "executed"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
TIMEOUT = 120  # seconds per cell, as the book build (_config.yml execute: timeout)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def parse_value(text: str) -> Any:
    """A command-line parameter value: a Python literal (``None``, ``3``, ``'a'``, ``[1]``)
    when it parses as one, else the text itself (``data/raw/call.txt``)."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text


def parameters_index(nb) -> int | None:
    """Index of the first cell tagged ``parameters``, or None."""
    for i, cell in enumerate(nb.cells):
        if PARAMETERS_TAG in (cell.get("metadata", {}).get("tags") or []):
            return i
    return None


def parameter_names(source: str) -> set[str]:
    """Names assigned at the top level of a parameters cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                names.add(target.id)
    return names


def inject_parameters(nb, parameters: dict[str, Any]) -> list[str]:
    """Insert an ``injected-parameters`` cell assigning ``parameters`` (in place).

    Goes right after the ``parameters`` cell, or first when there is none. Replaces an
    earlier injected cell. Returns warnings (unknown names, no parameters cell)."""
    import nbformat

    warnings: list[str] = []
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in (c.get("metadata", {}).get("tags") or [])]
    if not parameters:
        return warnings
    index = parameters_index(nb)
    if index is None:
        warnings.append("the notebook has no cell tagged 'parameters'; parameters go in a first cell")
        position = 0
    else:
        known = parameter_names(nb.cells[index].source)
        unknown = sorted(set(parameters) - known)
        if unknown:
            warnings.append(
                f"not in the parameters cell: {', '.join(unknown)} (known: {', '.join(sorted(known)) or 'none'})"
            )
        position = index + 1
    lines = ["# Parameters injected by callanalysis.runner"]
    lines += [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    if nb.get("nbformat_minor", 0) < 5:
        cell.pop("id", None)  # cell ids exist from nbformat 4.5 on
    nb.cells.insert(position, cell)
    return warnings


@dataclass
class Failure:
    """A cell that raised: where, what, and the cell's short traceback."""

    cell_index: int
    source: str
    error: str
    traceback: str

    def report(self, notebook: str) -> str:
        return (
            f"{notebook}: cell {self.cell_index} failed.\n"
            f"--- cell source ---\n{self.source.rstrip()}\n"
            f"--- error ---\n{self.error}\n"
            f"--- traceback ---\n{self.traceback.rstrip()}\n"
        )


def short_traceback(frames: list[str], keep_last: int = 1) -> str:
    """The cell's own frames (``Cell In[...]``) and the frame that raised, without colour.

    IPython's traceback is a list of frame texts: a header line, then one entry per frame,
    then ``ErrorName: message``. Library frames between the cell and the raise are elided.
    """
    entries = [strip_ansi(f).rstrip() for f in frames if strip_ansi(f).strip()]
    if not entries:
        return ""
    body = [e for e in entries if not set(e.strip()) <= set("-")]  # drop the ----- rule
    if len(body) <= 1:
        return "\n".join(body)
    *frames_, last_line = body
    frames_ = [f for f in frames_ if not f.lstrip().startswith("Traceback")]
    cell_frames = [f for f in frames_ if f.lstrip().startswith("Cell In[")]
    shown = list(cell_frames)
    tail = [f for f in frames_[-keep_last:] if f not in shown]
    if tail:
        if len(frames_) > len(shown) + len(tail):
            shown.append("    ...")
        shown.extend(tail)
    return "\n".join([*shown, last_line])


def _failure(nb, exc) -> Failure:
    """Find the failing cell in an executed notebook (its error output)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return Failure(
                    cell_index=i,
                    source=cell.source,
                    error=f"{output.get('ename', 'Error')}: {strip_ansi(str(output.get('evalue', '')))}",
                    traceback=short_traceback(list(output.get("traceback", []))),
                )
    # nbclient raises before writing an output (e.g. a timeout or a dead kernel)
    return Failure(cell_index=-1, source="", error=strip_ansi(str(exc)).strip().splitlines()[-1], traceback="")


@dataclass
class Result:
    path: Path  # the executed .ipynb
    failure: Failure | None
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return self.failure is None


def run_notebook(
    notebook: str | os.PathLike[str],
    parameters: dict[str, Any] | None = None,
    output_dir: str | os.PathLike[str] = OUTPUT_DIR,
    timeout: int = TIMEOUT,
    kernel_name: str = "python3",
    cwd: str | os.PathLike[str] | None = None,
) -> Result:
    """Execute ``notebook`` with ``parameters``; write ``<output_dir>/<stem>.ipynb``."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    source = Path(notebook).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"no such notebook: {notebook}")
    nb = jupytext.read(source)
    parameters = dict(parameters or {})
    warnings = inject_parameters(nb, parameters)
    nb.metadata["callanalysis"] = {
        "source": str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source),
        "parameters": {k: repr(v) for k, v in parameters.items()},
        "executed": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    }
    nb.metadata.pop("jupytext", None)  # an .ipynb, not a paired text notebook

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=False,
        resources={"metadata": {"path": str(Path(cwd).resolve() if cwd else source.parent)}},
    )
    failure = None
    try:
        client.execute()
    except (CellExecutionError, DeadKernelError, TimeoutError, RuntimeError) as exc:
        failure = _failure(nb, exc)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return Result(path=target, failure=failure, warnings=warnings)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m callanalysis.runner",
        description="Run one notebook headless (fresh kernel) and write the executed .ipynb.",
    )
    parser.add_argument("notebook", help="a notebook, e.g. notebooks/03_hedging.md")
    parser.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
        help="set a parameter (a Python literal, else a string); repeatable",
    )
    parser.add_argument(
        "--transcript", help="shortcut for -p TRANSCRIPT <absolute path>; also sets $" + ENV_VAR
    )
    parser.add_argument("--output-dir", default=str(OUTPUT_DIR), help="default: %(default)s")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per cell (default: %(default)s)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    parameters = {name: parse_value(value) for name, value in args.parameter}
    if args.transcript:
        transcript = Path(args.transcript).expanduser()
        if not transcript.is_file():
            print(f"error: no such transcript: {args.transcript}", file=sys.stderr)
            return 2
        parameters["TRANSCRIPT"] = str(transcript.resolve())
        os.environ[ENV_VAR] = str(transcript.resolve())  # the kernel inherits it
    try:
        result = run_notebook(args.notebook, parameters, output_dir=args.output_dir, timeout=args.timeout)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    shown = result.path.relative_to(Path.cwd()) if result.path.is_relative_to(Path.cwd()) else result.path
    if result.failure is not None:
        print(result.failure.report(args.notebook), file=sys.stderr, end="")
        print(f"The partly executed notebook: {shown}", file=sys.stderr)
        return 1
    print(shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
