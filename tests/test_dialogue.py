"""Bare answers take on the question they answer."""

from __future__ import annotations

from callanalysis.label.dialogue import Utterance, answered_forecasts


def call(*pairs):
    return [Utterance(turn, speaker, text) for turn, speaker, text in pairs]


def test_yes_to_a_question_about_the_future_is_a_forecast():
    rows = call((1, "IR", "Can we make the transfer permanent next year?"), (2, "CFO", "Yes."))
    assert answered_forecasts(rows) == [1]


def test_no_to_a_will_question_is_a_forecast_too():
    rows = call((1, "Analyst", "Will margins fall in Q3?"), (2, "CEO", "No."))
    assert answered_forecasts(rows) == [1]


def test_yeah_to_a_turn_taking_question_is_not_a_forecast():
    rows = call((1, "IR", "Ashok, do you want to chime in on the process?"), (2, "Director", "Yeah."))
    assert answered_forecasts(rows) == []


def test_yes_to_a_question_about_the_present_is_not_a_forecast():
    rows = call((1, "Analyst", "Is the plant running today?"), (2, "CEO", "Yes."))
    assert answered_forecasts(rows) == []


def test_answer_must_open_a_new_turn_by_another_speaker():
    rows = call((1, "CEO", "Will it work? Yes."), (1, "CEO", "Yes."))
    assert answered_forecasts(rows) == []


def test_answer_with_more_words_is_left_to_the_sentence_rules():
    rows = call((1, "IR", "When will you start production?"), (2, "CEO", "Yes, later this year we will."))
    assert answered_forecasts(rows) == []
