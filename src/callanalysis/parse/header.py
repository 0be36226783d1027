"""The header of a Motley Fool transcript: company, ticker, quarter, fiscal year, date and time.

``read_header(text)`` promises the :class:`CallMetadata` of the first dated header among the first
5,000 characters (``Tesla (TSLA -1.74%) Q1 2024 Earnings Call Apr 23, 2024, 5:30 p.m. ET``; a
page title such as ``... Q1 2024 Earnings Call Transcript`` before it is passed over), or of the
first undated one, with the offset where that header ends; every field is None and the offset 0
when there is no header. The company is the text right before the ticker's parenthesis, after
the last full stop or colon ("Image source: The Motley Fool. Tesla" -> "Tesla").
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CallMetadata:
    """What the transcript's header says about the call."""
    company: str | None
    ticker: str | None
    quarter: int | None
    fiscal_year: int | None
    date: date | None
    time: str | None  # "17:30", 24-hour clock
    timezone: str | None  # as written, e.g. "ET"

    @property
    def title(self) -> str:
        """A short human title such as 'Tesla (TSLA) Q1 2024 earnings call'."""
        who = self.company or "Unknown company"
        if self.ticker:
            who += f" ({self.ticker})"
        when = f"Q{self.quarter} {self.fiscal_year} " if self.quarter and self.fiscal_year else ""
        return f"{who} {when}earnings call"


_HEADER = re.compile(
    r"(?P<company>[A-Z][^()]{0,80}?)\s*\((?:(?:NASDAQ|NYSE|NYSEMKT|OTC)\s*:\s*)?(?P<ticker>[A-Z][A-Z.]{0,6})"
    r"(?:\s*[-+]?\d[\d.]*%)?\s*\)\s*"
    r"Q(?P<quarter>[1-4])\s+(?:(?:FY|Fiscal(?: Year)?)\s*)?(?P<year>(?:19|20)\d\d)\s+Earnings\s+Call\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?,?\s*"
    r"(?P<time>\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?)?\s*(?P<tz>ET|EST|EDT|CT|PT|PST|PDT|GMT|UTC)?"
)


def _parse_date(s: str) -> date | None:
    s = re.sub(r"^Sept\b", "Sep", s.replace(".", ""))
    for fmt in ("%b %d, %Y", "%B %d, %Y"):
        with contextlib.suppress(ValueError):
            return datetime.strptime(s, fmt).date()
    return None


def _parse_time(s: str) -> str | None:
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*([ap])", s)
    if not m:
        return None
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return f"{hour:02d}:{int(m.group(2) or 0):02d}"


def read_header(text: str) -> tuple[CallMetadata, int]:
    """The metadata and the offset where the header ends (0 when there is no header)."""
    found = list(_HEADER.finditer(text, 0, 5000))
    m = next((h for h in found if h.group("date")), found[0] if found else None)
    if not m:
        return CallMetadata(None, None, None, None, None, None, None), 0
    company = re.split(r"[.:]\s+|[\r\n]+", m.group("company").strip())[-1].strip() or None
    when = _parse_date(m.group("date")) if m.group("date") else None
    clock = _parse_time(m.group("time")) if m.group("time") else None
    quarter, year = int(m.group("quarter")), int(m.group("year"))
    return CallMetadata(company, m.group("ticker"), quarter, year, when, clock, m.group("tz")), m.end()
