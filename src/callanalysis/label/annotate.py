"""The sentence table with labels: one row per sentence of a parsed call.

Promises of :func:`annotate`:

* one row per sentence of :func:`callanalysis.parse.sentences.split_call`, in order, with the
  columns of :data:`~callanalysis.label.columns.COLUMNS` in that order:
  ``sentence_id, turn, speaker, role, section, start, end, text`` (from the parser; offsets
  into the raw file), then the labels of :func:`callanalysis.label.labels.label_sentence`:
  ``claim, forecast, hedged, boosted`` (int 0/1), ``hedge_cues, booster_cues`` (``;``-joined,
  empty when none), ``horizon_text``, ``horizon_start, horizon_end`` (ISO dates or empty
  strings), ``anachronism`` (0/1), ``quantities`` (``;``-joined ``"value unit"``, e.g.
  ``"2500000000 USD;18.9 %"``), ``topic``, and finally ``forecast_cues`` (the forward-looking
  cues that fired);
* each sentence is labelled in its context: the speaker's role, the previous sentence of the
  same turn (with its forecast label and the last topic of the turn) and, for a turn's first
  sentence, whether another speaker's turn just ended on an open forecast scenario; a bare
  answer ("Yes.") to another speaker's question about the future is a forecast
  (:mod:`callanalysis.label.dialogue`), with the cue :data:`ANSWER_CUE`; an expectation voiced
  inside a story about the past is not (:mod:`callanalysis.label.narrative`); its cues stay
  in ``forecast_cues``;
* horizons are normalised against ``call.date``; when the call has no date the horizon text
  is kept and the dates are empty;
* deterministic; no file I/O per sentence (lexicons are read once per process); a call with
  no sentences gives an empty table with the columns.
"""

from __future__ import annotations

import pandas as pd

from .columns import COLUMNS, INT_COLUMNS
from .dialogue import Utterance, answered_forecasts
from .labels import SentenceContext, ends_on_scenario, label_sentence
from .narrative import NarrativeRow, future_in_past
from .quantities import format_quantities
from ..parse.sentences import sentence_spans
from ..parse.transcript import Call

__all__ = ["ANSWER_CUE", "COLUMNS", "annotate"]

ANSWER_CUE = "answers a question about the future"


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    rows: list[dict[str, object]] = []
    previous_turn = None
    context = SentenceContext()
    for sentence_id, (turn, start, end) in enumerate(sentence_spans(call), start=1):
        text = call.text[start:end]
        if turn is not previous_turn:  # a new turn: no previous sentence, perhaps an open scenario
            last = rows[-1] if rows else None
            open_scenario = bool(last) and last["speaker"] != turn.speaker and ends_on_scenario(last["text"], last["forecast"])
            context = SentenceContext(role=turn.role, continues_scenario=open_scenario)
            previous_turn = turn
        lab = label_sentence(text, call_date=call.date, context=context)
        rows.append({
            "sentence_id": sentence_id, "turn": turn.turn, "speaker": turn.speaker, "role": turn.role,
            "section": turn.section, "start": start, "end": end, "text": text,
            "claim": int(lab.claim), "forecast": int(lab.forecast), "hedged": int(lab.hedged),
            "boosted": int(lab.boosted), "hedge_cues": ";".join(lab.hedge_cues),
            "booster_cues": ";".join(lab.booster_cues), "horizon_text": lab.horizon_text,
            "horizon_start": lab.horizon_start.isoformat() if lab.horizon_start else "",
            "horizon_end": lab.horizon_end.isoformat() if lab.horizon_end else "",
            "anachronism": int(lab.anachronism), "quantities": format_quantities(lab.quantities),
            "topic": lab.topic, "forecast_cues": ";".join(lab.forecast_cues),
        })
        context = SentenceContext(
            role=turn.role, previous=text, previous_forecast=lab.forecast,
            previous_topic=lab.topic if lab.topic != "other" else context.previous_topic,
        )
    for i in answered_forecasts([Utterance(r["turn"], r["speaker"], r["text"]) for r in rows]):
        rows[i]["forecast"] = 1
        rows[i]["forecast_cues"] = ";".join(c for c in (rows[i]["forecast_cues"], ANSWER_CUE) if c)
    story = [NarrativeRow(r["turn"], r["text"], bool(r["forecast"]), r["horizon_text"]) for r in rows]
    for i in future_in_past(story):
        rows[i]["forecast"] = 0
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return table.astype({c: "int64" for c in INT_COLUMNS})
