"""The sentence table with labels: one row per sentence of a parsed call.

Promises of :func:`annotate`:

* one row per sentence of :func:`callanalysis.sentences.split_call`, in order,
  with the columns of :data:`COLUMNS` in that order:
  ``sentence_id, turn, speaker, role, section, start, end, text`` (from the
  parser; offsets into the raw file), then the labels of
  :func:`callanalysis.labels.label_sentence`: ``claim, forecast, hedged,
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
  (:mod:`callanalysis.dialogue`), with the cue
  ``answers a question about the future``; an expectation voiced inside a
  story about the past ("I still remember when Nokia was king of the hill
  ... There's not going to be any flip phones.") is not
  (:mod:`callanalysis.narrative`); its cues stay in ``forecast_cues``;
* horizons are normalised against ``call.date``; when the call has no date
  the horizon text is kept and the dates are empty;
* deterministic; no file I/O per sentence (lexicons are read once per
  process); a call with no sentences gives an empty table with the columns.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from .columns import COLUMNS, INT_COLUMNS
from .dialogue import Utterance, answered_forecasts
from .labels import SentenceContext, SentenceLabels, context_key, ends_on_scenario, label_sentence, turn_topic
from .narrative import NarrativeRow, future_in_past
from .quantities import format_quantities
from .sentences import sentence_spans
from .transcript import Call, Turn

__all__ = ["COLUMNS", "annotate", "annotate_rows"]

#: Position of the topic among the label cells (:func:`_label_cells`, COLUMNS from ``claim`` on).
_TOPIC_CELL = COLUMNS.index("topic") - COLUMNS.index("claim")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, restoring its state after.

    Labelling allocates many short-lived objects and makes no reference cycles; with a large
    heap (pandas, a corpus in progress) the collections those allocations trigger cost about
    a fifth of the time. Plain reference counting still frees everything as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    return _frame(annotate_rows(call))


def annotate_rows(call: Call) -> list[tuple[object, ...]]:
    """The rows of :func:`annotate` as plain tuples in :data:`COLUMNS` order, before any table
    is built: integer columns hold ``int`` values, the others ``str`` values."""
    with _gc_paused():
        return _rows(call)


def _rows(call: Call) -> list[tuple[object, ...]]:
    """One tuple per sentence, in :data:`COLUMNS` order."""
    call_date = call.date
    call_text = call.text
    rows = []
    prev_turn: Turn | None = None
    prev_text: str | None = None
    prev_forecast: bool | None = None
    prev_topic: str | None = None
    prev_speaker: str | None = None
    open_scenario = False
    position = 0
    # label_sentence is a pure function of its arguments, and the call date is the call's: a
    # sentence that comes again with the same relevant context (labels.context_key: "Thank
    # you." from an analyst) is labelled once per call, then shows its turn's topic (turn_topic)
    labelled: dict[tuple[object, ...], tuple[tuple[object, ...], bool, bool, str]] = {}
    # the sentences of split_call (numbered through the call), without their objects
    for sentence_id, (t, start, end) in enumerate(sentence_spans(call), start=1):
        text = call_text[start:end]
        if t is not prev_turn:
            open_scenario = t.speaker != prev_speaker and ends_on_scenario(prev_text, prev_forecast)
            prev_text, prev_forecast, prev_topic, position = None, None, None, 0
        position += 1
        key = (text, *context_key(
            text, role=t.role, previous_forecast=prev_forecast, opens_after_scenario=open_scenario and prev_text is None
        ))
        done = labelled.get(key)
        if done is None:
            context = SentenceContext(
                role=t.role, previous=prev_text, position=position, previous_forecast=prev_forecast,
                continues_scenario=open_scenario,
            )  # no previous topic: the sentence's own topic, for turn_topic below
            lab = label_sentence(text, call_date=call_date, context=context)
            done = labelled[key] = (_label_cells(lab), lab.claim, lab.forecast, lab.topic)
        cells, claim, forecast, own_topic = done
        topic = turn_topic(own_topic, claim, forecast, prev_topic)
        if topic != own_topic:
            cells = (*cells[:_TOPIC_CELL], topic, *cells[_TOPIC_CELL + 1 :])
        rows.append((sentence_id, t.turn, t.speaker, t.role, t.section, start, end, text, *cells))
        prev_turn, prev_speaker, prev_text, prev_forecast = t, t.speaker, text, forecast
        prev_topic = topic if topic != "other" else prev_topic
    return _without_future_in_past(_with_answers(rows))


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


def _with_answers(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Mark bare answers to questions about the future as forecasts (see :mod:`.dialogue`)."""
    utterances = [Utterance(r[1], r[2], r[7]) for r in rows]  # turn, speaker, text (int, str, str)
    for i in answered_forecasts(utterances):
        row = list(rows[i])
        row[_FORECAST] = 1
        row[_FORECAST_CUES] = ";".join(c for c in (str(row[_FORECAST_CUES]), ANSWER_CUE) if c)
        rows[i] = tuple(row)
    return rows


def _without_future_in_past(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Clear the forecast label of expectations voiced inside a story about the past
    (see :mod:`.narrative`)."""
    narrative = [NarrativeRow(int(r[1]), str(r[7]), bool(r[_FORECAST]), str(r[_HORIZON_TEXT])) for r in rows]
    for i in future_in_past(narrative):
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
