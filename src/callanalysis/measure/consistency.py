"""Internal-consistency checks of a transcript, as data: figures that cannot all be right.

``check(df, call_date=None)`` runs every rule over the sentence table and returns one row per
finding, sorted by first sentence id then kind. Each finding carries ``kind``, ``sentence_ids``
(';'-joined), ``turns``, ``speakers``, ``evidence`` (the sentences' text), ``stated_value``
(the figure as said), ``reference_value`` (what it is checked against; for an anachronism, the
days from the horizon's end to the call), ``values`` (the computation, in words), ``source`` and
``note``. The note
always reads "likely transcription error": the rules show that figures disagree, not which
one the speaker said.

Rules (no sentence ids are hard-coded; each reads the text itself):

* ``anachronism``: a forecast whose horizon ends before the call date, from the annotated
  table's ``anachronism`` column (skipped when the column is absent);
* ``implausible quantity``: a number with a unit that exceeds a bound in
  ``data/lexicons/plausibility.csv`` (e.g. more than 168 hours a week; cumulative FSD miles
  far above Tesla's reported figure), in a sentence that matches the row's context pattern,
  and only for calls dated inside the row's validity window;
* ``hours of the week``: "X hours a week" next to "a third of the hours of the week" (same or
  adjacent turn) when X and the fraction of 168 hours differ by more than ``rel_tol``;
* ``percentage direction``: "declined from 18.9% to 19.5%" (a fall that rises, or a rise that
  falls).
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd
from ..paths import LEXICONS

PLAUSIBILITY_PATH = LEXICONS / "plausibility.csv"
HOURS_PER_WEEK = 7 * 24
NOTE = "likely transcription error"
COLUMNS = ["kind", "sentence_ids", "turns", "speakers", "evidence", "stated_value", "reference_value", "values", "source", "note"]
_PLAUS_COLUMNS = ("id", "description", "unit_pattern", "context_pattern", "max_value", "reference_value",
                  "as_of", "valid_from", "valid_to", "source")

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion)?"
_FRACTIONS = {
    "half": Fraction(1, 2), "a half": Fraction(1, 2), "one half": Fraction(1, 2),
    "a third": Fraction(1, 3), "one third": Fraction(1, 3), "one-third": Fraction(1, 3),
    "two thirds": Fraction(2, 3), "two-thirds": Fraction(2, 3),
    "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4), "three quarters": Fraction(3, 4),
    "a fifth": Fraction(1, 5), "a tenth": Fraction(1, 10),
}
_FRACTION_OF_WEEK = re.compile(
    r"\b(?P<frac>" + "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True))
    + r"|\d+(?:\.\d+)?\s*(?:%|percent))\s+(?:of\s+the|of|the)\s+(?:hours\s+(?:of|in)\s+(?:the|a)\s+)?week\b",
    re.I,
)
_HOURS_A_WEEK = re.compile(
    _NUMBER + r"\s+hours?(?:\s+of\s+(?:use|driving|operation))?\s+(?:a|per|each|every)\s+week", re.I
)
_DOWN = r"declin\w*|decreas\w*|fell|fall\w*|dropp?\w*|lower\w*|reduc\w*|contract\w*|shr[ai]nk\w*"
_UP = r"increas\w*|rose|ris(?:e|es|ing)|grew|grow\w*|improv\w*|expand\w*|climb\w*"
_PCT_MOVE = re.compile(
    rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\b[^.;?!]{{0,40}}?\bfrom\s+(?P<a>-?\d+(?:\.\d+)?)\s*(?:%|percent)"
    rf"\s+to\s+(?P<b>-?\d+(?:\.\d+)?)\s*(?:%|percent)",
    re.I,
)


def number(num: str, scale: str | None = None) -> float:
    """``"1,300"`` -> 1300.0; ``("300", "billion")`` -> 3e11."""
    return float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


def _fmt(x: float) -> str:
    for word, size in sorted(_SCALE.items(), key=lambda kv: -kv[1]):
        if abs(x) >= size:
            return f"{x / size:,.3g} {word}"
    return f"{x:,.4g}"


def _finding(kind: str, rows: pd.DataFrame, stated: float, reference: float, values: str, source: str) -> dict:
    rows = rows.sort_values("sentence_id")
    return {
        "kind": kind,
        "sentence_ids": ";".join(str(int(s)) for s in rows["sentence_id"]),
        "turns": ";".join(str(int(t)) for t in dict.fromkeys(rows["turn"])),
        "speakers": ";".join(dict.fromkeys(rows["speaker"])),
        "evidence": " / ".join(rows["text"]),
        "stated_value": float(stated),
        "reference_value": float(reference),
        "values": values,
        "source": source,
        "note": NOTE,
    }


def load_plausibility(path: str | Path = PLAUSIBILITY_PATH) -> pd.DataFrame:
    """The plausibility bounds (one row per quantity), validated; ValueError names the problem."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no plausibility table")
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    missing = [c for c in _PLAUS_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{p}: missing column(s) {', '.join(missing)}")
    if (df["source"].str.strip() == "").any():
        raise ValueError(f"{p}: every bound needs a source")
    return df.assign(max_value=df["max_value"].astype(float), reference_value=pd.to_numeric(df["reference_value"], errors="coerce"))


def _applies(row: pd.Series, call_date: date | None) -> bool:
    if call_date is None:
        return True
    lo = date.fromisoformat(row["valid_from"]) if row["valid_from"] else date.min
    hi = date.fromisoformat(row["valid_to"]) if row["valid_to"] else date.max
    return lo <= call_date <= hi


def implausible_quantities(df: pd.DataFrame, bounds: pd.DataFrame, call_date: date | None = None) -> list[dict]:
    """Numbers-with-units above a plausibility bound (see the module docstring)."""
    out = []
    for _, b in bounds.sort_values("id").iterrows():
        if not _applies(b, call_date):
            continue
        qty = re.compile(_NUMBER + r"\s+(?:[\w-]+\s+)?(?:" + b["unit_pattern"] + r")\b", re.I)
        ctx = re.compile(b["context_pattern"], re.I) if b["context_pattern"] else None
        for i, text in zip(df.index, df["text"]):
            if ctx and not ctx.search(text):
                continue
            for m in qty.finditer(text):
                value = number(m.group("num"), m.group("scale"))
                if value > b["max_value"]:
                    ref = b["reference_value"] if pd.notna(b["reference_value"]) else b["max_value"]
                    ratio = value / ref if ref else float("nan")
                    values = (
                        f"stated {_fmt(value)} ('{m.group(0)}'); plausible at most {_fmt(b['max_value'])}"
                        f" {b['description']}; reference {_fmt(ref)} ({ratio:,.0f}x the reference)"
                    )
                    out.append(_finding("implausible quantity", df.loc[[i]], value, ref, values, b["source"]))
    return out


def _fraction(text: str) -> Fraction:
    t = " ".join(text.lower().split())
    if t in _FRACTIONS:
        return _FRACTIONS[t]
    return Fraction(re.match(r"\d+(?:\.\d+)?", t).group()) / 100


def hours_of_the_week(df: pd.DataFrame, rel_tol: float = 0.25) -> list[dict]:
    """"X hours a week" disagreeing with "a <fraction> of the hours of the week" nearby."""
    stated = [
        (sentence_id, turn, i, number(m.group("num"), m.group("scale")), m.group(0))
        for i, sentence_id, turn, text in zip(df.index, df["sentence_id"], df["turn"], df["text"])
        for m in _HOURS_A_WEEK.finditer(text)
    ]
    out = []
    for i, sentence_id, turn, text in zip(df.index, df["sentence_id"], df["turn"], df["text"]):
        for m in _FRACTION_OF_WEEK.finditer(text):
            near = [s for s in stated if abs(s[1] - turn) <= 1]
            if not near:
                continue
            sid, _, j, hours, phrase = min(near, key=lambda s: (abs(s[0] - sentence_id), s[0]))
            frac = _fraction(m.group("frac"))
            implied = float(frac * HOURS_PER_WEEK)
            if abs(hours - implied) / max(hours, implied) > rel_tol:
                values = (
                    f"stated {hours:g} hours a week ('{phrase}'); '{m.group(0)}' = {frac} x {HOURS_PER_WEEK}"
                    f" = {implied:.0f} hours a week"
                )
                out.append(_finding("hours of the week", df.loc[sorted({j, i})], hours, implied, values, f"arithmetic: 7 days x 24 hours = {HOURS_PER_WEEK} hours"))
    return out


def percentage_direction(df: pd.DataFrame) -> list[dict]:
    """"declined from A% to B%" with B > A, or "increased from A% to B%" with B < A."""
    out = []
    for i, text in zip(df.index, df["text"]):
        for m in _PCT_MOVE.finditer(text):
            a, b = float(m.group("a")), float(m.group("b"))
            word = m.group("down") or m.group("up")
            if (m.group("down") and b > a) or (m.group("up") and b < a):
                direction = "a fall" if m.group("down") else "a rise"
                values = f"'{word}' says {direction}, but {a:g}% -> {b:g}% is a change of {b - a:+.4g} points"
                out.append(_finding("percentage direction", df.loc[[i]], b, a, values, "arithmetic"))
    return out


def anachronisms(df: pd.DataFrame, call_date: date | None = None) -> list[dict]:
    """Forecast horizons that end before the call (the annotator's ``anachronism`` flag)."""
    if "anachronism" not in df.columns:
        return []
    flagged = df[pd.to_numeric(df["anachronism"], errors="coerce").fillna(0).astype(int) == 1]
    out = []
    for i, row in flagged.iterrows():
        end = str(row.get("horizon_end", "") or "")
        horizon = str(row.get("horizon_text", "") or "")
        try:
            end_date = date.fromisoformat(end[:10])
        except ValueError:
            end_date = None
        days = (call_date - end_date).days if call_date and end_date else float("nan")
        when = f"call date {call_date.isoformat()}" if call_date else "the call date"
        values = f"horizon '{horizon}' ends {end or '?'}, before {when}" + (f" ({days} days earlier)" if call_date and end_date else "")
        out.append(_finding("anachronism", df.loc[[i]], float("nan"), days, values, "annotator: horizon end before call date"))
    return out


def check(df: pd.DataFrame, call_date: date | None = None, bounds: pd.DataFrame | None = None, rel_tol: float = 0.25) -> pd.DataFrame:
    """Every rule's findings as one table (see the module docstring)."""
    bounds = load_plausibility() if bounds is None else bounds
    found = [
        *anachronisms(df, call_date),
        *implausible_quantities(df, bounds, call_date),
        *hours_of_the_week(df, rel_tol),
        *percentage_direction(df),
    ]
    out = pd.DataFrame(found, columns=COLUMNS)
    if out.empty:
        return out
    first = out["sentence_ids"].str.split(";").str[0].astype(int)
    return out.assign(_first=first).sort_values(["_first", "kind", "sentence_ids"], kind="mergesort").drop(columns="_first").reset_index(drop=True)


#: The kinds of finding :func:`check` reports, in the order the report lists them.
KINDS: tuple[str, ...] = ("anachronism", "implausible quantity", "hours of the week", "percentage direction")


def count_by_kind(findings: pd.DataFrame) -> dict[str, int]:
    """How many findings of each kind in :data:`KINDS` (zeros kept; unknown kinds appended)."""
    counts = findings["kind"].value_counts() if len(findings) else pd.Series(dtype=int)
    out = {k: int(counts.get(k, 0)) for k in KINDS}
    out.update({str(k): int(v) for k, v in counts.items() if k not in out})
    return out


def evidence_rows(findings: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """The findings of :func:`check` with one row per sentence of evidence.

    A finding that rests on two sentences ("150 hours a week" and "a third of the hours of the
    week") gives two rows with the same ``finding`` number, so each sentence can be linked on
    its own. Columns: ``finding`` (1, 2, ... in the order of ``findings``), ``kind``,
    ``sentence_id``, ``speaker``, ``text`` (the sentence), ``values`` (the computation, in
    words), ``source`` and ``note`` (always "likely transcription error").
    """
    cols = ["finding", "kind", "sentence_id", "speaker", "text", "values", "source", "note"]
    by_id = df.set_index("sentence_id")
    rows = []
    for n, f in enumerate(findings.itertuples(index=False), start=1):
        for sid in (int(s) for s in str(f.sentence_ids).split(";") if s.strip()):
            s = by_id.loc[sid]
            rows.append((n, f.kind, sid, s["speaker"], s["text"], f.values, f.source, f.note))
    return pd.DataFrame(rows, columns=cols).astype({"finding": "int64", "sentence_id": "int64"})
