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
* each sentence is labelled with its speaker's role and the topic of its turn so far; then its
  forecast label is read in context (:func:`callanalysis.label.context.forecast_context`: a
  bare answer to a question about the future, the future inside a recollection, the steps of a
  future scenario); a sentence that the context makes no forecast loses its horizon;
* times are read against the call: its date and the fiscal quarter the header says it reports
  on (:func:`callanalysis.label.horizons.anchor`); when the call has no date no time counts,
  the horizon text is kept and the dates are empty;
* deterministic; no file I/O per sentence (lexicons are read once per process); a call with
  no sentences gives an empty table with the columns.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .columns import COLUMNS, INT_COLUMNS
from .context import Said, forecast_context
from .horizons import anchor
from .labels import SentenceContext, label_sentence
from .quantities import format_quantities
from ..parse.sentences import sentence_spans
from ..parse.transcript import Call

__all__ = ["COLUMNS", "annotate"]


def lab_end(row: dict[str, object]) -> date | None:
    """The horizon end date of an annotated row, or None."""
    return date.fromisoformat(str(row["horizon_end"])) if row["horizon_end"] else None


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    meta = call.metadata
    when = anchor(call.date, meta.quarter, meta.fiscal_year) if call.date else None
    rows: list[dict[str, object]] = []
    previous_turn = None
    context = SentenceContext()
    for sentence_id, (turn, start, end) in enumerate(sentence_spans(call), start=1):
        text = call.text[start:end]
        if turn is not previous_turn:  # a new turn: no topic yet
            context = SentenceContext(role=turn.role)
            previous_turn = turn
        lab = label_sentence(text, when=when, context=context)
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
        if lab.topic != "other":
            context = SentenceContext(role=turn.role, previous_topic=lab.topic)
    said = [Said(r["turn"], r["speaker"], r["text"], bool(r["forecast"]), r["forecast_cues"], lab_end(r)) for r in rows]
    for i, forecast in forecast_context(said, call.date).items():
        rows[i]["forecast"] = int(forecast)
        if not forecast:
            rows[i].update(horizon_text="", horizon_start="", horizon_end="", anachronism=0)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return table.astype({c: "int64" for c in INT_COLUMNS})
