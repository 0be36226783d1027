"""A content-addressed disk cache for the annotated call that every chapter opens.

Every chapter of the book runs in its own kernel and starts with
:func:`callanalysis.report.open_call`, which parses and annotates the same transcript. The
first chapter stores the result here; the others read it back (a pickle of about 0.4 MB)
instead of annotating again.

What it promises:

* **The key covers every input of the result.** :func:`key` is a SHA-256 over the
  transcript's path (as given, and resolved) and bytes, every file of the ``callanalysis`` package (``__pycache__``
  excluded), every file of the lexicon folder, and the Python, pandas, NumPy and pyarrow
  versions. An edit to any of them gives a new key, so a stale entry is never read.
* **A damaged entry is never used.** Each file carries a SHA-256 of its payload;
  :func:`read` returns ``None`` for a missing, truncated, corrupt or unreadable file, and the
  caller recomputes (and :func:`write` replaces the entry).
* **Writes are atomic.** :func:`write` writes a temporary file in the same folder and renames
  it over the entry, so a concurrent reader sees the old entry, the new one or none; a failed
  write (read-only folder, full disk) is ignored.

The folder is ``$CALLANALYSIS_CACHE_DIR`` when set (``off`` disables the cache), else
``_build/.callanalysis-cache`` under the repository root, next to the Vega bundle cache;
``make clean`` removes it. Entries are pickles written by this package into the build folder:
do not point the variable at a folder others can write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Environment variable naming the cache folder; ``off`` (or ``0``, ``no``) disables the cache.
ENV_VAR = "CALLANALYSIS_CACHE_DIR"
_DISABLED = {"off", "0", "no", "false"}

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DIR = PACKAGE_DIR.parents[1] / "_build" / ".callanalysis-cache"

#: First line of every entry; bump the number when the entry layout changes.
_MAGIC = b"callanalysis-cache 1\n"
_DIGEST_BYTES = 64  # hex SHA-256 of the payload, then a newline


def cache_dir() -> Path | None:
    """The cache folder: ``$CALLANALYSIS_CACHE_DIR``, else :data:`DEFAULT_DIR`; ``None`` when disabled."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured.lower() in _DISABLED:
        return None
    return Path(configured) if configured else DEFAULT_DIR


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder``, ``__pycache__`` folders excluded, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def versions() -> dict[str, str]:
    """The interpreter and the versions of the libraries that shape the annotated table."""
    found = {"python": sys.version}
    for name in ("numpy", "pandas", "pyarrow"):
        module = sys.modules.get(name)
        if module is None:
            try:
                module = __import__(name)
            except ImportError:
                found[name] = "absent"
                continue
        found[name] = str(getattr(module, "__version__", "unknown"))
    return found


def key(
    transcript: Path,
    folders: Iterable[Path],
    extra: dict[str, str] | None = None,
) -> str:
    """SHA-256 (hex) of ``transcript``'s path (as given and resolved) and bytes, every file
    under ``folders`` (relative path and bytes) and ``extra`` (default :func:`versions`).

    Raises ``OSError`` when the transcript cannot be read.
    """
    h = hashlib.sha256()

    def feed(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    transcript = Path(transcript)
    # The path as given (the loaded call records it as its source) and where it points.
    feed("transcript-path", f"{transcript}\0{transcript.resolve()}".encode())
    feed("transcript", transcript.read_bytes())
    for folder in folders:
        folder = Path(folder)
        feed("folder", str(folder.resolve()).encode())
        for file in _files(folder):
            feed(file.relative_to(folder).as_posix(), file.read_bytes())
    for name, value in sorted((extra if extra is not None else versions()).items()):
        feed(f"version:{name}", value.encode())
    return h.hexdigest()


def entry_path(folder: Path, digest: str, kind: str = "report") -> Path:
    """The file that holds the entry ``digest`` of ``kind`` in ``folder``."""
    return Path(folder) / f"{kind}-{digest}.pickle"


def read(path: Path) -> Any | None:
    """The object stored at ``path``, or ``None`` when the file is missing or damaged in any way."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or len(data) < head + _DIGEST_BYTES + 1:
        return None
    digest, payload = data[head : head + _DIGEST_BYTES], data[head + _DIGEST_BYTES + 1 :]
    if data[head + _DIGEST_BYTES : head + _DIGEST_BYTES + 1] != b"\n":
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a checksummed payload that still fails to load: recompute
        return None


def write(path: Path, value: Any) -> bool:
    """Store ``value`` at ``path`` atomically; ``False`` (and nothing written) when that fails."""
    path = Path(path)
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    data = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates it private; an entry is as readable as the build
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
