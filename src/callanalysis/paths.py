"""Where the repository's data lives: one definition of every folder the package reads.

The package is installed in development mode from the repository (``pip install -e .``) and
reads its rules and reference data from the repository's ``data/`` folder.
"""

from __future__ import annotations

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[2]
DATA: Path = ROOT / "data"
LEXICONS: Path = DATA / "lexicons"
ANNOTATIONS: Path = DATA / "annotations"
OUTCOMES: Path = DATA / "outcomes"
RAW: Path = DATA / "raw"
SEED_TRANSCRIPT: Path = RAW / "tsla-2024-q1-earnings-call.txt"
