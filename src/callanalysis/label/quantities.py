"""Quantities stated in a sentence: a numeric value with its unit.

Promises of :func:`find_quantities` (in text order):

* each :class:`Quantity` has a value (magnitude words and suffixes applied: ``$2.5 billion`` ->
  ``2.5e9`` USD, ``1K a week`` -> 1000 ``units/week``) and a unit; a number without one is none;
* the value is negative when the amount is written so ("-$2.5 billion", "$(2.5) million") or said
  to be ("negative $16 million", "minus 30%", "a loss of about $25 million", "a negative impact
  of $55 million"), for the amount the word stands before only ("negative 1% to 0%"); "plus or
  minus $75 million" is a tolerance and "credit losses was $81.6 million" a reserve;
* units are normalised (``%``, ``USD``, ``GWh``, ``kW``, ``weeks``, ``miles``, ``vehicles``,
  product codes such as ``H100``); other count nouns are kept as written (``employees``); a rate
  after the unit (``a week``, ``per year``) is appended as ``/week``;
* ranges share the unit of their last member (``12 to 24 months``, ``three or four months``);
* numbers in names are no quantities: cell formats (``4680``), models, versions and levels
  (``Model 3``, ``V12``, ``12.3``), quarters (``Q1``), calendar years and clock times.

:func:`starts_with_amount` tells the hedge detector whether a fragment opens with an amount
("18%", "a third", "three times"): what makes ``about`` / ``around`` approximators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .lexicons import Words, keys_of


@dataclass(frozen=True)
class Quantity:
    """A value with its unit, and the text span it came from."""

    value: float
    unit: str
    text: str
    start: int
    end: int


_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
MAGNITUDE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}

_WORDNUM = "|".join(sorted(_SMALL, key=len, reverse=True))
_NUMBER_KEYS = frozenset(word[:3] for word in _SMALL)  # the Words keys a number word can have
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_NUMBER = re.compile(
    # a number begins with a sign, "$", a digit or the first letter of a number word: the lookahead
    # passes over the other places at once
    rf"(?=[-$\d]|(?<![\w.,])(?i:[{''.join(sorted({word[0] for word in _SMALL}))}]))"
    r"(?P<sign>(?<=[\s(])-(?=\$?\d))?(?P<cur>\$\s?(?P<paren>\()?)?"
    rf"(?<![\w.,])(?P<num>{DIGITS}|(?i:{_WORDNUM}))(?![\w]*\d)"
    r"(?P<suffix>(?i:bn|[kmb])(?![a-z]))?(?(paren)\))"
    r"(?:\s+(?P<mag>(?i:thousand|million|billion|trillion))\b)?"
    r"(?P<pct>\s?%|\s+percent\b)?"
)


#: Each unit's normal form and the forms it is said in (a space in a form also matches a hyphen).
_UNITS = {
    "GWh": "gigawatt hours|gigawatt hour|gwh", "kWh": "kilowatt hours|kilowatt hour|kwh", "MWh": "megawatt hours|megawatt hour|mwh",
    "GW": "gigawatts|gigawatt|gw", "kW": "kilowatts|kilowatt|kw", "MW": "megawatts|megawatt|mw", "USD": "dollars|dollar",
    "cents": "cents", "%": "percent", "seconds": "seconds|second", "minutes": "minutes|minute", "hours": "hours|hour",
    "days": "days|day", "weeks": "weeks|week", "months": "months|month", "quarters": "quarters|quarter", "years": "years|year",
    "miles": "miles|mile", "vehicles": "vehicles|vehicle", "cars": "cars|car", "units": "units|unit", "cells": "cells|cell",
    "GPUs": "gpus|gpu",
}
_UNIT_FORMS = {form: unit for unit, forms in _UNITS.items() for form in forms.split("|")}
_UNIT_RE = re.compile(
    r"\s*-?\s*(?P<unit>" + "|".join(re.escape(u).replace(r"\ ", r"[\s-]") for u in sorted(_UNIT_FORMS, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)
_CODE_RE = re.compile(r"\s+(?P<unit>[A-Z]{1,3}\d{2,4})(?:[sS])?(?![\w])")
_PLURAL_RE = re.compile(r"\s+(?:(?:major|new|more|additional|active|existing|different|other|[a-z]+-[a-z]+)\s+)?(?P<unit>[A-Za-z]{3,}s)(?![\w'])")
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous)$|^(?:this|thus|does|has|was|its|times|versus|less|unless|always|perhaps|sometimes|whereas|towards|afterwards|yes|plus|as)$", re.IGNORECASE)
_RATE_RE = re.compile(r"\s+(?:a|an|per|each|every)\s+(?P<per>day|week|month|quarter|year|hour)\b|\s*/\s*(?P<per2>day|week|month|quarter|year|hour)\b", re.IGNORECASE)
_NAME_WORDS = ("model", "hardware", "hw", "version", "v", "level", "phase", "gen", "generation", "series", "number", "no.", "fsd", "step", "q", "h")
_LONGEST_NAME_WORD = max(map(len, _NAME_WORDS))
_NAME_BEFORE = re.compile(r"(?:\b(?:" + "|".join(map(re.escape, _NAME_WORDS)) + r")\s*|[\w.])$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^\s*-?\s*(?:to|or|and|-|–|—)\s*$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r":\d")  # used with match()
#: Words that make the amount after them negative (see module docstring).
_NEGATIVE_BEFORE = re.compile(
    r"(?:\b(?<!plus\sor\s)(?<!plus/)(?:negative|minus)|\bnegative\s+(?:[a-z-]+\s+){1,3}?of|\bloss\s+(?:of|was|is|totaled|totaling))"
    r"\s+(?:(?:about|approximately|around|roughly|nearly|almost|some|over|more\s+than|less\s+than|just\s+(?:over|under))\s+)?$", re.IGNORECASE)
_NEGATIVE_WORDS = keys_of("negative minus loss")  # the words a match of it begins with
_VAGUE_BEFORE = re.compile(r"\b(?:several|few|many|couple\s+of|tens\s+of|hundreds\s+of|some)\s+$", re.IGNORECASE)

_AMOUNT_START = re.compile(
    r"^\s*(?:(?:like|basically|maybe|just|roughly|say|,)\s+)*"
    r"(?!(?:4680|(?:19|20)\d\d)(?![\d%]|[,.]\d))"  # a cell name or a calendar year is not an amount
    rf"(?:\$?\d|(?:{_WORDNUM})\b|half\b|(?:a|an)\s+(?:third|quarter|half|dozen|couple|few|hundred|thousand|million|billion|"
    r"month|week|year|day|hour|minute|kilowatt|gigawatt)\b|several\b|dozens\b|hundreds\b|thousands\b|millions\b|"
    r"tens\s+of\b|double\b|twice\b|triple\b)", re.IGNORECASE)


def starts_with_amount(fragment: str) -> bool:
    """True when ``fragment`` opens with an amount: "18%", "1.8 million",
    "a third", "three times", "half of people" (fillers like "like" may come first)."""
    return bool(_AMOUNT_START.match(fragment))


def _value(num: str) -> float:
    low = num.lower()
    if low in _SMALL:
        return float(_SMALL[low])
    return float(num.replace(",", ""))


_CALENDAR_YEAR = re.compile(r"(?:19|20)\d\d")
_DECIMAL = re.compile(r"\d+\.\d+")


def _is_name(text: str, m: re.Match[str], num: str, suffix: str | None, mag: str | None) -> bool:
    """True when the number ``num`` of ``m`` (a match of _NUMBER without a currency or percent
    sign; ``suffix`` and ``mag`` its groups) names something: a cell format, a model or
    version, a clock time, a calendar year (see module docstring)."""
    num_end = m.end("num")
    if num in {"4680"} or text.startswith("s", num_end) and num.isdigit():
        return True  # cell format '4680', '4680s'
    near = max(0, len(text[: m.start("num")].rstrip()) - _LONGEST_NAME_WORD)  # where a name word before it can begin
    if _NAME_BEFORE.search(text, near, m.start("num")):
        return True
    if _CLOCK_AFTER.match(text, num_end):
        return True
    if _CALENDAR_YEAR.fullmatch(num) and not mag:
        return True  # a calendar year
    if _DECIMAL.fullmatch(num) and not mag:
        return not _UNIT_RE.match(text, num_end + len(suffix or ""))  # '12.3' is a software version
    return False


class _Draft(NamedTuple):
    """A number read as a quantity, before ranges lend their unit."""

    value: float
    unit: str  # empty: none (yet)
    start: int
    end: int
    num_end: int


def _draft(text: str, m: re.Match[str], negative_words: bool = True) -> _Draft | None:
    """The number of ``m`` (a match of _NUMBER) with its value and the unit after it; None for
    a name or a vague count ('several hundred thousand dollars' is not a stated value).
    ``negative_words``: the sentence may say that an amount is negative (:data:`_NEGATIVE_WORDS`)."""
    sign, cur, paren, num, suffix, mag, pct = m.group("sign", "cur", "paren", "num", "suffix", "mag", "pct")
    if not (cur or pct) and _is_name(text, m, num, suffix, mag):
        return None
    if num.isalpha() and _VAGUE_BEFORE.search(text[: m.start("num")]):
        return None
    value = _value(num)
    if sign or paren or (negative_words and _NEGATIVE_BEFORE.search(text, 0, m.start())):
        value = -value
    if suffix:
        value *= _SUFFIX[suffix.lower()]
    if mag:
        value *= MAGNITUDE[mag.lower()]
    end = m.end()
    if cur:
        unit = "USD"
    elif pct:
        unit = "%"
    else:
        unit, end = _unit_after(text, end, num)
    if unit == "cents":
        value, unit = value / 100.0, "USD"
    rm = _RATE_RE.match(text, end)
    if rm:
        unit = (unit or "units") + "/" + (rm.group("per") or rm.group("per2")).lower()
        end = rm.end()
    elif not unit and suffix:
        unit = "units"
    return _Draft(value, unit, m.start(), end, m.end())


def _unit_after(text: str, end: int, num: str) -> tuple[str, int]:
    """The unit written at ``end``, after the number ``num``, and where it ends (``""`` and
    ``end`` when there is none): a unit phrase, a product code, or a count noun in the plural."""
    um = _UNIT_RE.match(text, end)
    if um:
        return _norm_unit(um.group("unit")), um.end()
    cm = _CODE_RE.match(text, end)
    if cm:
        return cm.group("unit"), cm.end()
    pm = _PLURAL_RE.match(text, end)
    if pm and not _NOT_PLURAL.search(pm.group("unit")) and num.lower() != "one":
        noun = pm.group("unit")
        return (noun if noun[0].isupper() else noun.lower()), pm.end()
    return "", end


def find_quantities(text: str | Words) -> tuple[Quantity, ...]:
    """All quantities with a unit, in text order (see module docstring). Given the sentence's
    :class:`~.lexicons.Words`, a sentence with no word that begins with a digit or a number word
    is passed over at once, and one with no word that makes an amount negative is not searched for it."""
    negative_words = True
    if isinstance(text, Words):
        if not any(key[0].isdigit() or key in _NUMBER_KEYS for key in text.at):
            return ()
        negative_words = text.has_any(_NEGATIVE_WORDS)
        text = text.text
    found = [draft for m in _NUMBER.finditer(text) if (draft := _draft(text, m, negative_words)) is not None]
    # ranges: '12 to 24 months', 'three or four months', '50- or 60-kilowatt-hour'
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        if not cur.unit and nxt.unit and _RANGE_GAP.match(text[cur.num_end : nxt.start]):
            found[i] = cur._replace(unit=nxt.unit)
    return tuple(Quantity(q.value, q.unit, text[q.start : q.end].strip(), q.start, q.end) for q in found if q.unit)


_SPACE_OR_HYPHEN = re.compile(r"[\s-]+")


def _norm_unit(raw: str) -> str:
    return _UNIT_FORMS.get(_SPACE_OR_HYPHEN.sub(" ", raw.lower()), raw)


def format_quantities(qs: tuple[Quantity, ...]) -> str:
    """``"2500000000 USD;18.9 %"`` (integral values without a decimal point; empty when none)."""
    return ";".join(f"{int(q.value) if float(q.value).is_integer() else format(q.value, '.10g')} {q.unit}" for q in qs)
