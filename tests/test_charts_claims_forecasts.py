"""Charts of the "Claims" and "Forecasts" chapters: titled, described, tooltipped, narrow enough."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import pytest

from callanalysis.present import charts
from callanalysis.measure import outcomes, summary
from callanalysis.present.vega_embed import chart_html

from .test_claims_forecasts_aggregations import tiny

CALL = date(2024, 4, 23)


def _views(spec: dict) -> list[dict]:
    """Every unit view of a (layered / concatenated) spec."""
    out = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            out.extend(_views(sub))
    return out or [spec]


def _widths(spec: dict) -> list:
    return [s["width"] for s in [spec, *spec.get("hconcat", [])] if "width" in s]


def ledger() -> pd.DataFrame:
    return summary.forecast_ledger(tiny())


def comparison() -> pd.DataFrame:
    card = pd.DataFrame({
        "status": ["met", "missed", "met", "partly", "unknown"],
        "resolved": [True, True, True, True, False],
        "met": pd.array([1, 0, 1, 0, pd.NA], dtype="Int64"),
        "hedged": pd.array([1, 1, 0, 0, 0], dtype="Int64"),
        "boosted": pd.array([0, 0, 0, 0, 0], dtype="Int64"),
    })
    return outcomes.hedged_vs_boosted(card)


CHARTS = {
    "claims_by_speaker": lambda: charts.claims_by_speaker(summary.claim_profile(tiny(), "speaker")),
    "claims_topic_heatmap": lambda: charts.claims_topic_heatmap(summary.topic_matrix(tiny())),
    "forecast_timeline": lambda: charts.forecast_timeline(ledger(), CALL),
    "forecast_commitment": lambda: charts.forecast_commitment(summary.commitment(tiny())),
    "met_share_intervals": lambda: charts.met_share_intervals(comparison()),
}


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_has_title_description_axis_titles_and_tooltips(name):
    spec = CHARTS[name]().to_dict()  # to_dict validates against the Vega-Lite schema
    assert spec["title"]["text"]
    assert len(spec["description"]) > 40
    views = _views(spec)
    assert any("tooltip" in v.get("encoding", {}) for v in views)
    for channel in ("x", "y"):
        titles = [v["encoding"][channel].get("title") for v in views if "field" in v.get("encoding", {}).get(channel, {})]
        assert any(titles), f"{name}: untitled {channel} axis"


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_fits_the_content_column(name):
    spec = CHARTS[name]().to_dict()
    for w in _widths(spec):
        px = w if isinstance(w, (int, float)) else None
        if px is not None:
            assert px <= charts.WIDTH
    if "hconcat" in spec:
        assert sum(s["width"] for s in spec["hconcat"]) <= charts.WIDTH


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_renders_offline(name):
    html = chart_html(CHARTS[name]().to_dict())
    assert "callanalysis-vega" in html and "https://" not in html.split("<script", 1)[0]


def test_timeline_draws_only_dated_forecasts_after_the_call_with_the_sentence_in_the_tooltip():
    chart = charts.forecast_timeline(ledger(), CALL)
    bars = chart.layer[2]
    assert sorted(bars.data["sentence_id"]) == [3, 8]  # no undated (5), no anachronism (7)
    assert "text" in {t.shorthand.split(":")[0] for t in bars.encoding.tooltip}
    assert chart.layer[0].data["date"].iloc[0] == pd.Timestamp(CALL)  # the call-date rule


def test_timeline_stops_at_the_end_of_next_year_and_marks_longer_horizons():
    chart = charts.forecast_timeline(ledger(), CALL)
    data = chart.layer[3].data.set_index("sentence_id")
    assert charts.timeline_domain(pd.Series(["2024-12-31", "2029-12-31"]), CALL) == pd.Timestamp("2025-12-31")
    assert data.loc[8, "marker"] == "runs past the chart" and data.loc[8, "shown_end"] == pd.Timestamp("2025-12-31")
    assert data.loc[8, "row"].endswith("(to 2029)")
    assert data.loc[3, "marker"] == "last day"


def test_timeline_domain_stretches_when_most_horizons_are_far():
    far = pd.Series(["2024-12-31", "2027-06-30", "2027-12-31", "2028-03-31"])
    assert charts.timeline_domain(far, CALL) == pd.Timestamp("2027-12-31")


def test_heatmap_labels_only_non_empty_cells():
    chart = charts.claims_topic_heatmap(summary.topic_matrix(tiny()))
    spec = chart.to_dict()
    text_layer = spec["layer"][1]
    assert text_layer["mark"]["type"] == "text"
    assert any("datum.count > 0" in str(t) for t in text_layer.get("transform", []))


def test_commitment_chart_leaves_out_speakers_under_the_minimum():
    c = summary.commitment(tiny())
    chart = charts.forecast_commitment(c, min_forecasts=2)
    speakers = set(chart.hconcat[0].data["speaker"])
    assert speakers == {"Ann"}


def test_met_share_chart_leaves_out_a_comparison_with_an_empty_side_and_its_p_value():
    spec = charts.met_share_intervals(comparison()).to_dict()
    drawn = next(iter(spec["datasets"].values()))
    assert {row["group"] for row in drawn} == {"hedged", "unhedged"}
    assert "boosted" not in spec["title"]["subtitle"][0] and "boosted" not in spec["title"]["text"]


def test_role_legends_list_only_the_roles_a_chart_shows():
    spec = charts.speaker_share_bar(pd.DataFrame({"speaker": ["A", "B"], "role": ["executive", "analyst"],
                                                  "words": [10, 5]})).to_dict()
    assert spec["encoding"]["color"]["legend"]["values"] == ["executive", "analyst"]


def test_no_role_shares_the_orange_of_hedges_and_the_speaker_palette_has_no_near_blues():
    assert charts.MEASURE_COLORS["hedges"] not in charts.ROLE_COLORS.values()
    assert charts.COMMITMENT_COLORS["hedged"] not in charts.ROLE_COLORS.values()
    first = charts.SPEAKER_PALETTE[:6]
    assert not {charts.OKABE_ITO["blue"], charts.OKABE_ITO["sky blue"]} <= set(first)


def test_empty_heatmap_cells_say_none_instead_of_a_missing_sentence():
    m = summary.topic_matrix(tiny(), "claim", "speaker")
    data = charts.claims_topic_heatmap(m).data
    assert set(data.loc[data["count"].eq(0), "first_claim"]) <= {"none"}
    assert data.loc[data["count"].gt(0), "first_claim"].str.startswith("sentence ").all()


def test_titles_and_subtitles_are_wrapped_to_fit_a_phone():
    for name, make in CHARTS.items():
        title = make().to_dict()["title"]
        lines = [title["text"]] if isinstance(title["text"], str) else title["text"]
        assert all(len(line) <= charts.TITLE_CHARS for line in lines), name
        assert all(len(line) <= charts.SUBTITLE_CHARS for line in title.get("subtitle", [])), name


def test_claims_bar_splits_each_speakers_sentences_into_three_parts_that_add_up():
    chart = charts.claims_by_speaker(summary.claim_profile(tiny(), "speaker"))
    data = chart.data
    assert set(data["part"]) == set(charts.CLAIM_PARTS)
    totals = data.groupby("speaker")["n"].sum()
    assert totals.to_dict() == {"Ann": 6, "Bob": 1, "Cy": 1}
    assert isinstance(chart, alt.Chart)
