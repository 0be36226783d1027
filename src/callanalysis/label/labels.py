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
* it is done in two steps, each public: :func:`read_sentence` reads what does
  not depend on the call date (cues, sentence type, time expressions not yet
  dated, quantities, own topic) into a :class:`SentenceReading`, and
  :func:`label_reading` labels a reading for a call date; a sentence without
  a time that can anchor a forecast (:attr:`SentenceReading.dated`) gets the
  same labels on every date;
* pure function of its inputs (no I/O after the lexicons are loaded once);
  deterministic. The detectors remember their results for recent sentences
  (``functools.lru_cache``, bounded), so a repeated sentence costs a lookup;
  :func:`clear_caches` forgets them, which changes no result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import boosters, claims, forecasts, hedges, horizons, lexicons, quantities, topics
from .boosters import find_boosters
from .claims import is_claim, is_scenario_step
from .forecasts import analyse_forecast, decide_forecast, excluded_as, find_forecast_cues
from .hedges import CueMatch, dedupe, find_hedges
from .horizons import TimeExpression, can_anchor, normalise, select_horizon, time_expressions
from .quantities import Quantity, find_quantities
from .topics import OTHER, assign_topic

__all__ = [
    "SentenceContext", "SentenceLabels", "SentenceReading", "clear_caches", "context_key", "ends_on_scenario",
    "label_reading", "label_sentence", "read_sentence", "turn_topic",
]


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

    ``call_date`` anchors the horizons; with None, no horizon is normalised. The same as
    :func:`label_reading` of :func:`read_sentence` (the context's role, and whether the
    sentence continues a forecast scenario) with the context's previous topic.
    """
    role = context.role if context else None
    continues = context is not None and _continues(text, context, call_date)
    previous_topic = context.previous_topic if context else None
    return label_reading(read_sentence(text, role=role, continues=continues), call_date, previous_topic=previous_topic)


def _continues(text: str, context: SentenceContext, call_date: date | None) -> bool:
    """The sentence is a generic-'you' step of a forecast scenario left open before it: the test
    of :func:`context_key`, once the previous forecast label is known (computed from
    ``context.previous`` when not given, and only for a step)."""
    prev = context.previous_forecast
    if prev is None and context.previous and is_scenario_step(text):
        prev = analyse_forecast(context.previous, call_date=call_date, role=context.role).forecast
    opens_after = context.continues_scenario and context.previous is None
    return bool(context_key(text, role=context.role, previous_forecast=prev, opens_after_scenario=opens_after)[1])


@dataclass(frozen=True)
class SentenceReading:
    """What :func:`label_sentence` reads of a sentence before the call date counts: the text
    with its speaker's ``role`` and whether it ``continues`` an open forecast scenario, its
    cues, sentence type (``excluded_as``), time expressions (not yet dated), quantities and own
    topic. :func:`label_reading` turns it into the labels for a call date; a reading serves
    every call that has the sentence in the same context."""

    text: str
    role: str | None
    continues: bool
    hedge_cues: tuple[str, ...]
    booster_cues: tuple[str, ...]
    forecast_cues: tuple[CueMatch, ...]
    excluded_as: str
    times: tuple[TimeExpression, ...]
    quantities: tuple[Quantity, ...]
    topic: str
    _claims: dict[bool, bool] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def dated(self) -> bool:
        """Its labels depend on the call date: one of its times can anchor a forecast
        (:func:`~callanalysis.label.horizons.can_anchor`); otherwise :func:`label_reading` gives the
        same labels on every date, and without one."""
        return any(can_anchor(t) for t in self.times)

    def claim(self, forecast: bool) -> bool:
        """:func:`~callanalysis.label.claims.is_claim` of the sentence with its forecast label,
        remembered with the reading."""
        found = self._claims.get(forecast)
        if found is None:
            found = self._claims[forecast] = is_claim(self.text, role=self.role, forecast=forecast)
        return found


def read_sentence(text: str, *, role: str | None = None, continues: bool = False) -> SentenceReading:
    """The date-free :class:`SentenceReading` of ``text``."""
    return SentenceReading(
        text, role, continues,
        hedge_cues=dedupe(find_hedges(text)),
        booster_cues=dedupe(find_boosters(text)),
        forecast_cues=find_forecast_cues(text),
        excluded_as=excluded_as(text, role),
        times=time_expressions(text),
        quantities=find_quantities(text),
        topic=assign_topic(text),
    )


def label_reading(reading: SentenceReading, call_date: date | None, previous_topic: str | None = None) -> SentenceLabels:
    """The labels of a read sentence for a call on ``call_date`` (see module docstring): its
    horizons, the forecast decision (:func:`~callanalysis.label.forecasts.decide_forecast`; a step
    that continues an open scenario is a forecast unless its sentence type excludes it), the
    claim decision, and the topic shown after ``previous_topic`` (:func:`turn_topic`)."""
    cues = reading.forecast_cues
    horizons = normalise(reading.times, call_date) if call_date is not None else ()
    forecast = decide_forecast(reading.text, cues, reading.excluded_as, horizons, call_date).forecast
    if not forecast and not reading.excluded_as and reading.continues:
        forecast = True  # "That will be how cars work. You just summon the car." / another speaker: "You get out."
    horizon = select_horizon(horizons, [c.start for c in cues], call_date) if forecast else None
    claim = reading.claim(forecast)
    return SentenceLabels(
        claim=claim,
        forecast=forecast,
        hedged=bool(reading.hedge_cues),
        boosted=bool(reading.booster_cues),
        hedge_cues=reading.hedge_cues,
        booster_cues=reading.booster_cues,
        horizon_text=horizon.text if horizon else "",
        horizon_start=horizon.start if horizon else None,
        horizon_end=horizon.end if horizon else None,
        anachronism=bool(horizon and horizon.anachronism),
        quantities=reading.quantities,
        topic=turn_topic(reading.topic, claim, forecast, previous_topic),
        forecast_cues=dedupe(cues),
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
        horizons.time_expressions,
    ):
        cached.cache_clear()
