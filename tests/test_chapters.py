"""chapters: what each chapter shows, computed from one annotated call."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from callanalysis import report
from callanalysis.present import chapters, wording

from .conftest import FIXTURES, ROOT

NOTEBOOKS = {"01_the_call": "the_call", "02_claims": "claims", "03_hedging": "hedging", "04_forecasts": "forecasts",
             "05_speakers": "speakers", "06_transcript": "transcript"}
FAST = {"hedging": {"n_boot": 200}, "speakers": {"n_boot": 200}}


def _chapter(call, name: str) -> chapters.Chapter:
    return getattr(chapters, name)(call, **FAST.get(name, {}))


@pytest.fixture(scope="module")
def seed() -> report.Report:
    return report.open_call()


@pytest.fixture(scope="module")
def seed_chapters(seed) -> dict[str, chapters.Chapter]:
    return {name: _chapter(seed, name) for name in NOTEBOOKS.values()}


def _pasted(page: str) -> set[str]:
    """The glue keys the notebook ``page`` pastes, and the book's pages paste from it."""
    keys = set(re.findall(r"\{glue:\w+\}`(\w+)", (ROOT / "notebooks" / f"{page}.md").read_text(encoding="utf-8")))
    for other in (ROOT / "book").glob("*.md"):
        keys |= set(re.findall(rf"\{{glue:\w+\}}`\.\./notebooks/{page}\.md::(\w+)", other.read_text(encoding="utf-8")))
    return keys


@pytest.mark.parametrize("page, name", NOTEBOOKS.items())
def test_every_figure_the_prose_pastes_is_computed(seed_chapters, page, name):
    wanted = _pasted(page)
    assert wanted and wanted <= set(seed_chapters[name].figures)


@pytest.mark.parametrize("name", NOTEBOOKS.values())
def test_figures_are_plain_numbers_or_text(seed_chapters, name):
    for key, value in wording.glueable(seed_chapters[name].figures).items():
        assert type(value) in (int, float, str), key


@pytest.mark.parametrize("name", NOTEBOOKS.values())
def test_a_short_call_without_an_outcome_file_gives_every_chapter(name):
    call = report.annotate_call(FIXTURES / "minimal.txt")
    assert _chapter(call, name).figures


def test_a_call_without_an_outcome_file_says_so():
    f = chapters.forecasts(report.annotate_call(FIXTURES / "minimal.txt")).figures
    assert f["forecasts_outcomes_lead"].startswith("No outcomes file exists for this call")
    assert f["forecasts_outcomes_compared"] == wording.hedged_fared(None)


def test_the_speaker_table_adds_up_to_the_words_of_the_call(seed_chapters):
    c = seed_chapters["the_call"]
    assert c.data["speakers"]["words"].sum() == c.figures["call_n_words"]
    assert c.data["speakers"]["share"].sum() == pytest.approx(100.0)


def test_analysts_requests_are_counted_among_their_hedged_sentences(seed_chapters):
    c = seed_chapters["hedging"]
    hedged = c.data["analyst_hedged"]
    assert c.figures["hedging_analyst_hedged_n"] == len(hedged)
    assert c.figures["hedging_analyst_request_n"] == hedged["request"].sum()


def test_outcome_sources_escape_titles_and_link_only_web_addresses():
    card = pd.DataFrame({"id": [3], "status": ["met"], "horizon_date": ["2024-12-31"],
                         "source_title": ["<b>A</b> | B"], "source_url": ["https://a.example/x | javascript:alert(1)"],
                         "source_date": ["2025-01-02 | 2025-02-03"]})
    html = str(chapters.outcome_sources(card))
    assert '<li value="3"><strong>met</strong> (deadline 2024-12-31): ' in html
    assert '<a href="https://a.example/x" rel="noopener">&lt;b&gt;A&lt;/b&gt;</a> (2025-01-02)' in html
    assert "javascript:" not in html and "B (2025-02-03)" in html
