"""What a built report was made from: software versions, input hashes, build date, commands.

The reproducibility appendix (``notebooks/09_reproducibility.md``) only shows what these
functions return, so every version, hash and date in it is measured when the book is built:
installed versions of the key packages and of every pin in ``requirements.txt`` (a drifted
environment shows), the SHA-256 of every file under :data:`INPUT_DIRS`, the build date
(honouring ``SOURCE_DATE_EPOCH``), the git commit and the documented ``make`` targets.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
from collections.abc import Iterable
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..paths import ROOT

#: Folders whose files are the report's inputs, relative to the repository root.
INPUT_DIRS: tuple[str, ...] = ("data/raw", "data/annotations", "data/lexicons", "data/outcomes", "data/norms")

#: Distributions the numbers and the pages depend on most, in the order shown.
KEY_PACKAGES: tuple[str, ...] = (
    "callanalysis", "pandas", "pyarrow", "textstat", "altair", "vl-convert-python", "jupyter-book", "sphinx", "myst-nb",
    "sphinx-book-theme", "pydata-sphinx-theme", "sphinxcontrib-bibtex", "jupytext", "nbclient", "ipykernel", "pytest",
    "playwright", "pypdf",
)

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_TARGET = re.compile(r"^([a-z][a-z-]*):.*?## (.+)$")


def sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def installed_version(name: str) -> str | None:
    """The installed version of distribution ``name``, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def package_versions(names: Iterable[str] = KEY_PACKAGES) -> pd.DataFrame:
    """``package, version`` for each name; ``version`` is ``"not installed"`` when missing."""
    rows = [(n, installed_version(n) or "not installed") for n in names]
    return pd.DataFrame(rows, columns=["package", "version"])


def read_pins(path: str | os.PathLike[str] = ROOT / "requirements.txt") -> dict[str, str]:
    """``{name: version}`` for every ``name==version`` line of a pip requirements file."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return dict(m.groups() for m in map(_PIN.match, map(str.strip, lines)) if m)


def pinned_requirements(path: str | os.PathLike[str] = ROOT / "requirements.txt") -> pd.DataFrame:
    """Every pin of ``path`` with the installed version: ``package, pinned, installed, matches``."""
    rows = [(name, pinned, installed or "not installed", installed is not None and _same_version(installed, pinned))
            for name, pinned in read_pins(path).items() for installed in [installed_version(name)]]
    return pd.DataFrame(rows, columns=["package", "pinned", "installed", "matches"])


def _same_version(a: str, b: str) -> bool:
    try:
        from packaging.version import Version

        return Version(a) == Version(b)
    except Exception:  # noqa: BLE001 - unparseable version strings: compare as text
        return a == b


def input_files(root: str | os.PathLike[str] = ROOT, dirs: Iterable[str] = INPUT_DIRS,
                extra: Iterable[str | os.PathLike[str]] = ()) -> pd.DataFrame:
    """``file, bytes, sha256`` of every file under ``dirs`` (recursively, sorted; hidden
    files skipped), then of each ``extra`` file not already listed. ``file`` is relative to
    ``root`` when it lies inside it."""
    root = Path(root).resolve()
    paths: list[Path] = []
    for base in (root / folder for folder in dirs if (root / folder).is_dir()):
        paths += sorted(p for p in base.rglob("*")
                        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(base).parts))
    for p in (Path(item).resolve() for item in extra):
        if p.is_file() and p not in {q.resolve() for q in paths}:
            paths.append(p)
    rows = [(_shown(p.resolve(), root), p.stat().st_size, sha256(p)) for p in paths]
    return pd.DataFrame(rows, columns=["file", "bytes", "sha256"])


def _shown(path: Path, root: Path = ROOT) -> str:
    """``path`` relative to ``root`` when it lies inside it, else as it is."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def build_date() -> datetime:
    """Now, in UTC; or ``$SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def git_revision(root: str | os.PathLike[str] = ROOT) -> str | None:
    """``<commit>`` (``+ local changes`` when the work tree differs), or ``$GITHUB_SHA`` (a CI
    checkout may have no ``.git``), or None."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10,
                              check=True).stdout.strip()

    try:
        commit, dirty = git("rev-parse", "HEAD"), git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return os.environ.get("GITHUB_SHA") or None
    return f"{commit} (+ local changes)" if dirty else commit


def make_targets(makefile: str | os.PathLike[str] = ROOT / "Makefile") -> pd.DataFrame:
    """``command, what it does`` for each documented target (``target: ... ## text``)."""
    found = map(_TARGET.match, Path(makefile).read_text(encoding="utf-8").splitlines())
    return pd.DataFrame([(f"make {m[1]}", m[2].strip()) for m in found if m], columns=["command", "what it does"])


def summary(transcript: str | os.PathLike[str]) -> dict[str, str]:
    """The headline facts of a build, as text: date, commit, Python, the transcript read and its hash."""
    path = Path(transcript).resolve()
    return {
        "built": build_date().strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_revision() or "unknown (no git checkout)",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(terse=True),
        "transcript": _shown(path),
        "transcript_sha256": sha256(path) if path.is_file() else "missing",
    }
