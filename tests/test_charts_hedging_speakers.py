"""Charts of the chapters "Hedging and boosting" and "Speakers compared", without a browser.

Every chart: a title, axis titles in words, a one-sentence ``description`` built from the data
(the renderer's ARIA label), tooltips, and a plot no wider than the book's column allows.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from callanalysis.label import annotate
from callanalysis.present import charts
from callanalysis.measure import readability as R
from callanalysis.measure import summary as S
from callanalysis.present.vega_embed import chart_html


@pytest.fixture(scope="module")
def sentences(seed_call) -> pd.DataFrame:
    return S.add_phase(annotate.annotate(seed_call))


@pytest.fixture(scope="module")
def roles(sentences) -> pd.Series:
    return sentences.drop_duplicates("speaker").set_index("speaker")["role"]


@pytest.fixture(scope="module")
def hedging(sentences, roles) -> pd.DataFrame:
    return S.hedging_table(sentences, "speaker", n_boot=200).assign(role=lambda d: d["speaker"].map(roles))


def _views(spec: dict) -> list[dict]:
    """Every single view (a dict with a mark) of a layered / concatenated spec."""
    out = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            out.extend(_views(sub))
    if "mark" in spec:
        out.append(spec)
    return out


def _panels(spec: dict) -> list[dict]:
    return spec.get("hconcat", [spec])


def _width(panel: dict) -> int:
    w = panel.get("width")
    if w is None:
        w = max((v.get("width", 0) for v in _views(panel)), default=0)
    return int(w)


def _check(chart, min_views: int = 1) -> dict:
    spec = chart.to_dict()
    title = spec.get("title")
    assert title and (title if isinstance(title, str) else title["text"]), "chart without a title"
    assert len(spec.get("description", "")) > 40, "description missing or too short"
    views = _views(spec)
    assert len(views) >= min_views
    assert any("tooltip" in v.get("encoding", {}) for v in views), "no tooltips"
    for channel in ("x", "y"):
        encs = [v["encoding"][channel] for v in views if "field" in v.get("encoding", {}).get(channel, {})]
        assert any(e.get("title") for e in encs), f"untitled {channel} axis"
    panels = _panels(spec)
    if spec.get("width") == charts.FIT:  # a single or layered chart follows its container
        assert "hconcat" not in spec
        return spec
    total = sum(_width(p) for p in panels) + spec.get("spacing", 0) * (len(panels) - 1)
    assert 0 < total <= charts.WIDTH, f"plot {total}px wide"
    return spec


def test_hedging_intervals_two_panels_share_the_speaker_order_and_the_x_scale(hedging):
    spec = _check(charts.hedging_intervals(hedging, "speaker", small_words=250), min_views=4)
    left, right = spec["hconcat"]
    y_left = [v["encoding"]["y"]["sort"] for v in _views(left)]
    y_right = [v["encoding"]["y"]["sort"] for v in _views(right)]
    assert y_left[0] == y_right[0] == list(
        hedging.sort_values(["hedges_per_100w", "speaker"], ascending=[False, True])["speaker"])
    x_left = _views(left)[0]["encoding"]["x"]["scale"]["domain"]
    assert x_left == _views(right)[0]["encoding"]["x"]["scale"]["domain"]
    assert "hedges most" in spec["description"]
    # Only the left panel labels the speakers.
    assert _views(right)[0]["encoding"]["y"]["axis"]["labels"] is False


def test_small_samples_are_drawn_open_and_roles_keep_their_colours(hedging):
    spec = charts.hedging_intervals(hedging, "speaker", small_words=250).to_dict()
    points = [v for v in _views(spec) if v["mark"].get("type") == "point"]
    fill = points[0]["encoding"]["fill"]
    assert "small" in fill["condition"]["test"] and fill["condition"]["value"] == "#ffffff"
    scale = points[0]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == charts.ROLE_COLORS
    data = next(iter(spec["datasets"].values()))
    assert {row["speaker"] for row in data if row["small"]} == set(hedging.loc[hedging["words"] < 250, "speaker"])


def test_balance_intervals_mark_zero_and_describe_the_cautious(hedging):
    spec = _check(charts.balance_intervals(hedging))
    rules = [v for v in _views(spec) if v["mark"].get("type") == "rule" and "strokeDash" in v["mark"]]
    assert rules, "no reference line at zero"
    assert "interval lies below zero" in spec["description"]


def test_phase_intervals_pair_the_parts_of_each_speaker(sentences):
    pc = S.phase_comparison(sentences, "hedge_cue_count", n_boot=200)
    spec = _check(charts.phase_intervals(pc, "Hedges per 100 words"), min_views=2)
    views = _views(spec)
    assert all(v["encoding"]["yOffset"]["field"] == "phase" for v in views)
    assert views[0]["encoding"]["y"]["sort"] == pc["speaker"].tolist()
    colors = views[0]["encoding"]["color"]["scale"]
    assert dict(zip(colors["domain"], colors["range"])) == charts.PHASE_COLORS
    fog = R.phase_readability(sentences, n_boot=200)
    fog_spec = _check(charts.phase_intervals(fog, "Gunning fog", zero=False))
    assert _views(fog_spec)[0]["encoding"]["x"]["scale"]["zero"] is False


def test_cue_kind_bars_are_stacked_shares_with_examples(sentences):
    kinds = S.cue_kinds(sentences.assign(hedge_context=S.hedge_context(sentences)), "hedge", "hedge_context")
    spec = _check(charts.cue_kind_bars(kinds, "hedge_context", "hedge"))
    enc = _views(spec)[0]["encoding"]
    assert enc["x"]["stack"] == "normalize"
    assert "examples" in [t["field"] for t in enc["tooltip"]]


def test_cue_timeline_shows_every_cue_sentence_with_its_text(sentences):
    spec = _check(charts.cue_timeline(sentences), min_views=2)
    ticks = next(v for v in _views(spec) if v["mark"].get("type") == "tick")
    tips = [t["field"] for t in ticks["encoding"]["tooltip"]]
    assert {"sentence", "cues", "speaker", "sentence_id"} <= set(tips)
    data = spec["datasets"][ticks["data"]["name"]]
    n = int(sentences["hedge_cues"].ne("").sum() + sentences["booster_cues"].ne("").sum())
    assert len(data) == n
    assert str(n - int(sentences["booster_cues"].ne("").sum())) in spec["description"]


def test_cue_timeline_text_cannot_break_out_of_the_page():
    df = pd.DataFrame({
        "sentence_id": [1, 2], "speaker": ["A", "B"], "role": ["executive", "analyst"],
        "section": ["opening", "analyst_qa"], "text": ["Maybe </script><b>x</b> works.", "We know it."],
        "hedge_cues": ["Maybe", ""], "booster_cues": ["", "We know"],
    })
    html = chart_html(charts.cue_timeline(df).to_dict())
    assert html.count("</script>") == 1


def test_share_intervals_show_claims_and_forecasts_with_a_fixed_zero_to_one_axis(sentences, roles):
    claims = S.share_ci(sentences, "claim", "speaker", n_boot=200)
    forecasts = S.share_ci(sentences, "forecast", "speaker", n_boot=200)
    small = sentences.groupby("speaker").size() < 20
    spec = _check(charts.share_intervals(claims, forecasts, small_words=small, role=roles), min_views=4)
    for panel in spec["hconcat"]:
        assert _views(panel)[0]["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert "claims" in spec["description"] and "forecasts" in spec["description"]


def test_readability_intervals_open_the_unreliable_and_order_by_fog(sentences, roles):
    scores = R.readability_ci(sentences, "speaker", n_boot=200)
    spec = _check(charts.readability_intervals(scores, role=roles), min_views=4)
    order = _views(spec["hconcat"][0])[0]["encoding"]["y"]["sort"]
    assert order == list(scores.sort_values(["gunning_fog", "speaker"], ascending=[False, True])["speaker"])
    data = next(iter(spec["datasets"].values()))
    assert {r["speaker"] for r in data if r["small"]} == set(scores.loc[~scores["reliable"], "speaker"])
    assert "Gunning fog" in spec["description"]


def test_interval_chart_rejects_nothing_but_renders_a_single_row():
    one = pd.DataFrame({"speaker": ["A"], "role": ["executive"], "rate": [1.0], "lo": [0.5], "hi": [1.5]})
    spec = charts.interval_chart(one, value="rate", low="lo", high="hi", x_title="Rate per 100 words",
                                 title="One", description="A single speaker's rate with its interval.").to_dict()
    assert json.dumps(spec)  # serialisable
    assert spec["description"].startswith("A single")
