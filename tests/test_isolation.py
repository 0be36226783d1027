"""Every notebook can be rerun on its own: a ``parameters`` cell first, no hidden inputs.

* the first code cell of every notebook is tagged ``parameters`` (the only such cell), assigns
  ``TRANSCRIPT`` and only assigns literals, so ``make run`` (papermill-style injection) can
  override it;
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

from callanalysis import report, runner

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags") or [])


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_code_cell_is_the_parameters_cell(path: Path) -> None:
    nb = jupytext.read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cell"
    assert runner.PARAMETERS_TAG in _tags(code[0]), (
        f"{path.name}: the first code cell is not tagged 'parameters':\n{code[0].source}"
    )
    tagged = [c for c in code if runner.PARAMETERS_TAG in _tags(c)]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells are tagged 'parameters'"
    assert "TRANSCRIPT" in runner.parameter_names(code[0].source), f"{path.name}: no TRANSCRIPT parameter"
    for node in ast.parse(code[0].source).body:
        assert isinstance(node, (ast.Assign, ast.AnnAssign)), (
            f"{path.name}: the parameters cell should only assign values, found {ast.dump(node)[:80]}"
        )
        ast.literal_eval(node.value)  # a literal, so injected values can replace it


def test_default_transcript_resolves_from_the_repository_root(tmp_path, monkeypatch):
    monkeypatch.delenv(report.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert Path(report.default_transcript()) == SEED
    assert report.resolve("data/raw/tsla-2024-q1-earnings-call.txt") == SEED


@pytest.mark.slow
@pytest.mark.notebooks
def test_a_notebook_runs_with_nothing_but_its_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv(report.ENV_VAR, raising=False)
    first = NOTEBOOKS[0]
    result = runner.run_notebook(first, output_dir=tmp_path / "executed", cwd=tmp_path)
    assert result.ok, result.failure and result.failure.report(first.name)
