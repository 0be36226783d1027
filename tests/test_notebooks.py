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
