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
  topic of the turn) and its position in the turn;
* horizons are normalised against ``call.date``; when the call has no date
  the horizon text is kept and the dates are empty;
* deterministic; no file I/O per sentence (lexicons are read once per
  process); a call with no sentences gives an empty table with the columns.
"""

from __future__ import annotations

import pandas as pd

from .labels import SentenceContext, label_sentence
from .quantities import format_quantities
from .sentences import split_call
from .transcript import Call

__all__ = ["COLUMNS", "annotate"]

COLUMNS: tuple[str, ...] = (
    "sentence_id", "turn", "speaker", "role", "section", "start", "end", "text",
    "claim", "forecast", "hedged", "boosted", "hedge_cues", "booster_cues",
    "horizon_text", "horizon_start", "horizon_end", "anachronism", "quantities", "topic",
    "forecast_cues",
)


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    by_turn = {t.turn: t for t in call.turns}
    call_date = call.date
    rows = []
    prev_turn: int | None = None
    prev_text: str | None = None
    prev_forecast: bool | None = None
    prev_topic: str | None = None
    position = 0
    for s in split_call(call):
        t = by_turn[s.turn]
        if s.turn != prev_turn:
            prev_text, prev_forecast, prev_topic, position = None, None, None, 0
        position += 1
        lab = label_sentence(
            s.text, call_date=call_date, context=SentenceContext(role=t.role, previous=prev_text, position=position, previous_forecast=prev_forecast, previous_topic=prev_topic)
        )
        rows.append((
            s.sentence_id, s.turn, t.speaker, t.role, t.section, s.start, s.end, s.text,
            int(lab.claim), int(lab.forecast), int(lab.hedged), int(lab.boosted),
            ";".join(lab.hedge_cues), ";".join(lab.booster_cues), lab.horizon_text,
            lab.horizon_start.isoformat() if lab.horizon_start else "",
            lab.horizon_end.isoformat() if lab.horizon_end else "",
            int(lab.anachronism), format_quantities(lab.quantities), lab.topic, ";".join(lab.forecast_cues),
        ))
        prev_turn, prev_text, prev_forecast = s.turn, s.text, lab.forecast
        prev_topic = lab.topic if lab.topic != "other" else prev_topic
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    ints = ["sentence_id", "turn", "start", "end", "claim", "forecast", "hedged", "boosted", "anachronism"]
    return df.astype({c: "int64" for c in ints})
