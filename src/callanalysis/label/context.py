"""Forecasts decided by the context of a sentence: its turn and the question it answers.

:func:`forecast_context` reads the labelled sentences of one call in order and returns the
positions whose forecast label the context changes (True: a forecast; False: not one):

* a bare answer ("Yes.", "Absolutely.", "Correct.") that is the whole turn, replying to another
  speaker's yes/no question about the future (it holds a forecast cue, or asks whether "we" / a
  named party "can" or "could" do something), is a forecast ("can we make FSD transfer
  permanent ...?" - "Yes."); an answer word that opens a longer turn is left alone;
* a sentence that only says the forecast before it in the turn still holds ("The net benefit
  won't come until 2023. That's still the case.") is a forecast;
* the future inside a recollection is past by the day of the call: after a sentence told in the
  past that recalls the past ("I remember when ...", "back in 2015", "years ago") and names no
  present ("today"), a forecast of the same turn told in the past or sequenced ("And then ... are
  going to be that way"), or directly after such a one, is no forecast. The story ends at the
  turn's end, at a sentence anchored in the present or future ("now", "going forward", a time
  after the call) and at any other sentence not told in the past;
* after a forecast that frames a scenario ("that will be how cars work", "In the future, ..."),
  the sentences that describe its steps in the present with a generic "you" ("You just summon
  the car. You get in.") are forecasts, in the same turn and in the next speaker's first
  sentence, up to the first sentence that is no such step.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from .claims import FIRST_PERSON, is_past


_I = re.IGNORECASE
_BARE_ANSWER = re.compile(r"^\W*(?:yes|yeah|no|absolutely|correct|that['’]s\s+correct|sure|definitely|of\s+course)\W*$", _I)
#: A yes/no question: it opens (after discourse markers or a short preface) with an auxiliary.
_YES_NO = re.compile(
    r"^(?:[^,?]{0,40},\s*)*(?:(?:so|and|but|well|okay|ok|now|then|just|also)\W+)*"
    r"(?:will|would|won['’]t|can|could|should|shall|do|does|did|is|are|was|were|has|have|had|may|might)\b[^?]*\?\W*$", _I)
_CAN_WE = re.compile(r"\b(?:can|could)\s+(?:we|they|(?-i:[A-Z][a-z]+))\s+(?!hear\b|see\s+(?:it|that|the\s+slide))[a-z]", _I)
#: A recollection; each form begins a word with one of these letters (the lookahead passes over other places).
_RECOLLECTION = re.compile(
    r"(?=(?<!\w)[abdiwy])(?:\b(?:i|we)\s+(?:still\s+|can\s+|do\s+)?(?:remember|recall)\b"
    r"|\bback\s+(?:then|in\s+(?:the\s+day|\d{4}|(?:the\s+)?\d{2,4}['’]?s))\b"
    r"|\b(?:years|decades)\s+ago\b|\bin\s+those\s+days\b|\bat\s+(?:that|the)\s+time\b|\bwhen\s+i\s+was\b)", _I)
#: A sentence that says the one before it still holds ("That's still the case.").
_STILL_SO = re.compile(
    r"^\W*(?:(?:and|so|but|yes|yeah)\W+)*"
    r"(?:(?:that|this|it)(?:['’]s|\s+is|\s+remains)\s+(?:still\s+)?(?:the\s+case|true|our\s+(?:view|expectation|plan))"
    r"|(?:that|this)\s+(?:still\s+holds|hasn['’]t\s+changed|has\s+not\s+changed))\W*$", _I)
_SEQUENCED = re.compile(r"^\W*(?:and\s+)?then\b", _I)
_NOW = re.compile(r"\b(?:now|today|nowadays|these\s+days|going\s+forward|from\s+here|in\s+the\s+future)\b", _I)
_FRAME = re.compile(
    r"\bwill\s+(?:just\s+)?(?:be|become|look|work)\s+(?:how|like|what)\b|^\W*(?:(?:and|so|but)\W+)*(?:in\s+the\s+future|someday|one\s+day)\b", _I
)
_YOU = re.compile(r"\byou\b(?!\s+(?:mentioned|said|talked|asked|noted|guys))", _I)


class Said(NamedTuple):
    """What the rules read of one labelled sentence."""

    turn: int
    speaker: str
    text: str
    forecast: bool
    forecast_cues: str  # ";"-joined, as annotate writes them
    horizon_end: date | None


def _future_question(text: str, cues: str) -> bool:
    return bool(_YES_NO.match(text)) and bool(cues or _CAN_WE.search(text))


def _told_in_past(text: str) -> bool:
    return bool(_SEQUENCED.search(text) or is_past(text))


def _step(s: Said) -> bool:
    """A present-tense step with a generic "you": no forecast of its own, no past, no question,
    no first person."""
    t = s.text
    asks = t.rstrip().endswith("?")
    return not s.forecast and bool(_YOU.search(t)) and not FIRST_PERSON.search(t) and not asks and not is_past(t)


def forecast_context(said: Sequence[Said], call_date: date | None) -> dict[int, bool]:
    """Positions in ``said`` (one call's sentences in order) whose forecast label the context
    changes, with the new label (see the module docstring)."""
    out: dict[int, bool] = {}
    turn_sizes = Counter(s.turn for s in said)
    in_story = voicing = in_scenario = False
    for i, s in enumerate(said):
        prev = said[i - 1] if i else None
        new_turn = prev is None or prev.turn != s.turn
        if new_turn:
            in_story = voicing = False
            if prev and (turn_sizes[s.turn] == 1 and s.speaker != prev.speaker and _BARE_ANSWER.match(s.text)
                         and _future_question(prev.text, prev.forecast_cues)):
                out[i] = True
                continue
        elif prev.forecast and _STILL_SO.match(s.text):
            out[i] = True
            continue
        if in_scenario:
            if _step(s) and (not new_turn or s.speaker != prev.speaker):
                out[i] = True
                in_scenario = not new_turn
                continue
            in_scenario = False
        if s.forecast and _FRAME.search(s.text):
            in_scenario = True
        if not in_story:
            in_story = bool(_RECOLLECTION.search(s.text) and is_past(s.text)) and not _NOW.search(s.text)
            voicing = False
        elif _NOW.search(s.text) or (s.horizon_end is not None and call_date is not None and s.horizon_end >= call_date):
            in_story = voicing = False
        elif s.forecast and (voicing or _told_in_past(s.text)):
            out[i] = False
            voicing = True
        elif s.forecast or not _told_in_past(s.text):
            in_story = voicing = False
        else:
            voicing = False
    return out
