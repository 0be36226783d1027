"""``python -m callanalysis.runner`` (``make run``): parameters, executed copy, failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from callanalysis import runner

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

GOOD = HEADER + """
# A synthetic notebook

```{code-cell} ipython3
:tags: [parameters]

GREETING = "hello"
TIMES = 1
```

```{code-cell} ipython3
from pathlib import Path
print(GREETING * TIMES, Path.cwd().name)
```
"""

FAILING = HEADER + """
# A notebook that fails in its third cell

```{code-cell} ipython3
:tags: [parameters]

DIVISOR = 0
```

```{code-cell} ipython3
def ratio(a, b):
    return a / b
```

```{code-cell} ipython3
total = 10
share = ratio(total, DIVISOR)
```

```{code-cell} ipython3
print("never reached")
```
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "nbs"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- pure functions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("None", None), ("3", 3), ("2.5", 2.5), ("'a b'", "a b"), ("[1, 2]", [1, 2]),
     ("data/raw/call.txt", "data/raw/call.txt"), ("hello", "hello"), ("True", True)],
)
def test_parse_value(text, value):
    assert runner.parse_value(text) == value


def test_parameter_names():
    assert runner.parameter_names("A = 1\nB: int = 2\nC, D = 3, 4\nimport os\n") == {"A", "B"}
    assert runner.parameter_names("not python (") == set()


def test_inject_after_parameters_cell(tmp_path):
    nb = jupytext.read(_write(tmp_path, "good.md", GOOD))
    n = len(nb.cells)
    warnings = runner.inject_parameters(nb, {"GREETING": "hi", "TIMES": 3})
    assert warnings == []
    assert len(nb.cells) == n + 1
    index = runner.parameters_index(nb)
    injected = nb.cells[index + 1]
    assert injected.metadata["tags"] == [runner.INJECTED_TAG]
    assert "GREETING = 'hi'" in injected.source and "TIMES = 3" in injected.source
    # Injecting again replaces the earlier cell instead of stacking a second one.
    runner.inject_parameters(nb, {"TIMES": 4})
    assert sum(runner.INJECTED_TAG in (c.metadata.get("tags") or []) for c in nb.cells) == 1
    nbformat.validate(nb)


def test_inject_warns_on_unknown_names_and_missing_parameters_cell(tmp_path):
    nb = jupytext.read(_write(tmp_path, "good.md", GOOD))
    assert any("NOPE" in w for w in runner.inject_parameters(nb, {"NOPE": 1}))
    bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    warnings = runner.inject_parameters(bare, {"X": 2})
    assert warnings and "no cell tagged 'parameters'" in warnings[0]
    assert bare.cells[0].metadata["tags"] == [runner.INJECTED_TAG]


def test_no_parameters_no_injected_cell(tmp_path):
    nb = jupytext.read(_write(tmp_path, "good.md", GOOD))
    n = len(nb.cells)
    assert runner.inject_parameters(nb, {}) == []
    assert len(nb.cells) == n


def test_short_traceback_keeps_cell_frame_and_raise_site():
    frames = [
        "\x1b[0;31m------------------------------------------------------------\x1b[0m",
        "\x1b[0;31mZeroDivisionError\x1b[0m    Traceback (most recent call last)",
        "Cell \x1b[0;32mIn[3], line 2\x1b[0m\n  1 total = 10\n----> 2 share = ratio(total, DIVISOR)",
        "File lib/a.py:5, in helper(x)\n----> 5 return inner(x)",
        "File lib/b.py:9, in inner(x)\n----> 9 return 1 / x",
        "\x1b[0;31mZeroDivisionError\x1b[0m: division by zero",
    ]
    text = runner.short_traceback(frames)
    assert "\x1b" not in text
    assert "Cell In[3], line 2" in text
    assert "lib/b.py:9" in text  # where it was raised
    assert "lib/a.py" not in text  # frames in between are elided
    assert text.rstrip().endswith("ZeroDivisionError: division by zero")


# --- executing notebooks (starts kernels) --------------------------------------------------


@pytest.mark.slow
def test_run_injects_parameters_and_writes_executed_notebook(tmp_path, capsys):
    path = _write(tmp_path, "good.md", GOOD)
    out = tmp_path / "executed"
    code = runner.main([str(path), "-p", "GREETING", "'hey'", "-p", "TIMES", "2", "--output-dir", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    executed = out / "good.ipynb"
    assert captured.out.strip().endswith("good.ipynb")
    nb = nbformat.read(executed, as_version=4)
    nbformat.validate(nb)
    tags = [c.metadata.get("tags") or [] for c in nb.cells if c.cell_type == "code"]
    assert tags[0] == ["parameters"] and tags[1] == [runner.INJECTED_TAG]
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    # The injected values win over the defaults; the cwd is the notebook's folder.
    assert printed.strip() == "heyhey nbs"
    assert nb.metadata["callanalysis"]["parameters"] == {"GREETING": "'hey'", "TIMES": "2"}


@pytest.mark.slow
def test_failing_cell_reports_source_error_and_exits_nonzero(tmp_path):
    path = _write(tmp_path, "failing.md", FAILING)
    out = tmp_path / "executed"
    proc = subprocess.run(
        [sys.executable, "-m", "callanalysis.runner", str(path), "--output-dir", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    err = proc.stderr
    assert "cell 3 failed" in err  # cell index in the notebook (markdown title is cell 0)
    assert "share = ratio(total, DIVISOR)" in err  # the cell's source
    assert "ZeroDivisionError: division by zero" in err  # the error, on one line
    assert "Cell In[" in err and "return a / b" in err  # the cell's short traceback
    assert "\x1b[" not in err
    assert "never reached" not in err
    # The partly executed notebook is kept, with the error in it.
    nb = json.loads((out / "failing.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))


@pytest.mark.slow
def test_transcript_option_sets_parameter(tmp_path, capsys, monkeypatch):
    # main() exports $CALLANALYSIS_TRANSCRIPT for the kernel; monkeypatch restores it after.
    monkeypatch.delenv("CALLANALYSIS_TRANSCRIPT", raising=False)
    path = _write(tmp_path, "t.md", HEADER + """
```{code-cell} ipython3
:tags: [parameters]

TRANSCRIPT = None
```

```{code-cell} ipython3
import os
print(TRANSCRIPT == os.environ["CALLANALYSIS_TRANSCRIPT"], TRANSCRIPT.endswith("call.txt"))
```
""")
    transcript = tmp_path / "call.txt"
    transcript.write_text("x", encoding="utf-8")
    out = tmp_path / "executed"
    assert runner.main([str(path), "--transcript", str(transcript), "--output-dir", str(out)]) == 0
    nb = nbformat.read(out / "t.ipynb", as_version=4)
    assert nb.cells[-1].outputs[0]["text"].strip() == "True True"
    capsys.readouterr()


def test_missing_notebook_or_transcript_is_a_usage_error(tmp_path, capsys):
    assert runner.main([str(tmp_path / "nope.md")]) == 2
    assert runner.main([str(tmp_path / "nope.md"), "--transcript", str(tmp_path / "none.txt")]) == 2
    assert "no such" in capsys.readouterr().err
