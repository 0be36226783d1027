"""What a built report was made from: software versions, input hashes, build date, commands.

The reproducibility appendix (``notebooks/09_reproducibility.md``) only calls these functions
and shows what they return, so every number in it is measured when the book is built, never
typed:

* :func:`python_info` and :func:`package_versions`: the interpreter and the installed
  versions (``importlib.metadata``) of the packages the report depends on most;
* :func:`pinned_requirements`: every pin in ``requirements.txt`` next to the installed
  version, so a drifted environment shows;
* :func:`input_files`: the SHA-256 of every input file under ``data/raw``,
  ``data/annotations``, ``data/lexicons`` and ``data/outcomes`` (plus the transcript the book
  was built for, when it lives elsewhere);
* :func:`build_date` (honours ``SOURCE_DATE_EPOCH``), :func:`git_revision`;
* :func:`make_targets`: the ``make`` targets and what they do, read from the ``Makefile``.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..report import ROOT, default_transcript, resolve

#: Folders whose files are the report's inputs, relative to the repository root.
INPUT_DIRS: tuple[str, ...] = ("data/raw", "data/annotations", "data/lexicons", "data/outcomes")

#: Distributions the numbers and the pages depend on most, in the order shown.
KEY_PACKAGES: tuple[str, ...] = (
    "callanalysis",
    "pandas",
    "pyarrow",
    "textstat",
    "altair",
    "vl-convert-python",
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "sphinx-book-theme",
    "pydata-sphinx-theme",
    "sphinxcontrib-bibtex",
    "jupytext",
    "nbclient",
    "ipykernel",
    "pytest",
    "playwright",
    "pypdf",
)

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_TARGET = re.compile(r"^([a-z][a-z-]*):.*?## (.+)$")


def sha256(path: str | os.PathLike[str], chunk: int = 1 << 16) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _normalise(name: str) -> str:
    """PEP 503 name: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_version(name: str) -> str | None:
    """The installed version of distribution ``name``, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def python_info() -> dict[str, str]:
    """The interpreter and the machine the book was built on."""
    return {
        "Python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(terse=True),
        "machine": platform.machine(),
    }


def package_versions(names: Iterable[str] = KEY_PACKAGES) -> pd.DataFrame:
    """``package, version`` for each name; ``version`` is ``"not installed"`` when missing."""
    rows = [{"package": n, "version": installed_version(n) or "not installed"} for n in names]
    return pd.DataFrame(rows, columns=["package", "version"])


def read_pins(path: str | os.PathLike[str] = ROOT / "requirements.txt") -> dict[str, str]:
    """``{name: version}`` for every ``name==version`` line of a pip requirements file."""
    pins: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def pinned_requirements(path: str | os.PathLike[str] = ROOT / "requirements.txt") -> pd.DataFrame:
    """Every pin of ``path`` with the installed version: ``package, pinned, installed, matches``."""
    rows = []
    for name, pinned in read_pins(path).items():
        installed = installed_version(name)
        rows.append(
            {
                "package": name,
                "pinned": pinned,
                "installed": installed or "not installed",
                "matches": installed is not None and _same_version(installed, pinned),
            }
        )
    return pd.DataFrame(rows, columns=["package", "pinned", "installed", "matches"])


def _same_version(a: str, b: str) -> bool:
    try:
        from packaging.version import Version

        return Version(a) == Version(b)
    except Exception:  # noqa: BLE001 - unparseable version strings: compare as text
        return a == b


def input_files(
    root: str | os.PathLike[str] = ROOT,
    dirs: Iterable[str] = INPUT_DIRS,
    extra: Iterable[str | os.PathLike[str]] = (),
) -> pd.DataFrame:
    """``file, bytes, sha256`` of every file under ``dirs`` (recursively, sorted; hidden
    files skipped), then of each ``extra`` file not already listed. ``file`` is relative to
    ``root`` when it lies inside it."""
    root = Path(root).resolve()
    paths: list[Path] = []
    for folder in dirs:
        base = root / folder
        if base.is_dir():
            paths.extend(
                sorted(
                    p
                    for p in base.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(base).parts)
                )
            )
    seen = {p.resolve() for p in paths}
    for item in extra:
        p = Path(item).resolve()
        if p.is_file() and p not in seen:
            paths.append(p)
            seen.add(p)

    def shown(p: Path) -> str:
        p = p.resolve()
        return p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)

    rows = [{"file": shown(p), "bytes": p.stat().st_size, "sha256": sha256(p)} for p in paths]
    return pd.DataFrame(rows, columns=["file", "bytes", "sha256"])


def transcript_used(transcript: str | os.PathLike[str] | None = None) -> Path:
    """The transcript a notebook reads for ``transcript`` (as :func:`report.open_call` does)."""
    return resolve(transcript or default_transcript()).resolve()


def build_date() -> datetime:
    """Now, in UTC; or ``$SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def git_revision(root: str | os.PathLike[str] = ROOT) -> str | None:
    """``<commit>`` (``+ local changes`` when the work tree differs), or None without git.

    Falls back to ``$GITHUB_SHA`` (a CI checkout may have no ``.git``)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return os.environ.get("GITHUB_SHA") or None
    return f"{commit} (+ local changes)" if dirty else commit


def make_targets(makefile: str | os.PathLike[str] = ROOT / "Makefile") -> pd.DataFrame:
    """``command, what it does`` for each documented target (``target: ... ## text``)."""
    rows = []
    for line in Path(makefile).read_text(encoding="utf-8").splitlines():
        match = _TARGET.match(line)
        if match:
            rows.append({"command": f"make {match.group(1)}", "what it does": match.group(2).strip()})
    return pd.DataFrame(rows, columns=["command", "what it does"])


def summary(transcript: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The headline facts of a build, as text: date, commit, Python, transcript and its hash."""
    path = transcript_used(transcript)
    shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    return {
        "built": build_date().strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_revision() or "unknown (no git checkout)",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(terse=True),
        "transcript": shown,
        "transcript_sha256": sha256(path) if path.is_file() else "missing",
    }
