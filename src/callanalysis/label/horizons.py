"""Time expressions ("horizons") and their normalisation to date ranges.

Promises of :func:`find_horizons` (all dates relative to the call date):

* every explicit time expression it recognises is returned once, in text
  order, with the text as written (including a leading temporal preposition
  such as "by", "till", "throughout", but not hedges such as "probably"),
  its character span and an inclusive ``(start, end)`` date range;
* recognised forms (call date 2024-04-23 in the examples):

  ============================  ==============================
  this year / 2024 / for 2024    2024-01-01 .. 2024-12-31
  next year / last year          2025 / 2023 (whole year)
  by the end of (this|the) year  2024-04-23 .. 2024-12-31
  toward the end of next year    2025-10-01 .. 2025-12-31
  Q2 / the second quarter        2024-04-01 .. 2024-06-30
  throughout Q2                  2024-04-01 .. 2024-06-30
  the second half of 2025        2025-07-01 .. 2025-12-31
  early / mid / late 2025        Jan-Apr / May-Aug / Sep-Dec
  late this year                 2024-09-01 .. 2024-12-31
  in August                      2024-08-01 .. 2024-08-31
  till August                    2024-04-23 .. 2024-08-31
  on August 8                    2024-08-08 .. 2024-08-08
  in three or four months        2024-07-23 .. 2024-08-23
  in a year or so                2025-04-23 .. 2025-04-23
  probably three years           2027-04-23 .. 2027-04-23
  over the next three years      2024-04-23 .. 2027-04-23
  (in) the decade                2024-04-23 .. 2029-12-31
  a month ago                    2024-03-23 .. 2024-03-23
  ============================  ==============================

* "by / before / until / till / through / later" make the range start at
  the call date; "from / since / than / versus" make a yearless quarter or
  month refer to its latest occurrence before the call;
* a bare duration ("three years", "12 to 24 months") is a horizon only when
  it is anchored in time: after "in / within / another / the next", after a
  hedge ("probably three years"), or before "from now / out / before";
* :func:`select_horizon` picks the forecast's horizon: the first expression
  after the first forecast cue, else the nearest one before it; with no cue,
  the first that ends on or after the call date; it never picks a comparison
  ("from 2023"), a past reference ("a month ago") or a time inside an
  if-clause ("even if I leave tomorrow");
* :attr:`Horizon.anachronism` is true when the range ends before the call
  date (e.g. "planned for late 2021" said in 2024).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .lexicons import PatternSet


__all__ = [
    "Horizon", "TimeExpression", "add_months", "can_anchor", "find_horizons", "normalise", "select_horizon", "time_expressions",
]


@dataclass(frozen=True)
class Horizon:
    """A time expression with its normalised inclusive date range."""

    text: str
    start: date
    end: date
    char_start: int
    char_end: int
    anachronism: bool
    comparison: bool = False  # introduced by "from / since / than / versus"
    past_reference: bool = False  # "a month ago", "the past few weeks", "last year": never a forecast's horizon
    conditional: bool = False  # inside an if-clause ("even if I leave tomorrow")


def add_months(d: date, months: int) -> date:
    """``d`` shifted by whole months, the day clamped to the month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, q: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_RE = "(?-i:" + "|".join(_MONTHS) + ")"
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_NUMS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "a few": 3,
    "couple of": 2, "a couple of": 2, "several": 3, "a couple": 2,
}
_N = r"(?:\d+|a\s+couple\s+of|a\s+few|couple\s+of|few|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an|a)"
_UNIT = r"(?:day|week|month|quarter|year)s?"
_YEAR = r"(?:19|20)\d\d"

_PERIOD = (
    rf"(?:this|the|next|last)\s+(?:year|quarter|decade|month)|{_YEAR}|Q[1-4](?:\s+(?:of\s+)?{_YEAR})?"
    rf"|(?:the\s+)?(?:first|second|third|fourth)\s+quarter(?:\s+of\s+(?:this\s+year|next\s+year|{_YEAR}))?"
    rf"|{_MONTH_RE}(?:\s+{_YEAR})?"
)

_PREP = r"(?:by|before|until|till|through|throughout|toward|towards|in|during|for|within|at|on|from|since|after|into|over|later|than|versus|vs\.?|compared\s+(?:to|with))"
_BY_LIKE = {"by", "before", "until", "till", "through", "later"}
_COMPARISON = re.compile(r"^(?:from|since|than|versus|vs\.?|compared\s+(?:to|with))$", re.IGNORECASE)


def _num(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMS[word]


def _shift(d: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    return add_months(d, 12 * n)


_RELATIVE_PERIOD = re.compile(r"(this|the|next|last) (year|quarter|decade|month)")
_YEAR_RE = re.compile(_YEAR)
_QUARTER_CODE = re.compile(rf"q([1-4])(?: (?:of )?({_YEAR}))?")
_QUARTER_WORDS = re.compile(rf"(?:the )?(first|second|third|fourth) quarter(?: of (this year|next year|{_YEAR}))?")
_MONTH_YEAR = re.compile(rf"({'|'.join(_MONTHS)})(?: ({_YEAR}))?")
_PERCENT_OR_DOLLAR = re.compile(r"\s*(?:%|\$)")
_LAST = re.compile(r"(?:the\s+)?last\b", re.IGNORECASE)


def _period(text: str, call: date, past_bias: bool) -> tuple[date, date, str]:
    """Range of a PERIOD expression and its granularity (year/quarter/month/decade)."""
    t = " ".join(text.split())
    low = t.lower()
    m = _RELATIVE_PERIOD.fullmatch(low)
    if m:
        rel, unit = m.groups()
        off = {"this": 0, "the": 0, "next": 1, "last": -1}[rel]
        if unit == "year":
            return date(call.year + off, 1, 1), date(call.year + off, 12, 31), "year"
        if unit == "quarter":
            q = (call.month - 1) // 3 + 1 + off
            y = call.year + (q - 1) // 4
            q = (q - 1) % 4 + 1
            return (*_quarter(y, q), "quarter")
        if unit == "month":
            first = add_months(date(call.year, call.month, 1), off)
            return first, _month_end(first.year, first.month), "month"
        decade = call.year // 10 * 10 + 10 * off
        return date(decade, 1, 1), date(decade + 9, 12, 31), "decade"
    if _YEAR_RE.fullmatch(t):
        return date(int(t), 1, 1), date(int(t), 12, 31), "year"
    m = _QUARTER_CODE.fullmatch(low) or _QUARTER_WORDS.fullmatch(low)
    if m:
        q = int(m.group(1)) if m.group(1).isdigit() else _ORD[m.group(1)]
        ytxt = m.group(2)
        if ytxt is None:
            year = call.year
            if past_bias and _quarter(year, q)[1] >= call:
                year -= 1
        elif ytxt == "this year":
            year = call.year
        elif ytxt == "next year":
            year = call.year + 1
        else:
            year = int(ytxt)
        return (*_quarter(year, q), "quarter")
    m = _MONTH_YEAR.fullmatch(t)
    if m:
        month = _MONTHS[m.group(1)]
        if m.group(2):
            year = int(m.group(2))
        elif past_bias:
            year = call.year if month < call.month else call.year - 1
        else:
            year = call.year if month >= call.month else call.year + 1
        return date(year, month, 1), _month_end(year, month), "month"
    raise ValueError(f"not a period: {text!r}")


Handler = Callable[["re.Match[str]", date, bool], tuple[date, date]]


def _edge(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    start, end, unit = _period(m.group("p"), call, past_bias)
    which = m.group("edge").lower()
    if unit == "decade":
        span = (date(end.year, 1, 1), end) if which in ("end", "close") else (start, date(start.year, 12, 31))
    elif unit == "year":
        span = _quarter(start.year, 4) if which in ("end", "close") else _quarter(start.year, 1)
        if which == "middle":
            span = (date(start.year, 5, 1), date(start.year, 8, 31))
    elif unit == "quarter":
        span = (date(end.year, end.month, 1), end) if which in ("end", "close") else (start, _month_end(start.year, start.month))
    else:
        span = (end - timedelta(days=9), end) if which in ("end", "close") else (start, start + timedelta(days=9))
    return span


def _half(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    which = (m.group("h") or "").lower()
    year = call.year
    if m.group("p"):
        year = _period(m.group("p"), call, past_bias)[0].year
    if m.group("hy"):
        year = int(m.group("hy")) if len(m.group("hy")) == 4 else 2000 + int(m.group("hy"))
    first = which in ("first", "1st", "front", "1")
    return (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))


def _part(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    start, _end, _unit = _period(m.group("p"), call, past_bias)
    year = start.year
    return {
        "early": (date(year, 1, 1), date(year, 4, 30)),
        "mid": (date(year, 5, 1), date(year, 8, 31)),
        "late": (date(year, 9, 1), date(year, 12, 31)),
    }[m.group("part").lower()]


def _day(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    month = _MONTHS[m.group("mon")]
    day = int(m.group("d"))
    if m.group("y"):
        year = int(m.group("y"))
    elif past_bias:
        year = call.year if (month, day) < (call.month, call.day) else call.year - 1
    else:
        year = call.year if (month, day) >= (call.month, call.day) else call.year + 1
    d = date(year, month, day)
    return d, d


def _relative(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    a = _num(m.group("a"))
    b = _num(m.group("b")) if m.group("b") else a
    unit = m.group("u")
    if (m.group("pre") or "").lower() == "within":  # "within 18 months": any time from the call on
        return call, _shift(call, b, unit)
    return _shift(call, a, unit), _shift(call, b, unit)


def _next_n(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    return call, _shift(call, _num(m.group("a")), m.group("u"))


def _ago(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    d = _shift(call, -_num(m.group("a")), m.group("u"))
    return d, d


def _past(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    n = _num(m.group("a")) if m.group("a") else 1
    return _shift(call, -n, m.group("u")), call


def _whole_period(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    start, end, unit = _period(m.group("p"), call, past_bias)
    if unit == "decade" and m.group("p").lower().split()[0] in ("the", "this"):
        return call, end
    return start, end


def _tomorrow(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    d = call + timedelta(days=1)
    return d, d


_HEDGE_ALTERNATIVES = r"like|let['’]s\s+say|say|about|around|roughly|maybe|probably|just|approximately|perhaps"
_HEDGE_WORDS = rf"(?:{_HEDGE_ALTERNATIVES})"
_RELATIVE_PRE = r"in|within|after|for\s+another|another"  # "in three years" (alternatives)
_RELATIVE_POST = r"(?:from\s+now|out|away|later|before)"  # "three years from now"


def _relative_any(m: re.Match[str], call: date, past_bias: bool) -> tuple[date, date]:
    if m.group("a2"):
        a = _num(m.group("a2"))
        b = _num(m.group("b2")) if m.group("b2") else a
        unit = m.group("u2")
        return _shift(call, a, unit), _shift(call, b, unit)
    return _relative(m, call, past_bias)


class _Form(NamedTuple):
    """A recognised form of time expression: its name, pattern (every match starts a word) and
    normaliser."""

    name: str
    pattern: str
    handler: Handler  # (match, call date, comparison) -> date range


def _form(name: str, rx: str | tuple[str, str, str], handler: Handler) -> _Form:
    """A form whose pattern is ``rx``, or the concatenation of ``rx`` when a tuple."""
    return _Form(name, "".join(rx), handler)


_FORMS: tuple[_Form, ...] = (
    _form("edge", (r"\b(?:the\s+)?(?P<edge>end|start|beginning|middle|close)\s+of\s+(?:the\s+)?(?P<p>", _PERIOD, r")\b"), _edge),
    _form(
        "half",
        rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd|back|front)\s+half(?:\s+of\s+(?:the\s+year|(?P<p>{_PERIOD})))?\b"
        rf"|\bH(?P<h2>[12])(?:\s+(?:of\s+)?['’]?(?P<hy>{_YEAR}|\d\d))?\b",
        _half,
    ),
    _form("part", rf"\b(?P<part>early|mid|late)[\s-]+(?P<p>this\s+year|next\s+year|last\s+year|{_YEAR})\b", _part),
    _form("day", rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?", _day),
    _form("next_n", rf"\b(?:over\s+|within\s+|in\s+|for\s+)?the\s+next\s+(?P<a>{_N})\s+(?P<u>{_UNIT})\b", _next_n),
    _form("ago", rf"\b(?P<a>{_N})\s+(?P<u>{_UNIT})\s+ago\b", _ago),  # "a couple of weeks ago"
    _form("past", rf"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<a>{_N})\s+)?(?P<u>{_UNIT})\b(?:\s+or\s+so)?", _past),
    _form(
        "relative",  # "\b(?=\w)": a word starts here (every alternative begins with one), checked first
        rf"(?:\b(?=\w)(?P<pre>{_RELATIVE_PRE})\b[,\s]+(?:{_HEDGE_WORDS}[,\s]+)*|\b(?=\w){_HEDGE_WORDS}\s+(?=(?:{_N})\s))"
        rf"(?P<a>{_N})(?:\s+(?:or|to)\s+(?P<b>{_N}))?\s+(?P<u>{_UNIT})\b(?:\s+or\s+so)?(?P<post>\s+(?:from\s+now|out|away|later|time))?(?!\s+ago)"
        rf"|\b(?=\w)(?P<a2>{_N})(?:\s+(?:or|to)\s+(?P<b2>{_N}))?\s+(?P<u2>{_UNIT})(?P<post2>\s+{_RELATIVE_POST})\b",
        _relative_any,
    ),
    _form("period", (r"\b(?:later\s+)?(?P<p>", _PERIOD, r")\b"), _whole_period),
    _form("tomorrow", r"\btomorrow\b", _tomorrow),
)
#: The forms, searched in one pass (each form's match starts a word).
_FORM_SET = PatternSet([form.pattern for form in _FORMS], re.IGNORECASE, prefix=r"\b(?=\w)")

_CLAUSE_MARKS = ",;.?!"
_IF_OPEN = re.compile(rf"\b(?:if|unless|whether)\b[^{_CLAUSE_MARKS}]*$", re.IGNORECASE)
_PREP_BEFORE = re.compile(rf"(?:^|(?<=\W))(?P<prep>{_PREP})\s+$", re.IGNORECASE)
_HEDGE_PREFIX = re.compile(rf"{_HEDGE_WORDS}\s+", re.IGNORECASE)  # used with match()


def find_horizons(text: str, call_date: date) -> tuple[Horizon, ...]:
    """All recognised time expressions of ``text`` (see module docstring)."""
    return normalise(time_expressions(text), call_date)


def normalise(expressions: Sequence[TimeExpression], call_date: date) -> tuple[Horizon, ...]:
    """The horizons of a sentence's :func:`time_expressions` for a call on ``call_date``: the
    part of :func:`find_horizons` that depends on the date (an expression that names no valid
    date for it, such as February 30, gives none)."""
    out: list[Horizon] = []
    for e in expressions:
        try:
            start, end = e.handler(e.match, call_date, e.comparison)
        except (ValueError, KeyError):
            continue
        if e.from_call:
            start = min(call_date, end)
        out.append(Horizon(
            e.text, start, end, e.char_start, e.char_end, anachronism=end < call_date, comparison=e.comparison,
            past_reference=e.past_reference, conditional=e.conditional,
        ))
    return tuple(out)


class TimeExpression(NamedTuple):
    """A time expression as :func:`time_expressions` reads it from the text alone, before the
    call date is known (:func:`normalise` gives its dates)."""

    match: re.Match[str]
    handler: Handler  # the form's normaliser: (match, call date, comparison) -> date range
    text: str
    char_start: int
    char_end: int
    comparison: bool
    from_call: bool  # "by / before / until / ... / later": the range starts at the call date
    past_reference: bool
    conditional: bool


_Candidate = tuple[int, int, str, "re.Match[str]", Handler]  # (start, end, form name, match, handler)


def time_expressions(text: str) -> tuple[TimeExpression, ...]:
    """The time expressions of ``text`` in text order, not yet normalised: the date-free part of
    :func:`find_horizons` (a pure function of the text)."""
    return tuple(_expression(text, c) for c in _non_overlapping(_candidates(text)))


def _candidates(text: str) -> list[_Candidate]:
    """Every match of every form (a form's matches in text order, the forms in turn)."""
    cands: list[_Candidate] = []
    for i, m in _FORM_SET.finditer(text):
        form = _FORMS[i]
        if form.name == "period" and _YEAR_RE.fullmatch(m.group("p")) and _PERCENT_OR_DOLLAR.match(text, m.end()):
            continue  # "2025%", "2025 $": an amount, not a year
        cands.append((m.start(), m.end(), form.name, m, form.handler))
    return cands


def _non_overlapping(cands: list[_Candidate]) -> list[_Candidate]:
    """The candidates kept, longest first (the earlier start, then the earlier form, breaking
    ties), each dropped that overlaps one kept before; in text order."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c[0])


def _expression(text: str, cand: _Candidate) -> TimeExpression:
    """A kept candidate with the words around it read: the preposition before it (part of the
    written text, except for "relative", whose own "in / within / after" counts), a leading hedge
    dropped, and whether it sits in an if-clause."""
    s, e, name, m, handler = cand
    prep_m = _PREP_BEFORE.search(text, 0, s)
    prep = prep_m.group("prep").lower() if prep_m else ""
    span_start = s
    if name == "relative":
        if m.group("pre"):
            prep = m.group("pre").lower()
        else:
            hedge = _HEDGE_PREFIX.match(text, s, e)
            if hedge:
                span_start = hedge.end()
    elif prep_m:
        span_start = prep_m.start("prep")
    written = text[span_start:e]
    return TimeExpression(
        m, handler, written.strip(), span_start, e,
        comparison=bool(_COMPARISON.match(prep)),
        from_call=prep in _BY_LIKE or written.lower().startswith("later"),
        past_reference=name in ("ago", "past") or _LAST.match(text, s, e) is not None,
        conditional=_IF_OPEN.search(text, 0, span_start) is not None,
    )


def select_horizon(
    horizons: Sequence[Horizon], cue_starts: Sequence[int] = (), call_date: date | None = None
) -> Horizon | None:
    """The horizon of a forecast (see module docstring): one that :func:`can_anchor` it."""
    horizons = [h for h in horizons if can_anchor(h)]
    if not horizons:
        return None
    if cue_starts:
        first = min(cue_starts)
        after = [h for h in horizons if h.char_start >= first]
        if after:
            return after[0]
        before = [h for h in horizons if h.char_end <= first]
        if before:
            return before[-1]
    future = [h for h in horizons if call_date is None or h.end >= call_date]
    return future[0] if future else None


def can_anchor(time: Horizon | TimeExpression) -> bool:
    """A time that can be a forecast's horizon, or make a sentence a forecast: no comparison
    ("from 2023"), no past reference ("a month ago") and not inside an if-clause. A sentence
    whose times all fail this test gets the same labels whatever the call date."""
    return not (time.comparison or time.past_reference or time.conditional)
