"""outcomes: the forecast outcome file, matched to the call's sentences, and its statistics."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd
import pytest

from callanalysis import sentences_frame
from callanalysis.measure.outcomes import (
    CONFIDENT_SCORE,
    MIN_SCORE,
    RESOLVED,
    STATUSES,
    forecast_weights,
    hedged_vs_boosted,
    ledger_notes,
    load_outcomes,
    match_outcomes,
    outcomes_path_for,
    scorecard,
    source_links,
)

from .conftest import ROOT

OUTCOMES = ROOT / "data" / "outcomes" / "forecast_outcomes.csv"


@pytest.fixture(scope="module")
def seed_sentences(seed_call):
    """The seed's sentences with empty labels: matching must not need the annotator."""
    return sentences_frame(seed_call).assign(forecast=0, hedged=0, boosted=0, hedge_cues="", booster_cues="")


@pytest.fixture(scope="module")
def matched(seed_sentences):
    return match_outcomes(load_outcomes(OUTCOMES), seed_sentences).set_index("id")


def outcome(id_: int, speaker: str, forecast: str, status: str = "met") -> dict:
    return {"id": id_, "speaker": speaker, "forecast": forecast, "horizon": "", "horizon_date": "2024-12-31",
            "status": status, "evidence": "", "source_title": "T1 | T2", "source_url": "https://a.example/1 | https://b.example/2",
            "source_date": "2024-07-01 | 2024-08-01"}


def sentences(rows: list[tuple[int, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"sentence_id": s, "turn": s, "speaker": sp, "text": t, "forecast": f, "hedged": 0, "boosted": 0,
          "hedge_cues": "", "booster_cues": ""} for s, sp, t, f in rows]
    )


def test_readme_records_the_outcome_files_hash_and_provenance():
    readme = (ROOT / "data" / "outcomes" / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(OUTCOMES.read_bytes()).hexdigest() in readme
    notes = ROOT / "data" / "outcomes" / "forecast_outcomes.md"
    assert hashlib.sha256(notes.read_bytes()).hexdigest() in readme
    assert "2026-12-06" in readme and "mirror" in readme


def test_load_outcomes_reads_every_forecast_with_a_known_status():
    o = load_outcomes(OUTCOMES)
    assert o["id"].tolist() == sorted(o["id"])
    assert set(o["status"]) <= set(STATUSES)
    assert len(o) == len(OUTCOMES.read_text(encoding="utf-8").splitlines()) - 1


def test_seed_call_finds_its_outcome_file_through_the_index(seed_call):
    assert outcomes_path_for(seed_call) == OUTCOMES


def test_a_call_without_an_outcome_file_raises_file_not_found(seed_call):
    other = replace(seed_call, metadata=replace(seed_call.metadata, ticker="XYZ"))
    with pytest.raises(FileNotFoundError, match="no outcome file listed for XYZ"):
        outcomes_path_for(other)


def test_missing_outcome_file_raises_file_not_found_with_a_clear_message(tmp_path):
    with pytest.raises(FileNotFoundError, match="no outcome file"):
        load_outcomes(tmp_path / "nope.csv")


def test_bad_status_raises_a_one_line_value_error(tmp_path):
    bad = tmp_path / "bad.csv"
    pd.DataFrame([outcome(1, "A", "x", status="probably")]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="unknown status 'probably'") as err:
        load_outcomes(bad)
    assert "\n" not in str(err.value)


def test_missing_column_raises_a_value_error(tmp_path):
    bad = tmp_path / "bad.csv"
    pd.DataFrame([outcome(1, "A", "x")]).drop(columns="evidence").to_csv(bad, index=False)
    with pytest.raises(ValueError, match="missing column.*evidence"):
        load_outcomes(bad)


def test_misaligned_source_cells_raise_a_value_error(tmp_path):
    bad = tmp_path / "bad.csv"
    row = outcome(1, "A", "x") | {"source_date": "2024-07-01"}
    pd.DataFrame([row]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="counts differ"):
        load_outcomes(bad)


def test_robotaxi_unveil_forecast_matches_a_sentence_that_names_august(matched, seed_sentences):
    text = seed_sentences.set_index("sentence_id").loc[matched.loc[2, "sentence_id"], "text"]
    assert "August" in text
    assert matched.loc[2, "matched_text"] == text


def test_free_cash_flow_forecast_is_musks_own_sentence_not_the_cfos(matched):
    assert matched.loc[16, "matched_text"] == "I think we can be free cash flow positive meaningfully."
    assert matched.loc[16, "sentence_speaker"] == "Elon Musk"
    assert matched.loc[6, "sentence_speaker"] == "Vaibhav Taneja"


def test_no_two_seed_forecasts_share_a_sentence(matched):
    assert matched["sentence_id"].notna().all()
    assert not matched["sentence_id"].duplicated().any()


def test_the_seed_scorecard_agrees_with_the_ledger_row_for_row(seed_sentences):
    ledger = load_outcomes(OUTCOMES)
    card = scorecard(match_outcomes(ledger, seed_sentences), seed_sentences)
    assert card["id"].tolist() == ledger["id"].tolist()
    assert card["status"].tolist() == ledger["status"].tolist()
    assert card["speaker"].tolist() == card["sentence_speaker"].tolist() == ledger["speaker"].tolist()
    weak = card["match_score"] < CONFIDENT_SCORE
    assert card.loc[weak, "match_note"].str.len().gt(0).all() and card.loc[~weak, "match_note"].eq("").all()


def test_h100_forecast_matches_the_85000_by_end_of_year_sentence(matched):
    assert "85,000 or thereabouts by the end of this year" in matched.loc[3, "matched_text"]
    assert matched.loc[3, "match_score"] == pytest.approx(1.0)


def test_every_seed_outcome_matches_a_sentence_of_its_own_speaker(matched, seed_sentences):
    who = seed_sentences.set_index("sentence_id")["speaker"]
    for _, row in matched.iterrows():
        assert pd.notna(row["sentence_id"])
        assert who[row["sentence_id"]] in {s.strip() for s in row["speaker"].split("/")}


def test_quoted_words_weigh_more_than_the_compilers_paraphrase():
    w = forecast_weights("Semi volume production 'late 2021' [sic] by Nevada")
    assert w["2021"] > w["late"] > w["semi"]
    assert w["sic"] == 1.0


def test_editorial_brackets_inside_quotes_do_not_count_as_quoted():
    w = forecast_weights("'Good chance we do sign a deal [FSD licensing] this year'")
    assert w["deal"] > w["licensing"]


def test_a_sentence_holding_a_quoted_phrase_whole_beats_a_paraphrase_overlap():
    s = sentences([(1, "A", "Price cuts across all products in 2024 will hit cash flow.", 0),
                   (2, "A", "I think we can be cash flow positive meaningfully.", 0)])
    forecast = "Despite price cuts across all products in 2024, 'we can be cash flow positive meaningfully'"
    m = match_outcomes(pd.DataFrame([outcome(1, "A", forecast)]), s).iloc[0]
    assert (m["sentence_id"], m["match_score"]) == (2, 1.0)


def test_two_forecasts_that_want_the_same_sentence_get_one_each():
    s = sentences([(1, "A", "We will ship the truck in 2025.", 1), (2, "A", "The truck ships in 2025 and the van too.", 1)])
    o = pd.DataFrame([outcome(1, "A", "ship the truck in 2025"), outcome(2, "A", "the van ships in 2025")])
    m = match_outcomes(o, s).set_index("id")
    assert (m.loc[1, "sentence_id"], m.loc[2, "sentence_id"]) == (1, 2)


def test_a_weak_match_carries_a_note_and_a_confident_one_none():
    s = sentences([(1, "A", "Deliveries will grow.", 1)])
    weak = match_outcomes(pd.DataFrame([outcome(1, "A", "Deliveries grow in Europe and Asia in 2025")]), s).iloc[0]
    assert MIN_SCORE <= weak["match_score"] < CONFIDENT_SCORE and weak["match_note"].startswith("weak match")
    sure = match_outcomes(pd.DataFrame([outcome(1, "A", "deliveries will grow")]), s).iloc[0]
    assert sure["match_note"] == ""


def test_forecast_sentences_are_preferred_when_the_words_tie():
    s = sentences([(1, "A", "Deliveries will grow in 2025.", 0), (2, "A", "Deliveries will grow in 2025.", 1)])
    m = match_outcomes(pd.DataFrame([outcome(1, "A", "Deliveries grow in 2025")]), s)
    assert m.loc[0, "sentence_id"] == 2


def test_only_the_outcomes_speakers_sentences_are_candidates():
    s = sentences([(1, "B", "Free cash flow positive in Q2.", 1), (2, "A", "Cash will be fine.", 0), (3, "C", "Cash flow.", 0)])
    m = match_outcomes(pd.DataFrame([outcome(1, "A / C", "free cash flow positive in Q2")]), s)
    assert m.loc[0, "sentence_id"] == 3


def test_no_match_below_the_minimum_score_is_na():
    s = sentences([(1, "A", "The weather was nice.", 1)])
    m = match_outcomes(pd.DataFrame([outcome(1, "A", "Robotaxi unveiled in August")]), s)
    assert pd.isna(m.loc[0, "sentence_id"]) and m.loc[0, "matched_text"] == ""
    assert m.loc[0, "match_note"].startswith("no sentence of A")


def test_an_older_file_without_material_and_checked_on_reads_as_material(tmp_path):
    old = tmp_path / "old.csv"
    pd.DataFrame([outcome(1, "A", "x")]).to_csv(old, index=False)
    o = load_outcomes(old)
    assert (o.loc[0, "material"], o.loc[0, "checked_on"]) == ("yes", "")


def test_material_other_than_yes_or_no_is_a_value_error(tmp_path):
    bad = tmp_path / "bad.csv"
    pd.DataFrame([outcome(1, "A", "x") | {"material": "maybe", "checked_on": ""}]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="'material' must be yes or no"):
        load_outcomes(bad)


def test_the_seed_ledgers_notes_give_its_rules_by_heading(seed_call):
    notes = ledger_notes(seed_call)
    assert any(h.startswith("Selection rule") for h in notes) and "Status definitions" in notes
    assert any(h.startswith("Due-date convention") for h in notes)


def test_matching_is_deterministic(seed_sentences):
    o = load_outcomes(OUTCOMES)
    pd.testing.assert_frame_equal(match_outcomes(o, seed_sentences), match_outcomes(o.iloc[::-1], seed_sentences.iloc[::-1]))


def test_scorecard_carries_status_sources_and_the_sentences_labels():
    s = sentences([(1, "A", "We will sell more cars in 2024.", 1)]).assign(hedged=1, hedge_cues="about")
    card = scorecard(match_outcomes(pd.DataFrame([outcome(1, "A", "sell more cars in 2024", "missed")]), s), s)
    row = card.iloc[0]
    assert (row["hedged"], row["boosted"], row["hedge_cues"], row["met"], row["resolved"]) == (1, 0, "about", 0, True)
    assert row["n_sources"] == 2
    assert source_links(row) == [("T1", "https://a.example/1", "2024-07-01"), ("T2", "https://b.example/2", "2024-08-01")]


def test_unresolved_and_unknown_forecasts_are_left_out_of_the_met_share():
    card = pd.DataFrame(
        {"status": ["met", "missed", "partly", "unresolved", "unknown", "met"],
         "hedged": pd.array([1, 1, 1, 1, 0, 0], dtype="Int64"), "boosted": pd.array([0, 0, 0, 0, 0, 1], dtype="Int64")}
    )
    card["resolved"] = card["status"].isin(["met", "missed", "partly"])
    card["met"] = pd.array([1, 0, 0, pd.NA, pd.NA, 1], dtype="Int64")
    out = hedged_vs_boosted(card).set_index(["comparison", "group"])
    hedged = out.loc[("hedged vs unhedged", "hedged")]
    assert (hedged["n"], hedged["met"], hedged["share_met"]) == (3, 1, pytest.approx(1 / 3))
    assert out.loc[("hedged vs unhedged", "unhedged"), "n"] == 1
    assert hedged["excluded"] == 2 and hedged["too_small"]


def test_seed_hedged_vs_boosted_is_flagged_too_small(seed_sentences):
    matched = match_outcomes(load_outcomes(OUTCOMES), seed_sentences)
    out = hedged_vs_boosted(scorecard(matched, seed_sentences))
    assert out["too_small"].all()
    resolved = int(load_outcomes(OUTCOMES)["status"].isin(RESOLVED).sum())
    assert out.groupby("comparison")["n"].sum().tolist() == [resolved, resolved]
