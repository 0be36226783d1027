"""wording: the phrases whose words depend on the data, and what the chapters glue."""

from __future__ import annotations

import math
import re

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


def test_outcomes_lead_says_what_the_file_covers_how_it_was_matched_and_how_many_were_met():
    scored = {"outcomes": 17, "met": 6, "missed": 5, "partly": 3, "unresolved": 2, "unknown": 1, "resolved": 14,
              "share_met": 6 / 14, "ci_low": 0.21, "ci_high": 0.67}
    cover = {"matched_forecasts": 16, "ledger": 116, "ledger_share": 16 / 116}
    text = wording.outcomes_lead("x.csv", "Acme", 1, 2024, scored, cover, "2026-12-06", "2026-04-17", 1, 0.5)
    assert "(data/outcomes/x.csv), checked on 2026-12-06" in text
    assert "they match 16 of its 116 forecast sentences (14%)" in text
    assert "no sentence serves two forecasts; 1 match scores under 0.5 and carries a note" in text
    assert "6 of 14 resolved forecasts were met (43%, 95% interval 21%–67%)" in text
    sure = wording.outcomes_lead("x.csv", "Acme", 1, 2024, scored, cover, "2026-12-06", "2026-04-17", 0, 0.5)
    assert "every match scores at least 0.5" in sure


def test_a_people_count_says_when_an_unidentified_label_covers_several_turns():
    assert wording.unidentified(0, []) == ""
    assert wording.unidentified(1, ["Unknown speaker"]) == ' (counting "Unknown speaker" as one person)'
    assert "its 3 turns are likely by different people" in wording.unidentified(3, ["Unknown speaker"])


def test_a_record_lists_statuses_in_order_without_zeros():
    assert wording.record({"unknown": 1, "met": 2, "missed": 0, "partly": 3}) == "2 met, 3 partly met and 1 unknown"


def test_the_promises_line_names_each_speaker_with_a_record_or_says_there_is_no_ledger():
    line = wording.promises_line([("A", {"met": 2, "missed": 1}), ("B", {"unresolved": 1})], "2026-12-06")
    assert line == ("The outcome ledger, checked on 2026-12-06, follows 4 material forecasts: A 3 (2 met and 1 missed) "
                    "and B 1 (1 unresolved).")
    assert wording.promises_line([], "").startswith("No outcome ledger exists")


def _person(**kw):
    return {"speaker": "Ann Lee", "title": "CFO", "words": 1200, "word_share": 0.25, "turns": 9, "sentences": 80,
            "claims": 40, "forecasts": 10, "hedged_forecasts": 3, "hedges_per_100w": 1.25, "record": None,
            "unidentified": ""} | kw


def test_a_profile_names_the_speaker_and_never_uses_a_pronoun_for_them():
    text = wording.profile(_person(record={"met": 1, "missed": 1}))
    assert text.startswith("Ann Lee (CFO) spoke 1,200 words, 25% of the call, in 9 turns.")
    assert "40 (50%) state a checkable fact and 10 (12%) forecast, 3 of them hedged" in text
    assert text.endswith("The outcome ledger follows 2 material forecasts: 1 met and 1 missed.")
    assert not re.search(r"\b(their|they|her|his|she|he)\b", text)


def test_a_profile_without_a_ledger_has_no_record_and_with_one_says_when_none_is_followed():
    assert "ledger" not in wording.profile(_person())
    assert wording.profile(_person(record={})).endswith("The outcome ledger follows none of these forecasts.")


def test_against_the_rest_names_the_clear_cases_and_counts_the_others():
    assert wording.against_the_rest(["A"], [], 4) == ("A hedges clearly more than the rest of the call; for the other 4 "
                                                      "speakers the interval of the difference includes zero.")
    assert wording.against_the_rest([], [], 3).startswith("No speaker's rate differs clearly")


def test_a_sources_short_name_is_its_titles_last_parenthesis():
    assert wording.publisher("Robotaxi event delayed to October (Engadget)") == "Engadget"
    assert wording.publisher("Tessie: Version 2024.9.5") == "Tessie: Version 2024.9.5"
