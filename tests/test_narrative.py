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


def _walk_every_sentence(rows: list[NarrativeRow]) -> list[int]:
    """The rule read sentence by sentence, as the module docstring states it (the reference
    for the faster walk that starts only at openings)."""
    from callanalysis.label.narrative import PRESENT_ANCHOR, RECOLLECTION

    out: list[int] = []
    in_story = voicing = False
    prev_turn = None
    for i, row in enumerate(rows):
        if row.turn != prev_turn:
            in_story = voicing = False
            prev_turn = row.turn
        if not in_story:
            in_story, voicing = bool(RECOLLECTION.search(row.text)), False
            continue
        if row.horizon or PRESENT_ANCHOR.search(row.text):
            in_story = voicing = False
        elif row.forecast and (voicing or told_in_past(row.text)):
            out.append(i)
            voicing = True
        elif row.forecast or not told_in_past(row.text):
            in_story = voicing = False
        else:
            voicing = False
    return out


def test_the_walk_from_openings_agrees_with_reading_every_sentence():
    import random

    texts = [
        "I remember when phones had keys.", "Back in 2015 it was different.", "Years ago we had none.",
        "People were sure it would fail.", "And then everyone was going to buy one.", "We will ship it.",
        "It is going to be great now.", "Yeah.", "They said it would never work.", "Then it will change.",
        "We expect growth in 2025.", "I recall that we were going to wait.", "Revenue grew.",
    ]
    rng = random.Random(7)
    for _ in range(400):
        n = rng.randint(0, 30)
        turn = 1
        rows = []
        for _ in range(n):
            turn += rng.random() < 0.2
            rows.append(NarrativeRow(turn, rng.choice(texts), rng.random() < 0.5, "in 2025" if rng.random() < 0.1 else ""))
        assert future_in_past(rows) == _walk_every_sentence(rows), rows


def test_story_openings_finds_each_recollection_once():
    from callanalysis.label.narrative import story_openings

    texts = ["Hello.", "I remember it. I remember it well.", "Years", "ago.", "back then"]
    assert story_openings(texts) == [1, 4]  # "Years ago" across two sentences opens nothing


def test_openings_given_by_the_caller_give_the_same_walk():
    from callanalysis.label.narrative import opens_story

    rows = [NarrativeRow(1, "Hello.", False, ""), *turn(*NOKIA), NarrativeRow(9, "We will ship it.", True, "")]
    openings = [i for i, row in enumerate(rows) if opens_story(row.text)]
    assert openings == [1] and future_in_past(rows, openings) == future_in_past(rows) == [3, 4, 5]
