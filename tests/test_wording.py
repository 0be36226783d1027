"""wording: the phrases whose words depend on the data, and what the chapters glue."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from IPython.core.formatters import format_display_data

from callanalysis.measure.stats import HIGHER, LOWER, UNCLEAR
from callanalysis.present import wording


def test_glueable_turns_numpy_numbers_into_plain_numbers():
    out = wording.glueable({"n": np.int64(3), "share": np.float64(0.25)})
    assert out == {"n": 3, "share": 0.25}
    assert type(out["n"]) is int and type(out["share"]) is float


def test_glueable_turns_anything_else_into_plain_text_without_markdown():
    out = wording.glueable({"who": "**Elon** [link](x)", "flag": True})
    assert out == {"who": "**Elon** [link](x)", "flag": "True"}
    bundle, _ = format_display_data(out["who"])
    assert set(bundle) == {"text/plain"}  # pasted as text, never read as MyST


def test_number_shows_a_share_of_nothing_as_zero():
    assert wording.number(float("nan")) == 0.0
    assert wording.number(None) == 0.0
    assert wording.number(np.float64(0.4)) == 0.4


@pytest.mark.parametrize("items, expected", [
    ([], "none"), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_names_lists_with_commas_and_a_final_and(items, expected):
    assert wording.names(items) == expected


def test_with_interval_puts_a_value_and_its_interval_in_one_cell():
    assert wording.with_interval([2.356], [1.94], [2.81], ".2f", ".1f") == ["2.36 (1.9–2.8)"]
    assert wording.with_interval([0.5], [0.25], [0.75], ".0%") == ["50% (25%–75%)"]


def test_with_interval_of_a_signed_difference_reads_from_to():
    assert wording.with_interval([0.52], [0.11], [0.93], "+.2f", "+.1f", " to ") == ["+0.52 (+0.1 to +0.9)"]


@pytest.mark.parametrize("verdict, start", [
    (HIGHER, "lies wholly above zero"), (LOWER, "lies wholly below zero"), (UNCLEAR, "includes zero"),
])
def test_interval_says_where_the_interval_of_a_difference_lies(verdict, start):
    assert wording.interval_says(verdict).startswith(start)


def test_which_way_picks_the_phrase_for_the_verdict():
    phrases = ("clearly more", "clearly fewer", "no clearly different")
    assert [wording.which_way(v, *phrases) for v in (HIGHER, LOWER, UNCLEAR)] == list(phrases)


def test_compared_says_more_less_or_as_often():
    assert [wording.compared(a, b) for a, b in ((0.4, 0.2), (0.2, 0.4), (0.3, 0.3))] == [
        "more often than", "less often than", "as often as"]


def test_as_said_restores_the_capital_i():
    assert wording.as_said("i think i'd") == "I think I'd"
    assert wording.as_said("it is") == "it is"


def test_cue_marks_name_the_cues_a_sentence_carries():
    assert wording.cue_marks(True, True) == "hedge + booster"
    assert wording.cue_marks(0, 1) == "booster"
    assert wording.cue_marks(False, False) == "none"
    assert wording.cue_marks(pd.NA, pd.NA) == ""  # no matched sentence


def test_first_words_ends_in_an_ellipsis_only_when_cut():
    assert wording.first_words("one two three", 2) == "one two …"
    assert wording.first_words("one two", 2) == "one two"


def _row(n, met, too_small=True, excluded=3):
    share = met / n if n else math.nan
    return {"n": n, "met": met, "share_met": share, "ci_low": 0.1, "ci_high": 0.9, "fisher_p": 0.14,
            "too_small": too_small, "excluded": excluded}


def test_met_of_gives_the_count_share_and_interval():
    assert wording.met_of(_row(6, 1)) == "1 of 6 met (17%, 10%–90%)"
    assert wording.met_of(_row(0, 0)) == "none"


def test_hedged_fared_names_the_better_group_and_why_the_file_is_too_small():
    text = wording.hedged_fared(_row(6, 1), _row(8, 5), _row(0, 0))
    assert "The unhedged forecasts did better" in text
    assert "too small to say" in text
    assert "No checked forecast is boosted" in text
    assert text.endswith("3 checked forecasts are left out (unresolved, unknown or unmatched).")


def test_hedged_fared_without_an_outcome_file_says_there_is_nothing_to_compare():
    assert wording.hedged_fared(None) == "No outcomes file exists for this call, so there is nothing to compare."


def test_outcomes_line_counts_the_met_among_the_resolved():
    scored = {"resolved": 14, "met": 6, "share_met": 6 / 14}
    assert wording.outcomes_line(scored, "2026-11-28") == (
        "Of the 14 checked forecasts whose outcome is known by 2026-11-28, 6 were met (43%).")
    assert wording.outcomes_line({**scored, "resolved": 0}, "").startswith("None of the checked forecasts")
    assert wording.outcomes_line(None, "").startswith("No outcomes file exists")


def test_outcomes_lead_without_a_file_says_how_to_add_one():
    text = wording.outcomes_lead(None, "Acme", 2, 2023)
    assert text.startswith("No outcomes file exists for this call (Acme, Q2 2023)")
    assert "data/outcomes/README.md" in text


def test_outcomes_lead_says_what_the_file_covers_and_how_many_were_met():
    scored = {"outcomes": 17, "met": 6, "missed": 5, "partly": 3, "unresolved": 2, "unknown": 1, "resolved": 14,
              "share_met": 6 / 14, "ci_low": 0.21, "ci_high": 0.67}
    cover = {"matched_forecasts": 16, "ledger": 116, "ledger_share": 16 / 116, "shared": 1}
    text = wording.outcomes_lead("x.csv", "Acme", 1, 2024, scored, cover, "2026-11-28", "2026-04-17")
    assert "(data/outcomes/x.csv), compiled on 2026-11-28" in text
    assert "they match 16 of its 116 forecast sentences (14%)" in text
    assert "; 1 sentence carries two checked forecasts." in text
    assert "6 of 14 resolved forecasts were met (43%, 95% interval 21%–67%)" in text
    assert "2 sentences carry" in wording.outcomes_lead("x.csv", "Acme", 1, 2024, scored, {**cover, "shared": 2},
                                                         "2026-11-28", "2026-04-17")
