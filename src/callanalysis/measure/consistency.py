"""Internal-consistency checks of a transcript, as data: figures that cannot all be right.

``check(df, call_date=None)`` runs every check over the sentence table and returns one row per
finding (:data:`COLUMNS`), sorted by first sentence id then kind: the figure as said
(``stated_value``), what it is checked against (``reference_value``; for an anachronism, the days
from the horizon's end to the call) and the computation in words (``values``). The ``note`` always
reads "likely transcription error": a check shows that figures disagree, not which one was said.

The checks are those a careful reader applies to any call; none names a company, a product or a
figure of one call (:data:`CHECKS` says what each compares with):

* ``anachronism``: a forecast whose horizon ends before the call date (the annotator's column);
* ``beyond a bound``: a quantity beyond a bound of ``data/lexicons/plausibility.csv`` (more than
  24 hours a day, a margin above 100% ...), each bound with its source;
* ``fraction of a period``: "150 hours a week" said within a turn of "a third of the week";
* ``direction of change``: "declined from 18.9% to 19.5%" (percentages, money or plain numbers),
  unless words of both directions lead up to it ("reduce the increase from 5.4% to 2.3%");
* ``multiple``: "doubled from 20 to 50";
* ``part above its whole``: "12 of the 10 factories", "7 out of 5".
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..label.quantities import DIGITS, MAGNITUDE
from ..paths import LEXICONS

PLAUSIBILITY_PATH = LEXICONS / "plausibility.csv"
NOTE = "likely transcription error"
COLUMNS = ["kind", "sentence_ids", "turns", "speakers", "evidence", "stated_value", "reference_value", "values",
           "source", "note"]
_PLAUS_COLUMNS = ("id", "description", "before", "after", "max_value", "source")
#: Each check, in the order the report lists them, with what it compares the transcript with.
CHECKS: dict[str, str] = {
    "anachronism": "the call date: a forecast cannot fall due before it is made",
    "beyond a bound": "arithmetic and definitions (data/lexicons/plausibility.csv, each bound with its source)",
    "fraction of a period": "arithmetic: a fraction of a day, week or year in hours (24, 168, 8,760 hours)",
    "direction of change": "arithmetic: a fall ends lower than it starts, a rise higher",
    "multiple": "arithmetic: doubled is 2x, tripled 3x, quadrupled 4x, halved 0.5x",
    "part above its whole": "arithmetic: a part cannot exceed the whole it is counted from",
}
KINDS: tuple[str, ...] = tuple(CHECKS)

_SCALES = "|".join(MAGNITUDE)
_NUMBER = rf"(?P<num>{DIGITS})\s*(?P<scale>{_SCALES})?"
#: A figure with its kind: "$1.2 billion", "18.9%", "40" (groups ``@cur``, ``@n``, ``@sc``, ``@pct``, with
#: ``@`` replaced by a prefix).
_FIGURE = rf"(?P<@cur>\$)?(?P<@n>-?(?:{DIGITS}))\s*(?P<@sc>{_SCALES})?\s*(?P<@pct>%|percent)?"
_FRACTIONS = {"half": Fraction(1, 2), "a half": Fraction(1, 2), "one half": Fraction(1, 2), "a third": Fraction(1, 3),
              "one third": Fraction(1, 3), "one-third": Fraction(1, 3), "two thirds": Fraction(2, 3),
              "two-thirds": Fraction(2, 3), "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4),
              "three quarters": Fraction(3, 4), "a fifth": Fraction(1, 5), "a tenth": Fraction(1, 10)}
_HOURS_IN = {"day": 24, "week": 168, "year": 8760}
_PERIOD = r"(?P<period>day|week|year)"
_FRACTION_OF = re.compile(
    r"\b(?P<frac>" + "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True))
    + r"|\d+(?:\.\d+)?\s*(?:%|percent))\s+(?:of\s+the|of|the)\s+(?:hours\s+(?:of|in)\s+(?:the|a)\s+)?" + _PERIOD + r"\b",
    re.I)
_HOURS_PER = re.compile(_NUMBER + r"\s+hours?(?:\s+of\s+\w+)?\s+(?:a|per|each|every)\s+" + _PERIOD + r"\b", re.I)
_DOWN = r"declin\w*|decreas\w*|fell|fall(?:s|ing)?|dropp?\w*|reduc\w*|shr[ai]nk\w*|contract(?:ed|ing|s)?"
_UP = r"increas\w*|rose|ris(?:e|es|ing)|grew|grow(?:s|ing|n)?|climb\w*|expand\w*"
_MOVE = re.compile(rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\b[^.;?!]{{0,40}}?\bfrom\s+{_FIGURE.replace('@', 'a')}"
                   rf"\s+to\s+{_FIGURE.replace('@', 'b')}", re.I)
_FACTORS = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_MULTIPLE = re.compile(r"\b(?P<verb>doubl|tripl|quadrupl|halv)\w*\b[^.;?!]{0,40}?\bfrom\s+"
                       + _FIGURE.replace("@", "a") + r"\s+to\s+" + _FIGURE.replace("@", "b"), re.I)
_PART_OF = re.compile(r"(?<![\w.$,])(?P<a>\d+(?:,\d{3})*)\s+(?:out\s+of|of\s+(?:the|our|its|their|those|these))\s+"
                      r"(?P<b>\d+(?:,\d{3})*)(?![\w.%,]|\s*(?:%|percent))", re.I)


def number(num: str, scale: str | None = None) -> float:
    """``"1,300"`` -> 1300.0; ``("300", "billion")`` -> 3e11."""
    return float(num.replace(",", "")) * MAGNITUDE.get((scale or "").lower(), 1.0)


def _figure(m: re.Match, p: str) -> tuple[float, str]:
    """The value and kind ('%', '$' or '') of the figure in the groups prefixed ``p``."""
    kind = "%" if m.group(f"{p}pct") else "$" if m.group(f"{p}cur") else ""
    return number(m.group(f"{p}n"), m.group(f"{p}sc")), kind


def _fmt(x: float) -> str:
    for word, size in sorted(MAGNITUDE.items(), key=lambda kv: -kv[1]):
        if abs(x) >= size:
            return f"{x / size:,.3g} {word}"
    return f"{x:,.4g}"


def _finding(kind: str, rows: pd.DataFrame, stated: float, reference: float, values: str, source: str) -> dict:
    rows = rows.sort_values("sentence_id")
    return {"kind": kind, "sentence_ids": ";".join(str(int(s)) for s in rows["sentence_id"]),
            "turns": ";".join(str(int(t)) for t in dict.fromkeys(rows["turn"])),
            "speakers": ";".join(dict.fromkeys(rows["speaker"])), "evidence": " / ".join(rows["text"]),
            "stated_value": float(stated), "reference_value": float(reference), "values": values, "source": source,
            "note": NOTE}


def load_plausibility(path: str | Path = PLAUSIBILITY_PATH) -> pd.DataFrame:
    """The bounds (one row per quantity: the words ``before`` and ``after`` a number, the largest
    value it can take and the source of that bound), validated; ValueError names the problem."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no plausibility table")
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    missing = [c for c in _PLAUS_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{p}: missing column(s) {', '.join(missing)}")
    if (df["source"].str.strip() == "").any():
        raise ValueError(f"{p}: every bound needs a source")
    return df.assign(max_value=df["max_value"].astype(float))


def beyond_bounds(df: pd.DataFrame, bounds: pd.DataFrame) -> list[dict]:
    """Numbers beyond a bound of ``bounds`` (:func:`load_plausibility`), one pattern per bound."""
    out = []
    for _, b in bounds.iterrows():
        pattern = re.compile(rf"(?:{b['before']})\s*" if b["before"] else r"(?<![\w.,])", re.I)
        pattern = re.compile(pattern.pattern + _NUMBER + r"\s*(?:" + b["after"] + r")(?!\w)", re.I)
        for i, text in zip(df.index, df["text"]):
            for m in pattern.finditer(text):
                value = number(m.group("num"), m.group("scale"))
                if value > b["max_value"]:
                    values = f"stated {_fmt(value)} ('{m.group(0).strip()}'); {b['description']}: at most {b['max_value']:,g}"
                    out.append(_finding("beyond a bound", df.loc[[i]], value, b["max_value"], values, b["source"]))
    return out


def _fraction(text: str) -> Fraction:
    t = " ".join(text.lower().split())
    return _FRACTIONS[t] if t in _FRACTIONS else Fraction(re.match(r"\d+(?:\.\d+)?", t).group()) / 100


def fraction_of_a_period(df: pd.DataFrame, rel_tol: float = 0.25) -> list[dict]:
    """"X hours a week" disagreeing with "a <fraction> of the week" in the same or the next turn."""
    stated = [(sid, turn, i, number(m.group("num"), m.group("scale")), m.group(0), m.group("period").lower())
              for i, sid, turn, text in zip(df.index, df["sentence_id"], df["turn"], df["text"])
              for m in _HOURS_PER.finditer(text)]
    out = []
    for i, sentence_id, turn, text in zip(df.index, df["sentence_id"], df["turn"], df["text"]):
        for m in _FRACTION_OF.finditer(text):
            period = m.group("period").lower()
            near = [s for s in stated if abs(s[1] - turn) <= 1 and s[5] == period]
            if not near:
                continue
            _, _, j, hours, phrase, _ = min(near, key=lambda s: (abs(s[0] - sentence_id), s[0]))
            frac = _fraction(m.group("frac"))
            implied = float(frac * _HOURS_IN[period])
            if abs(hours - implied) / max(hours, implied) > rel_tol:
                values = (f"stated {hours:g} hours a {period} ('{phrase}'); '{m.group(0)}' = {frac} x "
                          f"{_HOURS_IN[period]:,} = {implied:,.0f} hours a {period}")
                out.append(_finding("fraction of a period", df.loc[sorted({j, i})], hours, implied, values,
                                    f"arithmetic: a {period} has {_HOURS_IN[period]:,} hours"))
    return out


def direction_of_change(df: pd.DataFrame) -> list[dict]:
    """"declined from A to B" with B > A, or "increased from A to B" with B < A (same kind of figure)."""
    out = []
    for i, text in zip(df.index, df["text"]):
        for m in _MOVE.finditer(text):
            (a, ka), (b, kb) = _figure(m, "a"), _figure(m, "b")
            said = text[max(0, m.start() - 40): m.start() + m.group(0).lower().rindex("from")]
            both = re.search(rf"\b(?:{_UP})\b", said, re.I) and re.search(rf"\b(?:{_DOWN})\b", said, re.I)
            if ka != kb or both or not ((m.group("down") and b > a) or (m.group("up") and b < a)):
                continue  # "reduce the increase from 5.4% to 2.3%" says both: no direction to check
            word, direction = m.group("down") or m.group("up"), "a fall" if m.group("down") else "a rise"
            values = f"'{word}' says {direction}, but {m.group(0).split('from', 1)[1].strip()} goes the other way"
            out.append(_finding("direction of change", df.loc[[i]], b, a, values, CHECKS["direction of change"]))
    return out


def multiples(df: pd.DataFrame, rel_tol: float = 0.25) -> list[dict]:
    """"doubled from A to B" where B / A is not within ``rel_tol`` of 2 (3, 4, 0.5 for tripled ...)."""
    out = []
    for i, text in zip(df.index, df["text"]):
        for m in _MULTIPLE.finditer(text):
            (a, ka), (b, kb) = _figure(m, "a"), _figure(m, "b")
            factor = _FACTORS[m.group("verb").lower()]
            if ka != kb or a <= 0 or abs(b / a - factor) / factor <= rel_tol:
                continue
            values = f"'{m.group(0)}': {_fmt(b)} is {b / a:.2g} times {_fmt(a)}, not {factor:g} times"
            out.append(_finding("multiple", df.loc[[i]], b, a * factor, values, CHECKS["multiple"]))
    return out


def parts_above_whole(df: pd.DataFrame) -> list[dict]:
    """"A of the B" or "A out of B" with A > B; a whole that reads as a year or a model
    number (four digits or more without a thousands comma) is not a count."""
    out = []
    for i, text in zip(df.index, df["text"]):
        for m in _PART_OF.finditer(text):
            a, b = number(m.group("a")), number(m.group("b"))
            if a > b and ("," in m.group("b") or b < 1000):
                values = f"'{m.group(0)}': a part of {_fmt(a)} cannot come from a whole of {_fmt(b)}"
                out.append(_finding("part above its whole", df.loc[[i]], a, b, values, CHECKS["part above its whole"]))
    return out


def anachronisms(df: pd.DataFrame, call_date: date | None = None) -> list[dict]:
    """Forecast horizons that end before the call (the annotator's ``anachronism`` flag)."""
    if "anachronism" not in df.columns:
        return []
    flagged = df[pd.to_numeric(df["anachronism"], errors="coerce").fillna(0).astype(int) == 1]
    out = []
    for i, row in flagged.iterrows():
        end, horizon = str(row.get("horizon_end", "") or ""), str(row.get("horizon_text", "") or "")
        try:
            end_date = date.fromisoformat(end[:10])
        except ValueError:
            end_date = None
        days = (call_date - end_date).days if call_date and end_date else float("nan")
        when = f"call date {call_date.isoformat()}" if call_date else "the call date"
        values = f"horizon '{horizon}' ends {end or '?'}, before {when}" + (f" ({days} days earlier)" if call_date and end_date else "")
        out.append(_finding("anachronism", df.loc[[i]], float("nan"), days, values, "annotator: horizon end before call date"))
    return out


def check(df: pd.DataFrame, call_date: date | None = None, bounds: pd.DataFrame | None = None,
          rel_tol: float = 0.25) -> pd.DataFrame:
    """Every check's findings as one table (see the module docstring)."""
    bounds = load_plausibility() if bounds is None else bounds
    found = [*anachronisms(df, call_date), *beyond_bounds(df, bounds), *fraction_of_a_period(df, rel_tol),
             *direction_of_change(df), *multiples(df, rel_tol), *parts_above_whole(df)]
    out = pd.DataFrame(found, columns=COLUMNS)
    if out.empty:
        return out
    first = out["sentence_ids"].str.split(";").str[0].astype(int)
    return out.assign(_first=first).sort_values(["_first", "kind", "sentence_ids"], kind="mergesort") \
        .drop(columns="_first").reset_index(drop=True)


def count_by_kind(findings: pd.DataFrame) -> dict[str, int]:
    """How many findings of each kind in :data:`KINDS` (zeros kept; unknown kinds appended)."""
    counts = findings["kind"].value_counts() if len(findings) else pd.Series(dtype=int)
    out = {k: int(counts.get(k, 0)) for k in KINDS}
    out.update({str(k): int(v) for k, v in counts.items() if k not in out})
    return out


def evidence_rows(findings: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """The findings of :func:`check` with one row per sentence of evidence: a finding that rests on
    two sentences gives two rows with the same ``finding`` number (1, 2, ... in the order of
    ``findings``), so each sentence can be linked on its own."""
    cols = ["finding", "kind", "sentence_id", "speaker", "text", "values", "source", "note"]
    by_id = df.set_index("sentence_id")
    rows = []
    for n, f in enumerate(findings.itertuples(index=False), start=1):
        for sid in (int(s) for s in str(f.sentence_ids).split(";") if s.strip()):
            s = by_id.loc[sid]
            rows.append((n, f.kind, sid, s["speaker"], s["text"], f.values, f.source, f.note))
    return pd.DataFrame(rows, columns=cols).astype({"finding": "int64", "sentence_id": "int64"})


def checks_table(bounds: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every check, and every bound of ``beyond a bound``, with what it compares the transcript
    with: columns ``check`` and ``compared_with``."""
    bounds = load_plausibility() if bounds is None else bounds
    rows = [(k, v) for k, v in CHECKS.items() if k != "beyond a bound"]
    rows[1:1] = [("beyond a bound", f"{b['description']}: at most {b['max_value']:,g} ({b['source']})")
                 for _, b in bounds.iterrows()]
    return pd.DataFrame(rows, columns=["check", "compared_with"])
