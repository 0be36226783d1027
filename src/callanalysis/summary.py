"""Per-group rates over the sentence table (one row per sentence, see ``annotate.annotate``).

Every function here is pure: it takes the sentence table (and, for ``speaker_profile``, the
turns table) and returns a new table; nothing is read from disk and the input is not changed.

Promises:

* counts are *sentence* counts for the flags (``claims``, ``forecasts``, ``hedged``,
  ``boosted``: sentences whose flag is 1) and *cue* counts for ``hedge_cue_count`` /
  ``booster_cue_count`` (every ';'-separated cue of every sentence);
* "per 100 words" rates are cue counts divided by the group's spoken words
  (:func:`~callanalysis.sentences.word_count`, so ``[Inaudible]`` markers do not count);
  a group with no words gets NaN, never a division error;
* output rows are sorted by the grouping keys (sections and roles in the call's own order,
  everything else alphabetically), so the same table always gives the same output;
* :func:`bootstrap_rate_ci` is reproducible for a fixed ``seed`` and a group's interval does not
  depend on which other groups are in the table.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .readability import readability
from .sentences import word_count
from .transcript import ROLES, SECTIONS

FLAGS: dict[str, str] = {"claim": "claims", "forecast": "forecasts", "hedged": "hedged", "boosted": "boosted"}
CUE_COLUMNS: dict[str, str] = {"hedge": "hedge_cues", "booster": "booster_cues"}
PHASES: dict[str, str] = {
    "opening": "scripted opening",
    "investor_qa": "Q&A",
    "analyst_qa": "Q&A",
    "closing": "closing",
}
PHASE_ORDER: tuple[str, ...] = ("scripted opening", "Q&A", "closing")
POLITENESS_ORDER: tuple[str, ...] = ("analyst question (politeness)", "executive", "other")
DEFAULT_SEED = 20240423

By = str | Sequence[str]


def _keys(by: By) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _grouped(df: pd.DataFrame, by: By) -> tuple[pd.DataFrame, list[str]]:
    """``df`` and its grouping keys; no keys means the whole call, as one group ``call = "all"``."""
    keys = _keys(by)
    return (df, keys) if keys else (df.assign(call="all"), ["call"])


def split_cues(value: object) -> list[str]:
    """The cues of one cell (``"about;I think"`` -> ``["about", "i think"]``), lower-cased."""
    if not isinstance(value, str):
        return []
    return [c.strip().lower() for c in value.split(";") if c.strip()]


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of the sentence table with ``words`` (if missing) and cue-count columns added.

    Adds ``hedge_cue_count`` and ``booster_cue_count`` (number of cues in the row); missing flag
    columns are treated as 0 so that a partial table still summarises.
    """
    out = df.copy()
    if "words" not in out.columns:
        out["words"] = out["text"].map(word_count).astype(int)
    for flag in FLAGS:
        out[flag] = pd.to_numeric(out[flag], errors="coerce").fillna(0).astype(int) if flag in out else 0
    for kind, col in CUE_COLUMNS.items():
        cues = out[col] if col in out else pd.Series("", index=out.index)
        out[f"{kind}_cue_count"] = cues.map(lambda v: len(split_cues(v))).astype(int)
    return out


def _order_key(col: str, values: pd.Series) -> pd.Series:
    """Sort key that keeps sections, phases and roles in the call's order."""
    orders = {"section": SECTIONS, "role": ROLES, "phase": PHASE_ORDER, "hedge_context": POLITENESS_ORDER}
    if col in orders:
        rank = {v: i for i, v in enumerate(orders[col])}
        return values.map(lambda v: (rank.get(v, len(rank)), str(v)))
    return values.map(str)


def _sort(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if df.empty or not keys:
        return df.reset_index(drop=True)
    tmp = df.assign(**{f"__k{i}": _order_key(k, df[k]) for i, k in enumerate(keys)})
    tmp = tmp.sort_values([f"__k{i}" for i in range(len(keys))], kind="mergesort")
    return tmp.drop(columns=[f"__k{i}" for i in range(len(keys))]).reset_index(drop=True)


def _per(num: pd.Series, den: pd.Series, per: float = 100.0) -> pd.Series:
    den = den.astype(float).where(den > 0)
    return num.astype(float) / den * per


def rates(df: pd.DataFrame, by: By = ("speaker",)) -> pd.DataFrame:
    """Counts and rates per group (``by=()``: the whole call, as one row with ``call = "all"``).

    Columns: the ``by`` keys, ``sentences``, ``words``, ``turns`` (distinct turns), ``claims``,
    ``forecasts``, ``hedged``, ``boosted`` (sentence counts), ``hedge_cue_count``,
    ``booster_cue_count`` (cue counts), ``hedges_per_100w``, ``boosters_per_100w`` (cues per 100
    words), ``claim_share``, ``forecast_share``, ``hedged_share``, ``boosted_share`` (shares of
    the group's sentences) and ``word_share`` (the group's share of all words in ``df``).
    """
    df, keys = _grouped(df, by)
    d = prepare(df)
    cols = ["sentences", "words", "turns", *FLAGS.values(), "hedge_cue_count", "booster_cue_count"]
    if d.empty:
        extra = ["hedges_per_100w", "boosters_per_100w", "claim_share", "forecast_share",
                 "hedged_share", "boosted_share", "word_share"]
        return pd.DataFrame(columns=[*keys, *cols, *extra])
    g = d.groupby(keys, sort=False, dropna=False)
    out = g.agg(
        sentences=("text", "size"),
        words=("words", "sum"),
        turns=("turn", "nunique"),
        claims=("claim", "sum"),
        forecasts=("forecast", "sum"),
        hedged=("hedged", "sum"),
        boosted=("boosted", "sum"),
        hedge_cue_count=("hedge_cue_count", "sum"),
        booster_cue_count=("booster_cue_count", "sum"),
    ).reset_index()
    out["hedges_per_100w"] = _per(out["hedge_cue_count"], out["words"])
    out["boosters_per_100w"] = _per(out["booster_cue_count"], out["words"])
    for flag, col in (("claim", "claims"), ("forecast", "forecasts"), ("hedged", "hedged"), ("boosted", "boosted")):
        out[f"{flag}_share"] = _per(out[col], out["sentences"], 1.0)
    total = int(d["words"].sum())
    out["word_share"] = out["words"] / total if total else np.nan
    return _sort(out, keys)


def _group_rng(seed: int, key: tuple) -> np.random.Generator:
    """A generator that depends only on ``seed`` and the group's key (stable across runs)."""
    tag = zlib.crc32(repr(tuple(str(k) for k in key)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(tag,)))


def bootstrap_rate_ci(
    df: pd.DataFrame,
    by: By = ("speaker",),
    value: str = "hedge_cue_count",
    per: float = 100.0,
    n_boot: int = 2000,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> pd.DataFrame:
    """Percentile bootstrap interval for ``sum(value) / sum(words) * per`` in each group.

    Sentences are resampled with replacement *within each group* (the group's size is kept), so
    the interval reflects sampling variation of that group's sentences only; sentences within a
    turn are not independent, so treat the interval as a lower bound on the uncertainty.
    ``value`` is any numeric column of :func:`prepare`'s output, e.g. ``hedge_cue_count``,
    ``booster_cue_count``, ``hedged`` or ``claim``. Each group draws from its own
    ``numpy.random.Generator`` seeded from ``seed`` and the group key, so results are
    reproducible and independent of the other groups. Resamples with no words are ignored.

    Columns: the ``by`` keys, ``sentences``, ``words``, ``value_total``, ``rate``, ``ci_low``,
    ``ci_high``, ``n_boot``, ``level``.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    df, keys = _grouped(df, by)
    d = prepare(df)
    if value not in d.columns:
        raise ValueError(f"no column '{value}' in the sentence table")
    alpha = (1 - level) / 2
    rows = []
    for key, grp in d.groupby(keys, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        v = pd.to_numeric(grp[value], errors="coerce").fillna(0).to_numpy(dtype=float)
        w = grp["words"].to_numpy(dtype=float)
        n = len(grp)
        idx = _group_rng(seed, key).integers(0, n, size=(n_boot, n))
        num, den = v[idx].sum(axis=1), w[idx].sum(axis=1)
        boot = np.divide(num, den, out=np.full(n_boot, np.nan), where=den > 0) * per
        lo, hi = (np.nanquantile(boot, [alpha, 1 - alpha]) if np.isfinite(boot).any() else (np.nan, np.nan))
        rows.append(
            {
                **dict(zip(keys, key)),
                "sentences": n,
                "words": int(w.sum()),
                "value_total": float(v.sum()),
                "rate": v.sum() / w.sum() * per if w.sum() > 0 else np.nan,
                "ci_low": float(lo),
                "ci_high": float(hi),
                "n_boot": n_boot,
                "level": level,
            }
        )
    cols = [*keys, "sentences", "words", "value_total", "rate", "ci_low", "ci_high", "n_boot", "level"]
    return _sort(pd.DataFrame(rows, columns=cols), keys)


def certainty_balance(df: pd.DataFrame, by: By = ("speaker",)) -> pd.DataFrame:
    """Boosters minus hedges per 100 words (``balance`` > 0: more certainty than caution)."""
    r = rates(df, by)
    keys = _grouped(df.iloc[:0], by)[1]
    out = r[[*keys, "words", "hedge_cue_count", "booster_cue_count", "hedges_per_100w", "boosters_per_100w"]].copy()
    out["balance"] = out["boosters_per_100w"] - out["hedges_per_100w"]
    return out.reset_index(drop=True)


def top_cues(df: pd.DataFrame, kind: str = "hedge", by: str | None = "speaker", n: int = 5) -> pd.DataFrame:
    """The ``n`` most frequent cues (lower-cased) per group, as a long table.

    Columns: ``by`` (omitted when ``by`` is None), ``rank`` (1 = most frequent), ``cue``,
    ``count``. Ties are broken alphabetically, so the table is deterministic.
    """
    if kind not in CUE_COLUMNS:
        raise ValueError(f"kind must be 'hedge' or 'booster', got {kind!r}")
    col = CUE_COLUMNS[kind]
    keys = [] if by is None else [by]
    cues = df[col] if col in df else pd.Series("", index=df.index)
    long = pd.DataFrame({k: df[k] for k in keys} | {"cue": cues.map(split_cues)}).explode("cue").dropna(subset=["cue"])
    if long.empty:
        return pd.DataFrame(columns=[*keys, "rank", "cue", "count"])
    counts = long.groupby([*keys, "cue"], sort=False).size().rename("count").reset_index()
    counts = counts.sort_values([*keys, "count", "cue"], ascending=[True] * len(keys) + [False, True], kind="mergesort")
    if keys:
        counts["rank"] = counts.groupby(keys, sort=False).cumcount() + 1
    else:
        counts["rank"] = np.arange(1, len(counts) + 1)
    counts = counts[counts["rank"] <= n]
    return _sort(counts[[*keys, "rank", "cue", "count"]], keys) if keys else counts[["rank", "cue", "count"]].reset_index(drop=True)


def question_mask(df: pd.DataFrame) -> pd.Series:
    """True for sentences spoken by analysts (``role == "analyst"``): their questions.

    Hedges there ("I was wondering if maybe ...") are mostly politeness toward the executives,
    not uncertainty about a claim, so they are reported apart. Retail questions that investor
    relations reads out are *not* included (their speaker's role is "investor relations").
    """
    return df["role"].eq("analyst")


def split_politeness(df: pd.DataFrame, by: By = ()) -> pd.DataFrame:
    """Hedging rates with analysts' questions (politeness) shown apart from executives' speech.

    ``hedge_context`` is "analyst question (politeness)" (role analyst), "executive" (role
    executive) or "other" (investor relations, operator, unknown speakers); the rest of the
    columns are :func:`rates` for ``("hedge_context", *by)``.
    """
    context = np.where(question_mask(df), POLITENESS_ORDER[0], np.where(df["role"].eq("executive"), POLITENESS_ORDER[1], POLITENESS_ORDER[2]))
    return rates(df.assign(hedge_context=context), ["hedge_context", *_keys(by)])


def section_profile(df: pd.DataFrame) -> pd.DataFrame:
    """Rates per ``phase`` (scripted opening, Q&A, closing) and ``role``, in the call's order.

    The investor and analyst Q&A sections are pooled into "Q&A".
    """
    return rates(df.assign(phase=df["section"].map(PHASES).fillna(df["section"])), ["phase", "role"])


def speaker_profile(df: pd.DataFrame, turns: pd.DataFrame, min_words: int = 100) -> pd.DataFrame:
    """One row per speaker: who they are, how much they speak, how they speak.

    ``turns`` is :func:`~callanalysis.sentences.turns_frame`: it gives ``role``, ``title``,
    ``turns`` and ``words`` (so a speaker is listed even with no sentences). Rates come from the
    sentence table; readability from :func:`callanalysis.readability.readability` (flagged
    ``readability_reliable`` = False under ``min_words`` words). Sorted by words, most first,
    then by name.
    """
    t = turns.groupby("speaker", sort=False).agg(
        role=("role", "first"), title=("title", "first"), turns=("turn", "nunique"), words=("words", "sum")
    ).reset_index()
    total = int(t["words"].sum())
    t["word_share"] = t["words"] / total if total else np.nan
    r = rates(df, "speaker")[
        ["speaker", "sentences", "claim_share", "forecast_share", "hedged_share", "boosted_share",
         "hedges_per_100w", "boosters_per_100w"]
    ]
    read = readability(df, by="speaker", min_words=min_words)[
        ["speaker", "flesch_reading_ease", "gunning_fog", "reliable"]
    ].rename(columns={"reliable": "readability_reliable"})
    out = t.merge(r, on="speaker", how="left").merge(read, on="speaker", how="left")
    out["sentences"] = out["sentences"].fillna(0).astype(int)
    out["readability_reliable"] = out["readability_reliable"].fillna(False).astype(bool)
    return out.sort_values(["words", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
