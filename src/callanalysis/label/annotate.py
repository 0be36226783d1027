"""The sentence table with labels: one row per sentence of a parsed call.

Promises of :func:`annotate`:

* one row per sentence of :func:`callanalysis.parse.sentences.split_call`, in order,
  with the columns of :data:`COLUMNS` in that order:
  ``sentence_id, turn, speaker, role, section, start, end, text`` (from the
  parser; offsets into the raw file), then the labels of
  :func:`callanalysis.label.labels.label_sentence`: ``claim, forecast, hedged,
  boosted`` (int 0/1), ``hedge_cues, booster_cues`` (``;``-joined, empty when
  none), ``horizon_text``, ``horizon_start, horizon_end`` (ISO dates or empty
  strings), ``anachronism`` (0/1), ``quantities`` (``;``-joined
  ``"value unit"``, e.g. ``"2500000000 USD;18.9 %"``), ``topic``, and
  finally ``forecast_cues`` (the forward-looking cues that fired);
* each sentence is labelled with its context: the speaker's role, the
  previous sentence of the same turn (with its forecast label and the last
  topic of the turn), its position in the turn and, for a turn's first
  sentence, whether another speaker's turn just ended on an open forecast
  scenario; a bare answer ("Yes.")
  to another speaker's question about the future is a forecast
  (:mod:`callanalysis.label.dialogue`), with the cue
  ``answers a question about the future``; an expectation voiced inside a
  story about the past ("I still remember when Nokia was king of the hill
  ... There's not going to be any flip phones.") is not
  (:mod:`callanalysis.label.narrative`); its cues stay in ``forecast_cues``;
* horizons are normalised against ``call.date``; when the call has no date
  the horizon text is kept and the dates are empty;
* deterministic; no file I/O per sentence (lexicons are read once per
  process); a call with no sentences gives an empty table with the columns;
* a process remembers what it read of the last :data:`LABELLED_CACHE`
  distinct sentences in context across calls (a corpus repeats "Thank you."
  and the operator's script); :func:`clear_caches` forgets it, which changes
  no result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple, TypeVar, overload

import numpy as np
import pandas as pd

from . import collector
from .columns import COLUMNS, INT_COLUMNS
from .dialogue import Utterance, answered_forecasts
from .labels import SentenceLabels, SentenceReading, context_key, ends_on_scenario, label_reading, read_sentence, turn_topic
from .labels import clear_caches as clear_detector_caches
from .narrative import NarrativeRow, future_in_past, opens_story
from .quantities import format_quantities
from ..parse.sentences import sentence_spans
from ..parse.transcript import Call, Turn

__all__ = ["COLUMNS", "annotate", "annotate_rows", "clear_caches"]

#: Position of the topic among the label cells (:func:`_label_cells`, COLUMNS from ``claim`` on).
_TOPIC_CELL = COLUMNS.index("topic") - COLUMNS.index("claim")


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    return _frame(annotate_rows(call))


def annotate_rows(call: Call) -> list[tuple[object, ...]]:
    """The rows of :func:`annotate` as plain tuples in :data:`COLUMNS` order, before any table
    is built: integer columns hold ``int`` values, the others ``str`` values."""
    with collector.paused():  # no reference cycles are made: reference counting frees it all
        return _rows(call)


def _rows(call: Call) -> list[tuple[object, ...]]:
    """One tuple per sentence, in :data:`COLUMNS` order."""
    call_date = call.date
    call_text = call.text
    rows = []
    turn_starts: list[int] = []  # row positions where a new turn begins
    openings: list[int] = []  # row positions of the sentences that open a story (narrative)
    prev_turn: Turn | None = None
    prev_text: str | None = None
    prev_forecast: bool | None = None
    prev_topic: str | None = None
    prev_speaker: str | None = None
    open_scenario = False
    # A sentence that comes again in the same relevant context (labels.context_key: "Thank
    # you." from an analyst) is labelled once per call (``seen``), and read once per process
    # while it is remembered (_remembered), then shows its turn's topic (turn_topic).
    seen: dict[tuple[str, str, bool], _Labelled] = {}
    # the sentences of split_call (numbered through the call), without their objects
    for sentence_id, (t, start, end) in enumerate(sentence_spans(call), start=1):
        text = call_text[start:end]
        if t is not prev_turn:
            open_scenario = t.speaker != prev_speaker and ends_on_scenario(prev_text, prev_forecast)
            prev_text, prev_forecast, prev_topic = None, None, None
            turn_starts.append(sentence_id - 1)
        role, continues = context_key(
            text, role=t.role, previous_forecast=prev_forecast, opens_after_scenario=open_scenario and prev_text is None
        )
        key = (text, role, continues)
        done = seen.get(key)
        if done is None:
            done = seen[key] = _labelled(text, role, continues, call_date)
        cells, claim, forecast, own_topic, opens = done
        topic = turn_topic(own_topic, claim, forecast, prev_topic)
        if topic != own_topic:
            cells = (*cells[:_TOPIC_CELL], topic, *cells[_TOPIC_CELL + 1 :])
        if opens:
            openings.append(sentence_id - 1)
        rows.append((sentence_id, t.turn, t.speaker, role, t.section, start, end, text, *cells))
        prev_turn, prev_speaker, prev_text, prev_forecast = t, t.speaker, text, forecast
        prev_topic = topic if topic != "other" else prev_topic
    return _without_future_in_past(_with_answers(rows, turn_starts), openings)


class _Labelled(NamedTuple):
    """What a row takes from :func:`~callanalysis.label.labels.label_sentence`: its label cells, and
    what the rules that read along the call need."""

    cells: tuple[object, ...]
    claim: bool
    forecast: bool
    topic: str  # the sentence's own topic (before turn_topic)
    opens_story: bool  # narrative.opens_story


class _Dated(NamedTuple):
    """A sentence whose labels depend on the call date (a time in it can anchor a forecast):
    what it says, read once, to be labelled for each call."""

    reading: SentenceReading
    opens_story: bool


#: How many distinct (sentence, context) pairs a process remembers across calls.
LABELLED_CACHE = 32_768


def _labelled(text: str, role: str, continues: bool, call_date: date | None) -> _Labelled:
    """:func:`~callanalysis.label.labels.label_sentence` of ``text`` said by a speaker of ``role``,
    continuing an open forecast scenario or not (:func:`~callanalysis.label.labels.context_key`), on
    ``call_date``, with no previous topic."""
    found = _remembered(text, role, continues)
    if isinstance(found, _Dated):
        return _row_labels(found.reading, call_date, found.opens_story)
    return found


@lru_cache(maxsize=LABELLED_CACHE)
def _remembered(text: str, role: str, continues: bool) -> _Labelled | _Dated:
    """What :func:`_labelled` takes from a sentence in its context, remembered for the last
    :data:`LABELLED_CACHE` of them: calls repeat sentences ("Thank you.", the operator's script,
    a company's safe-harbour text) and a worker sees many calls.

    For a sentence whose labels do not depend on the call date (no time in it can anchor a
    forecast: :attr:`~callanalysis.label.labels.SentenceReading.dated`) that is its labels; for the
    others, the date-free :class:`~callanalysis.label.labels.SentenceReading`, labelled again for
    each call (:func:`~callanalysis.label.labels.label_reading`).
    """
    reading = read_sentence(text, role=role, continues=continues)  # as labels.context_key promises
    opens = opens_story(text)
    return _Dated(reading, opens) if reading.dated else _row_labels(reading, None, opens)


def _row_labels(reading: SentenceReading, call_date: date | None, opens: bool) -> _Labelled:
    """The row's labels of a reading for the call date."""
    lab = label_reading(reading, call_date)
    return _Labelled(_label_cells(lab), lab.claim, lab.forecast, lab.topic, opens)


def clear_caches() -> None:
    """Forget every remembered result: the sentences of :func:`_remembered` and the detectors'
    (:func:`callanalysis.label.labels.clear_caches`). No result depends on them."""
    _remembered.cache_clear()
    clear_detector_caches()


def _label_cells(lab: SentenceLabels) -> tuple[object, ...]:
    """The label columns of one row (:data:`COLUMNS` from ``claim`` on)."""
    return (
        int(lab.claim), int(lab.forecast), int(lab.hedged), int(lab.boosted),
        ";".join(lab.hedge_cues), ";".join(lab.booster_cues), lab.horizon_text,
        lab.horizon_start.isoformat() if lab.horizon_start else "",
        lab.horizon_end.isoformat() if lab.horizon_end else "",
        int(lab.anachronism), format_quantities(lab.quantities), lab.topic, ";".join(lab.forecast_cues),
    )


_FORECAST = COLUMNS.index("forecast")
_FORECAST_CUES = COLUMNS.index("forecast_cues")
_HORIZON_TEXT = COLUMNS.index("horizon_text")
ANSWER_CUE = "answers a question about the future"


def _with_answers(rows: list[tuple[object, ...]], turn_starts: list[int]) -> list[tuple[object, ...]]:
    """Mark bare answers to questions about the future as forecasts (see :mod:`.dialogue`),
    reading the rows only where a turn begins (``turn_starts``, row positions)."""
    utterances = _RowView(rows, lambda r: Utterance(int(r[1]), str(r[2]), str(r[7])))  # type: ignore[call-overload]
    for i in answered_forecasts(utterances, turn_starts):
        row = list(rows[i])
        row[_FORECAST] = 1
        row[_FORECAST_CUES] = ";".join(c for c in (str(row[_FORECAST_CUES]), ANSWER_CUE) if c)
        rows[i] = tuple(row)
    return rows


_Item = TypeVar("_Item")


class _RowView(Sequence[_Item]):
    """The rows as items of a rule's own type (``make`` of each row), each made when read: the
    cross-sentence rules read few rows of a call."""

    def __init__(self, rows: list[tuple[object, ...]], make: Callable[[tuple[object, ...]], _Item]) -> None:
        self._rows, self._make = rows, make

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> _Item: ...
    @overload
    def __getitem__(self, i: slice) -> list[_Item]: ...
    def __getitem__(self, i: int | slice) -> _Item | list[_Item]:
        if isinstance(i, slice):
            return [self._make(r) for r in self._rows[i]]
        return self._make(self._rows[i])


def _without_future_in_past(rows: list[tuple[object, ...]], openings: list[int]) -> list[tuple[object, ...]]:
    """Clear the forecast label of expectations voiced inside a story about the past
    (see :mod:`.narrative`); ``openings`` are the row positions of the sentences that open a story."""
    narrative = _RowView(rows, lambda r: NarrativeRow(int(r[1]), str(r[7]), bool(r[_FORECAST]), str(r[_HORIZON_TEXT])))  # type: ignore[call-overload]
    for i in future_in_past(narrative, openings):
        row = list(rows[i])
        row[_FORECAST] = 0
        rows[i] = tuple(row)
    return rows


def _frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """The table of ``rows`` (tuples in :data:`COLUMNS` order), integer columns as int64.

    Built column by column (faster than from rows); an empty table keeps the dtypes that
    ``pd.DataFrame([], columns=COLUMNS)`` gives it, integer columns as int64.
    """
    if not rows:
        return pd.DataFrame([], columns=list(COLUMNS)).astype({c: "int64" for c in INT_COLUMNS})
    columns = dict(zip(COLUMNS, (list(c) for c in zip(*rows))))
    for name in INT_COLUMNS:
        columns[name] = np.array(columns[name], dtype=np.int64)
    return pd.DataFrame(columns)
