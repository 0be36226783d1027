"""``make book`` (tools/book.py, tools/execute.py) and ``make run``: paths as data, all or nothing.

* the Makefile hands paths to the tools unchanged and never to a shell: a transcript name with
  ``;``, quotes, parentheses, spaces or ``$(...)`` runs nothing and reaches Python as typed;
* a transcript the book cannot be built from is refused in one line, exit 2, before anything
  runs or is written;
* a failing notebook, Ctrl-C or SIGTERM stops the build, removes its working folder and leaves
  the previous site as it was; a killed build's leftovers go at the next build;
* notebooks run side by side into the execution cache the build reads, over Unix sockets, so
  they run with the network down.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from callanalysis.report import ENV_VAR
from tools import book, execute

from .conftest import FIXTURES, ROOT, SEED

MAKE_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A notebook

```{{code-cell}} ipython3
{code}
```
"""


def notebook(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.write_text(NOTEBOOK.format(code=code), encoding="utf-8")
    return path


def dateless(folder: Path, name: str = "dateless.txt") -> Path:
    path = folder / name
    path.write_text((FIXTURES / "minimal.txt").read_text().replace("Oct 26, 2023, 8:00 a.m. ET", ""), encoding="utf-8")
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_text("")
    return path


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def make(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=MAKE_ENV,
                          capture_output=True, text=True, timeout=timeout)


def own_lines(stderr: str) -> list[str]:
    """stderr without make's own "make: *** ..." line."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("make")]


def building_folders(pid: int | None = None) -> list[Path]:
    return [p for p in book.BUILD.glob(".building-*") if pid is None or p.name.startswith(f".building-{pid}-")]


# --- the Makefile: paths are data ---------------------------------------------------------------


def test_make_book_runs_no_command_hidden_in_the_transcript_name(tmp_path):
    result = make("book", "TRANSCRIPT=calls/a;touch PWNED;.txt")
    assert result.returncode != 0
    assert own_lines(result.stderr) == ["error: calls/a;touch PWNED;.txt: no such file"]
    assert not (ROOT / "PWNED").exists() and not (ROOT / "calls").exists()


def test_make_book_runs_no_substitution_or_backticks_in_the_name(tmp_path):
    name = f"{tmp_path}/$(touch {tmp_path}/PWNED1) `touch {tmp_path}/PWNED2` \"q\" 'q'.txt"
    result = make("book", f"TRANSCRIPT={name}")
    assert own_lines(result.stderr) == [f"error: {name}: no such file"]
    assert not list(tmp_path.glob("PWNED*"))


def test_make_book_passes_parentheses_and_spaces_unchanged(tmp_path):
    path = dateless(tmp_path, "Tesla_(TSLA)_Q1 2024 (copy).txt")
    result = make("book", f"TRANSCRIPT={path}")
    assert result.returncode != 0 and "syntax error" not in result.stderr
    lines = own_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: the header gives no call date"), lines


def test_make_run_passes_the_transcript_through_the_environment(tmp_path):
    source = notebook(tmp_path, f"env-{uuid.uuid4().hex[:8]}.md", 'import os\nprint(os.environ["CALLANALYSIS_TRANSCRIPT"])')
    executed = ROOT / "_build" / "executed" / f"{source.stem}.ipynb"
    odd = "/tmp/a b;(c) $(touch PWNED) 'q'.txt"
    try:
        result = make("run", f"NB={source}", f"TRANSCRIPT={odd}")
        assert result.returncode == 0, result.stderr
        assert odd in executed.read_text(encoding="utf-8")
    finally:
        executed.unlink(missing_ok=True)
    assert not (ROOT / "PWNED").exists()


def test_make_run_reports_a_failing_cell_and_exits_non_zero(tmp_path):
    source = notebook(tmp_path, f"fails-{uuid.uuid4().hex[:8]}.md", "def ratio():\n    return 1 / 0\nratio()")
    try:
        result = make("run", f"NB={source}")
    finally:
        (ROOT / "_build" / "executed" / f"{source.stem}.ipynb").unlink(missing_ok=True)
    assert result.returncode != 0
    assert "return 1 / 0" in result.stderr and "ZeroDivisionError" in result.stderr


def test_make_run_without_a_notebook_says_how_to_use_it():
    result = make("run")
    assert result.returncode != 0 and own_lines(result.stderr)[0].startswith("usage: make run NB=")


# --- the transcript is checked before anything runs -----------------------------------------------


def _book(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tools.book", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or os.environ, **kwargs)


@pytest.mark.parametrize(
    "make_input, problem",
    [
        (lambda tmp: dateless(tmp), "the header gives no call date"),
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: empty(tmp), "file is empty"),
        (lambda tmp: fifo(tmp), "only regular files are read"),
        (lambda tmp: Path("/dev/zero"), "only regular files are read"),
    ],
    ids=["no call date", "missing", "empty", "fifo", "device"],
)
def test_a_transcript_the_book_cannot_use_is_refused_in_one_line_before_anything_runs(tmp_path, make_input, problem):
    path = make_input(tmp_path)
    out = tmp_path / "out"
    before = set(building_folders())
    start = time.perf_counter()
    result = _book("--transcript", str(path), "--output", str(out), timeout=30)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}:") and problem in result.stderr
    assert time.perf_counter() - start < 10
    assert not out.exists() and set(building_folders()) == before


def test_a_call_without_turns_is_refused(tmp_path, monkeypatch):
    from callanalysis.errors import TranscriptError
    from callanalysis.parse.transcript import load

    call = load(FIXTURES / "minimal.txt")
    monkeypatch.setattr(book, "load", lambda path: type(call)(**{**call.__dict__, "turns": []}))
    with pytest.raises(TranscriptError, match="no speaker turn"):
        book.check(FIXTURES / "minimal.txt")


def test_another_call_gets_a_folder_of_its_own_with_a_plain_name():
    assert book.output_root(SEED) == ROOT
    assert book.output_root("/x/Tesla_(TSLA)_Q1 2024.txt") == book.CALLS / "Tesla_TSLA_Q1_2024"
    assert book.folder_name("calls/a;touch PWNED;.txt") == "a_touch_PWNED"
    assert book.folder_name("-rf $(x).txt") == "rf_x"
    assert book.folder_name("..txt") == "call" and book.folder_name("/x/../.txt") == "txt"


# --- all or nothing -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_failing_notebook_fails_the_build_and_keeps_the_previous_site(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV_VAR, str(SEED))  # the build sets it; restored after the test
    monkeypatch.setattr(book, "notebooks", lambda: [notebook(tmp_path, "fails.md", "1 / 0")])
    previous = tmp_path / "out" / "_build" / "html" / "index.html"
    previous.parent.mkdir(parents=True)
    previous.write_text("the previous book")
    assert book.main(["--transcript", str(SEED), "--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "fails.md: a cell failed (ZeroDivisionError: division by zero)" in err
    assert err.rstrip().splitlines()[-1].startswith("error: 1 notebook(s) failed; nothing was written")
    assert previous.read_text() == "the previous book"
    assert not building_folders(os.getpid())


def test_leftovers_of_a_killed_build_are_removed_and_running_builds_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = tmp_path / f".building-{dead.stdout.strip()}-abc"
    running = tmp_path / f".building-{os.getpid()}-def"
    for folder in (killed, running):
        (folder / "_build").mkdir(parents=True)
    book.remove_leftovers(tmp_path)
    assert not killed.exists() and running.exists()


def _kernels_with(marker: str) -> list[int]:
    """Processes (kernels, workers) whose environment carries ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker.encode() in (proc / "environ").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def _ctrl_c_as_at_a_terminal() -> None:
    """A test suite started in the background (``make test &``) ignores SIGINT, and so would the
    build it starts; the build under test gets Ctrl-C as it does at a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("how, status, said", [("ctrl-c", 130, "interrupted"), ("sigterm", 143, "terminated")])
def test_stopping_a_build_leaves_nothing_running_and_nothing_written(tmp_path, how, status, said):
    marker = f"CALLANALYSIS_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "tools.book", "--transcript", str(SEED), "--output", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_ctrl_c_as_at_a_terminal)
    deadline = time.monotonic() + 60
    while not [p for p in _kernels_with(marker) if p != proc.pid] and time.monotonic() < deadline:
        time.sleep(0.2)  # until the notebooks run
    time.sleep(1.0)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole foreground group
    else:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err
    assert err.strip().splitlines()[-1].startswith(f"{said}: nothing was written") and "Traceback" not in err
    assert not out.exists() and not building_folders(proc.pid)
    deadline = time.monotonic() + 10
    while _kernels_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _kernels_with(marker), "workers or kernels outlived the build"


# --- running the notebooks ----------------------------------------------------------------------


def test_a_failing_cell_is_reported_with_its_source_and_error(tmp_path):
    path = notebook(tmp_path, "fails.md", "def ratio():\n    return 1 / 0\nratio()")
    failure = execute.run(execute.read(path), tmp_path)
    assert failure.problem == "a cell failed (ZeroDivisionError: division by zero)"
    assert "return 1 / 0" in failure.details and "\x1b[" not in failure.details


def test_executed_notebooks_are_found_in_the_cache_the_build_reads(tmp_path):
    from jupyter_cache import get_cache

    paths = [notebook(tmp_path, f"nb{i}.md", f"print({i} * 7)") for i in range(3)]
    assert execute.execute(paths, tmp_path / "cache", workers=2) == []
    cache = get_cache(str(tmp_path / "cache"))
    for i, path in enumerate(paths):
        record = cache.match_cache_notebook(execute.read(path))
        outputs = cache.get_cache_bundle(record.pk).nb.cells[0].outputs
        assert outputs[0]["text"] == f"{i * 7}\n"


def test_the_failures_are_listed_in_the_order_given(tmp_path):
    paths = [notebook(tmp_path, "b.md", "raise KeyError('b')"), notebook(tmp_path, "a.md", "raise KeyError('a')")]
    failures = execute.execute(paths, tmp_path / "cache", workers=2)
    assert [Path(f.notebook).name for f in failures] == ["b.md", "a.md"]


def _network_namespaces_work() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _network_namespaces_work(), reason="unshare -n is not permitted here")
def test_notebooks_run_with_the_network_namespace_down(tmp_path):
    path = notebook(tmp_path, "offline.md", "print('ran offline')")
    code = (f"from tools import execute; nb = execute.read({str(path)!r}); "
            f"print(execute.run(nb, {str(tmp_path)!r}) or nb.cells[-1].outputs[0]['text'])")
    start = time.perf_counter()
    result = subprocess.run(["unshare", "-n", sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ran offline", result.stderr
    assert time.perf_counter() - start < 30
