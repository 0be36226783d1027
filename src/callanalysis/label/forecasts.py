"""Forecasts: statements about the future that commit to an outcome
(GUIDELINE.md, "forecast"), plus the sentence-type tests shared with claims.

Promises:

* :func:`find_forecast_cues` returns the forward-looking cues of a sentence
  (from ``data/lexicons/forecast_cues.csv``: will / 'll / going to, expect,
  plan, intend, hope, "our goal is to", "we want to", "we have to",
  future adverbials ...), after context rules:

  - a future modal whose subject is generic "you" ("if you live there,
    you'll drive better"), whose clause is the outcome of a generic
    conditional ("if you sell a great product, the sales will be excellent"),
    that sits inside an if-clause, that ends in "we'll see." (no outcome), or
    that belongs to a routine introduced by a present-tense temporal clause
    ("once we have confidence, then we start shipping ..., they will give
    feedback") does not count;
  - "want to" / "have to" count with a first-person subject only, and not
    for call procedure ("I want to say", "we need to keep doing": policy);
  - the month "May" is not a modal;

* :func:`is_forecast` is true when the sentence is not a question, a
  request or call procedure, and either has a cue or names a time that ends
  after the call date without a past-tense main clause ("and continue to
  ramp this year"); a forecast stays one when hedged, negated ("we don't
  expect these to recur") or reported ("you expect a 2024 growth rate");
* :func:`is_question`, :func:`is_request`, :func:`is_call_procedure` classify
  sentences that are neither claims nor forecasts ("Next question, please.",
  "During this call, we will discuss our business outlook."); :func:`excluded_as`
  names the first of them that holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from .hedges import CueMatch, cue_matches, not_month as _not_month
from .horizons import Horizon, can_anchor, find_horizons
from .lexicons import CueMatcher, PatternSet, Rule, load_forecast_cues

__all__ = [
    "PAST_CLAUSE",
    "RULES",
    "ForecastResult",
    "analyse_forecast",
    "decide_forecast",
    "excluded_as",
    "find_forecast_cues",
    "is_call_procedure",
    "is_forecast",
    "is_question",
    "is_request",
]

_GENERIC_SUBJECT_BEFORE = re.compile(r"\byou(?:['’]re|\s+are|\s+just)?\s*$", re.IGNORECASE)
_GENERIC_CONDITION = re.compile(
    r"\bif\s+(?:you|somebody|someone|anyone|people|one)\b|\bfor\s+any\s+given\b|\bwhenever\b|\bevery\s+time\b"
    r"|^\W*(?:(?:so|and|but|anyway|then|now|well)\W+)*you\b",
    re.IGNORECASE,
)
_SPECIFIC_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:we|I|Tesla|us|our|there)|\d|\b[A-Z][a-z]+)(?:['’](?:re|m|s))?(?:\s+(?:is|are|am|will|also|still|just|really|then|definitely|certainly|probably))*\s*$"
)
_HABITUAL_SEQUENCE = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)*(?:once|when|whenever|every\s+time|each\s+time|after)\b[^,]*,\s*(?:then\s+)?"
    r"(?:we|they|it|you)\s+(?!will\b|won['’]t\b|shall\b|are\s+going\b|['’]re\s+going\b)(?:\w+ly\s+)?[a-z]+(?<!ed)\b",
    re.IGNORECASE,
)
_DISCOURSE_AFTER = re.compile(r"^\s+(?:add|say|mention|point\s+out|clarify|pass\s+it\s+on|go\s+to\s+the\s+next)\b", re.IGNORECASE)
_NONCOMMITTAL_AFTER = re.compile(r"^\s+see\s*(?:[.!,;]|$)", re.IGNORECASE)
_NOT_LIKE_BEFORE = re.compile(r"\bnot\s+like\s+$", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|what)\s+$", re.IGNORECASE)
_BE_ADJECTIVE_AFTER = re.compile(
    r"^\s+be\s+(?:very\s+|really\s+|more\s+|extremely\s+|super\s+)?(?:careful|mindful|prudent|cautious|thoughtful|disciplined|efficient|realistic|honest|clear)\b",
    re.IGNORECASE,
)
_PAST_NEGATION_BEFORE = re.compile(r"\b(?:didn['’]t|did\s+not|hadn['’]t|had\s+not|never)\s+(?:\w+\s+)?$", re.IGNORECASE)
_IF_CLAUSE_OPEN = re.compile(r"\b(?:if|unless|whether)\b[^,;.?!]*$", re.IGNORECASE)


def _future_modal(text: str, m: re.Match[str]) -> bool:
    before, after = text[: m.start()], text[m.end():]
    if _NONCOMMITTAL_AFTER.match(after):
        return False  # "we'll see." commits to nothing
    if _DISCOURSE_AFTER.match(after):
        return False  # "which I'll add": the speaker's next words, not a forecast
    if _GENERIC_SUBJECT_BEFORE.search(before):
        return False  # generic 'you': "you'll drive better"
    if _IF_CLAUSE_OPEN.search(before):
        return False  # inside the if-clause: supposed, not asserted
    if _HABITUAL_SEQUENCE.match(text):
        return False  # "once we have X, then we start Y, they will give feedback": a routine
    cond = _GENERIC_CONDITION.search(before)
    if cond and not _SPECIFIC_SUBJECT_BEFORE.search(before):
        return False  # outcome of a generic conditional
    return True


def _first_person(text: str, m: re.Match[str]) -> bool:
    """Subject is in the pattern; not inside a relative clause ("the work which we have to do")
    and not an attitude ("we have to be careful")."""
    before = text[: m.start()]
    if _RELATIVE_BEFORE.search(before) or _NOT_LIKE_BEFORE.search(before):
        return False  # "the work which we have to do", "it's not like we want to"
    return not _BE_ADJECTIVE_AFTER.match(text[m.end():])


def _not_past(text: str, m: re.Match[str]) -> bool:
    """'people didn't expect that' reports a past expectation, not a forecast."""
    return not _PAST_NEGATION_BEFORE.search(text[: m.start()])


#: Context rules named in the lexicon's ``rule`` column.
RULES: dict[str, Rule] = {
    "future_modal": _future_modal,
    "first_person": _first_person,
    "not_month": _not_month,
    "not_past": _not_past,
}

_QUESTION_END = re.compile(r"\?\s*[\"')\]]*\s*$")
_WH_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|then|ok|okay|now)\W+)*(?:what|how|why|when|where|who|which)\s+"
    r"(?:should|would|could|can|do|does|did|will|shall)\s+(?:we|you|they|i|he|she|it)\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"^\W*(?:(?:and|so|but|maybe|just|first|also|then|okay|ok|great|thanks|yes|hey|hi)\W+)*(?:can|could|would|will)\s+you\b"
    r"|\bI\s+was\s+(?:just\s+)?wondering\b|\bI['’]m\s+(?:just\s+)?(?:curious|wondering)\b"
    r"|\bI['’]d\s+be\s+interested\b|\bI['’]m\s+(?:not\s+)?(?:necessarily\s+)?asking\b|\byou\s+can\s+(?:just\s+)?(?:talk|elaborate|help|comment|speak|give|put)\b"
    r"|\bplease\b|\bI\s+have\s+a\s+follow-up\b|\bmy\s+follow-up\b|\bany\s+additional\s+commentary\b",
    re.IGNORECASE,
)
_PROCEDURE = PatternSet(
    [r"\b(?:next|first|second|third|fourth|fifth|last|final|following|one\s+more|another|my)\s+question\b"
    r"|\bquestion\s+(?:comes|is\s+(?:from|on|about))\b|\bgo\s+ahead\b|\bun-?mute\b|\bmuted\b|\bQ\s*&\s*A\b"
    r"|\b(?:during|on)\s+(?:this|the|today['’]s)\s+(?:call|webcast)\b|\bforward-looking\s+statements\b"
    r"|\btake\s+(?:that|this)\s+one\b|\bpass\s+it\s+on\b|\bchime\s+in\b|\blet['’]s\s+(?:go|start|try|move|take|turn|open)\b"
    r"|\bmove\s+on\b|\ball\s+the\s+time\s+we\s+have\b|\b(?:hand|turn)\s+it\s+(?:over|back)\b|\btaking\s+(?:the|my|our)\s+questions?\b"
    r"|\bopen\s+it\s+up\s+to\b|\bjoin\s+the\s+question\s+queue\b|\b(?:I|we)\s+can\s+start\b|\bI['’]ll\s+go\s+to\b"
    r"|\b(?:I|we)\s+(?:would|['’]d)\s+like\s+to\s+(?:thank|make\s+a\s+short\s+announcement)\b|\bwant\s+to\s+(?:say|add)\b"],
    re.IGNORECASE,
)
_MODERATION = re.compile(
    r"\b(?:talked|talk|talking)\s+about\s+(?:that|this)\b|\bquestion\b|\bcomments?\s+as\s+well\b|\bthank\b", re.IGNORECASE
)
_PAST_IRREGULAR = (
    r"was|were|had|did|said|saw|made|went|came|took|built|began|grew|fell|rose|sold|spent|knew|found|gave|brought|bought|"
    r"told|felt|left|led|kept|paid|met|ran|won|lost|became|wrote|struck|drove|chose|heard|held|meant|sent|understood|thought|got"
)
#: A past-tense or present-perfect clause, a past date or "ago": the sentence
#: reports something that has happened (shared with :mod:`callanalysis.label.claims`).
PAST_CLAUSE = PatternSet(
    [# word start first: the look-behinds then run at word starts only (same matches, sooner)
    rf"\b(?=\w)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!['’]ve\s)(?<!\bhave\s)(?:{_PAST_IRREGULAR})\b"
    r"|\b(?:we|i|they|he|she|it|you|who|that|which|company|tesla)\s+(?:\w+ly\s+|already\s+|also\s+|just\s+)?(?!(?:proceed|succeed|exceed|indeed|embed|shred)\b)\w{3,}ed\b"
    r"|\b(?:production|margins?|revenues?|costs?|sales|deliveries|prices?|deployments?|demand|volumes?|output|profitability|spending|capex)\s+"
    r"(?:\w+ly\s+)?(?:increased|decreased|declined|dropped|improved|reached|doubled|tripled|expanded|grew|rose|fell|came\s+in)\b"
    r"|\b(?:have|has|['’]ve)\s+(?:\w+ly\s+|already\s+|now\s+|also\s+|just\s+|not\s+|never\s+|all\s+)*"
    r"(?:been|\w+ed|done|made|seen|had|built|shown|taken|grown|sold|spent|given|become|begun|known|found|won|put|set|"
    r"said|told|met|paid|learned|started|gone)\b"
    r"|['’]s\s+(?:\w+ly\s+|already\s+|now\s+|also\s+|just\s+|never\s+)*(?:been|become|had|gotten|gone|done|made|taken|grown)\b"
    r"|\bago\b|\bpreviously\b|\bin\s+Q[1-4]\b"],
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A sentence that asks: ends with a question mark, or opens like a
    question ("So, then what should they do ...")."""
    return bool(_QUESTION_END.search(text) or _WH_QUESTION.match(text))


def is_request(text: str) -> bool:
    """A request or invitation to speak ("Maybe you can talk about ...", "please")."""
    return bool(_REQUEST.search(text))


#: Roles whose turns moderate the call (their :data:`_MODERATION` lines are procedure).
_MODERATORS = ("investor relations", "operator")


def is_call_procedure(text: str, role: str | None = None) -> bool:
    """Talk about the call itself: turn-taking, the safe-harbour statement,
    moderation by investor relations or the operator."""
    if _PROCEDURE.search(text):
        return True
    return role in _MODERATORS and bool(_MODERATION.search(text))


def excluded_as(text: str, role: str | None = None) -> str:
    """``"question"``, ``"request"`` or ``"procedure"``: the first of :func:`is_question`,
    :func:`is_request` and :func:`is_call_procedure` (with ``role``) that holds, in this
    order; ``""`` when none does."""
    if is_question(text):
        return "question"
    if is_request(text):
        return "request"
    return "procedure" if is_call_procedure(text, role) else ""


@cache
def _matcher() -> CueMatcher:
    return CueMatcher(load_forecast_cues(), RULES, "forecast_cues.csv")


def find_forecast_cues(text: str) -> tuple[CueMatch, ...]:
    """Forward-looking cues of ``text`` after context rules, in text order."""
    return cue_matches(_matcher(), text)


@dataclass(frozen=True)
class ForecastResult:
    """Decision and evidence for one sentence."""

    forecast: bool
    cues: tuple[CueMatch, ...]
    horizons: tuple[Horizon, ...]
    excluded_as: str = ""  # "question" / "request" / "procedure" when ruled out


def analyse_forecast(text: str, *, call_date: date | None, role: str | None = None) -> ForecastResult:
    """Forecast decision with its cues and the sentence's time expressions.

    Without a call date no time expression is normalised, so only cues count.
    """
    horizons = find_horizons(text, call_date) if call_date is not None else ()
    return decide_forecast(text, find_forecast_cues(text), excluded_as(text, role), horizons, call_date)


def decide_forecast(
    text: str, cues: tuple[CueMatch, ...], excluded: str, horizons: tuple[Horizon, ...], call_date: date | None
) -> ForecastResult:
    """The decision of :func:`analyse_forecast` from its evidence: the sentence's
    :func:`find_forecast_cues`, its :func:`excluded_as` and its horizons for ``call_date``
    (none without a date). Only a sentence with horizons, no cue and no exclusion depends on
    the date: it is a forecast when a horizon lies ahead of the call and no past-tense clause
    reports it."""
    if excluded:
        return ForecastResult(False, cues, horizons, excluded)
    if cues:
        return ForecastResult(True, cues, horizons)
    if call_date is None:
        return ForecastResult(False, cues, horizons)
    if any(_ahead(h, call_date) for h in horizons) and not PAST_CLAUSE.search(text):
        return ForecastResult(True, cues, horizons)
    return ForecastResult(False, cues, horizons)


def _ahead(horizon: Horizon, call_date: date) -> bool:
    """A time that ends after the call, in the call's year or later, and is no comparison, past
    reference or condition (:func:`~callanalysis.label.horizons.can_anchor`)."""
    return horizon.end > call_date and horizon.start.year >= call_date.year and can_anchor(horizon)


def is_forecast(text: str, *, call_date: date | None, role: str | None = None) -> bool:
    """True when the sentence commits to a future outcome (see module docstring)."""
    return analyse_forecast(text, call_date=call_date, role=role).forecast
