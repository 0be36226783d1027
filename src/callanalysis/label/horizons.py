"""Time expressions ("horizons") and their normalisation to date ranges.

A call reports on one fiscal quarter (the header's "Q1 2021"): :func:`anchor` places the call
in time. The *reported quarter* is the last calendar quarter that ended before the call date;
the *current quarter* is the one after it (the call takes place in it) and the *current
fiscal year* the fiscal year that holds the current quarter. Relative periods are read against
them, not against the call date alone.

Promises of :func:`find_horizons`:

* every time expression it recognises is returned once, in text order, with the text as
  written (including a leading temporal preposition such as "by", "till", "throughout", but not
  hedges such as "probably"), its character span and an inclusive ``(start, end)`` date range;
* recognised forms (a call on 2024-04-23 reporting Q1 2024 in the examples):

  ===================================  ==============================
  this year / the year / full year      2024-01-01 .. 2024-12-31
  2024 / for 2024                       2024-01-01 .. 2024-12-31
  next year / last year                 2025 / 2023 (whole year)
  by the end of (this|the) year         2024-04-23 .. 2024-12-31
  the quarter (the reported one)        2024-01-01 .. 2024-03-31
  this quarter / next quarter           2024-04-01 .. 2024-06-30
  last quarter                          2023-10-01 .. 2023-12-31
  Q2 / 2Q / the second quarter          2024-04-01 .. 2024-06-30
  the second half (of the year)         2024-07-01 .. 2024-12-31
  the rest / balance of the year        2024-04-23 .. 2024-12-31
  early / mid / late 2025               Jan-Apr / May-Aug / Sep-Dec
  in August / till August               2024-08-01 / 2024-04-23 .. 2024-08-31
  in March (in the reported quarter)    2024-03-01 .. 2024-03-31
  on August 8                           2024-08-08 .. 2024-08-08
  in three or four months               2024-07-23 .. 2024-08-23
  probably three years                  2027-04-23 .. 2027-04-23
  over the next three years             2024-04-23 .. 2027-04-23
  the coming quarters                   2024-04-23 .. 2025-03-31
  a month ago                           2024-03-23 .. 2024-03-23
  ===================================  ==============================

* a quarter named without a year is the reported quarter or one of the three after it; after
  "from / since / than / versus" (a comparison) the reported quarter or one of the three
  before it; a month or day without a year is its next occurrence from the call date (its
  latest before it in a comparison); "year-over-year" and "year-to-date" are not periods;
* "by / before / until / till / through / later" make the range start at the call date;
* a bare duration ("three years") is a horizon only when anchored in time: after "in / within
  / another / the next", after a hedge ("probably three years"), or before "from now / out";
* "this quarter" and "this year" / "the year" are the current quarter and fiscal year, but a speaker
  often means the reported one ("we had strong performance this quarter", "Capital expenditures
  for the year totaled ..." after a fourth quarter): when that reading has ended,
  :attr:`Horizon.may_be_reported` is set and the time cannot by itself make a forecast
  (:func:`can_anchor`), yet stays the horizon of one ("we expect to close this quarter"); in a
  comparison they are the reported period; "the year ahead" is the current year;
* :func:`select_horizon` picks a forecast's horizon: the first expression after its first
  cue, else the nearest before it; it never picks a comparison ("from 2023"), a past reference
  ("a month ago", "last year", "earlier this year") or a time in an if-clause ("if I leave tomorrow");
* :attr:`Horizon.anachronism` is true when the range ends before the call date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .lexicons import Words, keys_of, longest_of_overlapping, words_of


Handler = Callable[["re.Match[str]", "Anchor", bool], tuple[date, date]]


@dataclass(frozen=True)
class Horizon:
    """A time expression as written, where it stands and how it reads (:func:`time_expressions`),
    and, once :func:`normalise` places it for a call, its inclusive date range."""

    text: str
    char_start: int
    char_end: int
    comparison: bool  # introduced by "from / since / than / versus"
    past_reference: bool  # "a month ago", "the past few weeks", "last year", "so far this year": never a forecast's horizon
    conditional: bool  # inside an if-clause ("even if I leave tomorrow")
    from_call: bool  # "by / before / until / ... / later": the range starts at the call date
    match: re.Match[str] = field(repr=False, compare=False)
    handler: Handler = field(repr=False, compare=False)  # the form's normaliser: (match, anchor, comparison) -> range
    start: date | None = None
    end: date | None = None
    anachronism: bool = False  # the range ends before the call date
    may_be_reported: bool = False  # "this quarter", "this year" (after a fourth quarter) may mean the reported period, now ended


def add_months(d: date, months: int) -> date:
    """``d`` shifted by whole months, the day clamped to the month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _span(start: date, months: int) -> tuple[date, date]:
    """``months`` whole months from ``start`` (a first of the month), inclusive."""
    return start, add_months(start, months) - timedelta(days=1)


@dataclass(frozen=True)
class Anchor:
    """The call in time: its date, the first day of the reported quarter and of the fiscal year
    that holds it, and that fiscal year's label (None when the header gives none)."""

    call: date
    reported: date
    fiscal_start: date
    fiscal_year: int | None = None

    def quarter(self, offset: int) -> tuple[date, date]:
        """The quarter ``offset`` quarters after the reported one."""
        return _span(add_months(self.reported, 3 * offset), 3)

    def year(self, offset: int) -> tuple[date, date]:
        """The fiscal year ``offset`` years after the current one (the one that holds the
        quarter after the reported one: after a fourth quarter, the next fiscal year)."""
        reported_is_last = add_months(self.reported, 3) >= add_months(self.fiscal_start, 12)
        return _span(add_months(self.fiscal_start, 12 * (offset + reported_is_last)), 12)


def anchor(call_date: date, quarter: int | None = None, fiscal_year: int | None = None) -> Anchor:
    """The :class:`Anchor` of a call on ``call_date`` reporting fiscal ``quarter`` (1-4) of
    ``fiscal_year`` (calendar quarters when the header gives no quarter)."""
    last_end = date(call_date.year, (call_date.month - 1) // 3 * 3 + 1, 1) - timedelta(days=1)
    reported = date(last_end.year, last_end.month - 2, 1)
    fiscal_start = add_months(reported, -3 * (quarter - 1)) if quarter in (1, 2, 3, 4) else date(reported.year, 1, 1)
    return Anchor(call_date, reported, fiscal_start, fiscal_year if quarter in (1, 2, 3, 4) else None)


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
_NOT_COMPOUND = r"(?![-\w])"  # "year-over-year", "year-to-date" are no periods

_PERIOD = (
    rf"(?:this|the|next|last|current|prior|previous|coming|upcoming)\s+(?:fiscal\s+)?(?:year|quarter|decade|month){_NOT_COMPOUND}"
    rf"|(?:the\s+)?full[\s-]year(?:\s+(?:of\s+)?{_YEAR})?{_NOT_COMPOUND}|fiscal\s+(?:year\s+)?{_YEAR}|{_YEAR}"
    rf"|Q[1-4](?:\s+(?:of\s+)?{_YEAR})?|[1-4]Q(?:\s*['’]?(?:{_YEAR}|\d\d))?"
    rf"|(?:the\s+)?(?:first|second|third|fourth)\s+quarter(?:\s+of\s+(?:this\s+year|next\s+year|the\s+year|{_YEAR}))?"
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
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    return add_months(d, n * {"month": 1, "quarter": 3}.get(unit, 12))


_RELATIVE_PERIOD = re.compile(r"(this|the|next|last|current|prior|previous|coming|upcoming) (?:fiscal )?(year|quarter|decade|month)")
_FULL_YEAR = re.compile(rf"(?:the )?full[ -]year(?: (?:of )?({_YEAR}))?|fiscal (?:year )?({_YEAR})")
_YEAR_RE = re.compile(_YEAR)
_QUARTER_CODE = re.compile(rf"q([1-4])(?: (?:of )?({_YEAR}))?|([1-4])q(?: ?['’]?({_YEAR}|\d\d))?")
_QUARTER_WORDS = re.compile(rf"(?:the )?(first|second|third|fourth) quarter(?: of (this year|next year|the year|{_YEAR}))?")
_MONTH_YEAR = re.compile(rf"({'|'.join(_MONTHS)})(?: ({_YEAR}))?")
_PERCENT_OR_DOLLAR = re.compile(r"\s*(?:%|\$)")
_LAST = re.compile(r"(?:the\s+)?(?:last|prior|previous|earlier|so\s+far)\b", re.IGNORECASE)
#: Offset from the reported quarter (quarters) or from the current fiscal year (years).
_QUARTER_OFFSET = {"the": 0, "this": 1, "current": 1, "next": 1, "coming": 1, "upcoming": 1, "last": -1, "prior": -1, "previous": -1}
_YEAR_OFFSET = {"this": 0, "the": 0, "current": 0, "coming": 0, "upcoming": 0, "next": 1, "last": -1, "prior": -1, "previous": -1}


def _fiscal_year(a: Anchor, label: int) -> tuple[date, date]:
    """The fiscal year labelled ``label`` (a calendar year when the header gives no fiscal year)."""
    if a.fiscal_year is None:
        return date(label, 1, 1), date(label, 12, 31)
    return _span(add_months(a.fiscal_start, 12 * (label - a.fiscal_year)), 12)


def _named_quarter(a: Anchor, q: int, year: str | None, past_bias: bool) -> tuple[date, date]:
    """Fiscal quarter ``q`` of the fiscal year written ``year`` ("2021", "21", "this year" ...),
    or, with no year, the one among the reported quarter and the three after (before) it."""
    if year is None:
        number = (a.reported.month - a.fiscal_start.month) % 12 // 3 + 1  # the reported quarter's number
        ahead = (q - number) % 4
        return a.quarter(ahead - 4 if past_bias and ahead else ahead)
    if year in ("this year", "the year", "next year"):
        start = a.year(1 if year == "next year" else 0)[0]
    else:
        start = _fiscal_year(a, int(year) if len(year) == 4 else 2000 + int(year))[0]
    return _span(add_months(start, 3 * (q - 1)), 3)


def _period(text: str, a: Anchor, past_bias: bool) -> tuple[date, date, str]:
    """Range of a PERIOD expression and its granularity (year/quarter/month/decade)."""
    t = " ".join(text.split())
    low = t.lower()
    m = _RELATIVE_PERIOD.fullmatch(low)
    if m:
        rel, unit = m.groups()
        if past_bias and rel in ("this", "the") and unit in ("year", "quarter"):  # the reported quarter, its fiscal year
            return (*(_span(a.fiscal_start, 12) if unit == "year" else a.quarter(0)), unit)
        if unit == "year":
            return (*a.year(_YEAR_OFFSET[rel]), "year")
        if unit == "quarter":
            return (*a.quarter(_QUARTER_OFFSET[rel]), "quarter")
        off = _YEAR_OFFSET[rel]
        if unit == "month":
            first = add_months(date(a.call.year, a.call.month, 1), off)
            return (*_span(first, 1), "month")
        decade = a.call.year // 10 * 10 + 10 * off
        return date(decade, 1, 1), date(decade + 9, 12, 31), "decade"
    m = _FULL_YEAR.fullmatch(low)
    if m:
        label = m.group(1) or m.group(2)
        return (*(_fiscal_year(a, int(label)) if label else a.year(0)), "year")
    if _YEAR_RE.fullmatch(t):
        return date(int(t), 1, 1), date(int(t), 12, 31), "year"
    m = _QUARTER_CODE.fullmatch(low) or _QUARTER_WORDS.fullmatch(low)
    if m:
        number, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        q = int(number) if number.isdigit() else _ORD[number]
        return (*_named_quarter(a, q, year, past_bias), "quarter")
    m = _MONTH_YEAR.fullmatch(t)
    if m:
        month, call = _MONTHS[m.group(1)], a.call
        if m.group(2):
            year = int(m.group(2))
        elif past_bias:
            year = call.year if month < call.month else call.year - 1
        else:  # the occurrence in the reported quarter or the nine months after it
            year = a.reported.year + (month < a.reported.month)
        return (*_span(date(year, month, 1), 1), "month")
    raise ValueError(f"not a period: {text!r}")


def _edge(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    start, end, unit = _period(m.group("p"), a, past_bias)
    which = m.group("edge").lower()
    closing = which in ("end", "close")
    if unit == "decade":
        return (date(end.year, 1, 1), end) if closing else (start, date(start.year, 12, 31))
    if unit == "year":
        if which == "middle":
            return _span(add_months(start, 4), 4)
        return _span(add_months(start, 9), 3) if closing else _span(start, 3)
    if unit == "quarter":
        return _span(add_months(start, 2), 1) if closing else _span(start, 1)
    return (end - timedelta(days=9), end) if closing else (start, start + timedelta(days=9))


def _half(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    start = a.year(0)[0]
    if m.group("p"):
        start = _period(m.group("p"), a, past_bias)[0]
    if m.group("hy"):
        hy = m.group("hy")
        start = _fiscal_year(a, int(hy) if len(hy) == 4 else 2000 + int(hy))[0]
    first = (m.group("h") or m.group("h2") or "").lower() in ("first", "1st", "front", "1")
    return _span(start if first else add_months(start, 6), 6)


def _part(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    start = _period(m.group("p"), a, past_bias)[0]
    return _span(add_months(start, {"early": 0, "mid": 4, "late": 8}[m.group("part").lower()]), 4)


def _day(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    month, day, call = _MONTHS[m.group("mon")], int(m.group("d")), a.call
    if m.group("y"):
        year = int(m.group("y"))
    elif past_bias:
        year = call.year if (month, day) < (call.month, call.day) else call.year - 1
    else:
        year = call.year if (month, day) >= (call.month, call.day) else call.year + 1
    d = date(year, month, day)
    return d, d


def _relative_any(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    low, high, unit = (m.group("a2"), m.group("b2"), m.group("u2")) if m.group("a2") else (m.group("a"), m.group("b"), m.group("u"))
    first, last = _num(low), _num(high) if high else _num(low)
    if (m.group("pre") or "").lower() == "within":  # "within 18 months": any time from the call on
        return a.call, _shift(a.call, last, unit)
    return _shift(a.call, first, unit), _shift(a.call, last, unit)


def _next_n(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    unit = m.group("u")
    n = _num(m.group("a")) if m.group("a") else 3 if unit.lower().endswith("s") else 1  # "the coming quarters": a few
    return a.call, _shift(a.call, n, unit)


def _whole_period(m: re.Match[str], a: Anchor, past_bias: bool) -> tuple[date, date]:
    start, end, unit = _period(m.group("p"), a, past_bias)
    if unit == "decade" and m.group("p").lower().split()[0] in ("the", "this"):
        return a.call, end
    return start, end


_HEDGE_WORDS = r"(?:like|let['’]s\s+say|say|about|around|roughly|maybe|probably|just|approximately|perhaps)"


#: The recognised forms of time expression: name, pattern (every match starts a word) and normaliser
#: ``(match, anchor, comparison) -> date range``.
_FORMS: tuple[tuple[str, str, Handler], ...] = (
    ("edge", rf"\b(?:the\s+)?(?P<edge>end|start|beginning|middle|close)\s+of\s+(?:the\s+)?(?P<p>{_PERIOD})\b", _edge),
    ("half", rf"\b(?:the\s+)?(?P<h>first|second|1st|2nd|back|front)\s+half(?:\s+of\s+(?:the\s+year|this\s+year|(?P<p>{_PERIOD})))?\b"
     rf"|\bH(?P<h2>[12])(?:\s+(?:of\s+)?['’]?(?P<hy>{_YEAR}|\d\d))?\b", _half),
    ("part", rf"\b(?P<part>early|mid|late)[\s-]+(?P<p>this\s+year|next\s+year|last\s+year|{_YEAR})\b", _part),
    ("rest", r"\b(?:the\s+)?(?:rest|remainder|balance)\s+of\s+(?:the|this)\s+(?:fiscal\s+)?year\b", lambda m, a, past: (a.call, a.year(0)[1])),
    ("day", rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?", _day),
    ("next_n", rf"\b(?:over\s+|within\s+|in\s+|for\s+)?the\s+(?:next\s+(?P<a>{_N})|(?:next\s+)?(?:coming|upcoming|next\s+few))\s+(?P<u>{_UNIT})\b", _next_n),
    ("ago", rf"\b(?P<a>{_N})\s+(?P<u>{_UNIT})\s+ago\b",  # "a couple of weeks ago"
     lambda m, a, past: (_shift(a.call, -_num(m.group("a")), m.group("u")),) * 2),
    ("past", rf"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<a>{_N})\s+)?(?P<u>{_UNIT})\b(?:\s+or\s+so)?",
     lambda m, a, past: (_shift(a.call, -_num(m.group("a") or "1"), m.group("u")), a.call)),
    ("relative", rf"(?:\b(?P<pre>in|within|after|for\s+another|another)\b[,\s]+(?:{_HEDGE_WORDS}[,\s]+)*|\b{_HEDGE_WORDS}\s+(?=(?:{_N})\s))"
     rf"(?P<a>{_N})(?:\s+(?:or|to)\s+(?P<b>{_N}))?\s+(?P<u>{_UNIT})\b(?:\s+or\s+so)?(?:\s+(?:from\s+now|out|away|later|time))?(?!\s+ago)"
     rf"|\b(?P<a2>{_N})(?:\s+(?:or|to)\s+(?P<b2>{_N}))?\s+(?P<u2>{_UNIT})\s+(?:from\s+now|out|away|later|before)\b", _relative_any),
    ("period", rf"\b(?:(?:later|earlier|so\s+far)\s+(?:in\s+)?)?(?P<p>{_PERIOD})\b", _whole_period),
    ("tomorrow", r"\btomorrow\b", lambda m, a, past: (a.call + timedelta(days=1),) * 2),
)
#: The forms' patterns, compiled once (each form's match starts a word).
_FORM_RES = tuple(re.compile(pattern, re.IGNORECASE) for _, pattern, _ in _FORMS)

#: The words (:class:`~.lexicons.Words` keys: a word's first three characters) of which each form
#: needs one (its unit of time, month, year, quarter code ...): a form is looked for only where one is.
_UNIT_KEYS = keys_of("day week month quarter year")
_MONTH_KEYS = keys_of(" ".join(_MONTHS))
_YEAR_AND_CODE_KEYS = frozenset(  # "2024", "Q1", "1Q", "1Q24"
    {f"{c}{d}" for c in ("19", "20") for d in "0123456789"} | {f"q{n}" for n in "1234"}
    | {f"{n}q{d}" for n in "1234" for d in ("", *"0123456789")}
)
_NEEDS = {
    "edge": keys_of("end start beginning mid close"), "half": keys_of("half h1 h2"), "part": keys_of("early mid late"),
    "rest": keys_of("rest remainder balance"), "day": _MONTH_KEYS, "next_n": _UNIT_KEYS, "ago": keys_of("ago"),
    "past": keys_of("past last"), "relative": _UNIT_KEYS, "tomorrow": keys_of("tomorrow"),
    "period": _UNIT_KEYS | keys_of("decade") | _MONTH_KEYS | _YEAR_AND_CODE_KEYS,
}
_IF_OPEN = re.compile(r"\b(?:if|unless|whether)\b[^,;.?!]*$", re.IGNORECASE)
_IF_WORDS = keys_of("if unless whether")  # the words a match of it begins with
_PREP_BEFORE = re.compile(rf"(?:^|(?<=\W))(?P<prep>{_PREP})\s+$", re.IGNORECASE)
_HEDGE_PREFIX = re.compile(rf"{_HEDGE_WORDS}\s+", re.IGNORECASE)  # used with match()
#: "this quarter", "the year": may be the reported period (fullmatch), unless "ahead" follows ("the year ahead").
_THIS_PERIOD, _AHEAD = re.compile(r"(?:this|the)\s+(?:fiscal\s+)?(?:quarter|year)", re.IGNORECASE), re.compile(r"\s+ahead\b", re.IGNORECASE)


def find_horizons(text: str, when: Anchor | date) -> tuple[Horizon, ...]:
    """All recognised time expressions of ``text`` (see module docstring), for a call at
    ``when`` (an :class:`Anchor`, or a call date: calendar quarters)."""
    return normalise(time_expressions(text), when)


def normalise(expressions: Sequence[Horizon], when: Anchor | date) -> tuple[Horizon, ...]:
    """The sentence's :func:`time_expressions` with their dates for a call at ``when`` (an
    expression that names no valid date, such as February 30, gives none)."""
    a = when if isinstance(when, Anchor) else anchor(when)
    out: list[Horizon] = []
    for e in expressions:
        try:
            start, end = e.handler(e.match, a, e.comparison)
        except (ValueError, KeyError):
            continue
        m = e.match
        reported = _THIS_PERIOD.fullmatch(m.group(0)) and not _AHEAD.match(m.string, m.end()) and e.handler(m, a, True)[1] < a.call
        out.append(replace(e, start=min(a.call, end) if e.from_call else start, end=end, anachronism=end < a.call, may_be_reported=bool(reported)))
    return tuple(out)


_Candidate = tuple[int, int, str, "re.Match[str]", Handler]  # (start, end, form name, match, handler)


def time_expressions(text: str | Words) -> tuple[Horizon, ...]:
    """The time expressions of ``text`` (or its :class:`~.lexicons.Words`) in text order, without
    dates yet (:func:`normalise`)."""
    words = words_of(text)
    text = words.text
    cands: list[_Candidate] = []
    for (name, _, handler), pattern in zip(_FORMS, _FORM_RES):
        if not words.has_any(_NEEDS[name]):
            continue
        for m in pattern.finditer(text):
            if name == "period" and _YEAR_RE.fullmatch(m.group("p")) and _PERCENT_OR_DOLLAR.match(text, m.end()):
                continue  # "2025%", "2025 $": an amount, not a year
            cands.append((m.start(), m.end(), name, m, handler))
    return tuple(_expression(words, c) for c in longest_of_overlapping(cands, lambda c: (c[0], c[1])))


def _expression(words: Words, cand: _Candidate) -> Horizon:
    """A kept candidate with the words around it read: the preposition before it (part of the
    written text, except for "relative", whose own "in / within / after" counts), a leading hedge
    dropped, and whether it sits in an if-clause."""
    s, e, name, m, handler = cand
    text = words.text
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
    return Horizon(
        written.strip(), span_start, e, comparison=bool(_COMPARISON.match(prep)),
        past_reference=name in ("ago", "past") or _LAST.match(text, s, e) is not None,
        conditional=words.has_any(_IF_WORDS) and _IF_OPEN.search(text, 0, span_start) is not None,
        from_call=prep in _BY_LIKE or written.lower().startswith("later"), match=m, handler=handler,
    )


def select_horizon(horizons: Sequence[Horizon], cue_starts: Sequence[int] = (), call_date: date | None = None) -> Horizon | None:
    """The horizon of a forecast (see module docstring): one that :func:`can_date` it."""
    horizons = [h for h in horizons if can_date(h)]
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


def can_date(time: Horizon) -> bool:
    """A time that can be a forecast's horizon: no comparison ("from 2023"), no past reference
    ("a month ago") and not inside an if-clause."""
    return not (time.comparison or time.past_reference or time.conditional)


def can_anchor(time: Horizon) -> bool:
    """A time that can make a forecast of a cue that needs one (``with_future_time``): one that
    :func:`can_date` it and that is not the reported period ("strong performance this quarter and
    continues to ..."), though "will ... this quarter" keeps it as the horizon."""
    return can_date(time) and not time.may_be_reported
