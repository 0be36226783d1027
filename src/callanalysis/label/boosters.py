"""Booster cues: devices by which a speaker raises commitment to the truth of what they say
(GUIDELINE.md, "boosted").

:func:`booster_cues` gives the cues of ``data/lexicons/boosters.csv`` in a sentence, in text
order, as written ("Of course", "It's become very clear"), without repeats; of overlapping
candidates the longer one; a sentence is boosted iff there is one. The context rules its
``rule`` column names (:data:`RULES`):

* ``actually`` stresses truth ("it actually works"), not as an aside ("well, actually, ..."),
  in "to actually do" or in courtesy ("that's actually very helpful, thanks");
* ``really`` stresses truth as a clause-initial adverb ("Really, we are an AI company"), after a
  copula before a noun phrase or wh-clause ("that's really the whole point") or before a
  negated verb ("you really don't understand"); never as a degree word ("really great") nor
  after a negation ("not really");
* ``absolutely`` affirms ("Yes, absolutely."), not as a degree word ("absolutely huge");
  ``certainly`` / ``clearly`` / ``definitely`` do not count negated;
* "we know" / "I know" count (factive), not "know if/whether" nor "what we know" as a thing
  ("based on what we know today"; but "What I know is that ..." counts); confidence phrases do not count
  inside a condition ("once we have confidence that ...").

Not boosters: "will" (a forecast cue), degree words ("very", "super"), superlatives,
"always"/"never", "strongly", "must".
"""

from __future__ import annotations

import re

from .lexicons import CueMatcher, Rule


_COURTESY = re.compile(r"\b(?:thank|thanks|appreciate|helpful|congratulations|pleasure|great\s+question)\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ASIDE_BEFORE = re.compile(r"(?:[,;:—-]|\b(?:well|oh|no|yes|yeah|and|but|so))\s*,?\s*$", re.IGNORECASE)
_CLAUSE_INITIAL = re.compile(
    r"(?:^|[.;:!?—]|--|,)\s*(?:(?:and|but|so|like|well|yeah|yes|I\s+mean|now)\s*,?\s*)*$", re.IGNORECASE
)
_COPULA_BEFORE = re.compile(r"(?:['’]s|['’]re|\bis|\bare|\bwas|\bwere|\bam|['’]m)\s+$", re.IGNORECASE)
_NP_OR_WH_AFTER = re.compile(
    r"^\s+(?:the|a|an|how|what|why|where|who|that|this|nothing|no|not|all|our|exactly|about|in|at|on|meeting|helping|driving|working)\b", re.IGNORECASE
)
_NEGATED_VERB_AFTER = re.compile(
    r"^\s+(?:do\s+not|don['’]t|does\s+not|doesn['’]t|did\s+not|didn['’]t|can['’]t|cannot|is\s+not|isn['’]t|are\s+not|aren['’]t)\b", re.IGNORECASE)
_SUBJECT_AFTER = re.compile(r"^\s*,(?!\s*really\b)|^\s+(?:we|it|the|this|that|there|they|I|you|our|Tesla|people)\b", re.IGNORECASE)
_AFFIRM_AFTER = re.compile(
    r"^\s*(?:[,.!?;]|--|—|$)|^\s+(?:is|are|was|were|will|would|can|could|do|does|did|not|it|we|they|I|you|that|this|there|true|right|correct|sure|certain|agree|believe|know)\b",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_COMMA_AFTER = re.compile(r"^\s*,")
_KNOW_IF_AFTER = re.compile(r"^\s+(?:if|whether)\b", re.IGNORECASE)
_WHAT_BEFORE = re.compile(r"\bwhat\s+$", re.IGNORECASE)
_IS_AFTER = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:is|was|will)\b", re.IGNORECASE)
_CONDITION_BEFORE = re.compile(r"\b(?:once|if|when|whenever|until|unless|before|after)\b[^,.;]*$", re.IGNORECASE)


def _actually(text: str, m: re.Match[str]) -> bool:
    before, after = text[: m.start()], text[m.end():]
    if _COURTESY.search(text):
        return False
    if _TO_BEFORE.search(before):
        return False  # "to actually run": 'in reality', no stress
    if _ASIDE_BEFORE.search(before) and _COMMA_AFTER.match(after):
        return False  # "well, actually, it doesn't need a horse"
    return not _NEGATED_BEFORE.search(before)


def _really(text: str, m: re.Match[str]) -> bool:
    before, after = text[: m.start()], text[m.end():]
    if _COURTESY.search(text) or _NEGATED_BEFORE.search(before):
        return False
    if _CLAUSE_INITIAL.search(before) and _SUBJECT_AFTER.match(after):
        return True
    if _COPULA_BEFORE.search(before) and _NP_OR_WH_AFTER.match(after):
        return True
    return bool(_NEGATED_VERB_AFTER.match(after))


def _absolutely(text: str, m: re.Match[str]) -> bool:
    return bool(_AFFIRM_AFTER.match(text[m.end():])) and not _NEGATED_BEFORE.search(text[: m.start()])


def _not_negated(text: str, m: re.Match[str]) -> bool:
    return not _NEGATED_BEFORE.search(text[: m.start()])


def _factive_know(text: str, m: re.Match[str]) -> bool:
    after = text[m.end():]
    if _WHAT_BEFORE.search(text[: m.start()]) and not _IS_AFTER.match(after):
        return False  # "I'll share what we know" (the things known), not "What I know is that ..."
    return not _KNOW_IF_AFTER.match(after)


def _not_conditional(text: str, m: re.Match[str]) -> bool:
    return not _CONDITION_BEFORE.search(text[: m.start()])


#: Context rules named in the lexicon's ``rule`` column.
RULES: dict[str, Rule] = {
    "actually_truth": _actually, "really_truth": _really, "absolutely_truth": _absolutely,
    "not_negated": _not_negated, "factive_know": _factive_know, "not_conditional": _not_conditional,
}


_BOOSTERS = CueMatcher("boosters.csv", RULES)
#: The booster cues of a sentence (text or :class:`~.lexicons.Words`), see the module docstring.
booster_cues = _BOOSTERS.cues
