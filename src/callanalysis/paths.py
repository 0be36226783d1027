"""Where the repository's data lives: one definition of every folder the package reads.

The package is installed in development mode from the repository (``pip install -e .``) and
reads its rules and reference data from the repository's ``data/`` folder.
"""

from __future__ import annotations

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[2]
DATA: Path = ROOT / "data"
LEXICONS: Path = DATA / "lexicons"
OUTCOMES: Path = DATA / "outcomes"
ANNOTATIONS: Path = DATA / "annotations"
SEED_TRANSCRIPT: Path = DATA / "raw" / "tsla-2024-q1-earnings-call.txt"
