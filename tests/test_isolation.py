"""Every notebook can be rerun on its own: a ``parameters`` cell first, no hidden inputs.

* the first code cell of every notebook is tagged ``parameters`` (the only such cell), assigns
  ``TRANSCRIPT`` and only assigns literals, so a reader sees at the top what the notebook reads
  (and papermill, or an edit, can override it; the book passes ``$CALLANALYSIS_TRANSCRIPT``);
* the default transcript resolves from the repository root, whatever the working directory;
* a notebook runs in a fresh kernel from an empty temporary folder with no
  ``$CALLANALYSIS_TRANSCRIPT``, i.e. with nothing but its own defaults.

``tests/test_notebooks.py`` runs every notebook alone in a temporary folder, in reverse order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from callanalysis import report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
PARAMETERS_TAG = "parameters"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags") or [])


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_code_cell_is_the_parameters_cell(path: Path) -> None:
    nb = jupytext.read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cell"
    assert PARAMETERS_TAG in _tags(code[0]), (
        f"{path.name}: the first code cell is not tagged 'parameters':\n{code[0].source}"
    )
    tagged = [c for c in code if PARAMETERS_TAG in _tags(c)]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells are tagged 'parameters'"
    body = ast.parse(code[0].source).body
    names = {t.id for node in body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    assert "TRANSCRIPT" in names, f"{path.name}: no TRANSCRIPT parameter"
    for node in body:
        assert isinstance(node, (ast.Assign, ast.AnnAssign)), (
            f"{path.name}: the parameters cell should only assign values, found {ast.dump(node)[:80]}"
        )
        ast.literal_eval(node.value)  # a literal, so injected values can replace it


def test_default_transcript_resolves_from_the_repository_root(tmp_path, monkeypatch):
    monkeypatch.delenv(report.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert Path(report.default_transcript()) == SEED
    assert report.resolve("data/raw/tsla-2024-q1-earnings-call.txt") == SEED


def test_transcript_path_is_the_book_s_transcript_unless_a_chapter_names_one(tmp_path, monkeypatch):
    monkeypatch.delenv(report.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert report.transcript_path() == SEED
    assert report.transcript_path("data/raw/tsla-2024-q1-earnings-call.txt") == SEED
    monkeypatch.setenv(report.ENV_VAR, str(tmp_path / "other.txt"))
    assert report.transcript_path() == tmp_path / "other.txt"


@pytest.mark.slow
@pytest.mark.notebooks
def test_a_notebook_runs_with_nothing_but_its_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv(report.ENV_VAR, raising=False)
    notebook = jupytext.read(NOTEBOOKS[0])
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert any(o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))
