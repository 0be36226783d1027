"""Shared fixtures: the seed transcript, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from callanalysis import load
from callanalysis.paths import ROOT
from callanalysis.paths import SEED_TRANSCRIPT as SEED

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_call():
    return load(SEED)
