"""``make book``: check the transcript, run the chapters, build the HTML book; all or nothing.

``python -m tools.book [--transcript PATH] [--output DIR]`` (the transcript defaults to
``$CALLANALYSIS_TRANSCRIPT``, else the Tesla call) does, in order:

1. **Checks the transcript** before anything is written: it must load (the parser's bounded,
   regular-file-only reader), give a call date and hold at least one speaker turn. Otherwise
   it prints ``error: <file>: <problem>`` on one line and exits with status 2.
2. **Runs the notebooks** in ``notebooks/`` side by side (:mod:`tools.execute`) into this
   build's own execution cache, with ``$CALLANALYSIS_TRANSCRIPT`` set to the transcript's
   absolute path. A failing notebook stops the build (its cell and traceback are shown).
3. **Builds the HTML** with ``jupyter-book build --all -W --keep-going`` and the build's
   configuration (:mod:`tools.bookconfig`: the call's title, the cache just filled).

Everything happens in a temporary folder ``_build/.building-<pid>-*``; only a build that
succeeds replaces the site, ``<output>/_build/html`` (the Tesla call: ``_build/html``; another
call: ``_build/calls/<file name>/_build/html``). A failed, interrupted (Ctrl-C: exit 130) or
terminated (SIGTERM: exit 143) build removes its folder and leaves the previous site as it was;
the next build removes what a killed one left. The execution cache is part of that folder, so
it never outlives its build and never serves a notebook run on other inputs.

The transcript's path reaches the notebooks and Jupyter Book as an environment variable and as
separate arguments, never through a shell command line.

``python -m tools.book site [--transcript PATH]`` prints where that transcript's site is.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from callanalysis.errors import TranscriptError
from callanalysis.parse.transcript import Call, load
from callanalysis.paths import ROOT, SEED_TRANSCRIPT
from callanalysis.report import ENV_VAR, default_transcript

from . import bookconfig, execute

BUILD = ROOT / "_build"
CALLS = BUILD / "calls"
_LEFTOVER = re.compile(r"\.building-(\d+)-")


class Stopped(Exception):
    """SIGTERM arrived during the build."""


def check(path: str | os.PathLike[str]) -> Call:
    """The call at ``path``, if the book can be built from it; else a one-line TranscriptError."""
    call = load(path)
    if call.date is None:
        raise TranscriptError(
            "the header gives no call date; the book needs one (relative time expressions are read against it)",
            str(path),
        )
    if not call.turns:
        raise TranscriptError("no speaker turn found; there is nothing to report", str(path))
    return call


def folder_name(transcript: str | os.PathLike[str]) -> str:
    """The folder of another call's book: the file name without its extension, each run of
    characters other than letters, digits, ``.`` and ``-`` made one ``_`` (no ``.``, ``_`` or
    ``-`` at either end; ``call`` if nothing is left)."""
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", Path(transcript).stem).strip("._-")
    return name or "call"


def output_root(transcript: str | os.PathLike[str]) -> Path:
    """Where the book of ``transcript`` goes: the repository for the Tesla call, else
    ``_build/calls/<folder_name>``; its site is ``<root>/_build/html``."""
    if Path(transcript).resolve() == SEED_TRANSCRIPT.resolve():
        return ROOT
    return CALLS / folder_name(transcript)


def site(root: Path) -> Path:
    return root / "_build" / "html"


def notebooks() -> list[Path]:
    """The chapters that are notebooks, in the order of ``_toc.yml``."""
    return [ROOT / f"{name}.md" for name in bookconfig.toc_docnames() if name.startswith("notebooks/")]


def remove_leftovers(folder: Path = BUILD) -> None:
    """Remove the build folders of builds whose process is gone (killed builds)."""
    for path in folder.glob(".building-*"):
        match = _LEFTOVER.match(path.name)
        if match and not _alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build(transcript: Path, root: Path, call: Call) -> Path:
    """Build the book of ``call`` into ``site(root)``, atomically (see the module docstring)."""
    BUILD.mkdir(parents=True, exist_ok=True)
    remove_leftovers()
    work = Path(tempfile.mkdtemp(prefix=f".building-{os.getpid()}-", dir=BUILD))
    try:
        os.environ[ENV_VAR] = str(transcript.resolve())
        cache = work / "_build" / ".jupyter_cache"
        config = bookconfig.write_config(
            bookconfig.config_for(call.metadata, bookconfig.read_base(), cache), work / "_config.yml"
        )
        chapters, start = notebooks(), time.perf_counter()
        failures = execute.execute(chapters, cache)
        print(f"Ran {len(chapters)} notebooks in {time.perf_counter() - start:.1f} s, {execute.jobs()} at a time.")
        if failures:
            for failure in failures:
                print(f"error: {_shown(Path(failure.notebook))}: {failure.problem}", file=sys.stderr)
                if failure.details:
                    print(failure.details, file=sys.stderr)
            raise BuildFailed(f"{len(failures)} notebook(s) failed")
        jupyter_book = Path(sys.executable).with_name("jupyter-book")
        command = [
            str(jupyter_book), "build", str(ROOT), "--builder", "html", "--all", "-W", "--keep-going",
            "--path-output", str(work), "--config", str(config),
        ]
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            raise BuildFailed("jupyter-book build failed (its messages are above)")
        target = site(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.move(str(target), str(work / "previous-html"))
        shutil.move(str(site(work)), str(target))
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


class BuildFailed(Exception):
    """The notebooks or Sphinx failed; what failed has been printed."""


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _terminate(signum: int, frame: object) -> None:
    raise Stopped()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.book", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", nargs="?", choices=["build", "site"], default="build")
    parser.add_argument("--transcript", help=f"the call (default: ${ENV_VAR}, else the Tesla call)")
    parser.add_argument("--output", help="build into DIR/_build/html instead (default: see above)")
    args = parser.parse_args(argv)
    transcript = Path(args.transcript or default_transcript())
    if not transcript.is_absolute() and not transcript.exists() and (ROOT / transcript).exists():
        transcript = ROOT / transcript
    root = Path(args.output).resolve() if args.output else output_root(transcript)
    if args.action == "site":
        print(site(root))
        return 0
    try:
        call = check(transcript)
    except TranscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        target = build(transcript, root, call)
    except (BuildFailed, KeyboardInterrupt, Stopped) as exc:
        stopped = {KeyboardInterrupt: ("interrupted:", 130), Stopped: ("terminated:", 143)}
        why, status = stopped.get(type(exc), (f"error: {exc};", 1))
        print(f"{why} nothing was written (the previous site, if any, is unchanged)", file=sys.stderr)
        return status
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"\nBuilt {bookconfig.book_title(call.metadata)}\nOpen file://{target / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
