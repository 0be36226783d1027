"""summary: per-group rates over the sentence table."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from callanalysis import sentences_frame, turns_frame
from callanalysis.measure.summary import bootstrap_rate_ci, prepare, rates, speaker_profile, top_cues


def tiny() -> pd.DataFrame:
    """Five sentences, two speakers, three turns; words are counted by hand in the text."""
    rows = [
        # sid, turn, speaker, role, section, text (words), claim, forecast, hedged, boosted, hedges, boosters
        (1, 1, "Ann", "executive", "opening", "We will grow a lot this year.", 1, 1, 0, 1, "", "a lot"),
        (2, 1, "Ann", "executive", "opening", "Maybe about ten percent more, I think.", 1, 1, 1, 0, "Maybe;about;I think", ""),
        (3, 2, "Bob", "analyst", "analyst_qa", "Could you perhaps say more?", 0, 0, 1, 0, "perhaps", ""),
        (4, 3, "Ann", "executive", "analyst_qa", "Certainly, demand is clearly strong.", 1, 0, 0, 1, "", "Certainly;clearly"),
        (5, 3, "Ann", "executive", "analyst_qa", "[Inaudible]", 0, 0, 0, 0, "", ""),
    ]
    cols = ["sentence_id", "turn", "speaker", "role", "section", "text", "claim", "forecast", "hedged", "boosted",
            "hedge_cues", "booster_cues"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture(scope="module")
def seed_table(seed_call):
    """The seed call's sentences with labels filled by a fixed random draw (not the annotator)."""
    df = sentences_frame(seed_call)
    rng = np.random.default_rng(7)
    n = len(df)
    hedges = np.where(rng.random(n) < 0.3, "about;I think", "")
    boosters = np.where(rng.random(n) < 0.2, "definitely", "")
    return df.assign(
        claim=rng.integers(0, 2, n), forecast=rng.integers(0, 2, n),
        hedge_cues=hedges, booster_cues=boosters,
        hedged=(hedges != "").astype(int), boosted=(boosters != "").astype(int),
    )


def test_words_are_counted_from_text_when_the_column_is_missing():
    d = prepare(tiny())
    assert d["words"].tolist() == [7, 7, 5, 5, 0]


def test_rates_count_sentences_turns_flags_and_cues_per_speaker():
    r = rates(tiny()).set_index("speaker")
    ann = r.loc["Ann"]
    assert (ann["sentences"], ann["words"], ann["turns"]) == (4, 19, 2)
    assert (ann["claims"], ann["forecasts"], ann["hedged"], ann["boosted"]) == (3, 2, 1, 2)
    assert (ann["hedge_cue_count"], ann["booster_cue_count"]) == (3, 3)
    assert (r.loc["Bob", "hedge_cue_count"], r.loc["Bob", "turns"]) == (1, 1)


def test_rates_per_100_words_and_shares_are_computed_from_the_counts():
    r = rates(tiny()).set_index("speaker")
    assert r.loc["Ann", "hedges_per_100w"] == pytest.approx(3 / 19 * 100)
    assert r.loc["Ann", "boosters_per_100w"] == pytest.approx(3 / 19 * 100)
    assert r.loc["Bob", "hedges_per_100w"] == pytest.approx(1 / 5 * 100)
    assert r.loc["Ann", "claim_share"] == pytest.approx(3 / 4)
    assert r.loc["Ann", "forecast_share"] == pytest.approx(2 / 4)
    assert r.loc["Ann", "word_share"] == pytest.approx(19 / 24)
    assert r["word_share"].sum() == pytest.approx(1.0)


def test_rates_rows_are_sorted_by_key_with_sections_in_call_order():
    r = rates(tiny(), by=("section", "speaker"))
    assert list(zip(r["section"], r["speaker"])) == [("opening", "Ann"), ("analyst_qa", "Ann"), ("analyst_qa", "Bob")]
    assert rates(tiny().iloc[::-1]).equals(rates(tiny()))


def test_a_group_without_words_gets_nan_rates_not_an_error():
    r = rates(tiny(), by="sentence_id").set_index("sentence_id")
    assert np.isnan(r.loc[5, "hedges_per_100w"])


def test_bootstrap_is_reproducible_with_a_fixed_seed(seed_table):
    a = bootstrap_rate_ci(seed_table, "speaker", "hedge_cue_count", seed=11)
    b = bootstrap_rate_ci(seed_table, "speaker", "hedge_cue_count", seed=11)
    c = bootstrap_rate_ci(seed_table, "speaker", "hedge_cue_count", seed=12)
    pd.testing.assert_frame_equal(a, b)
    assert not a["ci_low"].equals(c["ci_low"])


def test_bootstrap_interval_contains_the_point_estimate(seed_table):
    b = bootstrap_rate_ci(seed_table, "speaker", "hedge_cue_count")
    r = rates(seed_table).set_index("speaker")
    assert b.set_index("speaker")["rate"].to_numpy() == pytest.approx(r["hedges_per_100w"].to_numpy())
    assert ((b["ci_low"] <= b["rate"]) & (b["rate"] <= b["ci_high"])).all()
    some = b["value_total"] > 0
    assert (b.loc[some, "ci_high"] > b.loc[some, "ci_low"]).all()


def test_bootstrap_group_interval_does_not_depend_on_the_other_groups(seed_table):
    everyone = bootstrap_rate_ci(seed_table, "speaker").set_index("speaker")
    elon = bootstrap_rate_ci(seed_table[seed_table["speaker"] == "Elon Musk"], "speaker").set_index("speaker")
    assert elon.loc["Elon Musk", "ci_low"] == everyone.loc["Elon Musk", "ci_low"]


def test_bootstrap_runs_fifteen_groups_well_under_a_second(seed_table):
    table = seed_table.assign(group=seed_table["sentence_id"] % 15)
    t0 = time.perf_counter()
    out = bootstrap_rate_ci(table, "group", "hedge_cue_count", n_boot=2000)
    assert len(out) == 15
    assert time.perf_counter() - t0 < 1.0


def test_top_cues_are_lower_cased_counted_and_ties_broken_alphabetically():
    t = top_cues(tiny(), "hedge", by="speaker", n=2)
    ann = t[t["speaker"] == "Ann"]
    assert ann["cue"].tolist() == ["about", "i think"]
    assert ann["rank"].tolist() == [1, 2]
    assert top_cues(tiny(), "booster", by=None, n=5)["cue"].tolist() == ["a lot", "certainly", "clearly"]


def test_speaker_profile_has_one_row_per_speaker_with_role_most_words_first(seed_call, seed_table):
    turns = turns_frame(seed_call)
    p = speaker_profile(seed_table, turns)
    assert sorted(p["speaker"]) == sorted(turns["speaker"].unique())
    assert p["words"].is_monotonic_decreasing
    assert p["word_share"].sum() == pytest.approx(1.0)
    assert p.set_index("speaker").loc["Elon Musk", "role"] == "executive"


def test_no_grouping_keys_summarise_the_whole_call_as_one_row():
    r = rates(tiny(), by=())
    assert r["call"].tolist() == ["all"] and r.loc[0, "words"] == 24
    assert bootstrap_rate_ci(tiny(), by=()).loc[0, "sentences"] == 5
