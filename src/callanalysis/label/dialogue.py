"""Rules that read across turns: a bare answer takes on the question it answers.

The guideline labels what a sentence says *in the context of its turn*; a reply such as "Yes."
to "Can we make FSD transfer permanent ...?" commits the speaker to that future outcome, so it
is a forecast although it contains no forward-looking word. ``answered_forecasts(rows)``
promises the positions of such replies:

* the reply is the first sentence of a turn and is nothing but an answer word ("Yes.",
  "No.", "Absolutely.", "Correct." ...);
* the previous turn is another speaker's, and its last sentence is a question about the future
  (it contains a future cue: "will", "going to", "expect", "plan", "when", "timeline",
  "be able to", "can we make/get/do");
* back-channel replies to turn-taking ("Lars?", "do you want to chime in?", "do you have a
  follow-up?") are never forecasts: those questions carry no future cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

BARE_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|absolutely|definitely|correct|exactly|of course|no|nope)(?:,? (?:sir|absolutely|definitely))?\W*$",
    re.IGNORECASE,
)
FUTURE_QUESTION = re.compile(
    r"\b(?:will|won['’]t|going to|expect|plan|planning|when|time ?line|be able to"
    r"|can (?:we|you|tesla|the company) (?:make|get|expect|do|reach|deliver|launch|start))\b",
    re.IGNORECASE,
)


class Utterance(NamedTuple):
    """What the rule needs of one sentence."""

    turn: int
    speaker: str
    text: str


def answered_forecasts(rows: Sequence[Utterance]) -> list[int]:
    """Positions in ``rows`` (sentences in call order) of bare answers to questions about the future."""
    out: list[int] = []
    for i in range(1, len(rows)):
        cur, prev = rows[i], rows[i - 1]
        if cur.turn == prev.turn or cur.speaker == prev.speaker:
            continue
        question = prev.text.strip()
        if question.endswith("?") and FUTURE_QUESTION.search(question) and BARE_ANSWER.match(cur.text.strip()):
            out.append(i)
    return out
