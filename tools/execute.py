"""Run the book's notebooks before Sphinx reads them: side by side, into MyST-NB's execution cache.

Jupyter Book reads pages, and so runs notebooks, one after another. ``make book`` runs them
first, one per core, and stores each executed notebook in the jupyter-cache folder the build
then reads with ``execute_notebooks: cache`` (:mod:`tools.book` writes that setting), so
Sphinx only renders them. Everything here is public API:

* each notebook is read with MyST-NB's own reader (``myst_nb_reader_plugin``, the one it
  registers for jupyter-cache), so the cache entry matches what the build looks up;
* it runs in a fresh kernel through nbclient, in a process of its own
  (``python -m tools.execute IN.ipynb OUT.ipynb FOLDER``), with the notebook's folder as the
  working directory, as the build would run it; the kernel talks to nbclient over Unix sockets
  in a private temporary folder (jupyter_client's ``ipc`` transport), not TCP, so a build works
  with the network down (``unshare -n``) and no kernel port is open on the machine;
* the executed notebook goes into the cache with ``cache_notebook_bundle``, and is looked up
  again (``match_cache_notebook``) to make sure the build will find it.

:func:`execute` returns the failures; a failure names the notebook and, for a failing cell, the
cell's source and traceback (nbclient's message). The notebook processes run in sessions of
their own, so Ctrl-C reaches only the build, which then stops them (SIGTERM: nbclient shuts
their kernels down) before it returns.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 120  # seconds per cell
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Failure:
    """A notebook that did not run to the end: which, and why (one line, then details)."""

    notebook: str
    problem: str
    details: str = ""

    def __str__(self) -> str:
        return f"{self.notebook}: {self.problem}" + (f"\n{self.details}" if self.details else "")


def jobs() -> int:
    """Notebooks run at once: the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def read(path: str | os.PathLike[str]):
    """The notebook as the book build reads it (MyST-NB's reader)."""
    from myst_nb.core.read import myst_nb_reader_plugin

    return myst_nb_reader_plugin(str(path))


def run(nb, cwd: str | os.PathLike[str], timeout: int = TIMEOUT) -> Failure | None:
    """Execute ``nb`` in place in a fresh kernel started in ``cwd``; the failure, if any."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from traitlets.config import Config

    name = str(cwd)
    with tempfile.TemporaryDirectory(prefix="callanalysis-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = os.path.join(sockets, "kernel")
        client = NotebookClient(
            nb,
            config=config,  # nbclient makes the kernel manager, and shuts its kernel down
            timeout=timeout,
            allow_errors=False,
            record_timing=False,  # cell metadata is part of the cache key
            resources={"metadata": {"path": str(cwd)}},
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            return Failure(name, f"a cell failed ({exc.ename}: {_first_line(exc.evalue)})", _ANSI.sub("", str(exc)))
        except (CellTimeoutError, DeadKernelError, RuntimeError) as exc:
            return Failure(name, _first_line(_ANSI.sub("", str(exc))) or type(exc).__name__)
    return None


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def execute(
    notebooks: Sequence[str | os.PathLike[str]],
    cache_dir: str | os.PathLike[str],
    workers: int | None = None,
    timeout: int = TIMEOUT,
) -> list[Failure]:
    """Run ``notebooks`` (``workers`` at a time) and store each executed one in the
    jupyter-cache at ``cache_dir``; the failures, in the order given (empty: all ran)."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    paths = [Path(p).resolve() for p in notebooks]
    workers = max(1, min(workers or jobs(), len(paths)))
    Path(cache_dir).parent.mkdir(parents=True, exist_ok=True)
    cache = get_cache(str(cache_dir))
    failures: dict[int, Failure] = {}
    waiting = deque(enumerate(paths))
    running: dict[int, tuple[subprocess.Popen, float]] = {}
    with tempfile.TemporaryDirectory(prefix="notebooks-", dir=Path(cache_dir).parent) as folder:
        work = Path(folder)
        try:
            while waiting or running:
                while waiting and len(running) < workers:
                    i, path = waiting.popleft()
                    nbformat.write(read(path), work / f"{i}.ipynb")
                    command = [sys.executable, "-m", "tools.execute", f"{i}.ipynb", f"{i}.out.ipynb", str(path.parent),
                               str(timeout)]
                    with open(work / f"{i}.log", "wb") as log:
                        process = subprocess.Popen(command, cwd=work, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                                   env={**os.environ, "PYTHONPATH": _pythonpath()},
                                                   start_new_session=True)
                    running[i] = (process, time.perf_counter())
                time.sleep(0.05)
                for i, (process, started) in list(running.items()):
                    if process.poll() is None:
                        continue
                    del running[i]
                    path = paths[i]
                    if process.returncode != 0:
                        failures[i] = _failure(path, work, i, process.returncode)
                        continue
                    nb = nbformat.read(work / f"{i}.out.ipynb", as_version=4)
                    cache.cache_notebook_bundle(
                        CacheBundleIn(nb, str(path), data={"execution_seconds": time.perf_counter() - started}),
                        check_validity=False,
                        overwrite=True,
                    )
                    try:
                        cache.match_cache_notebook(read(path))
                    except KeyError:
                        failures[i] = Failure(str(path), "ran, but its cache entry does not match the notebook")
        finally:
            for process, _ in running.values():
                process.terminate()  # nbclient shuts the kernel down on SIGTERM
            for process, _ in running.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    return [failures[i] for i in sorted(failures)]


def _pythonpath() -> str:
    """This repository first (``tools``), then what the build already had."""
    return os.pathsep.join(p for p in (str(_ROOT), os.environ.get("PYTHONPATH", "")) if p)


def _failure(path: Path, work: Path, i: int, status: int) -> Failure:
    """What the notebook's process reported (``<i>.error``), else its last output lines."""
    report = work / f"{i}.error"
    if report.is_file():
        problem, _, details = report.read_text(encoding="utf-8").partition("\n")
        return Failure(str(path), problem, details)
    log = (work / f"{i}.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return Failure(str(path), f"its process ended with status {status}", "\n".join(log[-20:]))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.execute IN.ipynb OUT.ipynb FOLDER [TIMEOUT]``: run one notebook (the
    kernel starts in FOLDER) and write it executed; on failure write ``OUT.ipynb``'s stem +
    ``.error`` (the problem, then the details) beside it and exit 1."""
    import nbformat

    source, target, cwd, *rest = list(sys.argv[1:] if argv is None else argv)
    nb = nbformat.read(source, as_version=4)
    try:
        failure = run(nb, cwd, int(rest[0]) if rest else TIMEOUT)
    except asyncio.CancelledError:  # SIGTERM: nbclient shut the kernel down and cancelled the run
        return 143
    if failure is not None:
        Path(target).with_suffix("").with_suffix(".error").write_text(
            f"{failure.problem}\n{failure.details}", encoding="utf-8"
        )
        return 1
    nbformat.write(nb, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
