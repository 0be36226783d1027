"""Hedge cues: devices by which a speaker lowers commitment (GUIDELINE.md, "hedged").

:func:`hedge_cues` gives the cues of ``data/lexicons/hedges.csv`` in a sentence, in text order,
as written (``"I don't think"``, ``"Maybe"``), without repeats (case-insensitively); of
overlapping candidates the longer one (``"or something like that"`` beats ``"something
like"``); a sentence is hedged iff there is one. The context rules its ``rule`` column names
(:data:`RULES`):

* ``could`` of possibility ("it could be more"), not of ability or permission ("you could rent
  out your guest room"), in requests ("could you help us") or negated ("I couldn't agree more");
* ``about`` / ``around`` / ``close to`` before an amount ("about 18%"), not as prepositions
  ("talking about tens of millions");
* first-person ``think`` / ``believe`` ("I don't think", "I think in Q1 we had"), not "think
  about/of", "believe in";
* ``kind of`` / ``sort of`` except as "type of" ("what kind of car"); the month ``May`` is not
  the modal; ``maybe`` not as an analyst's polite frame ("maybe one for Annette").

Not hedges (not in the lexicon): bare "like" (the guideline lists "something like" only),
"expect", "plan", "anticipate" (forecast cues), lower bounds ("at least"), "if", "would", "can".
"""

from __future__ import annotations

import re

from .lexicons import CueMatcher, Rule
from .quantities import starts_with_amount


_COULD_EPISTEMIC_NEXT = re.compile(
    r"^\s+(?:(?:potentially|possibly|arguably|even|well|also|actually|easily|very\s+well|still|conceivably)\s+)*"
    r"(?:be|have\s+been|differ|happen|change|result|mean|exceed|fluctuate|vary|turn\s+out|end\s+up|reach|cost|hit|go\s+either)\b", re.IGNORECASE)
_COULD_HAVE_AMOUNT = re.compile(
    r"^\s+have\s+(?:(?:on\s+the\s+order\s+of|about|around|roughly|up\s+to|more\s+than|over|like)\s+)?", re.IGNORECASE
)
_REQUEST_SUBJECT = re.compile(r"^\s+(?:you|we|i|they)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:^|[.?!,;:]|\b(?:and|but|so|or|first|maybe|then|also|please|just|now))\W*$", re.IGNORECASE)
_NEGATION_AFTER = re.compile(r"^\s*(?:n['’]t|\s+not)\b", re.IGNORECASE)
_TYPE_DETERMINER = re.compile(
    r"\b(?:what|which|this|that|these|those|any|every|each|same|different|all|many|some|one|a|the|other|new|that['’]s\s+the)\s+$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.?!:;\]\"“])\W*$")


def _could(text: str, m: re.Match[str]) -> bool:
    after, before = text[m.end():], text[: m.start()]
    if _NEGATION_AFTER.match(after):
        return False
    if _REQUEST_SUBJECT.match(after) and _CLAUSE_START.search(before):
        return False  # "Could you please help us", "could we ..." (request / question)
    if _COULD_EPISTEMIC_NEXT.match(after):
        return True
    have = _COULD_HAVE_AMOUNT.match(after)
    if have and starts_with_amount(after[have.end():]):
        return True  # "you could have on the order of 100 gigawatts"
    return False  # ability / permission: "you could rent out your guest room"


_SPEECH_VERB_BEFORE = re.compile(
    r"\b(?:talk|talks|talking|talked|think|thinking|thought|say|said|saying|speak|speaking|spoke|ask|asking|asked|"
    r"know|knew|worried|excited|care|cares|learn|learned|hear|heard|read|write|wrote|forget|remember|complain\w*|"
    r"hanging|look|looking|go|going|come|coming|turn|turning)\s+$", re.IGNORECASE)
#: matched at the end of the verb: "think about/of/through", "believe in" ("I think in the first quarter" stays)
_ABOUT_OF_AFTER = re.compile(r"\s+(?:about|of|through)\b|(?<=believe)\s+in\b", re.IGNORECASE)
_DIGIT_AFTER = re.compile(r"^\s+\d")


def _before_amount(text: str, m: re.Match[str]) -> bool:
    if _SPEECH_VERB_BEFORE.search(text[: m.start()]):
        return False  # "we're talking about tens of millions": a preposition
    return starts_with_amount(text[m.end():])


def _epistemic_verb(text: str, m: re.Match[str]) -> bool:
    return not _ABOUT_OF_AFTER.match(text, m.end())


def _not_type(text: str, m: re.Match[str]) -> bool:
    return not _TYPE_DETERMINER.search(text[: m.start()]) and not text[m.start():m.end()].lower().startswith(("kinds", "sorts"))


_PERMISSION_AFTER = re.compile(
    r"^\s+(?:now\s+)?(?:begin|be\s+begin|continue|proceed|go\s+ahead|ask|press|disconnect|start|access|do\s+so|I|we)\b", re.IGNORECASE)
_FRAMING_AFTER = re.compile(
    r"^\s*,?\s+(?:just\s+)?(?:starting|shifting|building|moving|switching|turning|going\s+back|one\s+(?:more\s+)?(?:for|on|question)|a\s+(?:quick|follow)|I\s+can\s+make)\b",
    re.IGNORECASE,
)


def _epistemic_may(text: str, m: re.Match[str]) -> bool:
    """'may' of possibility: not the month (:func:`not_month`) nor permission ('you may begin your
    conference', 'you may access the replay', 'May I ask who the buyer was')."""
    return not_month(text, m) and not _PERMISSION_AFTER.match(text[m.end():])


def _not_framing(text: str, m: re.Match[str]) -> bool:
    """'maybe' as a hedge, not a polite frame for what an analyst asks next ('Ilan, maybe just
    starting with the updated guidance outlook.', 'And then maybe one for Annette')."""
    return not _FRAMING_AFTER.match(text[m.end():])


def not_month(text: str, m: re.Match[str]) -> bool:
    """'May' the modal, not the month: a capital 'May' inside a sentence is the month ('in April
    and May', 'on our May call'), so is one before a day ('May 8'); shared by the hedge and
    forecast cues."""
    if m.group(0) != "May":
        return True
    return bool(_SENTENCE_START.search(text[: m.start()])) and not _DIGIT_AFTER.match(text[m.end():])


#: Context rules named in the lexicon's ``rule`` column.
RULES: dict[str, Rule] = {
    "epistemic_could": _could, "before_quantity": _before_amount, "epistemic_verb": _epistemic_verb,
    "not_type": _not_type, "not_month": not_month, "epistemic_may": _epistemic_may,
    "not_framing": _not_framing,
}


_HEDGES = CueMatcher("hedges.csv", RULES)
#: The hedge cues of a sentence (text or :class:`~.lexicons.Words`), see the module docstring.
hedge_cues = _HEDGES.cues
