"""Rules that read along a turn: the future inside a story about the past is not a forecast.

The guideline counts a forecast only when what it predicts is future *relative to the call*.
When a speaker tells a story about the past ("I still remember when Nokia was king of the
hill ... And then the iPhone and Android, people still do not understand that all the phones
are going to be that way. There's not going to be any flip phones."), the expectations voiced
inside the story are the future of the story, long past by the day of the call ("future in the
past"). ``future_in_past(rows)`` promises the positions of such sentences, whose forecast label
the annotator clears (their other labels stay):

* a story opens with a recollection: "I remember", "I recall", "back then", "back in 2015",
  "years ago", "in those days", "at the time", "when I was";
* it goes on while each next sentence of the same turn is told in the past (a past-tense main
  verb, :data:`callanalysis.label.forecasts.PAST_CLAUSE`) or is sequenced with "then" / "and then";
* a forecast inside the story that is itself told that way, or that comes straight after such
  a cleared forecast (the speaker still voicing what was expected then), is cleared;
* a forecast that does not continue the story ("I remember when cars had no seat belts. Cars
  will be far safer.") stays a forecast and ends the story, as does any sentence that names a
  time after the call (its ``horizon`` is set) or anchors itself in the present ("now",
  "today", "going forward"), and any other present-tense sentence ("Yeah.");
* a new turn always starts outside a story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .forecasts import PAST_CLAUSE
from .lexicons import PatternSet

__all__ = ["NarrativeRow", "future_in_past", "opens_story", "told_in_past"]

RECOLLECTION = PatternSet(
    [r"\b(?:i|we)\s+(?:still\s+|can\s+|do\s+)?(?:remember|recall)\b"
    r"|\bback\s+(?:then|in\s+(?:the\s+day|\d{4}|(?:the\s+)?(?:early\s+|late\s+)?(?:\d{2}|\d{4})['’]?s))\b"
    r"|\b(?:years|decades)\s+ago\b|\bin\s+those\s+days\b|\bat\s+(?:that|the)\s+time\b|\bwhen\s+i\s+was\b"],
    re.IGNORECASE,
)
SEQUENCED = re.compile(r"^\W*(?:and\s+)?then\b", re.IGNORECASE)
PRESENT_ANCHOR = re.compile(
    r"\b(?:now|today|nowadays|these\s+days|going\s+forward|from\s+here|in\s+the\s+future)\b", re.IGNORECASE
)


class NarrativeRow(NamedTuple):
    """What the rule needs of one sentence: its turn, text, forecast label and horizon text."""

    turn: int
    text: str
    forecast: bool
    horizon: str


def told_in_past(text: str) -> bool:
    """The sentence narrates: a past-tense main verb, or sequenced with "then" / "and then"."""
    return bool(SEQUENCED.search(text) or PAST_CLAUSE.search(text))


def opens_story(text: str) -> bool:
    """The sentence opens a story about the past: it holds a recollection (:data:`RECOLLECTION`)."""
    return RECOLLECTION.search(text) is not None


def future_in_past(rows: Sequence[NarrativeRow]) -> list[int]:
    """Positions in ``rows`` (sentences in call order) of forecasts voiced inside a story about
    the past (see the module docstring), read sentence by sentence."""
    out: list[int] = []
    in_story = voicing = False
    previous_turn = None
    for i, row in enumerate(rows):
        if row.turn != previous_turn:
            in_story = voicing = False
            previous_turn = row.turn
        if not in_story:
            in_story, voicing = opens_story(row.text), False
        elif row.horizon or PRESENT_ANCHOR.search(row.text):
            in_story = voicing = False
        elif row.forecast and (voicing or told_in_past(row.text)):
            out.append(i)
            voicing = True
        elif row.forecast or not told_in_past(row.text):
            in_story = voicing = False
        else:
            voicing = False
    return out
