"""What annotate's memory of sentences across calls promises: remembering changes no result.

A sentence is read once per context (``labels.read_sentence``) and labelled for each call date
(``labels.label_reading``); without a time expression its labels are remembered outright.
"""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from callanalysis import load
from callanalysis.label import annotate as annotate_module
from callanalysis.label.annotate import ANSWER_CUE, COLUMNS, annotate, clear_caches
from callanalysis.label.dialogue import Utterance, answered_forecasts
from callanalysis.label.labels import SentenceContext, label_reading, label_sentence, read_sentence
from callanalysis.label.narrative import NarrativeRow, future_in_past, story_openings

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


@pytest.mark.parametrize(
    "path", [SEED, *sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))], ids=lambda p: p.name
)
def test_bare_answers_are_found_at_turn_starts_as_over_every_sentence(path):
    table = annotate(load(path))
    rows = [Utterance(r.turn, r.speaker, r.text) for r in table.itertuples()]
    marked = [i for i, cues in enumerate(table["forecast_cues"]) if ANSWER_CUE in cues]
    assert marked == answered_forecasts(rows)
    if path == SEED:
        assert marked  # the seed has some


def test_stories_are_followed_from_the_openings_recorded_while_labelling(seed, monkeypatch):
    seen = {}
    clear = annotate_module._without_future_in_past

    def spy(rows, openings):
        seen["rows"], seen["openings"] = list(rows), list(openings)
        return clear(rows, openings)

    monkeypatch.setattr(annotate_module, "_without_future_in_past", spy)
    table = annotate(seed)
    rows, openings = seen["rows"], seen["openings"]
    assert openings and openings == story_openings([r[7] for r in rows])
    forecast, horizon = COLUMNS.index("forecast"), COLUMNS.index("horizon_text")
    cleared = future_in_past([NarrativeRow(r[1], r[7], bool(r[forecast]), r[horizon]) for r in rows])
    assert cleared
    assert table["forecast"].tolist() == [0 if i in cleared else r[forecast] for i, r in enumerate(rows)]
