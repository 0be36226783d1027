"""Aggregations behind the "Claims" and "Forecasts" chapters (summary, consistency, outcomes)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from callanalysis.measure import consistency, outcomes, summary
from callanalysis import report
from callanalysis.measure.stats import fisher_p, wilson

CALL = date(2024, 4, 23)


def table(rows: list[tuple]) -> pd.DataFrame:
    """A small sentence table: (sid, turn, speaker, role, section, text, claim, forecast, hedged,
    boosted, quantities, topic, horizon_text, horizon_start, horizon_end, anachronism)."""
    cols = ["sentence_id", "turn", "speaker", "role", "section", "text", "claim", "forecast", "hedged", "boosted",
            "quantities", "topic", "horizon_text", "horizon_start", "horizon_end", "anachronism"]
    df = pd.DataFrame(rows, columns=cols)
    return df.assign(hedge_cues=["maybe" if h else "" for h in df["hedged"]],
                     booster_cues=["clearly" if b else "" for b in df["boosted"]])


def tiny() -> pd.DataFrame:
    return table([
        (1, 1, "Ann", "executive", "opening", "Revenue was $2.5 billion, up 10% on last year.", 1, 0, 0, 0,
         "2500000000 USD;10 %", "costs_margins", "", "", "", 0),
        (2, 1, "Ann", "executive", "opening", "I think demand was strong.", 1, 0, 1, 0, "", "demand_pricing", "", "", "", 0),
        (3, 1, "Ann", "executive", "opening", "We will probably launch it by the end of this year.", 0, 1, 1, 0, "",
         "new_vehicles", "by the end of this year", "2024-04-23", "2024-12-31", 0),
        (4, 2, "Bob", "analyst", "analyst_qa", "Could you say more about margins?", 0, 0, 0, 0, "", "costs_margins", "", "", "", 0),
        (5, 3, "Ann", "executive", "analyst_qa", "It will clearly grow.", 0, 1, 0, 1, "", "other", "", "", "", 0),
        (6, 3, "Ann", "executive", "analyst_qa", "The plant opened in March.", 1, 0, 0, 0, "", "other", "", "", "", 0),
        (7, 3, "Ann", "executive", "analyst_qa", "First units are planned for late 2021.", 0, 1, 0, 0, "", "new_vehicles",
         "for late 2021", "2021-09-01", "2021-12-31", 1),
        (8, 4, "Cy", "executive", "analyst_qa", "We expect it in the decade.", 0, 1, 0, 0, "", "other",
         "in the decade", "2024-04-23", "2029-12-31", 0),
    ])


@pytest.fixture(scope="module")
def seed() -> report.Report:
    return report.open_call()


# --------------------------------------------------------------------------- claims


def test_claim_profile_counts_claims_figures_and_hedged_claims_per_speaker():
    p = summary.claim_profile(tiny(), "speaker").set_index("speaker")
    assert p.loc["Ann", ["sentences", "claims", "claims_with_figure", "hedged_claims"]].tolist() == [6, 3, 1, 1]
    assert p.loc["Ann", "claim_share"] == pytest.approx(0.5)
    assert p.loc["Ann", "figure_share"] == pytest.approx(1 / 3)


def test_claim_profile_share_of_claims_is_nan_for_a_speaker_without_claims():
    p = summary.claim_profile(tiny(), "speaker").set_index("speaker")
    assert p.loc["Bob", "claims"] == 0 and math.isnan(p.loc["Bob", "figure_share"])


def test_claim_profile_with_no_keys_is_the_whole_call_and_sections_keep_call_order():
    whole = summary.claim_profile(tiny(), ())
    assert len(whole) == 1 and whole.loc[0, "claims"] == 3
    assert summary.claim_profile(tiny(), "section")["section"].tolist() == ["opening", "analyst_qa"]


def test_numeric_claims_gives_one_row_per_figure_of_a_claim_with_its_context():
    f = summary.numeric_claims(tiny())
    assert f["sentence_id"].tolist() == [1, 1]
    assert f[["value", "unit"]].values.tolist() == [[2.5e9, "USD"], [10.0, "%"]]
    assert f.loc[0, "as_said"] == "$2.5 billion"
    assert "$2.5 billion" in f.loc[0, "context"] and f.loc[0, "topic_label"] == "Costs and margins"


def test_a_figures_context_keeps_the_word_that_gives_it_its_sign():
    df = tiny().head(1).assign(text="We had negative free cash flow of $2.5 billion in the first quarter.")
    assert summary.numeric_claims(df).loc[0, "context"].startswith("… negative free cash flow of $2.5 billion")
    other_clause = df.assign(text="Costs were down, and free cash flow of $2.5 billion in the first quarter.")
    assert summary.numeric_claims(other_clause).loc[0, "context"].startswith("… free cash flow of $2.5 billion")


def test_numeric_claims_skips_figures_in_sentences_that_are_not_claims():
    df = tiny()
    df.loc[0, "claim"] = 0
    assert summary.numeric_claims(df).empty


def test_numeric_claims_agree_with_the_sentence_tables_quantities_column(seed):
    s = seed.sentences
    figures = summary.numeric_claims(s)
    claims_with = s[(s["claim"] == 1) & (s["quantities"] != "")]
    assert set(figures["sentence_id"]) == set(claims_with["sentence_id"])
    per_sentence = figures.groupby("sentence_id").size()
    expected = claims_with.set_index("sentence_id")["quantities"].str.split(";").str.len()
    assert per_sentence.sort_index().tolist() == expected.sort_index().tolist()


def test_topic_matrix_is_a_complete_grid_with_other_last_and_the_first_claim_as_example():
    m = summary.topic_matrix(tiny(), "claim", "speaker")
    assert set(m["speaker"]) == {"Ann"}  # Bob makes no claim
    order = summary.topic_order()
    assert order[-1] == "other"
    assert m["topic"].tolist() == sorted(["demand_pricing", "costs_margins", "other"], key=order.index)
    assert m["count"].sum() == 3 and (m["share"].sum() == pytest.approx(1.0))
    other = m.set_index("topic").loc["other"]
    assert other["example_id"] == 6 and other["example"] == "The plant opened in March."


def test_topic_matrix_of_a_table_without_flagged_sentences_is_empty_with_columns():
    m = summary.topic_matrix(tiny().assign(claim=0))
    assert m.empty and "example" in m.columns


# --------------------------------------------------------------------------- consistency


def test_count_by_kind_keeps_zero_counts_for_every_kind():
    assert consistency.count_by_kind(pd.DataFrame(columns=consistency.COLUMNS)) == dict.fromkeys(consistency.KINDS, 0)


def test_a_finding_on_two_sentences_gives_two_evidence_rows():
    df = pd.DataFrame({"sentence_id": [1, 2], "turn": [1, 2], "speaker": ["A", "B"],
                       "text": ["It runs 150 hours a week.", "Like a third of the hours of the week."]})
    findings = consistency.check(df)
    rows = consistency.evidence_rows(findings, df)
    assert rows["finding"].tolist() == [1, 1] and rows["sentence_id"].tolist() == [1, 2]
    assert rows["speaker"].tolist() == ["A", "B"] and set(rows["note"]) == {consistency.NOTE}
    assert consistency.count_by_kind(findings)["fraction of a period"] == 1


# --------------------------------------------------------------------------- forecasts


def test_forecast_ledger_lists_every_forecast_with_booleans_and_dates():
    led = summary.forecast_ledger(tiny())
    assert led["sentence_id"].tolist() == [3, 5, 7, 8]
    assert led["dated"].tolist() == [True, False, True, True]
    assert led["anachronism"].tolist() == [False, False, True, False]
    assert led["hedged"].dtype == bool and led.loc[1, "boosted"]
    assert led.loc[0, "topic_label"] == "New vehicles"


def test_horizon_profile_counts_dated_forecasts_and_measures_how_far_ahead_they_look():
    h = summary.horizon_profile(summary.forecast_ledger(tiny()), CALL)
    assert (h["forecasts"], h["dated"], h["undated"], h["anachronisms"], h["ahead"]) == (4, 3, 1, 1, 2)
    assert h["within_year"] == 1 and h["within_year_share"] == pytest.approx(0.5)
    assert h["median_days"] == pytest.approx(((date(2024, 12, 31) - CALL).days + (date(2029, 12, 31) - CALL).days) / 2)
    assert (h["latest_end"], h["latest_text"], h["latest_id"]) == ("2029-12-31", "in the decade", 8)


def test_horizon_profile_without_a_call_date_leaves_the_day_counts_empty():
    h = summary.horizon_profile(summary.forecast_ledger(tiny()), None)
    assert h["dated"] == 3 and math.isnan(h["median_days"]) and h["latest_end"] == ""


def test_commitment_gives_wilson_intervals_and_the_speakers_baseline():
    c = summary.commitment(tiny()).set_index("speaker")
    assert list(c.index) == ["Ann", "Cy"]  # Bob has no forecast; most forecasts first
    ann = c.loc["Ann"]
    assert (ann["forecasts"], ann["hedged"], ann["boosted"], ann["dated"]) == (3, 1, 1, 2)
    assert (ann["hedged_low"], ann["hedged_high"]) == pytest.approx(wilson(1, 3))
    assert ann["other_sentences"] == 3 and ann["other_hedged_share"] == pytest.approx(1 / 3)
    assert ann["other_boosted_share"] == 0


def test_commitment_by_kind_compares_forecasts_with_claims_by_fishers_exact_test():
    k = summary.commitment_by_kind(tiny()).set_index("kind")
    assert list(k.index) == list(summary.SENTENCE_KINDS)
    assert k["sentences"].tolist() == [4, 3, 1]
    assert k.loc["forecast", "hedged_p"] == pytest.approx(fisher_p(1, 3, 1, 2))
    assert k.loc["forecast", "boosted_share"] == pytest.approx(0.25)


# --------------------------------------------------------------------------- outcomes


def _index(tmp_path, source: str, extra: dict | None = None) -> None:
    row = {"ticker": "TSLA", "fiscal_year": "2024", "quarter": "1", "file": "x.csv", "call_date": "2024-04-23",
           "source": source, **(extra or {})}
    pd.DataFrame([row]).to_csv(tmp_path / "index.csv", index=False)


def test_compiled_on_reads_the_index_compiled_column_else_its_source(seed, tmp_path):
    assert outcomes.compiled_on(seed.call) == "2026-12-06"  # the revision that re-checked every row
    _index(tmp_path, "hand-made")
    assert outcomes.compiled_on(seed.call, tmp_path) == ""
    _index(tmp_path, "compiled 2025-01-02 from pages", {"compiled": "2025-02-03"})
    assert outcomes.compiled_on(seed.call, tmp_path) == "2025-02-03"  # the column wins


def test_compiled_on_for_a_call_without_outcomes_raises_file_not_found(seed, tmp_path):
    pd.DataFrame(columns=["ticker", "fiscal_year", "quarter", "file", "source"]).to_csv(tmp_path / "index.csv", index=False)
    with pytest.raises(FileNotFoundError):
        outcomes.compiled_on(seed.call, tmp_path)


def test_latest_source_date_reads_full_and_partial_dates_from_messy_cells():
    card = pd.DataFrame({"source_date": ["2024-07-15 | c. 2025-01/02 (page date not shown)", "2026-01 | 2025-12-31", ""]})
    assert outcomes.latest_source_date(card) == "2026-01"
    assert outcomes.latest_source_date(pd.DataFrame({"source_date": ["no date"]})) == ""


@pytest.fixture(scope="module")
def seed_card(seed) -> pd.DataFrame:
    loaded = outcomes.load_outcomes(outcomes.outcomes_path_for(seed.call))
    return outcomes.scorecard(outcomes.match_outcomes(loaded, seed.sentences), seed.sentences)


def test_met_summary_leaves_open_forecasts_out_of_the_share(seed_card):
    m = outcomes.met_summary(seed_card)
    assert m["outcomes"] == len(seed_card) == m["resolved"] + m["open"]
    assert m["resolved"] == m["met"] + m["missed"] + m["partly"]
    assert m["share_met"] == pytest.approx(m["met"] / m["resolved"])
    assert (m["ci_low"], m["ci_high"]) == pytest.approx(wilson(m["met"], m["resolved"]))


def test_coverage_relates_the_checked_forecasts_to_the_ledger(seed_card, seed):
    c = outcomes.coverage(seed_card, seed.sentences)
    assert c["ledger"] == int(seed.sentences["forecast"].sum())
    assert c["sentences"] + c["shared"] <= c["matched"] <= c["outcomes"]
    assert 0 < c["ledger_share"] < 1 and c["matched_forecasts"] <= c["sentences"]


def test_coverage_counts_a_sentence_that_two_outcomes_point_to_once():
    card = pd.DataFrame({"sentence_id": pd.array([5, 5, 7, pd.NA], dtype="Int64")})
    sents = pd.DataFrame({"sentence_id": [5, 6, 7], "forecast": [1, 1, 0]})
    c = outcomes.coverage(card, sents)
    assert (c["outcomes"], c["matched"], c["sentences"], c["shared"], c["matched_forecasts"], c["ledger"]) == (4, 3, 2, 1, 1, 2)
    assert c["ledger_share"] == pytest.approx(0.5)


def test_extremes_compares_only_rows_big_enough_and_breaks_ties_by_name():
    t = pd.DataFrame({"speaker": ["Bea", "Al", "Cy", "Di"], "sentences": [40, 40, 5, 50],
                      "claim_share": [0.5, 0.5, 0.9, 0.1]})
    e = summary.extremes(t, "claim_share", min_size=30)
    assert (e["top"]["speaker"], e["bottom"]["speaker"], e["min_size"], e["n"]) == ("Al", "Di", 30, 3)


def test_extremes_falls_back_to_every_row_on_a_short_call_and_says_so():
    t = pd.DataFrame({"speaker": ["A", "B", "C"], "sentences": [3, 2, 0], "claim_share": [0.2, 0.6, float("nan")]})
    e = summary.extremes(t, "claim_share", min_size=30)
    assert (e["top"]["speaker"], e["bottom"]["speaker"], e["min_size"], e["n"]) == ("B", "A", 1, 2)
    assert summary.extremes(t.iloc[2:], "claim_share") is None
