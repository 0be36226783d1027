"""The environment the book builds in: pinned, hashed, and able to work offline."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _requirements(path: Path) -> list[str]:
    """The entries of a requirements file, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def test_textstat_is_the_offline_release():
    # 0.7.9 and later download a hyphenation dictionary on first use and fail offline.
    assert version("textstat") == "0.7.8"


def test_textstat_works_with_the_network_blocked():
    """Import and first use of textstat in a fresh interpreter with every socket refused."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network blocked by test_environment")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse

        import textstat

        sentence = "We expect to begin production of the new vehicle early next year."
        assert textstat.syllable_count(sentence) > 10, textstat.syllable_count(sentence)
        score = textstat.flesch_reading_ease(sentence)
        assert 0 < score < 100, score
        print(score)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_requirements_are_pinned_with_hashes():
    entries = _requirements(ROOT / "requirements.txt")
    assert entries, "requirements.txt is empty"
    for entry in entries:
        assert not entry.startswith("-"), f"option line in requirements.txt: {entry}"
        assert "file://" not in entry, f"local path in requirements.txt: {entry}"
        assert re.match(r"[A-Za-z0-9._-]+==[^\s;]+", entry), f"not pinned with ==: {entry}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"no hash: {entry}"


def test_every_direct_requirement_is_locked():
    locked = {_name(e): e.split("==")[1].split()[0] for e in _requirements(ROOT / "requirements.txt")}
    direct = {_name(e) for e in _requirements(ROOT / "requirements.in")}
    missing = sorted(direct - set(locked))
    assert not missing, f"in requirements.in but not in requirements.txt (run `make lock`): {missing}"


@pytest.mark.parametrize(
    "package", ["jupyter-book", "myst-nb", "jupyter-cache", "nbclient", "sphinx", "altair", "vl-convert-python", "pandas", "pyyaml"]
)
def test_installed_versions_match_the_lock(package):
    locked = {_name(e): e.split("==")[1].split()[0] for e in _requirements(ROOT / "requirements.txt")}
    assert version(package) == locked[package], (
        f"{package} {version(package)} is installed but requirements.txt pins {locked[package]}:"
        " run `make venv`"
    )
