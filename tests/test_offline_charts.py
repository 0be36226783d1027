"""The chart helpers, the offline renderer and the Vega bundle cache, without a browser."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from callanalysis.present import charts
from callanalysis.present.vega_embed import CHART_CLASS, chart_html, chart_words, enable_offline_renderer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import sphinx_vega  # noqa: E402  (the book's Sphinx extension)


@pytest.fixture
def turns() -> pd.DataFrame:
    rows = [
        (1, "Martin Viecha", "VP of investor relations", "Tesla", "investor relations",
         "opening", "Welcome to the call. Elon has some opening remarks."),
        (2, "Elon Musk", "CEO", "Tesla", "executive", "opening",
         "Thanks. We navigated several challenges </script> this quarter."),
        (3, "Martin Viecha", "VP of investor relations", "Tesla", "investor relations",
         "investor_qa", "The first question from investors is about the new model."),
        (4, "Elon Musk", "CEO", "Tesla", "executive", "investor_qa", "We expect it next year."),
        (5, "Adam Jonas", "Analyst", "Morgan Stanley", "analyst", "analyst_qa",
         "Thanks for taking my question on margins."),
        (6, "Vaibhav Taneja", "CFO", "Tesla", "executive", "closing", "Thank you all."),
    ]
    frame = pd.DataFrame(rows, columns=["turn", "speaker", "title", "firm", "role", "section", "text"])
    frame["words"] = frame["text"].str.split().str.len()
    frame["start"] = frame["words"].cumsum().shift(fill_value=0) * 6
    frame["end"] = frame["start"] + frame["words"] * 6
    return frame


def _views(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


@pytest.mark.parametrize("helper", [charts.speaker_share_bar, charts.turn_timeline])
def test_every_chart_has_title_description_axis_titles_and_tooltips(helper, turns):
    spec = helper(turns).to_dict()
    assert spec["title"]["text"]
    assert len(spec["description"]) > 20
    views = _views(spec)
    assert any("tooltip" in v["encoding"] for v in views)
    for channel in ("x", "y"):
        encodings = [v["encoding"][channel] for v in views if "field" in v["encoding"].get(channel, {})]
        # Layers share an axis: one explicit title names it.
        assert any(e.get("title") for e in encodings), f"{helper.__name__}: untitled {channel} axis"


def test_roles_keep_their_colours(turns):
    color = charts.speaker_share_bar(turns).to_dict()["encoding"]["color"]["scale"]
    assert dict(zip(color["domain"], color["range"])) == charts.ROLE_COLORS


def test_the_theme_is_a_vega_lite_config():
    assert alt.theme.active == charts.THEME_NAME
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()
    assert spec["config"]["font"] == charts.FONT
    assert spec["config"]["range"]["category"][0] == charts.OKABE_ITO["blue"]


def test_chart_html_is_one_div_and_a_scoped_script(turns):
    spec = charts.turn_timeline(turns).to_dict()
    html = chart_html(spec)
    assert html.count(f'class="{CHART_CLASS}"') == 1
    assert 'role="figure" aria-label="Timeline of 6 speaking turns' in html
    assert "<script src" not in html and "cdn." not in html
    # The data's "</script>" cannot close the script element early.
    assert html.count("</script>") == 1
    assert "(function () {" in html and "window.vegaEmbed(el, spec, opts)" in html
    assert '"editor":false' in html and '"export":true' in html


def _container_id(html: str) -> str:
    return re.search(r'<div class="callanalysis-vega" id="([^"]+)"', html).group(1)


def test_a_chart_gets_the_same_element_id_in_every_process(turns):
    spec = charts.turn_timeline(turns).to_dict()
    code = (
        "import json, sys; from callanalysis.present.vega_embed import chart_html; "
        "print(chart_html(json.loads(sys.stdin.read())))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], input=json.dumps(spec), capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    assert re.fullmatch(r"callanalysis-vega-[0-9a-f]{32}", _container_id(runs[0].stdout))


def test_the_same_chart_drawn_twice_gets_two_element_ids(turns):
    spec = charts.turn_timeline(turns).to_dict()
    first, second = _container_id(chart_html(spec)), _container_id(chart_html(spec))
    assert first != second


def test_different_charts_get_different_element_ids(turns):
    a = _container_id(chart_html(charts.turn_timeline(turns).to_dict()))
    b = _container_id(chart_html(charts.speaker_share_bar(turns).to_dict()))
    assert a.split("-")[2] != b.split("-")[2]


def test_enabled_renderer_emits_the_offline_html(turns):
    enable_offline_renderer()
    try:
        bundle = charts.speaker_share_bar(turns)._repr_mimebundle_()
        assert f'class="{CHART_CLASS}"' in bundle["text/html"]
        assert set(bundle) == {"text/html", "text/plain"}
    finally:
        alt.renderers.enable("default")


def test_vega_bundle_is_wrapped_and_cached(tmp_path, monkeypatch):
    import vl_convert

    calls = []

    def fake_bundle(vl_version=None):
        calls.append(vl_version)
        return "var _ = 1; window.vegaEmbed = function () {};"

    monkeypatch.setattr(vl_convert, "javascript_bundle", fake_bundle)
    first = sphinx_vega.bundle_text(tmp_path)
    second = sphinx_vega.bundle_text(tmp_path)
    assert first == second and len(calls) == 1  # the second call reads the cache
    body = first.split("*/\n", 1)[1]
    assert body.startswith("(function () {") and body.rstrip().endswith("})();")
    assert len(list(tmp_path.glob("vega-bundle_*.js"))) == 1


def test_a_chart_carries_its_words_for_the_search_index(turns):
    spec = charts.speaker_share_bar(turns).to_dict()
    words = chart_words(spec)
    assert spec["title"]["text"] in words and spec["description"] in words
    assert all(isinstance(w, str) for w in words) and len(words) == len(set(words))
    assert f'<p class="ca-chart-words" hidden>{words[0]}' in chart_html(spec)


def test_tooltips_and_data_are_not_among_a_charts_words():
    chart = alt.Chart(pd.DataFrame({"x": [1], "who": ["Ada"]}), title="Plain title").mark_point().encode(
        x=alt.X("x:Q", title="Axis title"), tooltip=[alt.Tooltip("who:N", title="Tip title")])
    assert sorted(chart_words(chart.to_dict())) == ["Axis title", "Plain title"]


def test_a_single_chart_follows_its_containers_width(turns):
    assert charts.speaker_share_bar(turns).to_dict()["width"] == "container"


def test_legends_go_one_entry_per_line_in_a_phones_column():
    legend = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()["config"]["legend"]
    assert legend["columns"] == {"expr": "containerSize()[0] < 480 ? 1 : 5"}
