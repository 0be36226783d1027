"""Counts, shares and rates per group of the sentence table (one row per sentence).

Every function is pure: it takes the sentence table (see ``label.annotate``) and returns a new
table or record; nothing is read from disk and the input is not changed. Promises:

* flags (``claim``, ``forecast``, ``hedged``, ``boosted``) are counted in *sentences*, cues
  (``hedge_cues`` / ``booster_cues``, ';'-separated) in *cues*; "per 100 words" divides by the
  group's spoken words (``parse.sentences.word_count``), NaN for a group without words;
* rows come sorted by their keys: sections, phases, roles and hedge contexts in the call's
  order, anything else alphabetically; the same table always gives the same output;
* intervals are :mod:`callanalysis.measure.stats`' bootstrap (sentences resampled within each
  group, a generator per group, so a group's interval does not depend on the other groups) or
  its Wilson intervals for shares of a handful of sentences.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from ..label.columns import FLAGS
from ..label.lexicons import compile_cue, load_boosters, load_hedges, load_topics
from ..label.sentence_types import is_question, is_request
from ..label.topics import OTHER as OTHER_TOPIC
from ..label.topics import topic_label
from ..parse.sentences import word_count
from ..parse.transcript import ROLES, SECTIONS
from . import stats

CUE_COLUMNS: dict[str, str] = {"hedge": "hedge_cues", "booster": "booster_cues"}
PHASES: dict[str, str] = {"opening": "scripted opening", "investor_qa": "Q&A", "analyst_qa": "Q&A",
                          "closing": "closing"}
PHASE_ORDER: tuple[str, ...] = ("scripted opening", "Q&A", "closing")
POLITENESS_ORDER: tuple[str, ...] = ("analyst question (politeness)", "executive", "other")
#: Sentence kinds compared by :func:`commitment_by_kind`, in display order.
SENTENCE_KINDS: tuple[str, ...] = ("forecast", "claim (not a forecast)", "neither")
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
_ORDERS = {"section": SECTIONS, "role": ROLES, "phase": PHASE_ORDER, "hedge_context": POLITENESS_ORDER}

By = str | Sequence[str]


def _grouped(df: pd.DataFrame, by: By) -> tuple[pd.DataFrame, list[str]]:
    """``df`` and its grouping keys; no keys means the whole call, as one group ``call = "all"``."""
    keys = [by] if isinstance(by, str) else list(by)
    return (df, keys) if keys else (df.assign(call="all"), ["call"])


def _sort(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows sorted by ``keys``, known categories (:data:`_ORDERS`) in the call's order."""
    if df.empty or not keys:
        return df.reset_index(drop=True)

    def key(col: pd.Series) -> pd.Series:
        rank = {v: i for i, v in enumerate(_ORDERS.get(col.name, ()))}
        return col.map(lambda v: f"{rank.get(v, len(rank)):03d} {v}")

    return df.sort_values(keys, key=key, kind="mergesort").reset_index(drop=True)


def _flag(df: pd.DataFrame, col: str) -> pd.Series:
    """A 0/1 column as ints (a missing column or blanks count 0)."""
    if col not in df.columns:
        return pd.Series(0, index=df.index, dtype=int)
    return pd.to_numeric(df[col], errors="coerce").fillna(0).astype(int)


def _text(df: pd.DataFrame, col: str) -> pd.Series:
    """A text column with blanks for missing values (a missing column is all blank)."""
    return df[col].fillna("").astype(str) if col in df.columns else pd.Series("", index=df.index, dtype=object)


def _share(num: float, den: float) -> float:
    return float(num) / float(den) if den else np.nan


def split_cues(value: object) -> list[str]:
    """The cues of one cell (``"about;I think"`` -> ``["about", "i think"]``), lower-cased."""
    return [c.strip().lower() for c in value.split(";") if c.strip()] if isinstance(value, str) else []


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``words`` (when missing), the flags as ints and ``hedge_cue_count`` /
    ``booster_cue_count`` (cues per sentence)."""
    out = df.copy()
    if "words" not in out.columns:
        out["words"] = out["text"].map(word_count).astype(int)
    for flag in FLAGS:
        out[flag] = _flag(out, flag)
    for kind, col in CUE_COLUMNS.items():
        out[f"{kind}_cue_count"] = _text(out, col).map(lambda v: len(split_cues(v))).astype(int)
    return out


def add_phase(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``phase``: "scripted opening", "Q&A" or "closing" (an unknown section keeps its name)."""
    return df.assign(phase=df["section"].map(PHASES).fillna(df["section"]))


def hedge_context(df: pd.DataFrame) -> pd.Series:
    """"analyst question (politeness)" for analysts' sentences (their hedges soften a request),
    "executive" for executives', "other" for the rest (:data:`POLITENESS_ORDER`)."""
    context = df["role"].map(dict(zip(("analyst", "executive"), POLITENESS_ORDER)))
    return context.fillna(POLITENESS_ORDER[2]).astype(object).rename(None)


def request_mask(df: pd.DataFrame) -> pd.Series:
    """True for sentences that ask: a question or a request (the annotator's own tests,
    :func:`~callanalysis.label.sentence_types.is_question` and ``is_request``)."""
    return df["text"].map(lambda t: is_question(t) or is_request(t)).astype(bool)


# --------------------------------------------------------------------------- rates and intervals


def rates(df: pd.DataFrame, by: By = ("speaker",)) -> pd.DataFrame:
    """Counts and rates per group (``by=()``: the whole call, one row with ``call = "all"``).

    Columns: the keys, ``sentences``, ``words``, ``turns`` (distinct), ``claims``, ``forecasts``,
    ``hedged``, ``boosted`` (sentences), ``hedge_cue_count``, ``booster_cue_count`` (cues),
    ``hedges_per_100w``, ``boosters_per_100w``, ``claim_share``, ``forecast_share``,
    ``hedged_share``, ``boosted_share`` (of the group's sentences), ``word_share`` (of all words).
    """
    df, keys = _grouped(df, by)
    d = prepare(df)
    sums = {col: (flag, "sum") for flag, col in FLAGS.items()}
    out = d.groupby(keys, sort=False, dropna=False).agg(
        sentences=("text", "size"), words=("words", "sum"), turns=("turn", "nunique"), **sums,
        hedge_cue_count=("hedge_cue_count", "sum"), booster_cue_count=("booster_cue_count", "sum"),
    ).reset_index()
    out["hedges_per_100w"] = stats.ratio(out["hedge_cue_count"], out["words"], 100)
    out["boosters_per_100w"] = stats.ratio(out["booster_cue_count"], out["words"], 100)
    for flag, col in FLAGS.items():
        out[f"{flag}_share"] = stats.ratio(out[col], out["sentences"])
    total = int(d["words"].sum())
    out["word_share"] = out["words"] / total if total else np.nan
    return _sort(out, keys)


def speaker_profile(df: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker of ``turns`` (``parse.sentences.turns_frame``), most words first:
    ``speaker, role, title, turns, words, word_share`` (from the turns, so a speaker without
    sentences is listed) and :func:`rates`' ``sentences`` and shares and cues per 100 words."""
    t = turns.groupby("speaker", sort=False).agg(role=("role", "first"), title=("title", "first"),
                                                 turns=("turn", "nunique"), words=("words", "sum")).reset_index()
    t["word_share"] = t["words"] / t["words"].sum() if t["words"].sum() else np.nan
    r = rates(df, "speaker")[["speaker", "sentences", "claim_share", "forecast_share", "hedged_share",
                              "boosted_share", "hedges_per_100w", "boosters_per_100w"]]
    out = t.merge(r, on="speaker", how="left").assign(sentences=lambda d: d["sentences"].fillna(0).astype(int))
    return out.sort_values(["words", "speaker"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _bootstrap(d: pd.DataFrame, keys: list[str], values: Sequence[str], per: float, n_boot: int, seed: int,
               level: float) -> dict[str, pd.DataFrame]:
    """:func:`bootstrap_rate_ci` of each of ``values`` on the prepared ``d``, from one set of
    resamples per group (each value would draw the same ones)."""
    stats.check_level(level)
    for value in values:
        if value not in d.columns:
            raise ValueError(f"no column '{value}' in the sentence table")
    rows: dict[str, list] = {value: [] for value in values}
    for key, grp in d.groupby(keys, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        counts = np.column_stack([pd.to_numeric(grp[v], errors="coerce").fillna(0) for v in values] + [grp["words"]])
        sums = stats.resample_sums(counts, n_boot, stats.generator(seed, key))
        total = counts.sum(axis=0)
        for j, value in enumerate(values):
            lo, hi = stats.interval(stats.ratio(sums[:, j], sums[:, -1], per), level)
            rows[value].append((*key, len(grp), int(total[-1]), float(total[j]),
                                float(stats.ratio(total[j], total[-1], per)), lo, hi, n_boot, level))
    cols = [*keys, "sentences", "words", "value_total", "rate", "ci_low", "ci_high", "n_boot", "level"]
    return {value: _sort(pd.DataFrame(found, columns=cols), keys) for value, found in rows.items()}


def bootstrap_rate_ci(df: pd.DataFrame, by: By = ("speaker",), value: str = "hedge_cue_count", per: float = 100.0,
                      n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """``sum(value) / sum(words) * per`` per group with its percentile bootstrap interval (``ci_low``,
    ``ci_high``); ``value`` is any numeric column of :func:`prepare`'s output."""
    df, keys = _grouped(df, by)
    return _bootstrap(prepare(df), keys, (value,), per, n_boot, seed, level)[value]


def hedging_table(df: pd.DataFrame, by: By = ("speaker",), n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED,
                  level: float = 0.95) -> pd.DataFrame:
    """Hedges, boosters and their ``balance`` (boosters minus hedges) per 100 words, with intervals.

    A group with no hedge (booster) resamples to [0, 0]; its upper end is the exact Poisson bound
    instead (:func:`zero_count_upper`), and the balance's interval widens to match.
    """
    grouped, keys = _grouped(df, by)
    d = prepare(grouped).assign(certainty_net=lambda x: x["booster_cue_count"] - x["hedge_cue_count"])
    columns = {"hedges": "hedge_cue_count", "boosters": "booster_cue_count", "balance": "certainty_net"}
    found = _bootstrap(d, keys, tuple(columns.values()), 100.0, n_boot, seed, level)
    parts = {name: found[value] for name, value in columns.items()}
    out = parts["hedges"][[*keys, "sentences", "words"]].copy()
    for name in ("hedges", "boosters"):
        out[name] = parts[name]["value_total"].astype(int).to_numpy()
    for name, p in parts.items():
        out["balance" if name == "balance" else f"{name}_per_100w"] = p["rate"].to_numpy()
        out[f"{name}_low"], out[f"{name}_high"] = p["ci_low"].to_numpy(), p["ci_high"].to_numpy()
    for name in ("hedges", "boosters"):
        zero = out[name].eq(0)
        out.loc[zero, f"{name}_high"] = out.loc[zero, "words"].map(lambda n: zero_count_upper(n, level))
    out.loc[out["hedges"].eq(0), "balance_low"] = np.fmin(out["balance_low"], -out["hedges_high"])
    out.loc[out["boosters"].eq(0), "balance_high"] = np.fmax(out["balance_high"], out["boosters_high"])
    return out


def share_ci(df: pd.DataFrame, flag: str = "claim", by: By = ("speaker",), n_boot: int = stats.N_BOOT,
             seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Share of each group's sentences with ``flag == 1`` (``flagged``, ``share``), with a bootstrap
    interval; when none or all of a group's sentences are flagged, that end of the interval is
    Wilson's (resampling gives a zero-width interval)."""
    d = prepare(df)
    out = bootstrap_rate_ci(d.assign(words=1), by, value=flag, per=1.0, n_boot=n_boot, seed=seed, level=level)
    out = out.rename(columns={"value_total": "flagged", "rate": "share"}).drop(columns=["words"])
    out["flagged"] = out["flagged"].astype(int)
    bounds = np.array([stats.wilson(k, n, level) for k, n in zip(out["flagged"], out["sentences"])]).reshape(-1, 2)
    out["ci_high"] = np.where(out["flagged"].eq(0), bounds[:, 1], out["ci_high"])
    out["ci_low"] = np.where(out["flagged"].eq(out["sentences"]), bounds[:, 0], out["ci_low"])
    return out


def zero_count_upper(words: float, level: float = 0.95, per: float = 100.0) -> float:
    """Upper end of the rate interval of a group with *no* cue in ``words`` words: the exact
    Poisson bound (3.69 cues at 95%) over the words, per ``per`` words; NaN without words."""
    if not words or words <= 0:
        return np.nan
    return stats.poisson_upper(0, level) / words * per


def compare_rates(df: pd.DataFrame, a: pd.Series, b: pd.Series, value: str = "hedge_cue_count", per: float = 100.0,
                  n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> dict:
    """Rate of the sentences in mask ``a`` minus the rate in mask ``b``, with a bootstrap interval.

    Each side's sentences are resampled within that side; the interval is the percentile
    interval of the differences and ``verdict`` says whether it lies above zero (``higher``),
    below (``lower``) or includes it. When one side has no cue at all, the interval combines
    the two sides' own intervals, the empty side's ending at :func:`zero_count_upper`.
    """
    stats.check_level(level)
    d = prepare(df)
    if value not in d.columns:
        raise ValueError(f"no column '{value}' in the sentence table")
    v = pd.to_numeric(d[value], errors="coerce").fillna(0).to_numpy(dtype=float)
    w = d["words"].to_numpy(dtype=float)
    masks = {side: pd.Series(m, index=d.index).fillna(False).astype(bool).to_numpy() for side, m in (("a", a), ("b", b))}
    rate = {side: float(stats.ratio(v[m].sum(), w[m].sum(), per)) for side, m in masks.items()}
    draws = {side: stats.ratio(*stats.resample_sums(np.column_stack([v[m], w[m]]), n_boot,
                                                    stats.generator(seed, ("compare", side, value))).T, per)
             for side, m in masks.items()}
    lo, hi = stats.interval(draws["a"] - draws["b"], level)
    if (v >= 0).all() and min(v[m].sum() for m in masks.values()) == 0:
        own = {side: (0.0, zero_count_upper(w[m].sum(), level, per)) if v[m].sum() == 0
               else stats.interval(draws[side], level) for side, m in masks.items()}
        lo, hi = own["a"][0] - own["b"][1], own["a"][1] - own["b"][0]
    ra, rb = rate["a"], rate["b"]
    return {
        "rate_a": ra, "rate_b": rb, "difference": ra - rb, "ratio": ra / rb if rb and np.isfinite(rb) else np.nan,
        "ci_low": lo, "ci_high": hi, "words_a": int(w[masks["a"]].sum()), "words_b": int(w[masks["b"]].sum()),
        "sentences_a": int(masks["a"].sum()), "sentences_b": int(masks["b"].sum()),
        "verdict": stats.verdict(lo, hi), "n_boot": n_boot, "level": level,
    }


def compare_shares(df: pd.DataFrame, a: pd.Series, b: pd.Series, flag: str = "claim", n_boot: int = stats.N_BOOT,
                   seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> dict:
    """:func:`compare_rates` of the share of sentences with ``flag == 1`` (every sentence weighs one)."""
    return compare_rates(prepare(df).assign(words=1), a, b, value=flag, per=1.0, n_boot=n_boot, seed=seed, level=level)


def versus_rest(df: pd.DataFrame, by: str = "speaker", value: str = "hedge_cue_count", per: float = 100.0,
                n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Each group's rate against the rest of the table (:func:`compare_rates`). With many groups,
    about one interval in twenty excludes zero by chance alone."""
    d, rows = prepare(df), []  # words counted once, not once per group
    for key in d[by].drop_duplicates():
        m = d[by].eq(key)
        c = compare_rates(d, m, ~m, value, per, n_boot, zlib.crc32(str(key).encode("utf-8")) ^ seed, level)
        rows.append((key, c["rate_a"], c["rate_b"], c["difference"], c["ci_low"], c["ci_high"], c["verdict"]))
    return _sort(pd.DataFrame(rows, columns=[by, "rate", "rest_rate", "difference", "ci_low", "ci_high", "verdict"]), [by])


def phase_groups(df: pd.DataFrame, role: str, min_words: int) -> list[tuple[str, pd.DataFrame]]:
    """The ``role``'s speakers with at least ``min_words`` words in both the scripted opening and
    the Q&A (in order of appearance), then every sentence of the role as ``"all <role>s"``.
    Each group is its prepared sentences with ``phase``."""
    d = prepare(add_phase(df[df["role"].eq(role)]))
    words = d.groupby(["speaker", "phase"])["words"].sum()
    both = [s for s in d["speaker"].drop_duplicates()
            if min(words.get((s, p), 0) for p in PHASE_ORDER[:2]) >= min_words]
    return [(s, d[d["speaker"].eq(s)]) for s in both] + [(f"all {role}s", d)]


PHASE_COLUMNS = ["speaker", "opening_words", "qa_words", "opening_rate", "opening_low", "opening_high", "qa_rate",
                 "qa_low", "qa_high", "difference", "diff_low", "diff_high", "verdict"]


def phase_comparison(df: pd.DataFrame, value: str = "hedge_cue_count", role: str = "executive", min_words: int = 100,
                     n_boot: int = stats.N_BOOT, seed: int = stats.DEFAULT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Scripted opening against Q&A for each of :func:`phase_groups`: each part's rate per 100
    words (:func:`bootstrap_rate_ci` by phase) and the Q&A minus the opening (:func:`compare_rates`).

    Columns: :data:`PHASE_COLUMNS` (``verdict`` reads the Q&A rate against the opening's).
    """
    opening, qa = PHASE_ORDER[:2]
    rows = []
    for name, sub in phase_groups(df, role, min_words):
        ci = _bootstrap(sub, ["phase"], (value,), 100.0, n_boot, seed, level)[value].set_index("phase")
        c = compare_rates(sub, sub["phase"].eq(qa), sub["phase"].eq(opening), value, 100.0, n_boot, seed, level)
        part = [float(ci.loc[p, col]) if p in ci.index else np.nan for p in (opening, qa)
                for col in ("rate", "ci_low", "ci_high")]
        rows.append((name, c["words_b"], c["words_a"], *part, c["difference"], c["ci_low"], c["ci_high"], c["verdict"]))
    return pd.DataFrame(rows, columns=PHASE_COLUMNS)


# --------------------------------------------------------------------------- cues


def top_cues(df: pd.DataFrame, kind: str = "hedge", by: str | None = "speaker", n: int = 5) -> pd.DataFrame:
    """The ``n`` most frequent cues (lower-cased) per group: ``by`` (unless None), ``rank``,
    ``cue``, ``count``; ties broken alphabetically."""
    long = _cue_rows(df, kind, by)
    keys = [] if by is None else [by]
    counts = long.groupby([*keys, "cue"], sort=False).size().rename("count").reset_index()
    counts = counts.sort_values([*keys, "count", "cue"], ascending=[True] * len(keys) + [False, True], kind="mergesort")
    counts["rank"] = counts.groupby(keys, sort=False).cumcount() + 1 if keys else np.arange(1, len(counts) + 1)
    return _sort(counts.loc[counts["rank"] <= n, [*keys, "rank", "cue", "count"]], keys)


def _cue_column(kind: str) -> str:
    if kind not in CUE_COLUMNS:
        raise ValueError(f"kind must be 'hedge' or 'booster', got {kind!r}")
    return CUE_COLUMNS[kind]


def _cue_rows(df: pd.DataFrame, kind: str, by: str | None) -> pd.DataFrame:
    """One row per cue of ``kind`` (``hedge`` or ``booster``), with the group column ``by``."""
    keys = [] if by is None else [by]
    cues = _text(df, _cue_column(kind)).map(split_cues)
    return pd.DataFrame({k: df[k] for k in keys} | {"cue": cues}).explode("cue").dropna(subset=["cue"])


@lru_cache(maxsize=4096)
def cue_kind(cue: str, kind: str = "hedge") -> str:
    """The lexicon kind of a cue as written (``"I don't think"`` -> ``"epistemic_verb"``): the
    first row of ``hedges.csv`` / ``boosters.csv`` whose pattern matches the whole cue, else "other"."""
    _cue_column(kind)  # a clear error for an unknown kind
    said = " ".join(str(cue).split())
    entries = load_hedges() if kind == "hedge" else load_boosters()
    return next((e.kind for e in entries if compile_cue(e).fullmatch(said)), "other")


def cue_kind_counts(df: pd.DataFrame, kinds: Sequence[str], kind: str = "hedge") -> pd.Series:
    """Per sentence, how many of its hedge (booster) cues are of one of the lexicon ``kinds``."""
    wanted = set(kinds)
    return _text(df, _cue_column(kind)).map(lambda v: sum(cue_kind(c, kind) in wanted for c in split_cues(v))).astype(int)


def cue_kinds(df: pd.DataFrame, kind: str = "hedge", by: str | None = "role") -> pd.DataFrame:
    """How many of each group's cues are of each lexicon kind (``kind_label``: :data:`CUE_KIND_LABELS`),
    their ``share`` of the group's cues and the three most frequent as ``examples``; groups in
    :func:`rates`' order, kinds by count (most first, then by name)."""
    keys = [] if by is None else [by]
    long = _cue_rows(df, kind, by)
    long["cue_kind"] = long["cue"].map(lambda c: cue_kind(c, kind))
    rows = []
    for key, grp in long.assign(_all="all").groupby(keys or ["_all"], sort=False):
        for ck, sub in grp.groupby("cue_kind", sort=False):
            top = sorted(sub["cue"].value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            rows.append((*key[: len(keys)], ck, CUE_KIND_LABELS.get(ck, ck), len(sub), len(sub) / len(grp),
                         ", ".join(c for c, _ in top)))
    out = pd.DataFrame(rows, columns=[*keys, "cue_kind", "kind_label", "count", "share", "examples"])
    out = out.sort_values([*keys, "count", "cue_kind"], ascending=[True] * len(keys) + [False, True], kind="mergesort")
    return _sort(out, keys)


# --------------------------------------------------------------------------- claims


def claim_profile(df: pd.DataFrame, by: By = ("speaker",)) -> pd.DataFrame:
    """Claims per group: ``sentences``, ``claims``, ``claim_share``, ``claims_with_figure``
    (a ``quantities`` cell that is not blank), ``figure_share`` and ``hedged_claims``,
    ``hedged_claim_share`` (both of the claims; NaN without claims)."""
    df, keys = _grouped(df, by)
    claim = _flag(df, "claim")
    d = df[keys].assign(claim=claim, figure=claim * _text(df, "quantities").str.strip().ne("").astype(int),
                        hedged_claim=claim * _flag(df, "hedged"))
    out = d.groupby(keys, sort=False, dropna=False).agg(
        sentences=("claim", "size"), claims=("claim", "sum"), claims_with_figure=("figure", "sum"),
        hedged_claims=("hedged_claim", "sum")).reset_index()
    out["claim_share"] = stats.ratio(out["claims"], out["sentences"])
    out["figure_share"] = stats.ratio(out["claims_with_figure"], out["claims"])
    out["hedged_claim_share"] = stats.ratio(out["hedged_claims"], out["claims"])
    return _sort(out[[*keys, "sentences", "claims", "claim_share", "claims_with_figure", "figure_share",
                      "hedged_claims", "hedged_claim_share"]], keys)


def numeric_claims(df: pd.DataFrame, context_words: int = 4) -> pd.DataFrame:
    """One row per figure with a unit stated in a claim, as the ``quantities`` detector reads it
    (``as_said``, and its ``context``: up to ``context_words`` words either side); in sentence
    order, then as said."""
    from ..label.quantities import find_quantities  # only the claims chapter needs it

    claims = df[_flag(df, "claim").eq(1) & _text(df, "quantities").str.strip().ne("")]
    rows = []
    for _, row in claims.sort_values("sentence_id", kind="mergesort").iterrows():
        topic = str(row.get("topic", "") or OTHER_TOPIC)
        rows += [(int(row["sentence_id"]), row["speaker"], row.get("role", ""), row.get("section", ""), q.text,
                  _around(row["text"], q.start, q.end, context_words), float(q.value), q.unit, topic,
                  topic_label(topic), row["text"]) for q in find_quantities(row["text"])]
    cols = ["sentence_id", "speaker", "role", "section", "as_said", "context", "value", "unit", "topic",
            "topic_label", "text"]
    return pd.DataFrame(rows, columns=cols).astype({"sentence_id": "int64", "value": "float64"})


#: Words that give a figure its sign; a snippet reaches back to keep one ("negative free cash flow of $2.5 billion").
SIGN_WORDS = re.compile(r"^(?:negative|minus|loss|losses|deficit|down|lower|less|fewer|decline[sd]?|fell)\W*$", re.I)


def _around(text: str, start: int, end: int, n: int) -> str:
    """``text[start:end]`` with up to ``n`` words either side, an ellipsis where text is cut; the
    window reaches up to ``n`` more words back when that keeps a sign word (:data:`SIGN_WORDS`)
    of the same clause."""
    words = list(re.finditer(r"\S+", text[:start]))
    before = [m.start() for m in words]
    after = [m.end() for m in re.finditer(r"\S+", text[end:])]
    n_before = n
    for k in range(n + 1, min(2 * n, len(words)) + 1) if n else ():
        if re.search(r"[.;:!?,]$", words[-k].group()):
            break  # another clause
        if SIGN_WORDS.match(words[-k].group()):
            n_before = k
            break
    lo = before[-n_before] if n and len(before) >= n_before else (0 if n else start)
    hi = end + after[n - 1] if n and len(after) >= n else (len(text) if n else end)
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


def topic_order() -> list[str]:
    """Topic slugs in the lexicon's priority order, with ``other`` last."""
    return [e.topic for e in load_topics() if e.topic != OTHER_TOPIC] + [OTHER_TOPIC]


def topic_matrix(df: pd.DataFrame, flag: str = "claim", by: str = "speaker") -> pd.DataFrame:
    """Flagged sentences per (group, topic) as a complete grid (zeros kept), for a heat map: groups
    with a flagged sentence, most first (then by name); topics that occur, in the lexicon's order
    with ``other`` last; ``example`` is the group's first such sentence."""
    cols = [by, "topic", "topic_label", "count", "group_total", "share", "example_id", "example"]
    flagged = df[_flag(df, flag).eq(1)].sort_values("sentence_id", kind="mergesort")
    flagged = flagged.assign(topic=_text(flagged, "topic").replace("", OTHER_TOPIC))
    totals = flagged.groupby(by, sort=False).size()
    known = topic_order()
    present = set(flagged["topic"])
    topics = [t for t in known if t in present] + sorted(present - set(known))
    first = flagged.drop_duplicates([by, "topic"]).set_index([by, "topic"])
    counts = flagged.groupby([by, "topic"]).size()
    rows = []
    for g in sorted(totals.index, key=lambda g: (-int(totals[g]), str(g))):
        for t in topics:
            n = int(counts.get((g, t), 0))
            rows.append((g, t, topic_label(t), n, int(totals[g]), n / int(totals[g]),
                         int(first.loc[(g, t), "sentence_id"]) if n else pd.NA, str(first.loc[(g, t), "text"]) if n else ""))
    return pd.DataFrame(rows, columns=cols).astype({"example_id": "Int64"})


# --------------------------------------------------------------------------- forecasts


def forecast_ledger(df: pd.DataFrame) -> pd.DataFrame:
    """Every forecast, in the order said, with its topic, horizon (ISO dates, blank when none), cues
    and flags as bools (``dated``, ``anachronism``: ends before the call, ``hedged``, ``boosted``)."""
    f = df[_flag(df, "forecast").eq(1)].sort_values("sentence_id", kind="mergesort")
    topic = _text(f, "topic").replace("", OTHER_TOPIC)
    out = pd.DataFrame({
        "sentence_id": f["sentence_id"].astype("int64"), "speaker": f["speaker"], "role": _text(f, "role"),
        "section": _text(f, "section"), "topic": topic, "topic_label": topic.map(topic_label),
        "horizon_text": _text(f, "horizon_text"), "horizon_start": _text(f, "horizon_start").str[:10],
        "horizon_end": _text(f, "horizon_end").str[:10],
    })
    out["dated"] = out["horizon_end"].str.strip().ne("")
    for col in ("anachronism", "hedged", "boosted"):
        out[col] = _flag(f, col).eq(1)
    out["hedge_cues"], out["booster_cues"], out["text"] = _text(f, "hedge_cues"), _text(f, "booster_cues"), f["text"]
    return out.reset_index(drop=True)


def horizon_profile(ledger: pd.DataFrame, call_date: date | None) -> dict:
    """How far ahead :func:`forecast_ledger`'s forecasts look: ``forecasts``, ``dated``,
    ``undated``, ``dated_share``, ``anachronisms``, ``ahead`` (dated, after the call),
    ``within_year`` (ahead, ending in the call's year), ``within_year_share`` (of ahead),
    ``median_days`` (call to horizon end), ``latest_end``, ``latest_text``, ``latest_id``.
    Without a call date the day-based keys are NaN or blank."""
    n = len(ledger)
    dated = ledger[ledger["dated"]]
    ahead = dated[~dated["anachronism"]]
    out: dict = {
        "forecasts": n, "dated": len(dated), "undated": n - len(dated), "dated_share": _share(len(dated), n),
        "anachronisms": int(dated["anachronism"].sum()), "ahead": len(ahead), "within_year": 0,
        "within_year_share": np.nan, "median_days": np.nan, "latest_end": "", "latest_text": "", "latest_id": pd.NA,
    }
    if call_date is None or ahead.empty:
        return out
    ends = pd.to_datetime(ahead["horizon_end"]).dt.date
    within = int((ends <= date(call_date.year, 12, 31)).sum())
    latest = ahead.assign(_end=ends).sort_values(["_end", "sentence_id"], ascending=[False, True]).iloc[0]
    out.update(within_year=within, within_year_share=_share(within, len(ahead)),
               median_days=float(ends.map(lambda d: (d - call_date).days).median()), latest_end=latest["horizon_end"],
               latest_text=latest["horizon_text"], latest_id=int(latest["sentence_id"]))
    return out


def _hedged_and_boosted(flags: pd.DataFrame, level: float) -> tuple:
    """How many of ``flags``' rows are hedged, and are boosted, each with its share and Wilson interval."""
    h, b = int(flags["hedged"].sum()), int(flags["boosted"].sum())
    return h, *stats.proportion(h, len(flags), level), b, *stats.proportion(b, len(flags), level)


def commitment(df: pd.DataFrame, by: str = "speaker", level: float = 0.95) -> pd.DataFrame:
    """How committed each group's forecasts are (dated, hedged, boosted, with Wilson intervals),
    beside the group's other sentences (its baseline); one row per group with a forecast, most first."""
    d = pd.DataFrame({by: df[by], "fc": _flag(df, "forecast").eq(1), "hedged": _flag(df, "hedged"),
                      "boosted": _flag(df, "boosted"), "dated": _text(df, "horizon_end").str.strip().ne("").astype(int)})
    rows = []
    for g, grp in d.groupby(by, sort=False):
        f, other = grp[grp["fc"]], grp[~grp["fc"]]
        if len(f):
            rows.append((g, len(f), int(f["dated"].sum()), f["dated"].sum() / len(f), *_hedged_and_boosted(f, level),
                         int((f["hedged"] & f["boosted"]).sum()), len(other), _share(other["hedged"].sum(), len(other)),
                         _share(other["boosted"].sum(), len(other))))
    cols = [by, "forecasts", "dated", "dated_share", "hedged", "hedged_share", "hedged_low", "hedged_high", "boosted",
            "boosted_share", "boosted_low", "boosted_high", "both", "other_sentences", "other_hedged_share",
            "other_boosted_share"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["forecasts", by], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def commitment_by_kind(df: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Hedged and boosted shares (Wilson intervals) of forecasts, of claims that are not forecasts,
    and of the rest (:data:`SENTENCE_KINDS`); ``hedged_p`` / ``boosted_p`` on every row: Fisher's
    exact test of forecasts against claims."""
    fc, cl = _flag(df, "forecast").eq(1), _flag(df, "claim").eq(1)
    kind = np.where(fc, SENTENCE_KINDS[0], np.where(cl, SENTENCE_KINDS[1], SENTENCE_KINDS[2]))
    d = pd.DataFrame({"hedged": _flag(df, "hedged"), "boosted": _flag(df, "boosted")})
    parts = {k: d[kind == k] for k in SENTENCE_KINDS}
    forecasts, claims = parts[SENTENCE_KINDS[0]], parts[SENTENCE_KINDS[1]]
    p = []
    for col in ("hedged", "boosted"):  # Fisher's test of forecasts against claims
        f, c = int(forecasts[col].sum()), int(claims[col].sum())
        p.append(stats.fisher_p(f, len(forecasts) - f, c, len(claims) - c))
    rows = [(k, len(part), *_hedged_and_boosted(part, level), *p) for k, part in parts.items()]
    return pd.DataFrame(rows, columns=["kind", "sentences", "hedged", "hedged_share", "hedged_low", "hedged_high",
                                       "boosted", "boosted_share", "boosted_low", "boosted_high", "hedged_p", "boosted_p"])


# --------------------------------------------------------------------------- comparing rows


def extremes(table: pd.DataFrame, value: str, *, size: str = "sentences", min_size: int = 30) -> dict | None:
    """The rows of ``table`` with the highest and the lowest ``value``, among rows big enough.

    Rows qualify with ``size >= min_size`` and a number in ``value``; when none does (a short
    call), every row with ``size > 0`` does, and ``min_size`` in the result is 1. Ties go to the
    first in ``table``'s first column. Returns ``{"top", "bottom", "min_size", "n"}`` or None.
    """
    ok = table[pd.to_numeric(table[value], errors="coerce").notna()]
    pool, used = ok[ok[size] >= min_size], int(min_size)
    if pool.empty:
        pool, used = ok[ok[size] > 0], 1
    if pool.empty:
        return None
    key = table.columns[0]
    top = pool.sort_values([value, key], ascending=[False, True], kind="mergesort").iloc[0]
    bottom = pool.sort_values([value, key], ascending=[True, True], kind="mergesort").iloc[0]
    return {"top": top, "bottom": bottom, "min_size": used, "n": int(len(pool))}
