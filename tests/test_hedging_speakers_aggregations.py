"""Aggregations behind the chapters "Hedging and boosting" and "Speakers compared".

summary: add_phase, hedge_context, request_mask, zero_count_upper, compare_rates, versus_rest,
share_ci, hedging_table, cue_kind(s), phase_comparison, compare_shares; readability: components,
score_draws, readability_ci, phase_readability.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import textstat

from callanalysis.label import annotate
from callanalysis.measure import readability as R
from callanalysis.parse import sentences as sentences_mod
from callanalysis.parse.sentences import word_count
from callanalysis.measure import stats
from callanalysis.measure import summary as S
from callanalysis.label.sentence_types import is_question, is_request


def table() -> pd.DataFrame:
    """Two executives speaking in both parts, one analyst, one operator; cues chosen by hand.

    Words (as the package counts them) are in the comments; Ann hedges only in the Q&A.
    """
    rows = [
        # sid, turn, speaker, role, section, text, claim, forecast, hedges, boosters
        (1, 1, "Ann", "executive", "opening", "Revenue grew ten percent in the quarter.", 1, 0, "", ""),  # 7
        (2, 1, "Ann", "executive", "opening", "Margins were stable at eighteen percent.", 1, 0, "", ""),  # 6
        (3, 1, "Ann", "executive", "opening", "We will launch the new model next year.", 0, 1, "", "clearly"),  # 8
        (4, 2, "Cy", "executive", "opening", "Cash flow was strong and costs fell.", 1, 0, "", ""),  # 7
        (5, 3, "Bob", "analyst", "analyst_qa", "Maybe you can help put that in context?", 0, 0, "Maybe", ""),  # 8
        (6, 4, "Ann", "executive", "analyst_qa", "I think it could be about ten percent.", 0, 1, "I think;about", ""),
        (7, 4, "Ann", "executive", "analyst_qa", "Maybe next year, probably not sooner.", 0, 1, "Maybe;probably", ""),
        (8, 5, "Cy", "executive", "analyst_qa", "Obviously demand is strong.", 1, 0, "", "Obviously"),  # 4
        (9, 6, "Op", "operator", "closing", "Thank you, that concludes the call.", 0, 0, "", ""),  # 6
    ]
    cols = ["sentence_id", "turn", "speaker", "role", "section", "text", "claim", "forecast", "hedge_cues",
            "booster_cues"]
    df = pd.DataFrame(rows, columns=cols)
    df["hedged"] = df["hedge_cues"].ne("").astype(int)
    df["boosted"] = df["booster_cues"].ne("").astype(int)
    return df


@pytest.fixture(scope="module")
def call_table(seed_call) -> pd.DataFrame:
    """The seed call, annotated by the package (the chapters' input)."""
    return annotate.annotate(seed_call)


# --------------------------------------------------------------------------- phases, contexts, requests


def test_add_phase_pools_the_qa_sections_and_keeps_unknown_sections_by_name():
    df = pd.DataFrame({"section": ["opening", "investor_qa", "analyst_qa", "closing", "webcast"]})
    assert S.add_phase(df)["phase"].tolist() == ["scripted opening", "Q&A", "Q&A", "closing", "webcast"]
    assert "phase" not in df.columns  # the input is not changed


def test_hedge_context_separates_analyst_questions_executives_and_the_rest():
    assert S.hedge_context(table()).tolist() == [
        "executive", "executive", "executive", "executive", "analyst question (politeness)",
        "executive", "executive", "executive", "other",
    ]


@pytest.mark.parametrize("text", [
    "Maybe you can help put that all in context.",
    "Maybe you can just talk about where your heart is at in terms of your interests.",
    "So, any additional commentary you might have on that topic?",
    "I was just wondering if you can elaborate a little bit more.",
    "Could you please help us understand the timing?",
    "I'd be interested also in potentially more qualitative discussion.",
])
def test_questions_and_requests_are_recognised(text):
    assert S.request_mask(pd.DataFrame({"text": [text]})).tolist() == [True]


@pytest.mark.parametrize("text", [
    "You could rent out your guest room.",  # ability, not a request
    "We think it could be big.",
    "I think that was implying something around $20,000 of COGS.",
])
def test_statements_are_not_requests(text):
    assert S.request_mask(pd.DataFrame({"text": [text]})).tolist() == [False]


def test_request_mask_is_the_annotators_question_or_request(call_table):
    expected = [is_question(t) or is_request(t) for t in call_table["text"]]
    assert S.request_mask(call_table).tolist() == expected


# --------------------------------------------------------------------------- intervals and comparisons


def test_zero_count_upper_is_the_exact_poisson_bound_over_the_words():
    assert S.zero_count_upper(200) == pytest.approx(-math.log(0.025) / 200 * 100)
    assert S.zero_count_upper(200, level=0.9) == pytest.approx(-math.log(0.05) / 200 * 100)
    assert math.isnan(S.zero_count_upper(0))


def test_compare_rates_returns_both_rates_their_difference_and_a_reproducible_interval(call_table):
    df = call_table
    a, b = df["role"].eq("executive"), df["role"].eq("investor relations")
    c = S.compare_rates(df, a, b, "hedge_cue_count", n_boot=500, seed=3)
    r = S.rates(df, "role").set_index("role")
    assert c["rate_a"] == pytest.approx(r.loc["executive", "hedges_per_100w"])
    assert c["rate_b"] == pytest.approx(r.loc["investor relations", "hedges_per_100w"])
    assert c["difference"] == pytest.approx(c["rate_a"] - c["rate_b"])
    assert c["ci_low"] <= c["difference"] <= c["ci_high"]
    assert c == S.compare_rates(df, a, b, "hedge_cue_count", n_boot=500, seed=3)
    assert c["verdict"] in (stats.HIGHER, stats.LOWER, stats.UNCLEAR)
    assert (c["words_a"], c["sentences_a"]) == (int(S.prepare(df[a])["words"].sum()), int(a.sum()))


def test_a_clear_difference_gets_a_verdict_and_an_unclear_one_does_not():
    df = pd.DataFrame({
        "text": ["maybe so I think"] * 60 + ["facts and figures here"] * 60,
        "hedge_cues": ["maybe;I think"] * 60 + [""] * 60,
        "g": ["a"] * 60 + ["b"] * 60,
    })
    df["hedge_cues"] = df["hedge_cues"].where(df.index % 2 == 0, "")  # half of a's sentences hedge
    a, b = df["g"].eq("a"), df["g"].eq("b")
    assert S.compare_rates(df, a, b, n_boot=500)["verdict"] == stats.HIGHER
    assert S.compare_rates(df, b, a, n_boot=500)["verdict"] == stats.LOWER
    assert S.compare_rates(df, a & (df.index < 30), a & (df.index >= 30), n_boot=500)["verdict"] == stats.UNCLEAR


def test_a_group_with_no_cue_is_not_declared_lower_on_a_handful_of_words():
    """Resampling 0 cues gives [0, 0]; the Poisson bound keeps a short speaker from a false verdict."""
    df = pd.DataFrame({
        "text": ["one two three four five"] * 40 + ["one two three four five"] * 4,
        "hedge_cues": ["maybe"] * 8 + [""] * 32 + [""] * 4,
        "speaker": ["long"] * 40 + ["short"] * 4,
    })
    c = S.compare_rates(df, df["speaker"].eq("short"), df["speaker"].eq("long"), n_boot=500)
    assert c["rate_a"] == 0 and c["verdict"] == stats.UNCLEAR
    # The short speaker's own interval is [0, Poisson bound over 20 words], so the difference can be > 0.
    assert c["ci_low"] < 0 < c["ci_high"] <= S.zero_count_upper(20)


def test_versus_rest_has_one_row_per_group_with_a_verdict(call_table):
    v = S.versus_rest(call_table, "speaker", n_boot=300)
    assert sorted(v["speaker"]) == sorted(call_table["speaker"].unique())
    assert set(v["verdict"]) <= {stats.HIGHER, stats.LOWER, stats.UNCLEAR}
    assert (v["ci_low"] <= v["difference"] + 1e-9).all() and (v["difference"] <= v["ci_high"] + 1e-9).all()


def test_hedging_table_balance_is_boosters_minus_hedges_per_100_words(call_table):
    h = S.hedging_table(call_table, "speaker", n_boot=300)
    assert h["balance"].to_numpy() == pytest.approx((h["boosters_per_100w"] - h["hedges_per_100w"]).to_numpy())


def test_share_ci_gives_the_flagged_share_and_a_wilson_bound_when_none_is_flagged():
    out = S.share_ci(table(), "forecast", "speaker", n_boot=300).set_index("speaker")
    assert out.loc["Ann", "share"] == pytest.approx(3 / 5) and out.loc["Ann", "flagged"] == 3
    assert out.loc["Cy", "share"] == 0 and out.loc["Cy", "ci_high"] > 0  # Wilson, not [0, 0]
    assert out.loc["Cy", "ci_high"] == pytest.approx(stats.wilson(0, 2)[1])


def test_hedging_table_agrees_with_rates_and_bounds_zero_counts(call_table):
    h = S.hedging_table(call_table, "speaker", n_boot=300).set_index("speaker")
    r = S.rates(call_table, "speaker").set_index("speaker")
    assert h["hedges_per_100w"].to_numpy() == pytest.approx(r.loc[h.index, "hedges_per_100w"].to_numpy())
    assert h["boosters"].to_numpy().tolist() == r.loc[h.index, "booster_cue_count"].tolist()
    for m in ("hedges", "boosters"):
        rate = h[f"{m}_per_100w"]
        assert ((h[f"{m}_low"] <= rate + 1e-9) & (rate <= h[f"{m}_high"] + 1e-9)).all()
        zero = h[m].eq(0)
        assert (h.loc[zero, f"{m}_high"] > 0).all()
    assert ((h["balance_low"] <= h["balance"] + 1e-9) & (h["balance"] <= h["balance_high"] + 1e-9)).all()


@pytest.mark.parametrize("by", ["speaker", ["role", "phase"], ()])
def test_hedging_table_intervals_are_the_separate_bootstrap_intervals(call_table, by):
    s = S.add_phase(call_table)
    h = S.hedging_table(s, by, n_boot=300)
    parts = {"hedges": S.bootstrap_rate_ci(s, by, "hedge_cue_count", n_boot=300),
             "boosters": S.bootstrap_rate_ci(s, by, "booster_cue_count", n_boot=300),
             "balance": S.bootstrap_rate_ci(S.prepare(s).assign(certainty_net=lambda d: d["booster_cue_count"]
                                                                - d["hedge_cue_count"]), by, "certainty_net", n_boot=300)}
    assert h["balance_high"].to_numpy().tolist() == [max(a, b) if bo == 0 else a for a, b, bo in zip(
        parts["balance"]["ci_high"], h["boosters_high"], h["boosters"])]
    for name, p in parts.items():
        assert h[f"{name}_per_100w" if name != "balance" else "balance"].tolist() == p["rate"].tolist()
        assert h[f"{name}_low" if name != "balance" else "balance_low"].tolist() == [
            min(lo, -hh) if name == "balance" and he == 0 else lo
            for lo, hh, he in zip(p["ci_low"], h["hedges_high"], h["hedges"])]
        if name != "balance":
            kept = h[name].ne(0)
            assert h.loc[kept, f"{name}_high"].tolist() == p.loc[kept, "ci_high"].tolist()


def test_compare_rates_with_a_cueless_group_uses_the_other_groups_own_interval(call_table):
    a = call_table["speaker"].eq(call_table["speaker"].iloc[0]) & call_table["booster_cues"].fillna("").eq("")
    c = S.compare_rates(call_table, a, ~a, "booster_cue_count", n_boot=300)
    d = S.prepare(call_table)
    v, w = d["booster_cue_count"].to_numpy(float), d["words"].to_numpy(float)
    mask = (~a).to_numpy()
    rng = stats.generator(stats.DEFAULT_SEED, ("compare", "b", "booster_cue_count"))
    sums = stats.resample_sums(np.column_stack([v[mask], w[mask]]), 300, rng)
    low_b, high_b = np.nanquantile(sums[:, 0] / sums[:, 1] * 100, [0.025, 0.975])
    assert c["ci_low"] == pytest.approx(0.0 - high_b)
    assert c["ci_high"] == pytest.approx(S.zero_count_upper(c["words_a"]) - low_b)


# --------------------------------------------------------------------------- cue kinds


@pytest.mark.parametrize("cue, kind, expected", [
    ("I don't think", "hedge", "epistemic_verb"),
    ("Maybe", "hedge", "epistemic_adverb"),
    ("about", "hedge", "approximator"),
    ("could", "hedge", "modal"),
    ("it depends", "hedge", "shield"),
    ("Obviously", "booster", "certainty_adverb"),
    ("we know", "booster", "factive"),
    ("banana", "hedge", "other"),
])
def test_cue_kind_reads_the_lexicon_row_that_matches_the_whole_cue(cue, kind, expected):
    assert S.cue_kind(cue, kind) == expected


def test_cue_kind_rejects_an_unknown_cue_type():
    with pytest.raises(ValueError):
        S.cue_kind("maybe", "forecast")


def test_cue_kind_counts_count_only_the_chosen_kinds_per_sentence():
    counts = S.cue_kind_counts(table(), ("epistemic_adverb", "approximator"))
    assert counts.tolist() == [0, 0, 0, 0, 1, 1, 2, 0, 0]  # "about" yes, "I think" no
    assert S.cue_kind_counts(table(), ("certainty_adverb",), "booster").sum() == 2


def test_cue_kinds_count_every_cue_once_and_shares_add_up(call_table):
    k = S.cue_kinds(call_table, "hedge", "role")
    r = S.rates(call_table, "role").set_index("role")
    totals = k.groupby("role")["count"].sum()
    assert totals.to_dict() == {role: int(r.loc[role, "hedge_cue_count"]) for role in totals.index}
    assert k.groupby("role")["share"].sum().to_numpy() == pytest.approx(1.0)
    assert (k["cue_kind"] != "other").all()  # every cue the annotator reports is a lexicon row
    small = S.cue_kinds(table(), "hedge", None).set_index("cue_kind")
    assert small.loc["epistemic_adverb", "count"] == 3 and small.loc["epistemic_adverb", "examples"] == "maybe, probably"


# --------------------------------------------------------------------------- prepared against spontaneous


def test_phase_comparison_keeps_speakers_in_both_parts_and_pools_the_role_last():
    pc = S.phase_comparison(table(), "hedge_cue_count", min_words=5, n_boot=300)
    assert pc["speaker"].tolist() == ["Ann", "all executives"]  # Cy's Q&A has 4 words
    ann = pc.iloc[0]
    assert (ann["opening_words"], ann["qa_words"]) == (21, 14)
    assert ann["opening_rate"] == 0 and ann["qa_rate"] == pytest.approx(4 / 14 * 100)
    assert ann["difference"] == pytest.approx(ann["qa_rate"] - ann["opening_rate"])
    assert pc.iloc[-1]["opening_words"] == 28


def test_compare_shares_compares_shares_of_sentences():
    df = table()
    execs = df[df["role"].eq("executive")]
    c = S.compare_shares(execs, S.add_phase(execs)["phase"].eq("Q&A"), execs["section"].eq("opening"), "claim",
                         n_boot=300)
    assert (c["rate_a"], c["rate_b"]) == (pytest.approx(1 / 3), pytest.approx(3 / 4))
    assert (c["sentences_a"], c["sentences_b"]) == (3, 4)


def test_phase_readability_uses_readability_scores_per_part(call_table):
    pr = R.phase_readability(call_table, "gunning_fog", n_boot=200)
    assert pr.iloc[-1]["speaker"] == "all executives"
    execs = S.add_phase(call_table[call_table["role"].eq("executive")])
    point = R.readability(execs, by="phase").set_index("phase")
    assert pr.iloc[-1]["opening_rate"] == pytest.approx(point.loc["scripted opening", "gunning_fog"])
    assert pr.iloc[-1]["qa_rate"] == pytest.approx(point.loc["Q&A", "gunning_fog"])
    assert (pr["diff_low"] <= pr["diff_high"]).all()
    with pytest.raises(ValueError):
        R.phase_readability(call_table, "smog")


# --------------------------------------------------------------------------- readability intervals


def test_components_count_the_reports_words_and_sentences_and_textstats_syllables(call_table):
    g = call_table[call_table["speaker"].eq(call_table["speaker"].iloc[0])].sort_values("sentence_id")
    counts = np.array([R.components(t) for t in g["text"]]).sum(axis=0)
    words = g["text"].map(word_count)
    assert counts[0] == words.sum() and counts[1] == words.gt(0).sum()
    textstat.set_lang("en_US")
    cleaned = [R.clean_text(t) for t in g["text"]]
    assert counts[2] == sum(textstat.syllable_count(t) for t in cleaned if t)
    assert counts[3] == sum(textstat.difficult_words(t, syllable_threshold=3, unique=False) for t in cleaned if t)


def test_scores_are_the_formulas_of_each_speakers_summed_components(call_table):
    point = R.readability(call_table, "speaker").set_index("speaker")
    for speaker, g in call_table.sort_values("sentence_id").groupby("speaker"):
        c = np.array([R.components(t) for t in g["text"]]).sum(axis=0)
        fre, fog = R.formulas(*[np.array([v]) for v in c])
        assert fre[0] == pytest.approx(point.loc[speaker, "flesch_reading_ease"], abs=1e-6)
        assert fog[0] == pytest.approx(point.loc[speaker, "gunning_fog"], abs=1e-6)


def test_readability_ci_keeps_readabilitys_scores_and_brackets_them(call_table):
    ci = R.readability_ci(call_table, "speaker", n_boot=400).set_index("speaker")
    point = R.readability(call_table, "speaker").set_index("speaker")
    pd.testing.assert_series_equal(ci["gunning_fog"], point["gunning_fog"])
    assert ci["reliable"].equals(point["reliable"])
    assert ((ci["fog_low"] <= ci["gunning_fog"]) & (ci["gunning_fog"] <= ci["fog_high"])).all()
    assert ((ci["fre_low"] <= ci["flesch_reading_ease"]) & (ci["flesch_reading_ease"] <= ci["fre_high"])).all()
    again = R.readability_ci(call_table, "speaker", n_boot=400).set_index("speaker")
    pd.testing.assert_frame_equal(ci, again)


def test_readability_ci_is_wider_for_speakers_with_fewer_words(call_table):
    ci = R.readability_ci(call_table, "speaker", n_boot=400)
    width = ci["fog_high"] - ci["fog_low"]
    big, small = ci["words"].idxmax(), ci["words"].idxmin()
    assert width[big] < width[small]


def test_score_draws_of_no_sentences_are_nan():
    fre, fog = R.score_draws(pd.DataFrame({"sentence_id": [], "text": []}), 10, seed=0)
    assert np.isnan(fre).all() and np.isnan(fog).all()


def test_phase_comparison_rows_are_the_per_speaker_intervals_and_comparisons(call_table):
    s = S.add_phase(call_table)
    out = S.phase_comparison(s, "hedge_cue_count", min_words=100, n_boot=200).set_index("speaker")
    execs = s[s["role"].eq("executive")]
    for name in out.index:
        sub = execs if name == "all executives" else execs[execs["speaker"].eq(name)]
        ci = S.bootstrap_rate_ci(sub, "phase", "hedge_cue_count", n_boot=200).set_index("phase")
        c = S.compare_rates(sub, sub["phase"].eq("Q&A"), sub["phase"].eq("scripted opening"), "hedge_cue_count",
                            n_boot=200)
        assert out.loc[name, "qa_low"] == ci.loc["Q&A", "ci_low"]
        assert out.loc[name, "opening_high"] == ci.loc["scripted opening", "ci_high"]
        assert (out.loc[name, "diff_low"], out.loc[name, "diff_high"]) == (c["ci_low"], c["ci_high"])
        assert (out.loc[name, "opening_words"], out.loc[name, "qa_words"]) == (c["words_b"], c["words_a"])


def test_every_per_speaker_count_is_the_same_whichever_table_shows_it(call_table, seed_call):
    s = call_table
    profile = S.speaker_profile(s, sentences_mod.turns_frame(seed_call)).set_index("speaker")
    rates = S.rates(s, "speaker").set_index("speaker")
    hedging = S.hedging_table(s, "speaker", n_boot=20).set_index("speaker")
    claims = S.claim_profile(s, "speaker").set_index("speaker")
    commit = S.commitment(s, "speaker").set_index("speaker")
    shares = S.share_ci(s, "forecast", "speaker", n_boot=20).set_index("speaker")
    for who in profile.index:
        assert profile.loc[who, "hedges_per_100w"] == pytest.approx(hedging.loc[who, "hedges_per_100w"])
        assert rates.loc[who, "claims"] == claims.loc[who, "claims"]
        assert rates.loc[who, "forecasts"] == shares.loc[who, "flagged"] == (commit.loc[who, "forecasts"]
                                                                              if who in commit.index else 0)
