"""Forecast rules that hold on any call: who can "discuss" or "add" something, and which
sentences merely announce the call's own agenda.

A speech verb after "will" ("I'll add", "Bob will review the financials") is the call's
procedure only when a speaker is its subject; a thing cannot speak, so "the acquisition will add
$0.10" and "that will cover our needs" are outcomes. "Add" is a speech act only with a remark as
its object ("I'll add one thing"), not with stores or capacity. Launching products ("introduce")
and a non-GAAP line item's outlook are forecasts; the notice about non-GAAP measures is not.
"""

from datetime import date

import pytest

from callanalysis.label.annotate import label_sentence

CALL = date(2021, 5, 1)

FORECASTS = {
    "a thing that 'adds' an amount": "The acquisition will add $0.10 to earnings per share next year.",
    "a cost that 'adds'": "Tariffs will add about $20 million of cost in the second half.",
    "a thing that 'covers' a need": "That will cover our capital needs through 2023.",
    "a mechanism that 'covers' a cost": "The pricing mechanisms we have in place will cover that inflation.",
    "price increases that 'address' a cost": "Price increases will address most of the inflation we see.",
    "the company adding stores": "We will add 200 stores next year.",
    "the company adding production lines": "We'll add two new lines in Mexico in 2022.",
    "the company introducing products": "We will introduce three new products next year.",
    "the company expanding a launch": "We will expand the introduction of new products with additional features.",
    "a non-GAAP line item's outlook": "Non-GAAP operating margin will be about 17% for the full year.",
    "a non-GAAP line item hit by costs": "The full-year non-GAAP gross margin will also be negatively impacted by higher freight costs.",
}
PROCEDURE = {
    "the speaker adds a remark": "I'll add one thing.",
    "a named colleague reviews the results": "Bob will review the financials.",
    "the speaker turns the call over": "With that, I'll turn the call over to Dave.",
    "the speaker introduces a colleague": "I'd like to introduce our new Chief Financial Officer, Jane Smith.",
    "the non-GAAP notice": "Today's discussion will include references to non-GAAP financial measures.",
    "a slide to turn to": "And now turn to slide 16 for our outlook for the rest of 2021.",
    "the speaker expands on a point": "I'll expand on that in a moment.",
}


@pytest.mark.parametrize("text", FORECASTS.values(), ids=FORECASTS.keys())
def test_an_outcome_announced_for_the_future_is_a_forecast(text):
    assert label_sentence(text, when=CALL, role="executive")["forecast"] == 1


@pytest.mark.parametrize("text", PROCEDURE.values(), ids=PROCEDURE.keys())
def test_the_calls_own_agenda_is_no_forecast(text):
    assert label_sentence(text, when=CALL, role="executive")["forecast"] == 0


#: Turn-taking in the Q&A (each from a real call): the speaker's next move on the call, no outcome.
TURN_TAKING = {
    "an analyst leaving it there": "I'll leave it there.",  # Waste Management Q3 2021
    "an analyst back in the queue": "I'll jump back in line.",  # Standex Q2 2021
    "an executive kicking off an answer": "I'll kick this off.",  # H&R Block Q4 2021
    "an executive taking a question": "So Sheila, I will take the JV question and then I'll hand it over to Barry.",  # Iron Mountain Q4 2020
    "an executive trying an answer": "Well, I'll take a stab at that.",  # WEC Energy Q4 2020
}


@pytest.mark.parametrize("text", TURN_TAKING.values(), ids=TURN_TAKING.keys())
def test_turn_taking_in_the_questions_is_no_forecast(text):
    assert label_sentence(text, when=CALL, role="executive")["forecast"] == 0


def test_taking_a_look_later_is_still_a_forecast():
    # Brandywine Q1 2020: 'take' of a future action, not of a question
    assert label_sentence("We deferred those projects, and we'll take a look at that in 2021.", when=date(2020, 4, 24), role="executive")["forecast"] == 1


def test_telling_the_audience_what_to_expect_is_a_forecast():
    assert label_sentence("And you can expect that that full run rate will be achieved by 2023.", when=CALL, role="executive")["forecast"] == 1  # Cigna Q4 2021
    assert label_sentence("But I think in both cases, you can expect margins to creep up.", when=CALL, role="executive")["forecast"] == 1  # Prologis Q2 2021
    # near miss: 'as you can expect' is an aside on a present fact (Aflac Q3 2020)
    text = "As you can expect that's a lumpy business, because it's largely a start-up at Zurich and it tends to focus in on large accounts."
    assert label_sentence(text, when=CALL, role="executive")["forecast"] == 0


def test_going_to_work_on_something_is_a_plan_not_a_way_to_the_office():
    assert label_sentence("We're going to work on accelerating the top line.", when=CALL, role="executive")["forecast"] == 1  # Thomson Reuters Q2 2021
    assert label_sentence("Its -- we're going to work hard with the postal service.", when=CALL, role="executive")["forecast"] == 1  # Oshkosh Q2 2021
    assert label_sentence("People are going to work every day.", when=CALL, role="executive")["forecast"] == 0  # near miss: motion
