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
* ``topic`` is :func:`~callanalysis.topics.assign_topic` of the sentence;
  when no topic keyword matches, a claim or forecast inherits the topic of
  the previous sentence of the same turn (``context.previous_topic``): the
  speaker is still talking about the same thing ("We think Q2 will be a lot
  better."); other sentences stay ``"other"``;
* pure function of its inputs (no I/O after the lexicons are loaded once);
  deterministic. The detectors remember their results for recent sentences
  (``functools.lru_cache``, bounded), so a repeated sentence costs a lookup;
  :func:`clear_caches` forgets them, which changes no result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import boosters, claims, forecasts, hedges, horizons, lexicons, quantities, topics
from .boosters import find_boosters
from .claims import is_claim, is_scenario_step
from .forecasts import ForecastResult, analyse_forecast
from .hedges import CueMatch, dedupe, find_hedges
from .horizons import select_horizon
from .quantities import Quantity, find_quantities
from .topics import OTHER, assign_topic

__all__ = ["SentenceContext", "SentenceLabels", "clear_caches", "context_key", "ends_on_scenario", "label_sentence", "turn_topic"]


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

    @property
    def is_analyst(self) -> bool:
        return self.role == "analyst"


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


def label_sentence(
    text: str, *, call_date: date | None, context: SentenceContext | None = None
) -> SentenceLabels:
    """Label one sentence (see module docstring).

    ``call_date`` anchors the horizons; with None, no horizon is normalised.
    """
    role = context.role if context else None
    hedges: tuple[CueMatch, ...] = find_hedges(text)
    boosters: tuple[CueMatch, ...] = find_boosters(text)
    fc = analyse_forecast(text, call_date=call_date, role=role)
    # What this reads of the context is what context_key holds: keep the two in step.
    if not fc.forecast and not fc.excluded_as and context is not None and is_scenario_step(text):
        prev = context.previous_forecast
        if prev is None and context.previous:
            prev = analyse_forecast(context.previous, call_date=call_date, role=role).forecast
        if _scenario_open(prev, context.continues_scenario and context.previous is None):
            # "That will be how cars work. You just summon the car." / another speaker: "You get out."
            fc = ForecastResult(True, fc.cues, fc.horizons)
    horizon = None
    if fc.forecast:
        horizon = select_horizon(fc.horizons, [c.start for c in fc.cues], call_date)
    claim = is_claim(text, role=role, forecast=fc.forecast)
    topic = turn_topic(assign_topic(text), claim, fc.forecast, context.previous_topic if context else None)
    return SentenceLabels(
        claim=claim,
        forecast=fc.forecast,
        hedged=bool(hedges),
        boosted=bool(boosters),
        hedge_cues=dedupe(hedges),
        booster_cues=dedupe(boosters),
        horizon_text=horizon.text if horizon else "",
        horizon_start=horizon.start if horizon else None,
        horizon_end=horizon.end if horizon else None,
        anachronism=bool(horizon and horizon.anachronism),
        quantities=find_quantities(text),
        topic=topic,
        forecast_cues=dedupe(fc.cues),
    )


def turn_topic(topic: str, claim: bool, forecast: bool, previous_topic: str | None) -> str:
    """The topic a sentence shows: its own (``topic``), or, for a claim or forecast with no topic
    keyword of its own, the turn's previous topic ("We think Q2 will be a lot better." continues
    what the speaker was talking about)."""
    if topic == OTHER and (claim or forecast) and previous_topic:
        return previous_topic
    return topic


def context_key(
    text: str, *, role: str | None, previous_forecast: bool | None, opens_after_scenario: bool
) -> tuple[object, ...]:
    """What :func:`label_sentence` reads of a sentence's context besides the previous topic,
    as a hashable key: two sentences with the same text, call date and key get the same labels,
    except that each shows :func:`turn_topic` of its own previous topic.

    ``previous_forecast`` is None at the start of a turn (and only then), and
    ``opens_after_scenario`` says that the sentence opens a turn with
    ``continues_scenario``. The key holds the role and whether the sentence would continue a
    forecast scenario (the previous sentence's text and the position do not change the labels
    once the previous forecast label is known).
    """
    continues = _scenario_open(previous_forecast, opens_after_scenario) and is_scenario_step(text)
    return (role, continues)


def _scenario_open(previous_forecast: bool | None, opens_after_scenario: bool) -> bool:
    """A forecast scenario is open before the sentence: the previous sentence of its turn is a
    forecast, or the sentence opens a turn right after another speaker's turn ended on one."""
    return bool(previous_forecast or opens_after_scenario)


def ends_on_scenario(last_text: str | None, last_forecast: bool | None) -> bool:
    """A turn whose last sentence is a forecast told as a generic-'you' step ("You get out.")
    leaves its scenario open for the next speaker to complete."""
    return bool(last_forecast and last_text is not None and is_scenario_step(last_text))


def clear_caches() -> None:
    """Forget the detectors' per-sentence results (their bounded ``lru_cache`` caches).

    Lexicons and compiled patterns stay loaded. No result depends on the caches; benchmarks
    clear them to time text the process has not seen.
    """
    for cached in (
        lexicons._screen,
        hedges._find_hedges,
        boosters.find_boosters,
        forecasts.find_forecast_cues,
        forecasts.analyse_forecast,
        forecasts.is_question,
        forecasts.is_request,
        forecasts.is_call_procedure,
        claims.claim_reason,
        claims.is_scenario_step,
        topics.assign_topic,
        quantities.find_quantities,
        horizons._expressions,
    ):
        cached.cache_clear()
