"""Forecasts: statements about the future that commit to an outcome (GUIDELINE.md, "forecast").

The decision follows the grammar of the sentence, not the times it names:

* only a statement (:mod:`.sentence_types`) can be a forecast ("Today, we will review the first
  quarter" is procedure; "we will share that guidance on our January call" is a scheduled event);
* a *future verb group*, a cue of ``data/lexicons/forecast_cues.csv`` (will / 'll / going to,
  expect, plan, intend, aim, "our guidance reflects", "margin to be about 17%", may / might /
  could + a verb of change ...), makes a statement a forecast where the clause asserts it
  (:data:`RULES`): not with a generic "you" ("if you live there, you'll drive better"), a
  generic conditional or a routine ("once we have confidence, then we start ..."), yet "you'll see X"
  told to the audience forecasts X unless it says where to look (``_audience_told``); not inside an
  if-clause, an assumption ("It also assumes there will be no restrictions") or an indirect
  question ("projecting a quarter when things will improve"), nor "we'll see."; not in the past
  ("I was just going to add") nor of ability ("issues we can anticipate"); "want to" / "have
  to" with a first-person subject, not for policy ("we have to be careful");
* a cue of the kind ``with_future_time`` (would, could be, we see, continue to, planned) needs a
  future time: a time of the sentence that ends after the call date
  (:func:`~callanalysis.label.horizons.anchor`) and is no comparison, past reference,
  condition or time that may mean the reported period ("strong performance this quarter"), or
  a future adverbial (:data:`FUTURE_ADVERBIAL`: "going forward", "over time");
* a time alone makes no forecast ("During the quarter, interest income resulted in ...").

A forecast stays one when hedged, negated ("we don't expect these to recur") or reported
("you expect a 2024 growth rate").
"""

from __future__ import annotations

import re
from datetime import date

from .hedges import not_month as _not_month
from .horizons import Anchor, Horizon, anchor, can_anchor, find_horizons
from .lexicons import CueMatch, CueMatcher, Rule
from .sentence_types import LATER, NAME, REMARK, STATEMENT, sentence_type


#: The lexicon ``kind`` of cues that count only with a future time.
WITH_FUTURE_TIME = "with_future_time"
_I = re.IGNORECASE

#: Generic "you" as the subject of a clause ("if you live there, you'll drive better"), not "you" in
#: a relative clause ("that's something you'll move forward with").
_GENERIC_SUBJECT_BEFORE = re.compile(r"(?:^|[,;:]|\b(?:and|but|so|then|that|because|like|as))\W*you(?:['’]re|\s+are|\s+just|\s+would)?\s*$", _I)
#: "if you recall", "if you look at": a way of pointing at something, not a condition.
_POINTING_IF = r"if\s+(?:you|we)\s+(?:think\s+about|look|recall|remember|run|compare|go\s+back)\b"
_GENERIC_CONDITION = re.compile(
    rf"\b(?!{_POINTING_IF})if\s+(?:you|somebody|someone|anyone|people|one)\b|\bfor\s+any\s+given\b|\bwhenever\b|\bevery\s+time\b"
    r"|^\W*(?:(?:so|and|but|anyway|then|now|well)\W+)*you\b", _I)
_SPECIFIC_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:we|I|us|our|there)|\d|\b[A-Z][a-z]+)(?:['’](?:re|m|s))?(?:\s+(?:is|are|am|will|also|still|just|really|then|definitely|certainly|probably))*\s*$"
)
_HABITUAL_SEQUENCE = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)*(?:once|when|whenever|every\s+time|each\s+time|after)\b[^,]*,\s*(?:then\s+)?"
    r"(?:we|they|it|you)\s+(?!will\b|won['’]t\b|shall\b|are\s+going\b|['’]re\s+going\b)(?:\w+ly\s+)?[a-z]+(?<!ed)\b", _I)
#: "add" as the speaker's next words: a remark (:data:`~.sentence_types.REMARK`), or what they are
#: about to say ("I'll add that ...", "which I'll add is ...", "I'll just add, ...").
_REMARK = r"(?=\s*(?:[.,;:!?]|--|—|$)|\s+(?:also\s+)?(?:that|this|is|just|" + REMARK + r")\b)"
#: Who can say the next words: the speaker ("I", "we", "I'm"), a colleague named or by title ("Bob",
#: "Jane and I", "our CFO, Ray Young,").
_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:I|we|he|she|they)|\b" + NAME + r",?|\b(?:CFO|CEO|COO|officer|president|chair\w*|colleagues?|team))(?:\s+and\s+I)?"
    r"(?:['’](?:m|re|s)|\s+(?:am|are|is))?(?:\s+(?:not|also|then|now|just|first|briefly|quickly))*\s*$", _I
)
#: The speaker's own next words ("I'll just add", "I'll tell you that ...", "I'll try to dimensionalize that").
_DISCOURSE_AFTER = re.compile(
    r"^\s+(?:just\s+|also\s+|now\s+|then\s+|only\s+|quickly\s+|briefly\s+|try\s+to\s+)*(?:add" + _REMARK + r"|say|mention|point|clarify|tell|share|answer|address|comment"
    r"|give\s+you|walk|touch|highlight|dimensionalize|elaborate|pass|turn\s+(?:it|the|things)|hand|take\s+(?:that|this|the\s+(?:first|second|last))"
    r"|feature|discuss|cover|review|describe|outline|summarize|explain|talk|speak|update\s+you|go\s+(?:through|over)|stop|remind"
    r"|(?:start|begin)\s+(?:with|by)|go\s+to\s+the\s+next|let)\b", _I)
#: "we'll see.", "we'll see how it plays out": an outcome left open.
_NONCOMMITTAL_AFTER = re.compile(r"^\s+(?:just\s+)?see\s*(?:[.!,;]|$|(?:how|where|what|whether|if)\b)", _I)
#: An if-clause, or what an assumption supposes, open before the cue (no clause mark since).
_SUPPOSED_BEFORE = re.compile(
    rf"\b(?:(?!{_POINTING_IF})if|unless|whether|assum(?:e|es|ed|ing|ption)|provided|as\s+long\s+as|in\s+case)\b[^,;.?!]*$",
    _I,
)
#: "projecting a quarter when things will improve", "hard to know whether it will", "I don't know
#: what's going to happen": the cue is in a question the sentence does not answer (the verbs it follows:
#: :data:`QUESTION_VERBS`).
QUESTION_VERBS = "know knows knew tell see understand predict predicting projecting project sure certain decide ask asking wonder wondering clear idea visibility"
INDIRECT_QUESTION = rf"(?:{'|'.join(QUESTION_VERBS.split())})\s+(?:\w+\s+){{0,2}}?(?:when|whether|how|if|what|where)(?:['’]s)?\s+(?:\w+\s+){{0,3}}"
_INDIRECT_QUESTION_BEFORE = re.compile(rf"\b{INDIRECT_QUESTION}$", _I)
_PAST_BEFORE = re.compile(
    r"\b(?:didn['’]t|did\s+not|hadn['’]t|had\s+not|never|was|were)\s+(?:\w+\s+)?$|\b(?:can|could|cannot|can['’]t)\s+$", _I
)
_PAST_GOING_TO = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?$", _I)
_NOT_LIKE_BEFORE = re.compile(r"\bnot\s+like\s+$", _I)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|what)\s+$", _I)
_BE_ADJECTIVE_AFTER = re.compile(
    r"^\s+be\s+(?:very\s+|really\s+|more\s+|extremely\s+|super\s+)?(?:careful|mindful|prudent|cautious|thoughtful|disciplined|efficient|realistic|honest|clear)\b", _I)
#: Where to look ("you'll see on Slide 4", "as you will see", "if you look at the schedule, you'll see").
_POINTER = re.compile(r"\b(?:slides?|pages?|(?:press|earnings)\s+release|appendix|deck|filings?|10-[KQ]|tables?|charts?|schedules?|footnotes?"
                      r"|presentation|materials|supplement\w*|exhibits?|website)\b|^\W*as\s+you\b|\b(?:if|when)\s+you\s+(?:\w+ly\s+)?(?:look|go|dig|turn|check|read)\b", _I)
_HABIT = re.compile(r"\b(?:at\s+times|sometimes|typically|traditionally|usually|historically|a\s+day)\b", _I)
_IF_YOU = re.compile(r"\bif\s+(?:you|any\w+)\b", _I)  # "if you go to a Walmart", "if anybody drives by"
_PAST_SEEN = re.compile(r"\s+(?:that\s+)?(?:\w+\s+){0,12}?(?:was|were|had|did|made|grew|rose|fell|\w+ed\s+(?:by\s+)?\$?\d)\b", _I)
#: Times with no date that point ahead of the call.
FUTURE_ADVERBIAL = re.compile(
    r"\b(?:(?:for|in)\s+the\s+foreseeable\s+future|going\s+forward|as\s+we\s+(?:go|move)\s+forward|over\s+time|in\s+the\s+(?:near\s+|distant\s+)?future"
    r"|down\s+the\s+road|eventually|in\s+the\s+(?:near|medium|long)[\s-]term|longer[\s-]term|someday|in\s+the\s+(?:coming|upcoming)\s+\w+|ahead\s+of\s+us)\b", _I)


def _asserted(text: str, m: re.Match[str]) -> bool:
    """The clause of the cue asserts it: not supposed (an if-clause, an assumption), not an
    indirect question, not past or of ability."""
    before = text[: m.start()]
    if _SUPPOSED_BEFORE.search(before) or _INDIRECT_QUESTION_BEFORE.search(before) or _PAST_BEFORE.search(before):
        return False
    return not _GENERIC_SUBJECT_BEFORE.search(before)


def _future_modal(text: str, m: re.Match[str]) -> bool:
    """Will / 'll / going to where the clause asserts an outcome (see module docstring)."""
    before, after = text[: m.start()], text[m.end():]
    if _NONCOMMITTAL_AFTER.match(after) or (_DISCOURSE_AFTER.match(after) and _SPEAKER_BEFORE.search(before) and not LATER.match(after)):
        return False  # "we'll see." commits to nothing; "I'll add" is the speaker's next words, unless placed later (LATER)
    if m.group(0).lower().startswith(("going", "gonna")) and _PAST_GOING_TO.search(before):
        return False  # "I was just going to add": a past intention
    if _GENERIC_SUBJECT_BEFORE.search(before) or _HABITUAL_SEQUENCE.match(text):
        return False  # generic 'you' ("you'll drive better"); a routine
    if _SUPPOSED_BEFORE.search(before) or _INDIRECT_QUESTION_BEFORE.search(before):
        return False  # supposed, or asked, not asserted
    cond = _GENERIC_CONDITION.search(before)
    return not (cond and not _SPECIFIC_SUBJECT_BEFORE.search(before))  # the outcome of a generic conditional


def _audience_told(text: str, m: re.Match[str]) -> bool:
    """"you'll see X" told to the audience forecasts X ("you will see a decline in NII of about $10
    million", KeyCorp Q3 2021), unless it says where to look (:data:`_POINTER`), X is past ("you'll
    see that we improved"), a habit ("at times, you'll see") or the "you" generic ("if you go to a
    Walmart, you will see")."""
    before, seen = text[: m.start()], text[m.end():].split(",")[0]
    if _POINTER.search(text) or _HABIT.search(before + seen) or _PAST_SEEN.match(text, m.end()) or _IF_YOU.search(before):
        return False
    return _asserted(text, m)


_PLAN_SUBJECT = re.compile(r"(?:\b(?:we|I|they|he|she|it|company|also|still|now|currently|which|who|that)|(?-i:\b[A-Z]\w*))\s+$", _I)


def _plan_verb(text: str, m: re.Match[str]) -> bool:
    """"plans to" is the verb after a subject ("Tesla plans to", "we plan to"), not the noun
    ("inventory operations plans to better align"); then as :func:`_asserted`."""
    word = m.group(0).lower()
    if word.startswith("plan") and not word.startswith("planned") and not _PLAN_SUBJECT.search(text[: m.start()]):
        return False
    return _asserted(text, m)


def _first_person(text: str, m: re.Match[str]) -> bool:
    """Subject is in the pattern; not inside a relative clause ("the work which we have to do"),
    not "it's not like we want to" and not an attitude ("we have to be careful")."""
    before = text[: m.start()]
    if _RELATIVE_BEFORE.search(before) or _NOT_LIKE_BEFORE.search(before) or _SUPPOSED_BEFORE.search(before):
        return False
    return not _BE_ADJECTIVE_AFTER.match(text[m.end():])


#: Context rules named in the lexicon's ``rule`` column.
RULES: dict[str, Rule] = {
    "future_modal": _future_modal, "asserted": _asserted, "audience_told": _audience_told, "first_person": _first_person, "plan_verb": _plan_verb, "not_month": _not_month,
}
_FORECAST_CUES = CueMatcher("forecast_cues.csv", RULES)
#: The forward-looking cues of a sentence (text or :class:`~.lexicons.Words`) after the context
#: rules, in text order, each with its lexicon ``kind`` (:data:`WITH_FUTURE_TIME` for those that
#: need a future time).
find_forecast_cues = _FORECAST_CUES.find


def decide_forecast(
    text: str, cues: tuple[CueMatch, ...], stype: str, horizons: tuple[Horizon, ...], call_date: date | None
) -> bool:
    """The forecast decision from the evidence: the sentence's :func:`find_forecast_cues`, its
    :func:`~callanalysis.label.sentence_types.sentence_type` and its horizons for the call
    (none without a date). Cues of the kind :data:`WITH_FUTURE_TIME` need a future time: a time
    that ends after the call and can anchor a forecast (no comparison, past reference,
    condition or time that may mean the reported period), or a future adverbial."""
    if stype != STATEMENT or not cues:
        return False
    if any(c.kind != WITH_FUTURE_TIME for c in cues):
        return True
    if call_date is not None and any(h.end > call_date and can_anchor(h) for h in horizons):
        return True
    return FUTURE_ADVERBIAL.search(text) is not None


def is_forecast(text: str, *, when: Anchor | date | None = None, role: str | None = None) -> bool:
    """True when the sentence commits to a future outcome (see module docstring); ``when`` is
    the call's :class:`~callanalysis.label.horizons.Anchor` or date (None: no time counts)."""
    a = anchor(when) if isinstance(when, date) else when
    horizons = find_horizons(text, a) if a is not None else ()
    return decide_forecast(text, find_forecast_cues(text), sentence_type(text, role), horizons, a.call if a else None)
