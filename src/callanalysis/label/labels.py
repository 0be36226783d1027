"""Sentence labels: the single entry point that combines the detectors.

Promises of :func:`label_sentence`:

* returns a frozen :class:`SentenceLabels` with the four GUIDELINE labels
  (claim, forecast, hedged, boosted), the hedge and booster cues exactly as
  written, the forecast's horizon (text as written and normalised
  ``horizon_start`` / ``horizon_end`` relative to ``call_date``; all empty
  unless the sentence is a forecast with an explicit time), ``anachronism``
  (the horizon ends before the call date), the quantities stated and one
  topic;
* the labels are decided independently, as the guideline asks: hedged and
  boosted come from cue detection alone; forecast and claim also use the
  optional :class:`SentenceContext`: the speaker's role (investor
  relations' moderation is procedure; an analyst's reported forecast is a
  claim) and the previous sentence of the turn (a generic-'you' step right
  after a forecast, "That will be how cars work. You just summon the car.",
  continues the forecast scenario and is not a claim; so does the first
  sentence of a turn that completes the scenario another speaker's turn
  ended on, ``context.continues_scenario``: "You get out." / "You don't
  even think about it.");
* ``topic`` is :func:`~callanalysis.label.topics.assign_topic` of the sentence;
  when no topic keyword matches, a claim or forecast inherits the topic of
  the previous sentence of the same turn (``context.previous_topic``): the
  speaker is still talking about the same thing ("We think Q2 will be a lot
  better."); other sentences stay ``"other"``;
* a pure function of its inputs (no I/O after the lexicons are loaded once); deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .boosters import find_boosters
from .claims import is_claim, is_scenario_step
from .forecasts import analyse_forecast, decide_forecast, excluded_as, find_forecast_cues
from .hedges import dedupe, find_hedges
from .horizons import normalise, select_horizon, time_expressions
from .quantities import Quantity, find_quantities
from .topics import OTHER, assign_topic

__all__ = ["SentenceContext", "SentenceLabels", "ends_on_scenario", "label_sentence", "turn_topic"]


@dataclass(frozen=True)
class SentenceContext:
    """What is known about a sentence's place in the call.

    ``role`` is the speaker's role (``executive``, ``investor relations``,
    ``analyst``, ``operator``, ``unknown``); ``previous`` the preceding
    sentence of the same turn (None at the start of a turn);
    ``previous_forecast`` and ``previous_topic`` its labels, when already
    known (the forecast label is otherwise computed from ``previous``);
    ``position`` the sentence's 1-based position in its turn;
    ``continues_scenario`` that the sentence opens a turn right after another
    speaker's turn ended on a step of a forecast scenario (see
    :func:`ends_on_scenario`).
    """

    role: str | None = None
    previous: str | None = None
    position: int | None = None
    previous_forecast: bool | None = None
    previous_topic: str | None = None
    continues_scenario: bool = False


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


def label_sentence(text: str, *, call_date: date | None, context: SentenceContext | None = None) -> SentenceLabels:
    """Label one sentence (see module docstring). ``call_date`` anchors the horizons; with
    None, no horizon is normalised."""
    context = context or SentenceContext()
    role = context.role
    cues = find_forecast_cues(text)
    excluded = excluded_as(text, role)
    horizons = normalise(time_expressions(text), call_date) if call_date is not None else ()
    forecast = decide_forecast(text, cues, excluded, horizons, call_date).forecast
    if not forecast and not excluded and _continues(text, context, call_date):
        forecast = True  # "That will be how cars work. You just summon the car." / another speaker: "You get out."
    horizon = select_horizon(horizons, [c.start for c in cues], call_date) if forecast else None
    claim = is_claim(text, role=role, forecast=forecast, excluded=excluded, cues=cues)
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
    )


def _continues(text: str, context: SentenceContext, call_date: date | None) -> bool:
    """The sentence is a generic-'you' step of a forecast scenario left open before it: the
    previous sentence of its turn is a forecast (computed from ``context.previous`` when not
    given), or it opens a turn right after another speaker's turn ended on one."""
    if not is_scenario_step(text):
        return False
    if context.previous is None:
        return context.continues_scenario or bool(context.previous_forecast)
    previous = context.previous_forecast
    if previous is None:
        previous = analyse_forecast(context.previous, call_date=call_date, role=context.role).forecast
    return previous


def turn_topic(topic: str, claim: bool, forecast: bool, previous_topic: str | None) -> str:
    """The topic a sentence shows: its own (``topic``), or, for a claim or forecast with no topic
    keyword of its own, the turn's previous topic ("We think Q2 will be a lot better." continues
    what the speaker was talking about)."""
    if topic == OTHER and (claim or forecast) and previous_topic:
        return previous_topic
    return topic


def ends_on_scenario(last_text: str | None, last_forecast: bool | None) -> bool:
    """A turn whose last sentence is a forecast told as a generic-'you' step ("You get out.")
    leaves its scenario open for the next speaker to complete."""
    return bool(last_forecast and last_text is not None and is_scenario_step(last_text))
