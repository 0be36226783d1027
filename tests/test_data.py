"""The raw data is the published transcript, byte for byte."""

from __future__ import annotations

import hashlib

from .conftest import ROOT, SEED

SEED_SHA256 = "c24a3e3252badfbe7991da508f6d728de4b2eaa1dbc201e9d7441ed6f124d182"


def test_raw_transcript_hash_matches_the_recorded_hash():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_data_readme_records_the_hash_and_the_source():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert SEED_SHA256 in readme
    assert "never edited" in readme
