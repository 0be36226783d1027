"""Sentence labels: the single entry point that combines the detectors.

Promises of :func:`label_sentence`:

* returns a frozen :class:`SentenceLabels` with the sentence's type
  (:func:`~callanalysis.label.sentence_types.sentence_type`), the four GUIDELINE labels (claim,
  forecast, hedged, boosted), the hedge and booster cues exactly as written, the forecast's
  horizon (text as written and normalised ``horizon_start`` / ``horizon_end`` for the call's
  :class:`~callanalysis.label.horizons.Anchor`; all empty unless the sentence is a forecast
  with an explicit time), ``anachronism`` (the horizon ends before the call date), the
  quantities stated and one topic;
* the labels are decided independently, as the guideline asks: hedged and boosted come from
  cue detection alone, in sentences of every type; forecast and claim need a statement and use
  the speaker's role (an analyst's reported forecast is a claim);
* ``topic`` is :func:`~callanalysis.label.topics.assign_topic` of the sentence; when no topic
  keyword matches, a claim or forecast inherits the topic of the previous sentence of the same
  turn (``context.previous_topic``): the speaker is still talking about the same thing ("We
  think Q2 will be a lot better."); other sentences stay ``"other"``;
* a pure function of its inputs (no I/O after the lexicons are loaded once); deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .boosters import find_boosters
from .claims import is_claim
from .forecasts import decide_forecast, find_forecast_cues
from .hedges import dedupe, find_hedges
from .horizons import Anchor, anchor, normalise, select_horizon, time_expressions
from .quantities import Quantity, find_quantities
from .sentence_types import STATEMENT, sentence_type
from .topics import OTHER, assign_topic

__all__ = ["SentenceContext", "SentenceLabels", "label_sentence", "turn_topic"]


@dataclass(frozen=True)
class SentenceContext:
    """What is known about a sentence's place in the call: the speaker's ``role``
    (``executive``, ``investor relations``, ``analyst``, ``operator``, ``unknown``) and the
    topic of the turn so far (``previous_topic``, None at the start of a turn)."""

    role: str | None = None
    previous_topic: str | None = None


@dataclass(frozen=True)
class SentenceLabels:
    """All labels of one sentence."""

    claim: bool
    forecast: bool
    hedged: bool
    boosted: bool
    hedge_cues: tuple[str, ...]
    booster_cues: tuple[str, ...]
    horizon_text: str
    horizon_start: date | None
    horizon_end: date | None
    anachronism: bool
    quantities: tuple[Quantity, ...]
    topic: str
    forecast_cues: tuple[str, ...] = ()
    sentence_type: str = "statement"


def label_sentence(text: str, *, when: Anchor | date | None, context: SentenceContext | None = None) -> SentenceLabels:
    """Label one sentence (see module docstring). ``when`` places the call in time (its
    :class:`~callanalysis.label.horizons.Anchor`, or its date: calendar quarters); with None,
    no horizon is normalised and no time counts."""
    context = context or SentenceContext()
    a = anchor(when) if isinstance(when, date) else when
    call_date = a.call if a else None
    stype = sentence_type(text, context.role)
    cues = find_forecast_cues(text)
    # times matter only to a statement with a future verb group (its decision and horizon)
    horizons = normalise(time_expressions(text), a) if a is not None and cues and stype == STATEMENT else ()
    forecast = decide_forecast(text, cues, stype, horizons, call_date)
    horizon = select_horizon(horizons, [c.start for c in cues], call_date) if forecast else None
    claim = is_claim(text, role=context.role, forecast=forecast, stype=stype, cues=cues)
    hedge_cues = dedupe(find_hedges(text))
    booster_cues = dedupe(find_boosters(text))
    return SentenceLabels(
        claim=claim,
        forecast=forecast,
        hedged=bool(hedge_cues),
        boosted=bool(booster_cues),
        hedge_cues=hedge_cues,
        booster_cues=booster_cues,
        horizon_text=horizon.text if horizon else "",
        horizon_start=horizon.start if horizon else None,
        horizon_end=horizon.end if horizon else None,
        anachronism=bool(horizon and horizon.anachronism),
        quantities=find_quantities(text),
        topic=turn_topic(assign_topic(text), claim, forecast, context.previous_topic),
        forecast_cues=dedupe(cues),
        sentence_type=stype,
    )


def turn_topic(topic: str, claim: bool, forecast: bool, previous_topic: str | None) -> str:
    """The topic a sentence shows: its own (``topic``), or, for a claim or forecast with no topic
    keyword of its own, the turn's previous topic ("We think Q2 will be a lot better." continues
    what the speaker was talking about)."""
    if topic == OTHER and (claim or forecast) and previous_topic:
        return previous_topic
    return topic
