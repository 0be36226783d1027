"""Per-group rates over the sentence table (one row per sentence, see ``annotate.annotate``).

Every function here is pure: it takes the sentence table (and, for ``speaker_profile``, the
turns table) and returns a new table; nothing is read from disk and the input is not changed.

Promises:

* counts are *sentence* counts for the flags (``claims``, ``forecasts``, ``hedged``,
  ``boosted``: sentences whose flag is 1) and *cue* counts for ``hedge_cue_count`` /
  ``booster_cue_count`` (every ';'-separated cue of every sentence);
* "per 100 words" rates are cue counts divided by the group's spoken words
  (:func:`~callanalysis.parse.sentences.word_count`, so ``[Inaudible]`` markers do not count);
  a group with no words gets NaN, never a division error;
* output rows are sorted by the grouping keys (sections and roles in the call's own order,
  everything else alphabetically), so the same table always gives the same output;
* :func:`bootstrap_rate_ci` is reproducible for a fixed ``seed`` and a group's interval does not
  depend on which other groups are in the table.
"""

from __future__ import annotations

import re
import re
import zlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from ..label.lexicons import compile_cue, load_boosters, load_hedges, load_topics
from .outcomes import fisher_exact, wilson_interval
from ..parse.sentences import word_count
from ..label.topics import OTHER as OTHER_TOPIC
from ..label.topics import topic_label
from ..parse.transcript import ROLES, SECTIONS

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


def _check_level(level: float) -> None:
    """A confidence level is strictly between 0 and 1 (one clear error otherwise)."""
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")


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
    _check_level(level)
    df, keys = _grouped(df, by)
    return _bootstrap_rates(prepare(df), keys, (value,), per, n_boot, seed, level)[value]


def _bootstrap_rates(
    d: pd.DataFrame, keys: list[str], values: Sequence[str], per: float, n_boot: int, seed: int, level: float,
) -> dict[str, pd.DataFrame]:
    """:func:`bootstrap_rate_ci` of each of ``values`` on the prepared table ``d``, grouped by ``keys``.

    A group's generator depends only on ``seed`` and the group's key, so every value would draw
    the same resamples: they are drawn once per group and summed for each value, which gives
    the same numbers as one :func:`bootstrap_rate_ci` call per value.
    """
    for value in values:
        if value not in d.columns:
            raise ValueError(f"no column '{value}' in the sentence table")
    alpha = (1 - level) / 2
    rows: dict[str, list[dict]] = {value: [] for value in values}
    for key, grp in d.groupby(keys, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        w = grp["words"].to_numpy(dtype=float)
        n = len(grp)
        idx = _group_rng(seed, key).integers(0, n, size=(n_boot, n))
        den = np.take(w, idx).sum(axis=1)
        for value in values:
            v = pd.to_numeric(grp[value], errors="coerce").fillna(0).to_numpy(dtype=float)
            num = np.take(v, idx).sum(axis=1)
            boot = np.divide(num, den, out=np.full(n_boot, np.nan), where=den > 0) * per
            lo, hi = (np.nanquantile(boot, [alpha, 1 - alpha]) if np.isfinite(boot).any() else (np.nan, np.nan))
            rows[value].append(
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
    return {value: _sort(pd.DataFrame(found, columns=cols), keys) for value, found in rows.items()}


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

    ``turns`` is :func:`~callanalysis.parse.sentences.turns_frame`: it gives ``role``, ``title``,
    ``turns`` and ``words`` (so a speaker is listed even with no sentences). Rates come from the
    sentence table; readability from :func:`callanalysis.measure.readability.readability` (flagged
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
    from .readability import readability  # textstat: only the speakers chapter needs it

    read = readability(df, by="speaker", min_words=min_words)[
        ["speaker", "flesch_reading_ease", "gunning_fog", "reliable"]
    ].rename(columns={"reliable": "readability_reliable"})
    out = t.merge(r, on="speaker", how="left").merge(read, on="speaker", how="left")
    out["sentences"] = out["sentences"].fillna(0).astype(int)
    out["readability_reliable"] = out["readability_reliable"].fillna(False).astype(bool)
    return out.sort_values(["words", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# --------------------------------------------------------------------------- claims and forecasts
# The chapters "Claims" and "Forecasts" group the sentence table with these.


def _flag(df: pd.DataFrame, col: str) -> pd.Series:
    """A 0/1 column as ints (missing column or blanks -> 0)."""
    if col not in df.columns:
        return pd.Series(0, index=df.index, dtype=int)
    return pd.to_numeric(df[col], errors="coerce").fillna(0).astype(int)


def _text(df: pd.DataFrame, col: str) -> pd.Series:
    """A text column with blanks for missing values (missing column -> all blank)."""
    if col not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    return df[col].fillna("").astype(str)


def _share(num: float, den: float) -> float:
    return float(num) / float(den) if den else np.nan


def claim_profile(df: pd.DataFrame, by: By = ("speaker",)) -> pd.DataFrame:
    """Claims per group: how many sentences are claims, how many state a figure, how many are hedged.

    Columns: the ``by`` keys, ``sentences``, ``claims`` (sentences with ``claim == 1``),
    ``claim_share`` (of the group's sentences), ``claims_with_figure`` (claims whose
    ``quantities`` cell names at least one number with a unit), ``figure_share`` (of the group's
    claims), ``hedged_claims`` and ``hedged_claim_share`` (of the group's claims). A share whose
    denominator is 0 is NaN. Rows are sorted as in :func:`rates`.
    """
    df, keys = _grouped(df, by)
    claim = _flag(df, "claim")
    d = pd.DataFrame({k: df[k] for k in keys} | {
        "claim": claim,
        "figure": claim * _text(df, "quantities").str.strip().ne("").astype(int),
        "hedged_claim": claim * _flag(df, "hedged"),
    })
    cols = [*keys, "sentences", "claims", "claim_share", "claims_with_figure", "figure_share",
            "hedged_claims", "hedged_claim_share"]
    if d.empty:
        return pd.DataFrame(columns=cols)
    out = d.groupby(keys, sort=False, dropna=False).agg(
        sentences=("claim", "size"), claims=("claim", "sum"),
        claims_with_figure=("figure", "sum"), hedged_claims=("hedged_claim", "sum"),
    ).reset_index()
    out["claim_share"] = _per(out["claims"], out["sentences"], 1.0)
    out["figure_share"] = _per(out["claims_with_figure"], out["claims"], 1.0)
    out["hedged_claim_share"] = _per(out["hedged_claims"], out["claims"], 1.0)
    return _sort(out[cols], keys)


def numeric_claims(df: pd.DataFrame, context_words: int = 4) -> pd.DataFrame:
    """One row per figure stated in a claim: what was said, its normalised value and unit.

    Uses :func:`callanalysis.label.quantities.find_quantities`, the detector behind the sentence
    table's ``quantities`` column, so ``as_said`` is the span as spoken (``"$2.5 billion"``),
    ``value`` the normalised number (``2.5e9``) and ``unit`` the normalised unit (``"USD"``).
    ``context`` is the figure with up to ``context_words`` words either side, for tables too
    narrow for the whole sentence. Columns: ``sentence_id, speaker, role, section, as_said,
    context, value, unit, topic, topic_label, text``; rows in sentence order, then in the order
    the figures are said.
    """
    cols = ["sentence_id", "speaker", "role", "section", "as_said", "context", "value", "unit", "topic", "topic_label", "text"]
    claims = df[_flag(df, "claim").eq(1) & _text(df, "quantities").str.strip().ne("")]
    from ..label.quantities import find_quantities  # imported here: only the claims chapter needs it

    rows = []
    for _, row in claims.sort_values("sentence_id", kind="mergesort").iterrows():
        topic = str(row.get("topic", "") or OTHER_TOPIC)
        for q in find_quantities(row["text"]):
            rows.append((int(row["sentence_id"]), row["speaker"], row.get("role", ""), row.get("section", ""),
                         q.text, _around(row["text"], q.start, q.end, context_words), float(q.value), q.unit,
                         topic, topic_label(topic), row["text"]))
    return pd.DataFrame(rows, columns=cols).astype({"sentence_id": "int64", "value": "float64"})


def _around(text: str, start: int, end: int, n: int) -> str:
    """``text[start:end]`` with up to ``n`` words either side, an ellipsis where text is cut."""
    before = [m.start() for m in re.finditer(r"\S+", text[:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:])]
    lo = before[-n] if n and len(before) >= n else (0 if n else start)
    hi = end + after[n - 1] if n and len(after) >= n else (len(text) if n else end)
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


def topic_order() -> list[str]:
    """Topic slugs in the lexicon's priority order, with ``other`` last."""
    return [e.topic for e in load_topics() if e.topic != OTHER_TOPIC] + [OTHER_TOPIC]


def topic_matrix(df: pd.DataFrame, flag: str = "claim", by: str = "speaker") -> pd.DataFrame:
    """Flagged sentences per (group, topic), as a complete long table (zeros kept) for a heat map.

    Only groups with at least one flagged sentence and topics that occur among the flagged
    sentences are kept; topics come in :func:`topic_order`, groups by their number of flagged
    sentences (most first, then by name). Columns: ``by``, ``topic``, ``topic_label``,
    ``count``, ``group_total`` (the group's flagged sentences), ``share`` (``count /
    group_total``), ``example_id`` and ``example`` (the group's first flagged sentence on the
    topic; ``<NA>`` and empty when ``count`` is 0).
    """
    cols = [by, "topic", "topic_label", "count", "group_total", "share", "example_id", "example"]
    flagged = df[_flag(df, flag).eq(1)].sort_values("sentence_id", kind="mergesort")
    if flagged.empty:
        return pd.DataFrame(columns=cols)
    flagged = flagged.assign(topic=_text(flagged, "topic").replace("", OTHER_TOPIC))
    totals = flagged.groupby(by, sort=False).size()
    groups = sorted(totals.index, key=lambda g: (-int(totals[g]), str(g)))
    present = set(flagged["topic"])
    known = topic_order()
    topics = [t for t in known if t in present] + sorted(present - set(known))
    first = flagged.drop_duplicates([by, "topic"]).set_index([by, "topic"])
    counts = flagged.groupby([by, "topic"]).size()
    rows = []
    for g in groups:
        for t in topics:
            n = int(counts.get((g, t), 0))
            ex = first.loc[(g, t)] if n else None
            rows.append((g, t, topic_label(t), n, int(totals[g]), n / int(totals[g]),
                         int(ex["sentence_id"]) if n else pd.NA, str(ex["text"]) if n else ""))
    return pd.DataFrame(rows, columns=cols).astype({"example_id": "Int64"})


def forecast_ledger(df: pd.DataFrame) -> pd.DataFrame:
    """Every forecast of the call, one row each, in the order said.

    Columns: ``sentence_id, speaker, role, section, topic, topic_label, horizon_text,
    horizon_start, horizon_end`` (ISO dates, empty when no horizon is stated), ``dated``
    (a horizon was normalised to dates), ``anachronism`` (the horizon ends before the call),
    ``hedged``, ``boosted`` (bool), ``hedge_cues, booster_cues, text``.
    """
    f = df[_flag(df, "forecast").eq(1)].sort_values("sentence_id", kind="mergesort")
    topic = _text(f, "topic").replace("", OTHER_TOPIC)
    out = pd.DataFrame({
        "sentence_id": f["sentence_id"].astype("int64"),
        "speaker": f["speaker"], "role": _text(f, "role"), "section": _text(f, "section"),
        "topic": topic, "topic_label": topic.map(topic_label),
        "horizon_text": _text(f, "horizon_text"),
        "horizon_start": _text(f, "horizon_start").str[:10],
        "horizon_end": _text(f, "horizon_end").str[:10],
    })
    out["dated"] = out["horizon_end"].str.strip().ne("")
    out["anachronism"] = _flag(f, "anachronism").eq(1)
    out["hedged"] = _flag(f, "hedged").eq(1)
    out["boosted"] = _flag(f, "boosted").eq(1)
    out["hedge_cues"] = _text(f, "hedge_cues")
    out["booster_cues"] = _text(f, "booster_cues")
    out["text"] = f["text"]
    return out.reset_index(drop=True)


def horizon_profile(ledger: pd.DataFrame, call_date: date | None) -> dict:
    """How far ahead the forecasts of :func:`forecast_ledger` look, as one record.

    Keys: ``forecasts``, ``dated`` (with a normalised horizon), ``undated``, ``dated_share``,
    ``anachronisms`` (horizon ends before the call), ``ahead`` (dated, not anachronistic),
    ``within_year`` (ahead and ending by 31 December of the call's year) and
    ``within_year_share`` (of ``ahead``), ``median_days`` (median days from the call to the
    horizon's end, over ``ahead``), ``latest_end``, ``latest_text``, ``latest_id`` (the
    furthest horizon). Without a call date the day-based keys are NaN / empty.
    """
    n = len(ledger)
    dated = ledger[ledger["dated"]] if n else ledger
    ahead = dated[~dated["anachronism"]] if len(dated) else dated
    out: dict = {
        "forecasts": n, "dated": len(dated), "undated": n - len(dated),
        "dated_share": _share(len(dated), n), "anachronisms": int(dated["anachronism"].sum()) if len(dated) else 0,
        "ahead": len(ahead), "within_year": 0, "within_year_share": np.nan, "median_days": np.nan,
        "latest_end": "", "latest_text": "", "latest_id": pd.NA,
    }
    if call_date is None or ahead.empty:
        return out
    ends = pd.to_datetime(ahead["horizon_end"]).dt.date
    days = ends.map(lambda d: (d - call_date).days)
    within = int((ends <= date(call_date.year, 12, 31)).sum())
    latest = ahead.assign(_end=ends, _id=ahead["sentence_id"]).sort_values(["_end", "_id"], ascending=[False, True]).iloc[0]
    out.update(within_year=within, within_year_share=_share(within, len(ahead)), median_days=float(days.median()),
               latest_end=latest["horizon_end"], latest_text=latest["horizon_text"], latest_id=int(latest["sentence_id"]))
    return out


def commitment(df: pd.DataFrame, by: str = "speaker", level: float = 0.95) -> pd.DataFrame:
    """How committed each group's forecasts are: shares dated, hedged and boosted.

    One row per group with at least one forecast, most forecasts first (then by name).
    Columns: ``by``, ``forecasts``, ``dated`` and ``dated_share`` (a horizon was stated),
    ``hedged``, ``hedged_share``, ``hedged_low``, ``hedged_high``, ``boosted``,
    ``boosted_share``, ``boosted_low``, ``boosted_high`` (Wilson intervals at ``level``; with
    a handful of forecasts they are wide, which is the point of showing them), ``both``
    (hedged and boosted at once), ``other_sentences``, ``other_hedged_share`` and
    ``other_boosted_share`` (the same group's sentences that are not forecasts: its baseline).
    """
    cols = [by, "forecasts", "dated", "dated_share", "hedged", "hedged_share", "hedged_low", "hedged_high",
            "boosted", "boosted_share", "boosted_low", "boosted_high", "both", "other_sentences", "other_hedged_share",
            "other_boosted_share"]
    fc, hedged, boosted = _flag(df, "forecast"), _flag(df, "hedged"), _flag(df, "boosted")
    dated = _text(df, "horizon_end").str.strip().ne("").astype(int)
    rows = []
    for g, idx in df.groupby(by, sort=False).groups.items():
        f = fc.loc[idx].eq(1)
        n = int(f.sum())
        if not n:
            continue
        h, b = int(hedged.loc[idx][f].sum()), int(boosted.loc[idx][f].sum())
        other = ~f
        hl, hh = wilson_interval(h, n, level)
        bl, bh = wilson_interval(b, n, level)
        rows.append((g, n, int(dated.loc[idx][f].sum()), _share(dated.loc[idx][f].sum(), n),
                     h, h / n, hl, hh, b, b / n, bl, bh, int((hedged.loc[idx][f] & boosted.loc[idx][f]).sum()),
                     int(other.sum()), _share(hedged.loc[idx][other].sum(), other.sum()),
                     _share(boosted.loc[idx][other].sum(), other.sum())))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["forecasts", by], ascending=[False, True], kind="mergesort").reset_index(drop=True)


#: Sentence kinds compared by :func:`commitment_by_kind`, in display order.
SENTENCE_KINDS: tuple[str, ...] = ("forecast", "claim (not a forecast)", "neither")


def sentence_kind(df: pd.DataFrame) -> pd.Series:
    """Each sentence's kind: ``forecast`` (also when it is a claim), ``claim (not a forecast)``
    or ``neither``."""
    fc, cl = _flag(df, "forecast").eq(1), _flag(df, "claim").eq(1)
    return pd.Series(np.where(fc, SENTENCE_KINDS[0], np.where(cl, SENTENCE_KINDS[1], SENTENCE_KINDS[2])),
                     index=df.index, dtype=object)


def commitment_by_kind(df: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Hedged and boosted shares of forecasts, of claims that are not forecasts, and of the rest.

    One row per kind of :data:`SENTENCE_KINDS` (zeros kept) with ``sentences``, ``hedged``,
    ``hedged_share``, ``hedged_low``, ``hedged_high``, ``boosted``, ``boosted_share``,
    ``boosted_low``, ``boosted_high`` (Wilson intervals at ``level``), and on every row
    ``hedged_p`` / ``boosted_p``: two-sided Fisher exact p-values of forecasts against claims
    that are not forecasts. Sentences within a turn are not independent, so read the p-values
    as a yardstick, not a test.
    """
    kind = sentence_kind(df)
    hedged, boosted = _flag(df, "hedged"), _flag(df, "boosted")
    counts = {}
    for k in SENTENCE_KINDS:
        m = kind.eq(k)
        counts[k] = (int(m.sum()), int(hedged[m].sum()), int(boosted[m].sum()))
    (nf, hf, bf), (nc, hc, bc) = counts[SENTENCE_KINDS[0]], counts[SENTENCE_KINDS[1]]
    hp = fisher_exact(hf, nf - hf, hc, nc - hc)
    bp = fisher_exact(bf, nf - bf, bc, nc - bc)
    rows = []
    for k, (n, h, b) in counts.items():
        hl, hh = wilson_interval(h, n, level)
        bl, bh = wilson_interval(b, n, level)
        rows.append((k, n, h, _share(h, n), hl, hh, b, _share(b, n), bl, bh, hp, bp))
    return pd.DataFrame(rows, columns=["kind", "sentences", "hedged", "hedged_share", "hedged_low", "hedged_high",
                                       "boosted", "boosted_share", "boosted_low", "boosted_high", "hedged_p", "boosted_p"])


# --------------------------------------------------------------------------- hedging and speakers
# The chapters "Hedging and boosting" and "Speakers compared" group the sentence table with these.

#: How the chapters name the kinds of cue of ``data/lexicons/hedges.csv`` and ``boosters.csv``.
CUE_KIND_LABELS: dict[str, str] = {
    "modal": "modal verb (may, might, could)",
    "epistemic_adverb": "epistemic adverb (maybe, probably)",
    "epistemic_adjective": "epistemic adjective (it's possible)",
    "epistemic_verb": "epistemic verb (I think, I believe)",
    "approximator": "approximator (about, basically)",
    "shield": "shield (it depends, hard to say)",
    "certainty_adverb": "certainty adverb (obviously, in fact)",
    "factive": "factive (we know, we're confident)",
    "categorical": "categorical (it's happening)",
    "other": "other",
}

#: Verdicts of :func:`compare_rates` and :func:`versus_rest`.
HIGHER, LOWER, UNCLEAR = "higher", "lower", "no clear difference"

_REQUEST = re.compile(
    r"\?\s*[\"”’)]*\s*$"
    r"|\b(?:can|could|would|will)\s+you\b"
    r"|\byou\s+(?:can|could|might)\s+(?:just\s+|please\s+|maybe\s+|also\s+)?(?:help|talk|give|share|elaborate|comment"
    r"|provide|speak|tell|walk|update|clarify|quantify|discuss|explain|expand|add)\b"
    r"|\bhelp\s+(?:us|me)\b"
    r"|\bwondering\b|\bcurious\b"
    r"|\bI['’]d\s+(?:be\s+interested|like\s+to\s+(?:ask|understand|know|hear))\b"
    r"|\bany\s+(?:additional\s+|more\s+|further\s+)?(?:colou?r|commentary|comments?|thoughts|detail)\b"
    r"|\bquestion\b",
    re.IGNORECASE,
)


def add_phase(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with ``phase``: "scripted opening", "Q&A" or "closing" (:data:`PHASES`).

    A section the mapping does not know keeps its own name, so nothing is silently dropped.
    """
    return df.assign(phase=df["section"].map(PHASES).fillna(df["section"]))


def hedge_context(df: pd.DataFrame) -> pd.Series:
    """Each sentence's context as :func:`split_politeness` names it: "analyst question
    (politeness)", "executive" or "other" (:data:`POLITENESS_ORDER`)."""
    return pd.Series(
        np.where(question_mask(df), POLITENESS_ORDER[0],
                 np.where(df["role"].eq("executive"), POLITENESS_ORDER[1], POLITENESS_ORDER[2])),
        index=df.index, dtype=object,
    )


def is_request(text: str) -> bool:
    """True when ``text`` asks the other side for something: a question or a request frame.

    A sentence ending in "?" or containing "can/could/would you", "you can help/talk/give ...",
    "help us", "wondering",
    "curious", "I'd be interested", "any color/commentary/thoughts" or "question". Used to
    read hedges in analysts' turns: "Maybe you can help put that in context" hedges a request
    (politeness), not a statement of fact.
    """
    return bool(_REQUEST.search(str(text)))


def request_mask(df: pd.DataFrame) -> pd.Series:
    """:func:`is_request` for every sentence of the table."""
    return df["text"].map(is_request).astype(bool)


def _verdict(low: float, high: float) -> str:
    if np.isfinite(low) and low > 0:
        return HIGHER
    if np.isfinite(high) and high < 0:
        return LOWER
    return UNCLEAR


def zero_count_upper(words: float, level: float = 0.95, per: float = 100.0) -> float:
    """Upper end of the rate interval for a group with *no* cue in ``words`` words.

    Resampling a group with no cue gives the interval [0, 0], which claims certainty the data
    do not have. For such a group the report uses the exact Poisson upper bound instead:
    ``-ln((1 - level) / 2)`` cues (3.69 at 95%) over the group's words, times ``per``.
    """
    if not words or words <= 0:
        return np.nan
    return float(-np.log((1 - level) / 2) / words * per)


def _boot_rates(v: np.ndarray, w: np.ndarray, n_boot: int, rng: np.random.Generator, per: float) -> np.ndarray:
    """``n_boot`` bootstrap rates ``sum(v) / sum(w) * per`` (NaN where a resample has no words)."""
    if len(v) == 0:
        return np.full(n_boot, np.nan)
    idx = rng.integers(0, len(v), size=(n_boot, len(v)))
    num, den = np.take(v, idx).sum(axis=1), np.take(w, idx).sum(axis=1)
    return np.divide(num, den, out=np.full(n_boot, np.nan), where=den > 0) * per


def compare_rates(
    df: pd.DataFrame,
    a: pd.Series,
    b: pd.Series,
    value: str = "hedge_cue_count",
    per: float = 100.0,
    n_boot: int = 2000,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> dict:
    """Rate of the sentences in mask ``a`` minus the rate in mask ``b``, with a bootstrap interval.

    The rate is ``sum(value) / sum(words) * per`` as in :func:`bootstrap_rate_ci`. The sentences
    of ``a`` and of ``b`` are resampled with replacement, each group within itself, ``n_boot``
    times; the interval is the percentile interval of the differences. ``verdict`` is
    :data:`HIGHER` / :data:`LOWER` when the interval lies above / below zero, else
    :data:`UNCLEAR`. Sentences within a turn are not independent, so the interval is, if
    anything, too narrow: read it as a yardstick, not as a test.

    Keys: ``rate_a``, ``rate_b``, ``difference``, ``ratio`` (NaN when ``rate_b`` is 0),
    ``ci_low``, ``ci_high``, ``words_a``, ``words_b``, ``sentences_a``, ``sentences_b``,
    ``verdict``, ``n_boot``, ``level``. When one group has no cue at all (its resamples are all
    zero), the interval combines the two groups' own intervals, the empty group's ending at
    :func:`zero_count_upper`.
    """
    _check_level(level)
    return _compare_prepared(prepare(df), a, b, value, per, n_boot, seed, level)


def _compare_prepared(d: pd.DataFrame, a, b, value: str, per: float, n_boot: int, seed: int, level: float) -> dict:
    """:func:`compare_rates` on a table already through :func:`prepare`."""
    if value not in d.columns:
        raise ValueError(f"no column '{value}' in the sentence table")
    a = pd.Series(a, index=d.index).fillna(False).astype(bool).to_numpy()
    b = pd.Series(b, index=d.index).fillna(False).astype(bool).to_numpy()
    v = pd.to_numeric(d[value], errors="coerce").fillna(0).to_numpy(dtype=float)
    w = d["words"].to_numpy(dtype=float)

    def rate(m: np.ndarray) -> float:
        return float(v[m].sum() / w[m].sum() * per) if w[m].sum() > 0 else np.nan

    ra, rb = rate(a), rate(b)
    draws = {"a": _boot_rates(v[a], w[a], n_boot, _group_rng(seed, ("compare", "a", value)), per),
             "b": _boot_rates(v[b], w[b], n_boot, _group_rng(seed, ("compare", "b", value)), per)}
    boot = draws["a"] - draws["b"]
    alpha = (1 - level) / 2
    lo, hi = np.nanquantile(boot, [alpha, 1 - alpha]) if np.isfinite(boot).any() else (np.nan, np.nan)
    if (v >= 0).all() and (v[a].sum() == 0 or v[b].sum() == 0):
        # A group with no cue resamples to exactly 0: combine the groups' own intervals instead,
        # with the Poisson bound for the empty one (conservative: the widest difference). A
        # group's own interval comes from the resamples drawn above (same generator, same draws).
        def own(m: np.ndarray, key: str) -> tuple[float, float]:
            if v[m].sum() == 0:
                return 0.0, zero_count_upper(w[m].sum(), level, per)
            return tuple(np.nanquantile(draws[key], [alpha, 1 - alpha]))
        (la, ha), (lb, hb) = own(a, "a"), own(b, "b")
        lo, hi = la - hb, ha - lb
    return {
        "rate_a": ra, "rate_b": rb, "difference": ra - rb,
        "ratio": ra / rb if rb and np.isfinite(rb) else np.nan,
        "ci_low": float(lo), "ci_high": float(hi),
        "words_a": int(w[a].sum()), "words_b": int(w[b].sum()),
        "sentences_a": int(a.sum()), "sentences_b": int(b.sum()),
        "verdict": _verdict(float(lo), float(hi)), "n_boot": n_boot, "level": level,
    }


def versus_rest(
    df: pd.DataFrame, by: str = "speaker", value: str = "hedge_cue_count", per: float = 100.0,
    n_boot: int = 2000, seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """Each group's rate against the rest of the table (:func:`compare_rates`, group vs not group).

    Columns: ``by``, ``rate``, ``rest_rate``, ``difference``, ``ci_low``, ``ci_high``,
    ``verdict``. With many groups, some intervals exclude zero by chance alone (about one in
    twenty at ``level`` 0.95).
    """
    _check_level(level)
    d = prepare(df)  # once for all groups
    rows = []
    for key in df[by].drop_duplicates():
        m = df[by].eq(key)
        c = _compare_prepared(d, m, ~m, value, per, n_boot, int(zlib.crc32(str(key).encode("utf-8"))) ^ seed, level)
        rows.append((key, c["rate_a"], c["rate_b"], c["difference"], c["ci_low"], c["ci_high"], c["verdict"]))
    out = pd.DataFrame(rows, columns=[by, "rate", "rest_rate", "difference", "ci_low", "ci_high", "verdict"])
    return _sort(out, [by])


def certainty_balance_ci(
    df: pd.DataFrame, by: By = ("speaker",), n_boot: int = 2000, seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """:func:`certainty_balance` with a bootstrap interval: (booster cues - hedge cues) per 100 words.

    Columns as :func:`bootstrap_rate_ci` (``rate`` is the balance; ``value_total`` is boosters
    minus hedges); a negative balance means the group hedges more than it boosts.
    """
    return bootstrap_rate_ci(_with_certainty_net(df), by, value="certainty_net", n_boot=n_boot, seed=seed, level=level)


def _with_certainty_net(df: pd.DataFrame) -> pd.DataFrame:
    """:func:`prepare`'s table with ``certainty_net``: booster cues minus hedge cues per sentence."""
    d = prepare(df)
    d["certainty_net"] = d["booster_cue_count"] - d["hedge_cue_count"]
    return d


def share_ci(
    df: pd.DataFrame, flag: str = "claim", by: By = ("speaker",), n_boot: int = 2000,
    seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """Share of each group's sentences with ``flag == 1``, with a bootstrap interval.

    Sentences are resampled within each group, as in :func:`bootstrap_rate_ci`; when none or
    all of a group's sentences are flagged, that side of the interval is Wilson's bound instead
    of the degenerate resampled one. Columns: the ``by`` keys, ``sentences``, ``flagged``, ``share``, ``ci_low``, ``ci_high``, ``n_boot``,
    ``level``.
    """
    d = prepare(df)
    if flag not in d.columns:
        raise ValueError(f"no column '{flag}' in the sentence table")
    out = bootstrap_rate_ci(d.assign(words=1), by, value=flag, per=1.0, n_boot=n_boot, seed=seed, level=level)
    out = out.rename(columns={"value_total": "flagged", "rate": "share"}).drop(columns=["words"])
    out["flagged"] = out["flagged"].astype(int)
    # None or all flagged: resampling gives a zero-width interval; use Wilson's bound on that side.
    for i, row in out.iterrows():
        lo, hi = wilson_interval(int(row["flagged"]), int(row["sentences"]), level)
        if row["flagged"] == 0:
            out.at[i, "ci_high"] = hi
        if row["flagged"] == row["sentences"]:
            out.at[i, "ci_low"] = lo
    return out


def hedging_table(
    df: pd.DataFrame, by: By = ("speaker",), n_boot: int = 2000, seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """Hedges, boosters and their balance per 100 words, each with its bootstrap interval.

    One row per group. Columns: the ``by`` keys, ``sentences``, ``words``, ``hedges``,
    ``boosters`` (cue counts), ``hedges_per_100w``, ``hedges_low``, ``hedges_high``,
    ``boosters_per_100w``, ``boosters_low``, ``boosters_high``, ``balance``, ``balance_low``,
    ``balance_high``. Rows sorted as in :func:`rates`. A group with no hedge (booster) at all
    gets :func:`zero_count_upper` as the upper end of its hedge (booster) interval, and its
    balance interval is widened to match.
    """
    _check_level(level)
    # The three intervals of bootstrap_rate_ci / certainty_balance_ci, from one set of resamples
    # per group (they would each draw the same ones).
    grouped, keys = _grouped(df, by)
    boot = _bootstrap_rates(_with_certainty_net(grouped), keys, ("hedge_cue_count", "booster_cue_count",
                                                                  "certainty_net"), 100.0, n_boot, seed, level)
    parts = {"hedges": boot["hedge_cue_count"], "boosters": boot["booster_cue_count"], "balance": boot["certainty_net"]}
    out = parts["hedges"][[*keys, "sentences", "words", "value_total"]].rename(columns={"value_total": "hedges"})
    out["boosters"] = parts["boosters"]["value_total"].to_numpy()
    for name, p in parts.items():
        rate = "balance" if name == "balance" else f"{name}_per_100w"
        out[rate] = p["rate"].to_numpy()
        out[f"{name}_low"] = p["ci_low"].to_numpy()
        out[f"{name}_high"] = p["ci_high"].to_numpy()
    out[["hedges", "boosters"]] = out[["hedges", "boosters"]].astype(int)
    # No cue at all: the resampled interval is [0, 0]; use the Poisson bound (zero_count_upper).
    for name in ("hedges", "boosters"):
        zero = out[name].eq(0)
        bound = out["words"].map(lambda n: zero_count_upper(n, level))
        out.loc[zero, f"{name}_high"] = bound[zero]
    out["balance_low"] = np.where(out["hedges"].eq(0), np.fmin(out["balance_low"], -out["hedges_high"]), out["balance_low"])
    out["balance_high"] = np.where(out["boosters"].eq(0), np.fmax(out["balance_high"], out["boosters_high"]),
                                   out["balance_high"])
    return out


def cue_kind(cue: str, kind: str = "hedge") -> str:
    """The lexicon ``kind`` of a cue as written (``"I don't think"`` -> ``"epistemic_verb"``).

    The first row of ``hedges.csv`` / ``boosters.csv`` whose pattern matches the whole cue
    wins; a cue no row matches is ``"other"``.
    """
    if kind not in CUE_COLUMNS:
        raise ValueError(f"kind must be 'hedge' or 'booster', got {kind!r}")
    return _cue_kind(" ".join(str(cue).split()), kind)


@lru_cache(maxsize=4096)
def _cue_kind(cue: str, kind: str) -> str:
    entries = load_hedges() if kind == "hedge" else load_boosters()
    for entry in entries:
        if compile_cue(entry).fullmatch(cue):
            return entry.kind
    return "other"


def cue_kind_counts(df: pd.DataFrame, kinds: Sequence[str], kind: str = "hedge") -> pd.Series:
    """Per sentence, how many of its hedge (booster) cues are of one of ``kinds``.

    E.g. ``cue_kind_counts(df, ("epistemic_adverb", "modal", "approximator"))`` counts the
    qualifiers of a narrower, "vague words" measure; add the result as a column and pass its
    name to :func:`bootstrap_rate_ci` or :func:`compare_rates` as ``value``.
    """
    if kind not in CUE_COLUMNS:
        raise ValueError(f"kind must be 'hedge' or 'booster', got {kind!r}")
    col, wanted = CUE_COLUMNS[kind], set(kinds)
    cues = df[col] if col in df else pd.Series("", index=df.index)
    return cues.map(lambda v: sum(cue_kind(c, kind) in wanted for c in split_cues(v))).astype(int)


def cue_kinds(df: pd.DataFrame, kind: str = "hedge", by: str | None = "role") -> pd.DataFrame:
    """How many of each group's cues are of each lexicon kind (modal, approximator ...).

    Counts every ';'-separated cue of the ``hedge_cues`` / ``booster_cues`` column, as
    :func:`rates` does. Columns: ``by`` (omitted when None), ``cue_kind``, ``kind_label``
    (:data:`CUE_KIND_LABELS`), ``count``, ``share`` (of the group's cues), ``examples`` (the
    group's most frequent cues of that kind, most frequent first, up to three). Groups in the
    order of :func:`rates`, kinds by count (most first, then by name).
    """
    if kind not in CUE_COLUMNS:
        raise ValueError(f"kind must be 'hedge' or 'booster', got {kind!r}")
    col = CUE_COLUMNS[kind]
    keys = [] if by is None else [by]
    cols = [*keys, "cue_kind", "kind_label", "count", "share", "examples"]
    cues = df[col] if col in df else pd.Series("", index=df.index)
    long = pd.DataFrame({k: df[k] for k in keys} | {"cue": cues.map(split_cues)}).explode("cue").dropna(subset=["cue"])
    if long.empty:
        return pd.DataFrame(columns=cols)
    long["cue_kind"] = long["cue"].map(lambda c: cue_kind(c, kind))
    g = keys or ["__all"]
    long = long.assign(__all="all")
    rows = []
    for key, grp in long.groupby(g, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        total = len(grp)
        for ck, sub in grp.groupby("cue_kind", sort=False):
            counts = sub["cue"].value_counts()
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            rows.append((*key[: len(keys)], ck, CUE_KIND_LABELS.get(ck, ck), len(sub), len(sub) / total,
                         ", ".join(c for c, _ in top)))
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values([*keys, "count", "cue_kind"], ascending=[True] * len(keys) + [False, True], kind="mergesort")
    return _sort(out, keys) if keys else out.reset_index(drop=True)


def phase_comparison(
    df: pd.DataFrame, value: str = "hedge_cue_count", role: str = "executive", min_words: int = 100,
    n_boot: int = 2000, seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """Scripted opening against Q&A, for the ``role``'s speakers who speak in both, and pooled.

    One row per speaker with at least ``min_words`` words in *both* phases, then a row
    ``speaker = "all <role>s"`` pooling every sentence of the role. Columns: ``speaker``,
    ``opening_words``, ``qa_words``, ``opening_rate``, ``opening_low``, ``opening_high``,
    ``qa_rate``, ``qa_low``, ``qa_high``, ``difference`` (Q&A minus opening), ``diff_low``,
    ``diff_high``, ``verdict`` (of the Q&A rate against the opening rate).
    """
    _check_level(level)
    # Prepared once: prepare works row by row, so a subset of the prepared table is the
    # prepared subset that bootstrap_rate_ci and compare_rates would make.
    d = prepare(add_phase(df[df["role"].eq(role)]))
    opening, qa = PHASE_ORDER[0], PHASE_ORDER[1]
    groups: list[tuple[str, pd.Series]] = []
    words = d.groupby(["speaker", "phase"])["words"].sum()
    for speaker in d["speaker"].drop_duplicates():
        if words.get((speaker, opening), 0) >= min_words and words.get((speaker, qa), 0) >= min_words:
            groups.append((speaker, d["speaker"].eq(speaker)))
    groups.append((f"all {role}s", pd.Series(True, index=d.index)))
    rows = []
    for name, m in groups:
        sub = d[m]
        ci = _bootstrap_rates(sub, ["phase"], (value,), 100.0, n_boot, seed, level)[value].set_index("phase")
        c = _compare_prepared(sub, sub["phase"].eq(qa), sub["phase"].eq(opening), value, 100.0, n_boot, seed, level)
        get = lambda p, col: float(ci.loc[p, col]) if p in ci.index else np.nan  # noqa: E731
        rows.append((name, c["words_b"], c["words_a"], get(opening, "rate"), get(opening, "ci_low"),
                     get(opening, "ci_high"), get(qa, "rate"), get(qa, "ci_low"), get(qa, "ci_high"),
                     c["difference"], c["ci_low"], c["ci_high"], c["verdict"]))
    return pd.DataFrame(rows, columns=["speaker", "opening_words", "qa_words", "opening_rate", "opening_low",
                                       "opening_high", "qa_rate", "qa_low", "qa_high", "difference", "diff_low",
                                       "diff_high", "verdict"])


def compare_shares(
    df: pd.DataFrame, a: pd.Series, b: pd.Series, flag: str = "claim", n_boot: int = 2000,
    seed: int = DEFAULT_SEED, level: float = 0.95,
) -> dict:
    """Share of mask ``a``'s sentences with ``flag == 1`` minus the share in mask ``b``.

    :func:`compare_rates` with every sentence weighing one (the rate of a flag per sentence);
    same keys, with ``rate_a`` / ``rate_b`` the two shares.
    """
    return compare_rates(prepare(df).assign(words=1), a, b, value=flag, per=1.0, n_boot=n_boot, seed=seed, level=level)


def phase_readability(
    df: pd.DataFrame, score: str = "gunning_fog", role: str = "executive", min_words: int = 100,
    n_boot: int = 2000, seed: int = DEFAULT_SEED, level: float = 0.95,
) -> pd.DataFrame:
    """:func:`phase_comparison` for a readability score instead of a rate.

    ``score`` is ``"gunning_fog"`` or ``"flesch_reading_ease"``. Point scores are
    :func:`~callanalysis.measure.readability.readability`'s; the intervals resample each part's
    sentences (:func:`~callanalysis.measure.readability.bootstrap_scores`), and the difference's
    interval pairs the two parts' independent draws. Same columns as :func:`phase_comparison`
    (``*_rate`` hold the scores).
    """
    from .readability import bootstrap_scores, group_rng, readability

    if score not in ("gunning_fog", "flesch_reading_ease"):
        raise ValueError(f"score must be 'gunning_fog' or 'flesch_reading_ease', got {score!r}")
    pick = 1 if score == "gunning_fog" else 0
    # Prepared once (prepare works row by row): its word counts serve every group and part.
    d = prepare(add_phase(df[df["role"].eq(role)])).sort_values("sentence_id", kind="mergesort")
    opening, qa = PHASE_ORDER[0], PHASE_ORDER[1]
    words = d.groupby(["speaker", "phase"])["words"].sum()
    groups = [(sp, d["speaker"].eq(sp)) for sp in d["speaker"].drop_duplicates()
              if words.get((sp, opening), 0) >= min_words and words.get((sp, qa), 0) >= min_words]
    groups.append((f"all {role}s", pd.Series(True, index=d.index)))
    alpha = (1 - level) / 2
    rows = []
    for name, m in groups:
        sub = d[m]
        parts = {}
        for phase in (opening, qa):
            part = sub[sub["phase"].eq(phase)]
            point = readability(part.assign(_g=phase), by="_g", min_words=min_words)
            value = float(point[score].iloc[0]) if len(point) else np.nan
            draws = bootstrap_scores(list(part["text"]), n_boot, group_rng(seed, (name, phase, score)))[pick]
            n_words = int(part["words"].sum())
            parts[phase] = (value, draws, n_words)
        diff = parts[qa][1] - parts[opening][1]

        def q(x: np.ndarray) -> tuple[float, float]:
            return tuple(np.nanquantile(x, [alpha, 1 - alpha])) if np.isfinite(x).any() else (np.nan, np.nan)

        (ol, oh), (ql, qh), (dl, dh) = q(parts[opening][1]), q(parts[qa][1]), q(diff)
        rows.append((name, parts[opening][2], parts[qa][2], parts[opening][0], ol, oh, parts[qa][0], ql, qh,
                     parts[qa][0] - parts[opening][0], dl, dh, _verdict(float(dl), float(dh))))
    return pd.DataFrame(rows, columns=["speaker", "opening_words", "qa_words", "opening_rate", "opening_low",
                                       "opening_high", "qa_rate", "qa_low", "qa_high", "difference", "diff_low",
                                       "diff_high", "verdict"])


def extremes(table: pd.DataFrame, value: str, *, size: str = "sentences", min_size: int = 30) -> dict | None:
    """The rows of ``table`` with the highest and the lowest ``value``, among rows big enough.

    Rows qualify when ``size >= min_size`` and ``value`` is a number; when none does (a short
    call), every row with ``size > 0`` qualifies instead, and ``min_size`` in the result says
    which rule applied (1 for the fallback). Ties go to the row that comes first in ``table``'s
    first column. Returns ``{"top": row, "bottom": row, "min_size": int, "n": rows compared}``,
    or None when no row qualifies.
    """
    ok = table[pd.to_numeric(table[value], errors="coerce").notna()]
    used = int(min_size)
    pool = ok[ok[size] >= min_size]
    if pool.empty:
        pool, used = ok[ok[size] > 0], 1
    if pool.empty:
        return None
    key = table.columns[0]
    top = pool.sort_values([value, key], ascending=[False, True], kind="mergesort").iloc[0]
    bottom = pool.sort_values([value, key], ascending=[True, True], kind="mergesort").iloc[0]
    return {"top": top, "bottom": bottom, "min_size": used, "n": int(len(pool))}


def role_word_share(df: pd.DataFrame, role: str, section: str | None = None) -> float:
    """Share of the words spoken (within ``section`` when given) that speakers of ``role`` spoke; 0.0 when none."""
    d = prepare(df)
    if section is not None:
        d = d[d["section"] == section]
    total = d["words"].sum()
    return float(d.loc[d["role"] == role, "words"].sum() / total) if total else 0.0
