"""The annotated transcript page: escaped text, anchors, cue marks, horizon badges."""

from __future__ import annotations

import pandas as pd

from callanalysis.present import transcript_html
from callanalysis.label.annotate import annotate


def row(**kw):
    base = dict(sentence_id=7, turn=1, text="We think it will be about 5 units.", claim=0, forecast=1, hedged=1, boosted=0,
                hedge_cues="We think;about", booster_cues="", horizon_text="", horizon_start="", horizon_end="", anachronism=0)
    base.update(kw)
    return pd.Series(base)


def test_sentence_text_is_html_escaped():
    out = transcript_html.sentence_html(row(text="<script>alert(1)</script> & co", hedge_cues=""))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; co" in out


def test_sentence_carries_its_anchor_and_label_classes():
    out = transcript_html.sentence_html(row())
    assert 'id="s-7"' in out and "ca-forecast" in out and "ca-hedged" in out and "ca-claim" not in out


def test_hedge_cues_are_marked_where_they_occur():
    out = transcript_html.sentence_html(row())
    assert '<span class="ca-hedge-cue" title="hedge cue">We think</span>' in out
    assert '<span class="ca-hedge-cue" title="hedge cue">about</span>' in out


def test_cue_spans_do_not_overlap_and_take_whole_words():
    spans = transcript_html.cue_spans("Maybe it's maybe not, about about.", [("maybe", "h"), ("maybe", "h"), ("out", "h")])
    assert spans == [(0, 5, "h"), (11, 16, "h")]


def test_forecast_with_horizon_gets_a_badge_with_normalised_dates():
    out = transcript_html.sentence_html(row(horizon_text="by the end of the year", horizon_start="2024-04-23", horizon_end="2024-12-31"))
    assert "by the end of the year" in out and "2024-04-23 to 2024-12-31" in out


def test_anachronistic_horizon_is_flagged_in_the_badge():
    out = transcript_html.sentence_html(row(horizon_text="late 2021", horizon_start="2021-09-01", horizon_end="2021-12-31", anachronism=1))
    assert "ends before the call" in out


def test_render_has_one_heading_per_turn_and_every_sentence_anchor(seed_call):
    table = annotate(seed_call)
    page = transcript_html.render(table, seed_call)
    assert page.count("<h3>") == len(seed_call.turns)
    assert page.count("<h2 ") == len({t.section for t in seed_call.turns})
    assert all(f'id="s-{i}"' in page for i in table.sentence_id)


def test_render_does_not_depend_on_the_tables_row_order_across_turns(seed_call):
    table = annotate(seed_call)
    shuffled = table.sample(frac=1, random_state=3)
    in_turn_order = shuffled.sort_values("turn", kind="mergesort")
    assert transcript_html.render(shuffled, seed_call) == transcript_html.render(in_turn_order, seed_call)


def test_sentence_html_reads_a_plain_dict_as_it_reads_a_series():
    r = row(hedged=1, forecast=1, horizon_text="next year", horizon_start="2025-01-01", horizon_end="2025-12-31")
    assert transcript_html.sentence_html(r.to_dict()) == transcript_html.sentence_html(r)


def test_a_questioned_sentence_is_marked_and_links_to_the_findings():
    findings = pd.DataFrame({"kind": ["beyond a bound", "fraction of a period"], "sentence_ids": ["3", "7;8"],
                             "values": ["stated 170 <hours>", "150 vs 56"], "note": ["likely transcription error"] * 2})
    marks = transcript_html.suspects(findings)
    assert marks[7][0] == marks[8][0] == 2 and marks[3][0] == 1
    out = transcript_html.sentence_html(row(), marks[7])
    assert "ca-suspect" in out and f'href="{transcript_html.FINDINGS_HREF}"' in out
    assert "check this figure (finding 2)" in out
    assert "stated 170 &lt;hours&gt;" in transcript_html.sentence_html(row(), marks[3])


def test_an_unquestioned_sentence_has_no_marker():
    assert "ca-suspect" not in transcript_html.sentence_html(row())
