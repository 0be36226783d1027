"""Every chapter notebook runs from top to bottom in a fresh kernel.

The notebooks are MyST Markdown text notebooks (``notebooks/*.md``), read with jupytext and
executed with nbclient from ``notebooks/`` (the working directory the book build uses), so
a failing cell shows up here with its traceback, not only as a failed book build.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
TIMEOUT = 120  # seconds per cell, as in _config.yml (execute: timeout)


@pytest.mark.slow
@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path: Path) -> None:
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the failing cell and traceback
    assert any(cell.cell_type == "code" for cell in notebook.cells), f"{path.name} has no code"
