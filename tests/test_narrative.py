"""A story about the past: what was expected then is not a forecast (future in the past)."""

from __future__ import annotations

from callanalysis.label.narrative import NarrativeRow, future_in_past, told_in_past


def turn(*sentences, turn_no=1):
    """Rows of one turn: (text, forecast label[, horizon text])."""
    return [NarrativeRow(turn_no, s[0], s[1], s[2] if len(s) > 2 else "") for s in sentences]


NOKIA = (
    ("I still remember when Nokia was king of the hill.", False),
    ("And then I saw them come out with a smartphone that was basically a brick.", False),
    ("And then people still do not understand that all the phones are going to be that way.", True),
    ("There's not going to be any flip phones.", True),
    ("There will be a niche product.", True),
)


def test_expectations_voiced_inside_a_recollection_are_not_forecasts():
    assert future_in_past(turn(*NOKIA)) == [2, 3, 4]


def test_a_forecast_that_does_not_continue_the_story_stays_a_forecast():
    rows = turn(("I remember when cars had no seat belts.", False), ("Cars will be far safer.", True))
    assert future_in_past(rows) == []


def test_a_forecast_with_a_time_after_the_call_ends_the_story():
    rows = turn(*NOKIA[:2], ("And then we will ship it next year.", True, "next year"))
    assert future_in_past(rows) == []


def test_a_present_anchor_ends_the_story():
    rows = turn(*NOKIA[:2], ("And then today, phones are going to change again.", True))
    assert future_in_past(rows) == []


def test_a_present_tense_sentence_ends_the_story():
    rows = turn(*NOKIA[:2], ("Yeah.", False), ("There will be a niche product.", True))
    assert future_in_past(rows) == []


def test_a_new_turn_starts_outside_the_story():
    rows = turn(*NOKIA[:2]) + turn(("There will be a niche product.", True), turn_no=2)
    assert future_in_past(rows) == []


def test_without_a_recollection_there_is_no_story():
    rows = turn(("And then I saw the first prototype.", False), ("And then it will be everywhere.", True))
    assert future_in_past(rows) == []


def test_and_then_sequences_a_narrative_sentence():
    assert told_in_past("And then the iPhone came.") and told_in_past("Then people laughed.")


def test_a_present_tense_sentence_is_not_told_in_the_past():
    assert not told_in_past("There will be a niche product.")
