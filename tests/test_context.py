"""Forecasts read in the context of the turn and of the question answered (label/context.py)."""

from datetime import date

import pytest

from callanalysis.label.context import Said, forecast_context

CALL = date(2024, 4, 23)


def said(*rows):
    """Sentences from (turn, speaker, text) or (turn, speaker, text, forecast, cues); no horizons."""
    return [Said(t, who, text, bool(f), cues, None) for t, who, text, f, cues in (r if len(r) == 5 else (*r, False, "") for r in rows)]


def test_a_bare_answer_to_a_question_about_the_future_is_a_forecast():
    rows = said((1, "IR", "So, our favorite, can we make FSD transfer permanent until FSD is fully delivered?"), (2, "CEO", "Yes."))
    assert forecast_context(rows, CALL) == {1: True}


def test_a_bare_answer_to_a_will_question_is_a_forecast():
    rows = said((1, "Analyst", "Will you keep the dividend at this level next year?", False, "will"), (2, "CFO", "Absolutely."))
    assert forecast_context(rows, CALL) == {1: True}


def test_an_answer_word_opening_a_longer_turn_is_left_to_the_sentences_after_it():
    rows = said((1, "Analyst", "Will pricing hold in the third quarter?", False, "will"), (2, "CEO", "Yes."), (2, "CEO", "We see it holding."))
    assert forecast_context(rows, CALL) == {}


def test_answers_to_questions_about_the_line_or_the_past_are_no_forecasts():
    for question in ("Can you hear me?", "Is that what you indicated?", "So is that in your interest rate sensitivity table?"):
        assert forecast_context(said((1, "Analyst", question), (2, "CFO", "Yes.")), CALL) == {}


def test_a_reply_to_thanks_or_to_a_statement_is_no_forecast():
    for before in ("Thanks for taking the question.", "So a couple of years of elevated capex here is fair."):
        assert forecast_context(said((1, "Analyst", before), (2, "CFO", "Sure.")), CALL) == {}


def test_the_future_voiced_inside_a_recollection_is_not_a_forecast():
    rows = said(
        (5, "CEO", "I still remember in fact, when Nokia was king of the hill, and the cellphone is crushing."),
        (5, "CEO", "And then I saw them come out with a smartphone that was basically a brick."),
        (5, "CEO", "And then the iPhone and Android, people still do not understand that all phones are going to be that way.", True, "going to"),
        (5, "CEO", "There's not going to be any flip phones.", True, "going to"),
        (5, "CEO", "Yeah."),
        (5, "CEO", "Cars will be the same.", True, "will"),
    )
    assert forecast_context(rows, CALL) == {2: False, 3: False}


STORIES_THAT_LEAVE_THE_FORECAST = {
    "a_story_ends_at_a_sentence_anchored_in_the_present": [
        (5, "CFO", "Back in 2015 we bought the Cheminova assets."),
        (5, "CFO", "And now we will expand that footprint.", True, "will"),
    ],
    "a_comparison_with_years_ago_opens_no_story": [
        (5, "CEO", "They impact the business more today than they did five years ago."),
        (5, "CEO", "So when they step down, which will reduce the sales level from the third quarter.", True, "will"),
    ],
    "a_forecast_that_does_not_continue_the_story_stays_a_forecast": [
        (5, "CEO", "I think if you go back to 2017, we did have a premium margin at that time."),
        (5, "CEO", "So yes, I fully expect that we'll continue to have premium margins over our peers.", True, "expect;'ll"),
    ],
    "a_story_does_not_reach_into_the_next_turn": [
        (5, "CEO", "Years ago we had no plant there."),
        (6, "CFO", "And then it will be built.", True, "will"),
    ],
}


@pytest.mark.parametrize("rows", STORIES_THAT_LEAVE_THE_FORECAST.values(), ids=STORIES_THAT_LEAVE_THE_FORECAST)
def test_a_forecast_after_a_story_that_no_longer_holds_stays_a_forecast(rows):
    assert forecast_context(said(*rows), CALL) == {}


def test_steps_of_a_future_scenario_are_forecasts_up_to_the_next_speakers_first_sentence():
    rows = said(
        (11, "CEO", "And that will be how cars work.", True, "will"),
        (11, "CEO", "You just summon the car using your phone."),
        (11, "CEO", "It takes you to a destination."),
        (12, "CFO", "You don't even think about it."),
        (12, "CFO", "You just get out."),
    )
    assert forecast_context(rows, CALL) == {1: True, 2: True, 3: True}


def test_a_scenario_ends_at_the_first_sentence_that_is_no_step():
    rows = said(
        (3, "CEO", "In the future, cars will drive themselves.", True, "will"),
        (3, "CEO", "We shipped 400,000 cars last quarter."),
        (3, "CEO", "You just get in."),
    )
    assert forecast_context(rows, CALL) == {}


def test_in_the_future_at_the_end_of_a_forecast_frames_no_scenario():
    rows = said(
        (11, "CFO", "These are things that we will manage as we see opportunities unfolding in the future.", True, "will"),
        (11, "CFO", "Based on all these variables, you have variables of interest rates."),
    )
    assert forecast_context(rows, CALL) == {}


def test_saying_the_forecast_before_still_holds_is_a_forecast():
    rows = said(
        (29, "CEO", "I think we've communicated before that the net benefit won't be until 2023.", True, "won't"),
        (29, "CEO", "That's still the case."),
    )
    assert forecast_context(rows, CALL) == {1: True}


def test_saying_a_fact_still_holds_is_no_forecast():
    rows = said((29, "CEO", "We're an apartment company."), (29, "CEO", "So that hasn't changed."))
    assert forecast_context(rows, CALL) == {}
