"""Scoring predicted sentence labels against reference annotations.

Promises of :func:`score`:

* reference and predicted sentences are aligned by character offsets into the
  raw transcript: a reference sentence takes the OR of the labels of every
  predicted sentence that overlaps it by at least half of the shorter of the
  two (segmentations differ; a reference sentence that holds two predicted
  ones gets both); a reference sentence with no such overlap is predicted
  all-zero;
* per label (claim, forecast, hedged, boosted): tp, fp, fn, tn, precision,
  recall and F1 (0.0 where undefined), for the rules (``system="rules"``)
  and for the word-list baselines (hedged: Loughran-McDonald Weak_Modal,
  boosted: LM Strong_Modal, forecast: Li 2010; a sentence is positive if its
  reference text contains any list word, whole word, case-insensitive);
* horizon accuracy over the reference sentences that have a reference
  horizon end date: a hit when the aligned prediction's end date is within
  ``tolerance_days`` (31) of it; ``n``, ``hits`` and ``share``;
* an error table with one row per disagreement (sid, the report's
  ``sentence_id`` of the first aligned sentence when predictions carry one,
  label, reference, predicted, text, the predicted cues that fired, the
  reference cues),
  including horizon misses (label ``horizon``);
* inputs may be pandas DataFrames or sequences of dicts; nothing is read
  from disk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..label.lexicons import baseline_words

__all__ = [
    "BASELINE_FOR",
    "REFERENCE_TRANSCRIPT",
    "load_reference",
    "LABELS",
    "ValidationReport",
    "align",
    "baseline_flag",
    "prf",
    "score",
]

LABELS: tuple[str, ...] = ("claim", "forecast", "hedged", "boosted")

from ..paths import ROOT as _ROOT
#: The reference annotations and the transcript their offsets point into.
REFERENCE_DIR = _ROOT / "data" / "annotations"
REFERENCE_TRANSCRIPT = _ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"


def load_reference(directory: Path = REFERENCE_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dev reference labels and normalised horizons (``reference_dev.csv``, ``horizons_dev.csv``).

    Raises ``FileNotFoundError`` naming the missing file.
    """
    out = []
    for name in ("reference_dev.csv", "horizons_dev.csv"):
        path = directory / name
        if not path.exists():
            raise FileNotFoundError(f"{path}: reference annotation file not found")
        out.append(pd.read_csv(path, keep_default_na=False))
    return out[0], out[1]
BASELINE_FOR: dict[str, str] = {
    "hedged": "lm_weak_modal",
    "boosted": "lm_strong_modal",
    "forecast": "li2010_forward",
}
_CUE_COLUMN = {"hedged": "hedge_cues", "boosted": "booster_cues", "forecast": "forecast_cues", "claim": ""}


@dataclass(frozen=True)
class ValidationReport:
    """Scores, horizon accuracy and the disagreements."""

    metrics: pd.DataFrame
    horizon: dict[str, float]
    errors: pd.DataFrame

    def table(self) -> pd.DataFrame:
        """Metrics pivoted: one row per label, P/R/F1 for rules and baseline."""
        wide = self.metrics.pivot(index="label", columns="system", values=["precision", "recall", "f1"])
        return wide.round(3)


Rows = pd.DataFrame | Sequence[Mapping[str, Any]]


def _frame(rows: Rows) -> pd.DataFrame:
    return rows.reset_index(drop=True) if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0.0 when a denominator is zero)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def align(predicted: Rows, reference: Rows, min_share: float = 0.5) -> list[list[int]]:
    """For each reference row, the indices of predicted rows overlapping it by
    at least ``min_share`` of the shorter span."""
    pred, ref = _frame(predicted), _frame(reference)
    ps, pe = _offsets(pred, "start"), _offsets(pred, "end")
    rs, re_ = _offsets(ref, "start")[:, None], _offsets(ref, "end")[:, None]
    # Every (reference, predicted) pair at once; whole numbers, so the float comparison with
    # min_share * shorter is the same as Python's, and the hits come out in ascending order.
    overlap = np.minimum(pe, re_) - np.maximum(ps, rs)
    shorter = np.minimum(pe - ps, re_ - rs)
    ok = (overlap > 0) & (shorter > 0) & (overlap >= min_share * shorter)
    return [np.flatnonzero(row).tolist() for row in ok]


def _offsets(rows: pd.DataFrame, column: str) -> np.ndarray:
    """A start or end column as whole numbers (``astype(int)``), as a NumPy array."""
    return rows[column].astype(int).to_numpy(dtype=np.int64)


_WORD_RES: dict[str, re.Pattern[str]] = {}


def baseline_flag(text: str, list_name: str) -> bool:
    """True when ``text`` contains a word of the baseline list (whole word,
    case-insensitive)."""
    rx = _WORD_RES.get(list_name)
    if rx is None:
        words = sorted(baseline_words(list_name), key=len, reverse=True)
        rx = re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'’])", re.IGNORECASE)
        _WORD_RES[list_name] = rx
    return bool(rx.search(text or ""))


def _as_date(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class _Aligned:
    """The predicted rows aligned to one reference row, read column by column: what
    ``pred.iloc[idx]`` gives for ``in``, ``len`` and a column's values (as a list), without
    building a DataFrame per reference row. ``columns`` caches each column's values."""

    def __init__(self, pred: pd.DataFrame, columns: dict[str, list[Any]], idx: list[int]) -> None:
        self._pred, self._columns, self._idx = pred, columns, idx

    def __contains__(self, column: object) -> bool:
        return column in self._pred.columns

    def __len__(self) -> int:
        return len(self._idx)

    def __getitem__(self, column: str) -> list[Any]:
        values = self._columns.get(column)
        if values is None:
            values = self._columns[column] = self._pred[column].tolist()
        return [values[i] for i in self._idx]


def _first_id(rows: _Aligned) -> Any:
    """The report's id of the first predicted sentence aligned to a reference sentence (or NA)."""
    if "sentence_id" in rows and len(rows):
        return int(rows["sentence_id"][0])
    return pd.NA


def _flag(value: Any) -> int:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return 0
    return int(bool(int(value))) if not isinstance(value, bool) else int(value)


def _join(values: Sequence[Any]) -> str:
    out: list[str] = []
    for v in values:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            continue
        for part in (v if isinstance(v, (tuple, list)) else str(v).split(";")):
            if part and part not in out:
                out.append(str(part))
    return ";".join(out)


def score(
    predicted: Rows,
    reference: Rows,
    *,
    reference_horizons: Rows | None = None,
    tolerance_days: int = 31,
    labels: Sequence[str] = LABELS,
) -> ValidationReport:
    """Score predictions against the reference (see module docstring)."""
    pred, ref = _frame(predicted), _frame(reference)
    if "sid" not in ref.columns:
        ref = ref.assign(sid=range(1, len(ref) + 1))
    aligned = align(pred, ref)
    pred_columns: dict[str, list[Any]] = {}
    ref_end: dict[Any, date] = {}
    if reference_horizons is not None:
        for row in _frame(reference_horizons).to_dict("records"):
            d = _as_date(row.get("end"))
            if d is not None:
                ref_end[row["sid"]] = d
    elif "horizon_end" in ref.columns:
        for sid, v in zip(ref["sid"], ref["horizon_end"]):
            d = _as_date(v)
            if d is not None:
                ref_end[sid] = d

    counts = {(sys, lab): [0, 0, 0, 0] for lab in labels for sys in ("rules", "baseline")}
    errors: list[dict[str, Any]] = []
    hits = 0
    for (i, r), idx in zip(ref.iterrows(), aligned):
        prow = _Aligned(pred, pred_columns, idx)
        text = str(r.get("text", ""))
        for lab in labels:
            truth = _flag(r[lab])
            guess = int(any(_flag(v) for v in prow[lab])) if len(prow) and lab in prow else 0
            c = counts[("rules", lab)]
            c[0 if truth and guess else 1 if guess else 2 if truth else 3] += 1
            if truth != guess:
                col = _CUE_COLUMN.get(lab, "")
                fired = _join(prow[col]) if col and col in prow else ""
                if lab == "forecast" and "horizon_text" in prow:
                    fired = ";".join(x for x in (fired, _join(prow["horizon_text"])) if x)
                ref_col = {"hedged": "hedge_cues", "boosted": "booster_cues", "forecast": "horizon"}.get(lab, "")
                errors.append({
                    "sid": r["sid"], "sentence_id": _first_id(prow), "label": lab, "reference": truth,
                    "predicted": guess, "text": text,
                    "cues": fired, "reference_cues": str(r.get(ref_col, "") or "") if ref_col else "",
                })
            if lab in BASELINE_FOR:
                b = int(baseline_flag(text, BASELINE_FOR[lab]))
                cb = counts[("baseline", lab)]
                cb[0 if truth and b else 1 if b else 2 if truth else 3] += 1
        sid = r["sid"]
        if sid in ref_end:
            ends = [d for d in (_as_date(v) for v in (prow["horizon_end"] if "horizon_end" in prow else [])) if d]
            got = ends[0] if ends else None
            ok = got is not None and abs((got - ref_end[sid]).days) <= tolerance_days
            hits += ok
            if not ok:
                errors.append({
                    "sid": sid, "sentence_id": _first_id(prow), "label": "horizon", "reference": ref_end[sid].isoformat(),
                    "predicted": got.isoformat() if got else "", "text": text,
                    "cues": _join(prow["horizon_text"]) if "horizon_text" in prow else "",
                    "reference_cues": str(r.get("horizon", "") or ""),
                })

    rows = []
    for (sys, lab), (tp, fp, fn, tn) in counts.items():
        if sys == "baseline" and lab not in BASELINE_FOR:
            continue
        p, rc, f = prf(tp, fp, fn)
        rows.append({"system": sys, "baseline_list": "" if sys == "rules" else BASELINE_FOR[lab],
                     "label": lab, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
                     "precision": p, "recall": rc, "f1": f, "n": tp + fp + fn + tn})
    metrics = pd.DataFrame(rows)
    n = len(ref_end)
    horizon = {"n": n, "hits": hits, "share": hits / n if n else 0.0, "tolerance_days": tolerance_days}
    err = pd.DataFrame(errors, columns=["sid", "sentence_id", "label", "reference", "predicted", "text", "cues", "reference_cues"])
    err["sentence_id"] = err["sentence_id"].astype("Int64")
    return ValidationReport(metrics, horizon, err)
