"""Scoring against reference annotations, on small synthetic rows."""

import pandas as pd
import pytest

from callanalysis.measure.validation import align, baseline_flag, prf, score


def ref_row(sid, start, end, text, claim=0, forecast=0, hedged=0, boosted=0):
    return dict(sid=sid, start=start, end=end, text=text, claim=claim, forecast=forecast, hedged=hedged, boosted=boosted)


def pred_row(start, end, claim=0, forecast=0, hedged=0, boosted=0, hedge_cues="", horizon_end="", horizon_text=""):
    return dict(start=start, end=end, claim=claim, forecast=forecast, hedged=hedged, boosted=boosted,
                hedge_cues=hedge_cues, booster_cues="", horizon_end=horizon_end, horizon_text=horizon_text)


def test_prf_handles_zero_denominators():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(2, 2, 0) == (0.5, 1.0, pytest.approx(2 / 3))


def test_reference_sentence_holding_two_predicted_sentences_aligns_to_both():
    ref = [ref_row(1, 0, 100, "x")]
    pred = [pred_row(0, 60), pred_row(61, 100)]
    assert align(pred, ref) == [[0, 1]]


def test_small_overlap_below_half_of_the_shorter_does_not_align():
    ref = [ref_row(1, 0, 100, "x")]
    pred = [pred_row(90, 200)]  # overlap 10 < half of 100
    assert align(pred, ref) == [[]]


def test_labels_are_ored_over_aligned_predictions():
    ref = [ref_row(1, 0, 100, "It may rise. We expect more.", hedged=1, forecast=1)]
    pred = [pred_row(0, 12, hedged=1, hedge_cues="may"), pred_row(13, 100, forecast=1)]
    m = score(pred, ref).metrics.set_index(["system", "label"])
    assert m.loc[("rules", "hedged"), "tp"] == 1 and m.loc[("rules", "forecast"), "tp"] == 1


def test_confusion_counts_and_f1():
    ref = [ref_row(1, 0, 10, "a", claim=1), ref_row(2, 11, 20, "b", claim=1), ref_row(3, 21, 30, "c"), ref_row(4, 31, 40, "d")]
    pred = [pred_row(0, 10, claim=1), pred_row(11, 20), pred_row(21, 30, claim=1), pred_row(31, 40)]
    row = score(pred, ref).metrics.query("system == 'rules' and label == 'claim'").iloc[0]
    assert (row.tp, row.fp, row.fn, row.tn) == (1, 1, 1, 1)
    assert row.f1 == pytest.approx(0.5)


def test_unaligned_reference_sentence_counts_as_predicted_negative():
    ref = [ref_row(1, 0, 10, "a", boosted=1)]
    row = score([pred_row(50, 60)], ref).metrics.query("system == 'rules' and label == 'boosted'").iloc[0]
    assert (row.tp, row.fn) == (0, 1)


def test_baseline_uses_whole_words_case_insensitively():
    assert baseline_flag("It MAY rain.", "lm_weak_modal")
    assert not baseline_flag("The mayor spoke.", "lm_weak_modal")


def test_every_label_has_its_word_list_baselines_beside_it():
    ref = [ref_row(1, 0, 10, "It might.", hedged=1), ref_row(2, 11, 20, "It will.", forecast=1)]
    m = score([pred_row(0, 10), pred_row(11, 20)], ref).metrics
    base = m[m.system == "baseline"].set_index(["label", "baseline_list"])
    assert set(base.index) == {
        ("claim", "contains a digit"), ("forecast", "Li (2010) forward-looking words"),
        ("hedged", "Loughran-McDonald Weak_Modal"), ("hedged", "Loughran-McDonald Uncertainty"),
        ("boosted", "Loughran-McDonald Strong_Modal"),
    }
    assert base.loc[("hedged", "Loughran-McDonald Weak_Modal"), "tp"] == 1
    assert base.loc[("forecast", "Li (2010) forward-looking words"), "tp"] == 1
    assert base.loc[("boosted", "Loughran-McDonald Strong_Modal"), "fp"] == 1


def test_the_claim_baseline_is_a_sentence_with_a_digit():
    assert baseline_flag("Revenue rose 12%.", "digit") and not baseline_flag("Revenue rose.", "digit")


def test_horizon_within_31_days_is_a_hit():
    ref = [ref_row(1, 0, 10, "a", forecast=1), ref_row(2, 11, 20, "b", forecast=1)]
    hz = [dict(sid=1, end="2024-12-31"), dict(sid=2, end="2024-08-31")]
    pred = [pred_row(0, 10, forecast=1, horizon_end="2025-01-20"), pred_row(11, 20, forecast=1, horizon_end="2024-10-31")]
    rep = score(pred, ref, reference_horizons=hz)
    assert rep.horizon["n"] == 2 and rep.horizon["hits"] == 1 and rep.horizon["share"] == 0.5


def test_missing_predicted_horizon_is_a_miss():
    ref = [ref_row(1, 0, 10, "a", forecast=1)]
    rep = score([pred_row(0, 10, forecast=1)], ref, reference_horizons=[dict(sid=1, end="2024-12-31")])
    assert rep.horizon["hits"] == 0
    assert (rep.errors.label == "horizon").sum() == 1


def test_error_table_lists_each_disagreement_with_the_cues_that_fired():
    ref = [ref_row(7, 0, 10, "talk about it", hedged=0)]
    rep = score([pred_row(0, 10, hedged=1, hedge_cues="about")], ref)
    (err,) = rep.errors.to_dict("records")
    assert err["sid"] == 7 and err["label"] == "hedged" and err["reference"] == 0 and err["predicted"] == 1
    assert err["cues"] == "about" and err["text"] == "talk about it"


def test_accepts_dataframes():
    ref = pd.DataFrame([ref_row(1, 0, 10, "a", claim=1)])
    pred = pd.DataFrame([pred_row(0, 10, claim=1)])
    assert score(pred, ref).metrics.query("label == 'claim' and system == 'rules'").iloc[0].f1 == 1.0


def test_the_seed_reference_horizons_point_at_reference_sentences():
    from callanalysis.paths import ANNOTATIONS

    ref, horizons = (pd.read_csv(ANNOTATIONS / name) for name in ("reference_dev.csv", "horizons_dev.csv"))
    assert {"sid", "start", "end", "claim", "forecast", "hedged", "boosted"} <= set(ref.columns)
    assert set(horizons.sid) <= set(ref.sid)


def test_a_missing_reference_file_is_named(tmp_path):
    from callanalysis.measure.validation import evaluate

    with pytest.raises(FileNotFoundError, match="reference_dev.csv"):
        evaluate(directory=tmp_path)


def test_error_row_names_the_reports_own_sentence_for_linking():
    ref = [ref_row(7, 0, 10, "talk about it", hedged=0)]
    pred = [dict(pred_row(0, 10, hedged=1, hedge_cues="about"), sentence_id=42)]
    (err,) = score(pred, ref).errors.to_dict("records")
    assert err["sentence_id"] == 42


def test_align_without_predictions_gives_an_empty_list_per_reference_row():
    ref = [ref_row(1, 0, 100, "x"), ref_row(2, 101, 200, "y")]
    pred = pd.DataFrame(columns=["start", "end"])
    assert align(pred, ref) == [[], []]


def test_align_lists_each_reference_rows_hits_in_prediction_order():
    ref = [ref_row(1, 0, 100, "x"), ref_row(2, 100, 300, "y")]
    pred = [pred_row(0, 50), pred_row(50, 100), pred_row(100, 200), pred_row(200, 300)]
    assert align(pred, ref) == [[0, 1], [2, 3]]


def test_first_sentence_id_of_an_error_is_that_of_the_first_aligned_prediction():
    ref = [ref_row(1, 0, 100, "We grew.", claim=1)]
    pred = pd.DataFrame([pred_row(0, 50), pred_row(51, 100)]).assign(sentence_id=[8, 9])
    errors = score(pred, ref).errors
    assert errors.loc[errors["label"].eq("claim"), "sentence_id"].tolist() == [8]


@pytest.fixture(scope="module")
def reports():
    from callanalysis.measure.validation import evaluate

    return evaluate()


def test_every_reference_set_and_each_other_call_is_scored_in_order(reports):
    assert list(reports) == ["seed", "other", "TNC_q2_2021", "BIO_q1_2021"]
    sizes = {name: int(rep.metrics["n"].iloc[0]) for name, rep in reports.items()}
    assert sizes == {"seed": 184, "other": 548, "TNC_q2_2021": 230, "BIO_q1_2021": 318}


def test_pooled_counts_are_the_sum_of_the_calls(reports):
    def tp(rep, label):
        m = rep.metrics
        return int(m[(m.system == "rules") & (m.label == label)].tp.iloc[0])

    assert tp(reports["other"], "forecast") == tp(reports["TNC_q2_2021"], "forecast") + tp(reports["BIO_q1_2021"], "forecast")


def test_the_text_report_names_each_set_its_baselines_and_the_caveat(reports):
    from tools.evaluate import annotator_report

    text = annotator_report(reports)
    assert "developed on" in text and "optimistic" in text
    for title in ("Tesla Q1 2024", "Two other real calls", "Tennant Q2 2021", "Bio-Rad Q1 2021"):
        assert title in text
    assert "Loughran-McDonald Uncertainty" in text and "contains a digit" in text and "Li (2010)" in text


def test_figures_keep_the_names_other_pages_quote(reports):
    from callanalysis.measure.validation import LABELS, figures, metrics_table

    f = figures(reports)
    for label in LABELS:
        assert f[f"validation_f1_{label}"] == metrics_table(reports["seed"]).loc[label, "f1"]
        assert f"validation_base_f1_{label}" in f and f"validation_other_f1_{label}" in f
    assert f["validation_horizon_n"] == 7 and f["validation_n"] == 184


def _report_with_f1(rules: dict, baseline: dict):
    from callanalysis.measure.validation import ValidationReport

    rows = [dict(system="rules", baseline_list="", label=k, f1=v, precision=v, recall=v, n=10) for k, v in rules.items()]
    rows += [dict(system="baseline", baseline_list="a list", label=k, f1=v, precision=v, recall=v, n=10) for k, v in baseline.items()]
    return ValidationReport(pd.DataFrame(rows), {"n": 0}, pd.DataFrame())


def test_verdict_says_when_the_rules_beat_every_baseline():
    from callanalysis.measure.validation import verdict

    rep = _report_with_f1({"claim": 0.9, "forecast": 0.8}, {"claim": 0.5, "forecast": 0.3})
    assert verdict(rep) == "above its best word-list baseline on every label"


def test_verdict_names_the_labels_not_above_their_baseline():
    from callanalysis.measure.validation import verdict

    rep = _report_with_f1({"claim": 0.9, "forecast": 0.2, "hedged": 0.4}, {"claim": 0.5, "forecast": 0.3, "hedged": 0.4})
    assert verdict(rep) == "above its best word-list baseline on claim, not on forecast and hedged"


def test_the_weakest_label_is_the_one_with_the_lowest_f1():
    from callanalysis.measure.validation import weakest

    assert weakest(_report_with_f1({"claim": 0.9, "forecast": 0.7}, {"claim": 0.5, "forecast": 0.3})) == "forecast"


def test_error_examples_put_missed_labels_first(reports):
    from callanalysis.measure.validation import error_examples

    examples = error_examples(reports["other"], per_label=2)
    assert len(examples) <= 8 and set(examples["kind"]) <= {"missed", "extra"}
    for _, group in examples.groupby("label"):
        assert list(group["kind"]) == sorted(group["kind"], reverse=True)
