"""Every chapter notebook runs on its own, from top to bottom, in a fresh kernel.

The notebooks are MyST Markdown text notebooks (``notebooks/*.md``), read with jupytext and
executed with nbclient, so a failing cell shows up here with its traceback, not only as a
failed book build. Each runs alone in its own kernel, in an empty temporary working directory
(the book build already covers ``notebooks/``) and in reverse order of the chapters, so a
notebook that relies on its folder, or on files or state another notebook left behind, fails
here. ``tests/test_isolation.py`` checks the ``parameters`` cells.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"), reverse=True)  # last chapter first
TIMEOUT = 120  # seconds per cell, as in _config.yml (execute: timeout)


@pytest.mark.slow
@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path: Path, tmp_path: Path) -> None:
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},  # not notebooks/: paths must not depend on it
    )
    client.execute()  # raises CellExecutionError, with the failing cell and traceback
    assert any(cell.cell_type == "code" for cell in notebook.cells), f"{path.name} has no code"


#: The longest code cell a chapter may have: anything longer belongs in ``src/``.
MAX_CELL_LINES = 30


def _lines(cell) -> int:
    """Non-blank lines of a cell's source."""
    return sum(1 for line in cell.source.splitlines() if line.strip())


def _lines_of(notebook, kind: str) -> list[int]:
    return [_lines(cell) for cell in notebook.cells if cell.cell_type == kind]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_has_more_prose_lines_than_code_lines(path: Path) -> None:
    notebook = jupytext.read(path)
    assert sum(_lines_of(notebook, "code")) < sum(_lines_of(notebook, "markdown"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_code_cell_is_longer_than_the_limit(path: Path) -> None:
    assert max(_lines_of(jupytext.read(path), "code"), default=0) <= MAX_CELL_LINES


def test_notebook_files_are_numbered_in_the_order_of_the_book() -> None:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    listed = [line.split("notebooks/")[1].strip() for line in toc.splitlines() if "file: notebooks/" in line]
    assert [name[:2] for name in listed] == [f"{i:02d}" for i in range(len(listed))]
    assert sorted(listed) == sorted(p.stem for p in NOTEBOOKS)
