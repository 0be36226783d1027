"""Shared fixtures: the seed transcript, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from callanalysis import load

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_call():
    return load(SEED)
