"""The sentence table with labels: one row per sentence of a parsed call.

:func:`annotate` gives one row per sentence of :func:`callanalysis.parse.sentences.split_call`, in
order, with the columns of :data:`~callanalysis.label.columns.COLUMNS`: the parser's
``sentence_id, turn, speaker, role, section, start, end, text`` (offsets into the raw file), then
the labels of :func:`label_sentence`:

* ``claim, forecast, hedged, boosted`` (0/1), decided independently as the guideline asks (cues
  alone make a sentence of any type hedged or boosted; forecast and claim need a statement and
  the speaker's role); ``hedge_cues, booster_cues, forecast_cues``: the cues as written,
  ``;``-joined; ``horizon_text, horizon_start, horizon_end`` (ISO dates) of a forecast with an
  explicit time, ``anachronism`` (it ends before the call date); ``quantities`` (``"-2500000000
  USD;18.9 %"``); ``topic``;
* a claim or forecast with no topic keyword and no quantity of its own takes the topic the
  sentence right before it in the same turn names ("Energy storage deployments reached a record.
  And that looks likely to continue."), one step only;
* the forecast label is then read in context (:func:`~callanalysis.label.context.forecast_context`);
  a sentence that the context makes no forecast loses its horizon;
* times are read against the call's date and reported quarter
  (:func:`~callanalysis.label.horizons.anchor`); with no date no time counts;
* deterministic; lexicons are read once per process; no sentences give an empty table.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .boosters import booster_cues
from .claims import is_claim
from .columns import COLUMNS, INT_COLUMNS
from .context import Said, forecast_context
from .forecasts import decide_forecast, find_forecast_cues
from .hedges import hedge_cues
from .horizons import Anchor, anchor, normalise, select_horizon, time_expressions
from .lexicons import Words, dedupe
from .quantities import find_quantities, format_quantities
from .sentence_types import STATEMENT, sentence_type
from .topics import OTHER, assign_topic
from ..parse.sentences import sentence_spans
from ..parse.transcript import Call

def label_sentence(text: str, *, when: Anchor | date | None, role: str | None = None) -> dict[str, object]:
    """The label columns of one sentence (see module docstring). ``when`` places the call in
    time (its :class:`~callanalysis.label.horizons.Anchor`, or its date: calendar quarters);
    with None, no time counts; ``role`` is the speaker's role."""
    a = anchor(when) if isinstance(when, date) else when
    call_date = a.call if a else None
    words = Words(text)  # read once for every lexicon and the sentence type
    stype = sentence_type(words, role)
    cues = find_forecast_cues(words)
    # times matter only to a statement with a future verb group (its decision and horizon)
    horizons = normalise(time_expressions(words), a) if a is not None and cues and stype == STATEMENT else ()
    forecast = decide_forecast(text, cues, stype, horizons, call_date)
    horizon = select_horizon(horizons, [c.start for c in cues], call_date) if forecast else None
    claim = is_claim(words, role=role, forecast=forecast, stype=stype, cues=cues)
    hedges, boosters, quantities = hedge_cues(words), booster_cues(words), find_quantities(words)
    return {
        "claim": int(claim), "forecast": int(forecast), "hedged": int(bool(hedges)), "boosted": int(bool(boosters)),
        "hedge_cues": ";".join(hedges), "booster_cues": ";".join(boosters), "horizon_text": horizon.text if horizon else "",
        "horizon_start": horizon.start.isoformat() if horizon else "", "horizon_end": horizon.end.isoformat() if horizon else "",
        "anachronism": int(bool(horizon and horizon.anachronism)), "quantities": format_quantities(quantities),
        "topic": assign_topic(words), "forecast_cues": ";".join(dedupe(cues)),
    }


def annotate(call: Call) -> pd.DataFrame:
    """Label every sentence of ``call`` (see module docstring)."""
    meta = call.metadata
    when = anchor(call.date, meta.quarter, meta.fiscal_year) if call.date else None
    rows: list[dict[str, object]] = []
    named, last_turn = OTHER, None  # the topic that the sentence before names, and its turn
    for sentence_id, (turn, start, end) in enumerate(sentence_spans(call), start=1):
        text = call.text[start:end]
        row = {
            "sentence_id": sentence_id, "turn": turn.turn, "speaker": turn.speaker, "role": turn.role,
            "section": turn.section, "start": start, "end": end, "text": text,
            **label_sentence(text, when=when, role=turn.role),
        }
        own = row["topic"]
        if own == OTHER and (row["claim"] or row["forecast"]) and not row["quantities"] and turn.turn == last_turn:
            row["topic"] = named
        rows.append(row)
        named, last_turn = own, turn.turn
    said = [
        Said(r["turn"], r["speaker"], r["text"], bool(r["forecast"]), r["forecast_cues"],
             date.fromisoformat(r["horizon_end"]) if r["horizon_end"] else None)
        for r in rows
    ]
    for i, forecast in forecast_context(said, call.date).items():
        rows[i]["forecast"] = int(forecast)
        if not forecast:
            rows[i].update(horizon_text="", horizon_start="", horizon_end="", anachronism=0)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return table.astype({c: "int64" for c in INT_COLUMNS})
