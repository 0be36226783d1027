"""What annotate's memory of sentences across calls promises: remembering changes no result.

A sentence is read once per context (``labels.read_sentence``) and labelled for each call date
(``labels.label_reading``); without a time expression its labels are remembered outright.
"""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from callanalysis import load
from callanalysis.annotate import annotate, clear_caches
from callanalysis.dialogue import Utterance, answered_forecasts
from callanalysis.labels import SentenceContext, label_reading, label_sentence, read_sentence
from callanalysis.narrative import NarrativeRow, future_in_past

from .conftest import FIXTURES, SEED

OTHER_DATES = (date(2019, 1, 30), date(2024, 12, 31), date(2031, 7, 1))


def _dated(call, when):
    return replace(call, metadata=replace(call.metadata, date=when))


@pytest.fixture(scope="module")
def seed():
    return load(SEED)


@pytest.mark.parametrize("when", OTHER_DATES)
def test_a_call_annotated_after_another_dated_call_matches_a_fresh_run(seed, when):
    later = _dated(seed, when)
    clear_caches()
    fresh = annotate(later)
    clear_caches()
    annotate(seed)  # every sentence remembered from a call on another date
    pd.testing.assert_frame_equal(annotate(later), fresh, check_exact=True)


def test_a_call_without_a_date_after_a_dated_one_matches_a_fresh_run(seed):
    undated = _dated(seed, None)
    clear_caches()
    fresh = annotate(undated)
    clear_caches()
    annotate(seed)
    pd.testing.assert_frame_equal(annotate(undated), fresh, check_exact=True)


def test_a_reading_that_is_not_dated_gets_the_same_labels_on_any_date(seed):
    readings = {r.text: read_sentence(r.text, role=r.role) for r in annotate(seed).itertuples()}
    undated = [reading for reading in readings.values() if not reading.dated]
    assert len(undated) > 300
    assert any(reading.times for reading in undated)  # "a year ago": a time that anchors no forecast
    for reading in undated:
        labels = {label_reading(reading, when) for when in (None, seed.date, *OTHER_DATES)}
        assert len(labels) == 1, reading.text


def test_a_time_that_can_anchor_a_forecast_makes_a_reading_dated():
    assert read_sentence("We expect deliveries to grow next year.").dated
    assert not read_sentence("Deliveries grew a year ago.").dated
    assert not read_sentence("Margins rose from 2023.").dated
    assert not read_sentence("Even if I leave tomorrow, the team will carry on.").dated
    assert not read_sentence("Thank you.").dated


def test_one_reading_labels_a_sentence_for_every_date_as_label_sentence_does(seed):
    for row in annotate(seed).itertuples():
        reading = read_sentence(row.text, role=row.role)
        for when in (seed.date, *OTHER_DATES, None):
            assert label_reading(reading, when) == label_sentence(
                row.text, call_date=when, context=SentenceContext(role=row.role)
            ), (row.text, when)


def test_a_reading_continues_a_scenario_as_the_context_says():
    step = "You just summon the car using your phone."
    after_forecast = SentenceContext(role="executive", previous="That will be how cars work.")
    reading = read_sentence(step, role="executive", continues=True)
    assert label_reading(reading, date(2024, 4, 23)) == label_sentence(step, call_date=date(2024, 4, 23), context=after_forecast)
    assert label_reading(reading, date(2024, 4, 23)).forecast
    assert not label_reading(read_sentence(step, role="executive"), date(2024, 4, 23)).forecast


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html")))
def test_bare_answers_are_found_at_turn_starts_as_over_every_sentence(name):
    table = annotate(load(FIXTURES / name))
    rows = [Utterance(r.turn, r.speaker, r.text) for r in table.itertuples()]
    marked = [i for i, cues in enumerate(table["forecast_cues"]) if "answers a question about the future" in cues]
    assert marked == answered_forecasts(rows)


def test_bare_answers_in_the_seed_are_found_as_over_every_sentence(seed):
    table = annotate(seed)
    rows = [Utterance(r.turn, r.speaker, r.text) for r in table.itertuples()]
    marked = [i for i, cues in enumerate(table["forecast_cues"]) if "answers a question about the future" in cues]
    assert marked and marked == answered_forecasts(rows)


def test_stories_in_the_seed_are_cleared_as_from_every_sentence(seed):
    table = annotate(seed)
    cleared = [
        i for i, (forecast, cues) in enumerate(zip(table["forecast"], table["forecast_cues"]))
        if not forecast and cues and "answers a question" not in cues
        and label_sentence(table["text"][i], call_date=seed.date, context=SentenceContext(role=table["role"][i])).forecast
    ]
    rows = [NarrativeRow(r.turn, r.text, True if i in cleared else bool(r.forecast), r.horizon_text) for i, r in enumerate(table.itertuples())]
    assert cleared and future_in_past(rows) == cleared
