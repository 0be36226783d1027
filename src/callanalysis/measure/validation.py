"""How well the annotator agrees with careful readers, on the reference sets of ``data/annotations/``.

Promises of :func:`score` (one reference set of one call):

* reference and predicted sentences are aligned by character offsets into the raw transcript:
  a reference sentence takes the OR of the labels of every predicted sentence that overlaps it
  by at least half of the shorter of the two (a reference sentence that holds two predicted ones
  gets both); a reference sentence with no such overlap is predicted all-zero;
* per label: tp, fp, fn, tn, precision, recall and F1 (0.0 where undefined), for the rules
  (``system="rules"``) and for the label's word-list baselines (``system="baseline"``, named in
  ``baseline_list``; :data:`BASELINES`), computed on the reference text;
* horizon accuracy over the reference sentences that have a reference horizon end date: a hit
  when the aligned prediction's end date is within ``tolerance_days`` (31) of it;
* an error table with one row per disagreement (:data:`ERROR_COLUMNS`; ``sentence_id`` is the
  report's id of the first aligned sentence), horizon misses included (label ``horizon``);
* inputs may be pandas DataFrames or sequences of dicts; nothing is read from disk.

:func:`evaluate` annotates the transcripts of every reference set (:data:`REFERENCE_SETS`: the
seed's development sentences, and those of two other real calls, scored per call and pooled);
``make eval`` prints the result as plain text. These are the sentences the rules were developed
on, so every figure is optimistic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..label.columns import FLAGS
from ..label.lexicons import baseline_words
from ..paths import ANNOTATIONS, SEED_TRANSCRIPT

LABELS: tuple[str, ...] = tuple(FLAGS)

#: Each label's word-list baselines: (list name in ``baselines.csv``, or ``digit``; its name).
BASELINES: dict[str, tuple[tuple[str, str], ...]] = {
    "claim": (("digit", "contains a digit"),),
    "forecast": (("li2010_forward", "Li (2010) forward-looking words"),),
    "hedged": (("lm_weak_modal", "Loughran-McDonald Weak_Modal"),
               ("lm_uncertainty", "Loughran-McDonald Uncertainty")),
    "boosted": (("lm_strong_modal", "Loughran-McDonald Strong_Modal"),),
}
_CUE_COLUMN = {"hedged": "hedge_cues", "boosted": "booster_cues", "forecast": "forecast_cues", "claim": ""}
_REFERENCE_CUES = {"hedged": "hedge_cues", "boosted": "booster_cues", "forecast": "horizon"}


@dataclass(frozen=True)
class ReferenceSet:
    """Labelled sentences of one or more calls: ``calls`` maps the value of the file's ``call``
    column (``""`` when it has none) to the call's title and the transcript its offsets point into."""

    name: str
    title: str
    labels: str
    calls: dict[str, tuple[str, Path]]
    horizons: str = ""


REFERENCE_SETS: tuple[ReferenceSet, ...] = (
    ReferenceSet("seed", "The seed call (Tesla Q1 2024)", "reference_dev.csv",
                 {"": ("Tesla Q1 2024", SEED_TRANSCRIPT)}, horizons="horizons_dev.csv"),
    ReferenceSet("other", "Two other real calls", "other_calls_dev.csv", {
        "TNC_q2_2021": ("Tennant Q2 2021", ANNOTATIONS / "transcripts" / "TNC_q2_2021.txt"),
        "BIO_q1_2021": ("Bio-Rad Q1 2021", ANNOTATIONS / "transcripts" / "BIO_q1_2021.txt"),
    }),
)
#: The title of every set and call :func:`evaluate` scores, by its name.
TITLES: dict[str, str] = {
    **{s.name: s.title for s in REFERENCE_SETS},
    **{call: title for s in REFERENCE_SETS for call, (title, _) in s.calls.items() if call},
}


def _read(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(f"{path}: reference annotation file not found")
    return pd.read_csv(path, keep_default_na=False)


@dataclass(frozen=True)
class ValidationReport:
    """Scores, horizon accuracy and the disagreements."""

    metrics: pd.DataFrame
    horizon: dict[str, float]
    errors: pd.DataFrame


Rows = pd.DataFrame | Sequence[Mapping[str, Any]]
ERROR_COLUMNS = ["sid", "sentence_id", "label", "reference", "predicted", "text", "cues", "reference_cues"]


def _frame(rows: Rows) -> pd.DataFrame:
    return rows.reset_index(drop=True) if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0.0 when a denominator is zero)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def align(predicted: Rows, reference: Rows, min_share: float = 0.5) -> list[list[int]]:
    """For each reference row, the indices of predicted rows overlapping it by at least
    ``min_share`` of the shorter span, in prediction order."""
    pred, ref = _frame(predicted), _frame(reference)
    ps, pe = (pred[c].astype(int).to_numpy() if c in pred else np.zeros(0, int) for c in ("start", "end"))
    rs, re_ = (ref[c].astype(int).to_numpy()[:, None] for c in ("start", "end"))
    overlap = np.minimum(pe, re_) - np.maximum(ps, rs)
    shorter = np.minimum(pe - ps, re_ - rs)
    ok = (overlap > 0) & (shorter > 0) & (overlap >= min_share * shorter)
    return [np.flatnonzero(row).tolist() for row in ok]


@lru_cache(maxsize=None)
def _baseline_pattern(list_name: str) -> re.Pattern[str]:
    words = sorted(baseline_words(list_name), key=len, reverse=True)
    return re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'’])", re.IGNORECASE)


def baseline_flag(text: str, list_name: str) -> bool:
    """True when ``text`` contains a word of the baseline list (whole word, case-insensitive),
    or, for ``digit``, any decimal digit."""
    if list_name == "digit":
        return any(ch.isdigit() for ch in text or "")
    return bool(_baseline_pattern(list_name).search(text or ""))


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value not in (None, "") and value == value else None
    except ValueError:
        return None


def _flag(value: Any) -> int:
    return 0 if value in (None, "") or value != value else int(bool(int(value)))


def _join(values: Sequence[Any]) -> str:
    """The ';'-separated parts of ``values``, each once, in order (blanks and NaN left out)."""
    parts = (part for v in values if v is not None and v == v for part in str(v).split(";"))
    return ";".join(dict.fromkeys(part for part in parts if part))


def _cell(counts: dict[tuple[str, str, str], list[int]], key: tuple[str, str, str], truth: int, guess: int) -> None:
    counts[key][0 if truth and guess else 1 if guess else 2 if truth else 3] += 1


def score(predicted: Rows, reference: Rows, *, reference_horizons: Rows | None = None, tolerance_days: int = 31,
          labels: Sequence[str] = LABELS) -> ValidationReport:
    """Score predictions against the reference (see module docstring)."""
    pred, ref = _frame(predicted), _frame(reference)
    if "sid" not in ref.columns:
        ref = ref.assign(sid=range(1, len(ref) + 1))
    columns = {c: pred[c].tolist() for c in pred.columns}
    horizons = _frame(reference_horizons if reference_horizons is not None else [])
    ref_end = {r["sid"]: d for r in horizons.to_dict("records") if (d := _as_date(r.get("end"))) is not None}
    counts = {("rules", lab, ""): [0, 0, 0, 0] for lab in labels}
    counts.update({("baseline", lab, title): [0, 0, 0, 0] for lab in labels for _, title in BASELINES[lab]})
    errors: list[tuple] = []
    hits = 0
    for r, idx in zip(ref.to_dict("records"), align(pred, ref)):
        got = {c: [columns[c][i] for i in idx] for c in columns}
        text = str(r.get("text", ""))
        said = (r["sid"], int(got["sentence_id"][0]) if idx and "sentence_id" in got else pd.NA)
        for lab in labels:
            truth, guess = _flag(r[lab]), int(any(_flag(v) for v in got.get(lab, [])))
            _cell(counts, ("rules", lab, ""), truth, guess)
            for name, title in BASELINES[lab]:
                _cell(counts, ("baseline", lab, title), truth, int(baseline_flag(text, name)))
            if truth != guess:
                fired = _join(got.get(_CUE_COLUMN[lab], [])) if _CUE_COLUMN[lab] else ""
                if lab == "forecast":
                    fired = ";".join(x for x in (fired, _join(got.get("horizon_text", []))) if x)
                expected = str(r.get(_REFERENCE_CUES.get(lab, ""), "") or "")
                errors.append((*said, lab, truth, guess, text, fired, expected))
        if r["sid"] in ref_end:
            ends = [d for d in map(_as_date, got.get("horizon_end", [])) if d]
            ok = bool(ends) and abs((ends[0] - ref_end[r["sid"]]).days) <= tolerance_days
            hits += ok
            if not ok:
                errors.append((*said, "horizon", ref_end[r["sid"]].isoformat(), ends[0].isoformat() if ends else "",
                               text, _join(got.get("horizon_text", [])), str(r.get("horizon", "") or "")))
    n = len(ref_end)
    horizon = {"n": n, "hits": hits, "share": hits / n if n else 0.0, "tolerance_days": tolerance_days}
    err = pd.DataFrame(errors, columns=ERROR_COLUMNS).astype({"sentence_id": "Int64"})
    return ValidationReport(_metrics(counts), horizon, err)


def _metrics(counts: Mapping[tuple[str, str, str], Sequence[int]]) -> pd.DataFrame:
    """One row per (system, label, baseline) from its confusion counts."""
    rows = [(sys, baseline, lab, tp, fp, fn, tn, *prf(tp, fp, fn), tp + fp + fn + tn)
            for (sys, lab, baseline), (tp, fp, fn, tn) in counts.items()]
    return pd.DataFrame(rows, columns=["system", "baseline_list", "label", "tp", "fp", "fn", "tn", "precision",
                                       "recall", "f1", "n"])


def pooled(reports: Sequence[ValidationReport]) -> ValidationReport:
    """Several calls' reports as one: confusion counts summed, errors stacked."""
    summed = pd.concat([r.metrics for r in reports]).groupby(["system", "label", "baseline_list"], sort=False)
    counts = {key: [int(v) for v in row] for key, row in summed[["tp", "fp", "fn", "tn"]].sum().iterrows()}
    n, hits = sum(r.horizon["n"] for r in reports), sum(r.horizon["hits"] for r in reports)
    horizon = {"n": n, "hits": hits, "share": hits / n if n else 0.0, "tolerance_days": 31}
    return ValidationReport(_metrics(counts), horizon, pd.concat([r.errors for r in reports], ignore_index=True))


def evaluate(annotate: Any = None, directory: Path = ANNOTATIONS) -> dict[str, ValidationReport]:
    """Every reference set scored, in this order: ``seed``, ``other`` (the other calls pooled),
    then each other call by its name (:data:`TITLES`). ``annotate`` (call -> sentence table)
    defaults to the package's annotator."""
    from ..label.annotate import annotate as default_annotate
    from ..parse.transcript import load

    annotate = annotate or default_annotate
    sets: dict[str, ValidationReport] = {}
    calls: dict[str, ValidationReport] = {}
    for ref_set in REFERENCE_SETS:
        labels = _read(directory / ref_set.labels)
        horizons = _read(directory / ref_set.horizons) if ref_set.horizons else None
        for call, (_, transcript) in ref_set.calls.items():
            rows = labels[labels["call"] == call] if call else labels
            calls[call or ref_set.name] = score(annotate(load(transcript)), rows, reference_horizons=horizons)
        own = [calls[c or ref_set.name] for c in ref_set.calls]
        sets[ref_set.name] = pooled(own) if len(own) > 1 else own[0]
    return {**sets, **{c: r for c, r in calls.items() if c not in sets}}


def metrics_table(rep: ValidationReport) -> pd.DataFrame:
    """One row per label: the rules' precision, recall and F1 and, beside them, the best of the
    label's baselines (``baseline``, ``baseline_f1``) and all of them as text (``baselines``)."""
    m = rep.metrics
    rules = m[m["system"] == "rules"].set_index("label")[["precision", "recall", "f1", "n"]]
    base = m[m["system"] == "baseline"].sort_values("f1", ascending=False, kind="stable")
    best = base.drop_duplicates("label").set_index("label")[["baseline_list", "f1"]]
    table = rules.join(best.rename(columns={"baseline_list": "baseline", "f1": "baseline_f1"}))
    named = base[["label", "baseline_list", "f1"]].values
    table["baselines"] = ["; ".join(f"{b} {f:.2f}" for label, b, f in named if label == lab) for lab in table.index]
    return table.reindex([lab for lab in LABELS if lab in table.index])


def weakest(rep: ValidationReport) -> str:
    """The label with the lowest F1 of the rules."""
    return str(metrics_table(rep)["f1"].idxmin())


def verdict(rep: ValidationReport) -> str:
    """How the rules compare with the word lists, in words: "above its best word-list baseline on
    every label", or which labels are above and which are not ("a", "a and b", "a, b and c")."""
    table = metrics_table(rep)
    above = [lab for lab, row in table.iterrows() if row.f1 > row.baseline_f1]
    below = [lab for lab in table.index if lab not in above]
    if not below:
        return "above its best word-list baseline on every label"
    if not above:
        return "not above its best word-list baseline on any label"
    above, below = (ws[0] if len(ws) == 1 else ", ".join(ws[:-1]) + " and " + ws[-1] for ws in (above, below))
    return f"above its best word-list baseline on {above}, not on {below}"


def figures(reports: Mapping[str, ValidationReport]) -> dict[str, Any]:
    """Every figure of the validation chapter by its glue name, for each set and call of ``reports``
    (:func:`evaluate`); the names start ``validation_`` and the call's name (``validation_other``
    for the other calls pooled), or ``validation`` alone for the seed (the names other pages quote)."""
    out: dict[str, Any] = {}
    for name, rep in reports.items():
        p, table = "validation" if name == "seed" else f"validation_{name.lower()}", metrics_table(rep)
        out[f"{p}_n"] = int(table["n"].iloc[0])
        for label, row in table.iterrows():
            out.update({f"{p}_f1_{label}": float(row.f1), f"{p}_p_{label}": float(row.precision),
                        f"{p}_r_{label}": float(row.recall), f"{p}_base_f1_{label}": float(row.baseline_f1)})
        worst = weakest(rep)
        out.update({f"{p}_worst_label": worst, f"{p}_worst_f1": float(table.loc[worst, "f1"]),
                    f"{p}_verdict": verdict(rep), f"{p}_n_errors": int(len(rep.errors))})
        h = rep.horizon
        if h["n"]:
            out.update({f"{p}_horizon_n": int(h["n"]), f"{p}_horizon_hits": int(h["hits"]),
                        f"{p}_horizon_share": float(h["share"] * 100), f"{p}_tolerance": int(h["tolerance_days"])})
    return out


def chart_metrics(rep: ValidationReport) -> pd.DataFrame:
    """The report's metrics with, per label, the rules and the best baseline only (one bar each)."""
    m = rep.metrics
    base = m[m["system"] == "baseline"].sort_values("f1", ascending=False, kind="stable").drop_duplicates("label")
    return pd.concat([m[m["system"] == "rules"], base], ignore_index=True)


def error_examples(rep: ValidationReport, per_label: int = 2) -> pd.DataFrame:
    """A few disagreements per label, missed ones (the reference says yes) first, shortest text
    first: examples for a reader; the full list is ``rep.errors``."""
    errors = rep.errors[rep.errors["label"].isin(LABELS)].assign(
        kind=lambda e: ["missed" if str(r) == "1" else "extra" for r in e["reference"]], length=lambda e: e["text"].str.len()
    )
    picked = errors.sort_values(["label", "kind", "length"], ascending=[True, False, True], kind="stable").groupby("label").head(per_label)
    return picked[["label", "kind", "text", "cues", "reference_cues"]].reset_index(drop=True)
