"""Norms from other calls: where each speaker of a call, and the call itself, stand among real calls.

The norms are small committed tables in ``data/norms/`` (its README describes them; ``make norms``
rebuilds them with ``tools/norms.py``): :func:`load_norms` reads ``speakers.csv`` (one row per
speaker per call, :data:`SPEAKER_COLUMNS`; only speakers of at least :data:`MIN_WORDS` words enter
a distribution); :func:`quantiles` summarises it.

:func:`standing` places each speaker of a call among the peers: the speakers of the same role
detail with at least :data:`MIN_WORDS` words on *other* calls (a call with the same ticker,
quarter and fiscal year is left out), or of the same role when the detail has fewer than
:data:`MIN_PEERS`. The percentile is the share of peers with a lower rate, a tie counting half
(:func:`~callanalysis.measure.stats.percentile_of`); its interval is the percentile of each bootstrap
draw of the speaker's rate (the speaker's sentences resampled, :mod:`~callanalysis.measure.stats`'
one bootstrap, a generator keyed on the speaker; for a speaker without a single cue, from zero to
the exact Poisson bound). :func:`call_standing` does the same for the call as a whole against
the other calls (:data:`CALL_MEASURES`).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import TranscriptError
from ..parse.transcript import ROLES
from ..paths import DATA
from . import stats, summary

NORMS_DIR = DATA / "norms"
#: Under this many words a speaker is kept in ``speakers.csv`` but enters no distribution.
MIN_WORDS = 50
#: A role detail with fewer peers than this is compared by role instead; a role with fewer, not at all.
MIN_PEERS = 20
#: Rates per 100 words of the speaker's words: cues (hedges, boosters) and sentences (the rest).
MEASURES = ("hedges", "boosters", "claims", "forecasts", "dated_forecasts")
#: The call as a whole: name -> (numerator, denominator, per), sums over the call's sentences.
CALL_MEASURES = {"exec_hedges_per_100w": ("exec_hedges", "exec_words", 100),
                 "forecasts_per_1000w": ("forecasts", "words", 1000),
                 "dated_share": ("dated_forecasts", "forecasts", 1)}
#: The parser's roles, "executive" split by title.
ROLE_DETAILS = ("CEO", "CFO", "other executive", *ROLES[1:])
#: The title rule, first match wins, for company speakers (executive or investor relations role).
TITLE_RULES = (("CEO", re.compile(r"(?<!to the )(?:\bCEO\b|chief\s+executive\s+office)", re.I)),
               ("CFO", re.compile(r"\bCFO\b|chief\s+financ\w*\s+officer", re.I)),
               ("investor relations", re.compile(r"(?i:investor\b[\w\s]{0,30}?\brelations)|\bIR\b")))
KEY = ["ticker", "quarter", "fiscal_year"]
STANDING_COLUMNS = ["speaker", "title", "role", "role_detail", "words", "measure", "rate", "rate_low", "rate_high",
                    "peer_level", "peer_group", "peers", "peer_calls", "percentile", "low", "high"]
SPEAKER_COLUMNS = ["call", "ticker", "company", "sector", "quarter", "fiscal_year", "call_date", "speaker", "title",
                   "role", "role_detail", "words", "sentences", *(c for m in MEASURES for c in (m, f"{m}_per_100w")),
                   "gunning_fog", "in_norms"]
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
QUANTILE_COLUMNS = ["level", "group", "measure", "speakers", "calls", "mean", "p10", "p25", "p50", "p75", "p90"]


def role_detail(role: str, title: str) -> str:
    """CEO, CFO or investor relations when a company speaker's title says so (:data:`TITLE_RULES`,
    in that order), else "other executive" or "investor relations" by role; others keep their role."""
    if role not in ("executive", "investor relations"):
        return role
    fallback = "other executive" if role == "executive" else role
    return next((detail for detail, rule in TITLE_RULES if rule.search(title or "")), fallback)


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: ``speaker``, ``role``, ``words``, the counts of :data:`MEASURES` (a dated forecast
    has a horizon, as in the forecast ledger) and the executives' words and hedges."""
    d = summary.prepare(sentences)
    execs = d["role"].eq("executive").astype(int)
    dated = d["horizon_end"].fillna("").astype(str).str.strip().ne("").astype(int)
    return pd.DataFrame({"speaker": d["speaker"], "role": d["role"], "words": d["words"], "hedges": d["hedge_cue_count"],
                         "boosters": d["booster_cue_count"], "claims": d["claim"], "forecasts": d["forecast"],
                         "dated_forecasts": d["forecast"] * dated, "exec_words": d["words"] * execs,
                         "exec_hedges": d["hedge_cue_count"] * execs})


def call_speakers(sentences: pd.DataFrame, call) -> pd.DataFrame:
    """One row per speaker of one annotated ``call``, by name: ``role``, ``words``, ``sentences``, the
    counts of :data:`MEASURES` and their rates per 100 words, ``in_norms``, ``title`` and ``role_detail``."""
    titles = {p.name: p.title for p in call.participants}
    out = sentence_counts(sentences).groupby("speaker", sort=True).agg(
        role=("role", "first"), words=("words", "sum"), sentences=("role", "size"), **{k: (k, "sum") for k in MEASURES})
    for name in MEASURES:
        out[f"{name}_per_100w"] = stats.ratio(out[name], out["words"], 100)
    out = out.reset_index().assign(in_norms=lambda x: x["words"] >= MIN_WORDS,
                                   title=lambda x: x["speaker"].map(titles).fillna(""))
    out["role_detail"] = [role_detail(r, t) for r, t in zip(out["role"], out["title"])]
    return out


def call_totals(speakers: pd.DataFrame) -> pd.DataFrame:
    """Per call of a ``speakers.csv`` table: its key, the sums and :data:`CALL_MEASURES`."""
    execs = speakers["role"].eq("executive")
    d = speakers.assign(exec_words=speakers["words"].where(execs, 0), exec_hedges=speakers["hedges"].where(execs, 0))
    sums = ["words", "exec_words", "exec_hedges", "forecasts", "dated_forecasts"]
    out = d.groupby(["call", *KEY], sort=True, dropna=False)[sums].sum()
    for name, (num, den, per) in CALL_MEASURES.items():
        out[name] = stats.ratio(out[num], out[den], per)
    return out.reset_index()


def quantiles(speakers: pd.DataFrame) -> pd.DataFrame:
    """:data:`QUANTILE_COLUMNS`: per role, role detail and (level "call") all calls, the speakers
    (calls) counted and the mean and quantiles of each rate, of speakers with ``in_norms`` only."""
    d = speakers[speakers["in_norms"].astype(bool)]
    rates = [f"{m}_per_100w" for m in MEASURES] + ["gunning_fog"]
    parts = [(level, group, g, rates) for level in ("role", "role_detail") for group, g in d.groupby(level, sort=True)]
    parts.append(("call", "all calls", call_totals(speakers), list(CALL_MEASURES)))
    rows = [(level, group, m, len(v), g.loc[v.index, "call"].nunique(), v.mean(),
             *(np.quantile(v, QUANTILES) if len(v) else [np.nan] * len(QUANTILES)))
            for level, group, g, measures in parts for m in measures for v in [g[m].dropna()]]
    return pd.DataFrame(rows, columns=QUANTILE_COLUMNS)


def load_norms(folder: str | Path = NORMS_DIR) -> pd.DataFrame:
    """The committed ``speakers.csv`` (text kept as text; a clear error when it is missing)."""
    path = Path(folder) / "speakers.csv"
    if not path.is_file():
        raise TranscriptError("no norms table: run 'make norms' (see data/norms/README.md)", str(path))
    return pd.read_csv(path, keep_default_na=False, na_values={"gunning_fog": [""]}, dtype={"quarter": "Int64"})


def others(norms: pd.DataFrame, call) -> pd.DataFrame:
    """``norms`` without the rows of ``call`` (same ticker, quarter and fiscal year)."""
    m = call.metadata
    same = norms["ticker"].eq(m.ticker or "") & norms["quarter"].eq(m.quarter) & norms["fiscal_year"].eq(m.fiscal_year)
    return norms[~same.fillna(False).astype(bool)]


def peers(norms: pd.DataFrame, role: str, detail: str) -> tuple[str, str, pd.DataFrame]:
    """A speaker's peers (see the module docstring): ``(level, group, rows)``; ``("", "", no rows)`` if none."""
    d = norms[norms["in_norms"].astype(bool)]
    for level, group in (("role_detail", detail), ("role", role)):
        if d[level].eq(group).sum() >= MIN_PEERS:
            return level, group, d[d[level].eq(group)]
    return "", "", d.iloc[:0]


def _place(counts: np.ndarray, values: pd.Series, per: float, key: tuple, n_boot: int, seed: int) -> list[float]:
    """[rate, rate low, rate high, percentile, low, high] of the ratio of ``counts``' two column sums
    (rows resampled) among ``values`` (NaN percentiles when there are none)."""
    values, (num, den) = values.dropna().to_numpy(dtype=float), counts.sum(axis=0)
    rate, exact = float(stats.ratio(num, den, per)), num == 0 and den > 0
    if exact:  # no resample can hold a count: from zero to the exact Poisson bound
        draws = np.array([0.0, summary.zero_count_upper(den, per=per)])
    else:
        sums = stats.resample_sums(counts, n_boot, stats.generator(seed, key))
        draws = stats.ratio(sums[:, 0], sums[:, 1], per)
    span = (lambda x: (float(x[0]), float(x[-1]))) if exact else stats.interval
    if not len(values) or not np.isfinite(rate):
        return [rate, *span(draws), np.nan, np.nan, np.nan]
    ranks = np.where(np.isfinite(draws), stats.percentile_of(values, np.nan_to_num(draws)), np.nan)
    return [rate, *span(draws), float(stats.percentile_of(values, rate)), *span(ranks)]


def standing(sentences: pd.DataFrame, call, norms: pd.DataFrame, n_boot: int = stats.N_BOOT,
             seed: int = stats.DEFAULT_SEED) -> pd.DataFrame:
    """Each speaker's percentile among peers on other calls, one row per speaker and measure
    (:data:`STANDING_COLUMNS`; NaN percentiles under :data:`MIN_WORDS` words or without peers)."""
    d, pool, rows = sentence_counts(sentences), others(norms, call), []
    for s in call_speakers(sentences, call).itertuples(index=False):
        level, group, peer = peers(pool, s.role, s.role_detail) if s.in_norms else ("", "", pool.iloc[:0])
        mine = d[d["speaker"].eq(s.speaker)]
        for m in MEASURES:
            rate, *place = _place(mine[[m, "words"]].to_numpy(float), peer[f"{m}_per_100w"], 100,
                                  ("norms", s.speaker, m), n_boot, seed)
            rows.append([s.speaker, s.title, s.role, s.role_detail, s.words, m, rate, *place[:2], level, group,
                         len(peer), peer["call"].nunique(), *place[2:]])
    return pd.DataFrame(rows, columns=STANDING_COLUMNS)


def call_standing(sentences: pd.DataFrame, call, norms: pd.DataFrame, n_boot: int = stats.N_BOOT,
                  seed: int = stats.DEFAULT_SEED) -> pd.DataFrame:
    """The call against the other calls, one row per :data:`CALL_MEASURES`: ``measure, value, calls,
    percentile, low, high`` (the call's sentences resampled)."""
    d, totals = sentence_counts(sentences), call_totals(others(norms, call))
    rows = [(name, *_place(d[[num, den]].to_numpy(float), totals[name], per, ("norms", "call", name), n_boot, seed))
            for name, (num, den, per) in CALL_MEASURES.items()]
    out = pd.DataFrame(rows, columns=["measure", "value", "value_low", "value_high", "percentile", "low", "high"])
    return out.assign(calls=[int(totals[m].notna().sum()) for m in CALL_MEASURES])
