"""chapters: what each chapter shows, computed from one annotated call."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from callanalysis import report
from callanalysis.present import chapters, wording

from .conftest import FIXTURES, ROOT

NOTEBOOKS = {"00_promises": "promises", "01_the_call": "the_call", "02_claims": "claims", "03_hedging": "hedging", "04_forecasts": "forecasts",
             "05_speakers": "speakers", "06_against_other_calls": "against_others", "07_transcript": "transcript"}
FAST = {"hedging": {"n_boot": 200}, "speakers": {"n_boot": 200}, "against_others": {"n_boot": 200}}


def _chapter(call, name: str) -> chapters.Chapter:
    return getattr(chapters, name)(call, **FAST.get(name, {}))


@pytest.fixture(scope="module")
def seed() -> report.Report:
    return report.open_call()


@pytest.fixture(scope="module")
def seed_chapters(seed) -> dict[str, chapters.Chapter]:
    return {name: _chapter(seed, name) for name in NOTEBOOKS.values()}


def _pasted(page: str) -> set[str]:
    """The glue keys the notebook ``page`` pastes, and the other pages paste from it by reference."""
    own = (ROOT / "notebooks" / f"{page}.md").read_text(encoding="utf-8")
    keys = set(re.findall(r"\{glue:\w*\}`(\w+)(?=[:`])(?!::)", own))
    for other in [*(ROOT / "book").glob("*.md"), *(ROOT / "notebooks").glob("*.md")]:
        text = other.read_text(encoding="utf-8")
        keys |= set(re.findall(rf"\{{glue:\w*\}}`(?:\.\./notebooks/)?{page}\.md::(\w+)", text))
    return keys


def test_every_reference_to_another_page_names_a_chapter_notebook():
    for page in [*(ROOT / "book").glob("*.md"), *(ROOT / "notebooks").glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\{glue:\w*\}`(?:\.\./notebooks/)?([\w.]+)::", text):
            assert target.removesuffix(".md") in NOTEBOOKS or target.startswith("08_"), (page.name, target)
        # MyST-NB reads "path::key" without a format as key "path:": every reference names one
        assert not re.findall(r"\{glue:\w*\}`[^`:]+::\w+`", text), page.name


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


def test_a_call_without_an_outcome_ledger_says_so_and_still_profiles_its_executives():
    call = report.annotate_call(FIXTURES / "minimal.txt")
    c = chapters.promises(call)
    assert c.figures["promises_line"].startswith("No outcome ledger exists for this call")
    assert c.figures["promises_lead"].startswith("No outcome ledger exists for this call")
    assert c.data["promises"] is None and "promises" not in c.tables
    executives = call.turns.loc[call.turns["role"].eq("executive"), "speaker"].nunique()
    assert str(c.tables["profiles"]).count("<p>") == executives == c.figures["promises_n_profiles"]
    assert "outcome ledger" not in str(c.tables["profiles"])


def test_the_seed_promises_are_the_ledgers_material_forecasts_one_sentence_each(seed, seed_chapters):
    ledger = chapters.ledger(seed)[1]
    shown = seed_chapters["promises"].data["promises"]
    assert sorted(shown["id"]) == sorted(ledger.loc[ledger["material"].eq("yes"), "id"])
    assert not shown["sentence_id"].dropna().duplicated().any()
    assert (shown["speaker"] == shown["sentence_speaker"]).all()
    musk = shown.set_index("id").loc[16]
    assert musk["said"] == "I think we can be free cash flow positive meaningfully." and musk["speaker"] == "Elon Musk"


def test_every_executive_and_every_ledger_speaker_gets_one_profile(seed, seed_chapters):
    c = seed_chapters["promises"]
    people = set(seed.turns.loc[seed.turns["role"].eq("executive"), "speaker"]) | set(c.data["promises"]["speaker"])
    html = str(c.tables["profiles"])
    assert html.count("<p>") == len(people) and all(p in html for p in people)


def test_the_people_count_says_that_unknown_speaker_may_be_several_people(seed_chapters):
    f = seed_chapters["the_call"].figures
    assert f["call_n_unknown_turns"] > 1
    assert f'its {f["call_n_unknown_turns"]} turns are likely by different people' in f["call_people_note"]


def test_the_executives_fog_by_part_is_one_number_in_the_text_and_the_table(seed_chapters):
    c = seed_chapters["speakers"]
    rows = c.data["by_role_and_part"].set_index(["role", "phase"])
    for part, phase in (("open", "scripted opening"), ("qa", "Q&A")):
        row = rows.loc[("executive", phase)]
        assert (c.figures[f"speakers_fog_{part}"], c.figures[f"speakers_fog_{part}_low"],
                c.figures[f"speakers_fog_{part}_high"]) == (row["gunning_fog"], row["fog_low"], row["fog_high"])


def test_sentences_that_are_claims_and_forecasts_are_counted(seed):
    both = int(((seed.sentences["claim"] == 1) & (seed.sentences["forecast"] == 1)).sum())
    assert chapters.claims(seed).figures["claims_also_forecast"] == both
