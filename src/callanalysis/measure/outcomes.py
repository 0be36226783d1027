"""What became of the call's forecasts: the outcome file joined to the sentence table.

Promises:

* :func:`outcomes_path_for` finds a call's outcome file through ``data/outcomes/index.csv``;
  :func:`load_outcomes` reads it as a table of strings (``id`` an int); both raise
  :class:`FileNotFoundError` or :class:`ValueError` with a one-line message;
* :func:`match_outcomes` links each outcome to one sentence of its own speaker, the one that
  shares most content words, numbers and dates with the outcome's ``forecast`` text or with a
  phrase it quotes from the call (forecast sentences preferred), never one sentence to two
  outcomes; a match under :data:`CONFIDENT_SCORE` carries a note, none is made under
  :data:`MIN_SCORE`; the result is deterministic;
* :func:`scorecard` and :func:`hedged_vs_boosted` report the share of *resolved* forecasts that
  were met: ``unresolved`` and ``unknown`` are left out of the denominator, ``partly`` counts as
  not met. Every share comes with Wilson intervals, Fisher's exact p-value and a ``too_small``
  flag: with a handful of forecasts, read them as description, not as evidence of an effect.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from ..parse.transcript import Call
from ..paths import OUTCOMES
from . import stats

COLUMNS: tuple[str, ...] = (
    "id", "speaker", "forecast", "horizon", "horizon_date", "status", "evidence",
    "source_title", "source_url", "source_date",
)
#: Columns a newer outcome file adds, with the value an older file is read with: whether the
#: forecast meets the file's selection rule, and the date its status was last checked.
OPTIONAL: dict[str, str] = {"material": "yes", "checked_on": ""}
STATUSES: tuple[str, ...] = ("met", "missed", "partly", "unresolved", "unknown")
RESOLVED: tuple[str, ...] = ("met", "missed", "partly")
SEP = " | "

#: Weight of a word that the outcome quotes from the call, and of a number or date token.
QUOTE_WEIGHT = 3.0
NUMBER_WEIGHT = 2.0
#: A forecast sentence's score is multiplied by (1 + FORECAST_BONUS) when choosing the best match.
FORECAST_BONUS = 0.25
#: Runners-up within this fraction of the best adjusted score are listed as ``candidates``.
CANDIDATE_RATIO = 0.8
#: A quoted passage counts on its own (:func:`_match_scores`) from this many content tokens.
QUOTE_MIN_TOKENS = 3
#: Under this score no sentence is matched; under :data:`CONFIDENT_SCORE` the match carries a note.
MIN_SCORE = 0.2
CONFIDENT_SCORE = 0.5

_STOP = frozenset(
    """
    a about above after again all also am an and any are as at be been before being below between
    both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor
    not now of off on once only or other our ours out over own same she should so some such than
    that the their them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours per via
    we'll it's we're that's there's let's like well yeah okay ok really think thing things
    going get got lot said say says
    """.split()
)
_QUOTED = re.compile(r"(?<![\w])['‘\"“]((?:[^'’\"”]|(?<=\w)['’](?=\w))+?)['’\"”](?![\w])")  # "we'll" stays inside
_EDITORIAL = re.compile(r"\[[^\]]*\]")  # "[FSD licensing]": the compiler's words, not the call's
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z][a-z0-9]*")


# --------------------------------------------------------------------------- files


def index_row(call: Call, outcomes_dir: str | Path = OUTCOMES) -> pd.Series:
    """The call's row of ``<outcomes_dir>/index.csv``, which maps the transcript header's (ticker,
    fiscal year, quarter) to an outcome file in the same folder (and says when it was compiled).
    Raises :class:`FileNotFoundError` when there is no index or no row for the call."""
    index = Path(outcomes_dir) / "index.csv"
    if not index.exists():
        raise FileNotFoundError(f"{index}: no outcome index (expected ticker,fiscal_year,quarter,file)")
    idx = pd.read_csv(index, dtype=str, keep_default_na=False)
    m = call.metadata
    hit = idx[(idx["ticker"].str.upper() == str(m.ticker or "").upper()) & (idx["fiscal_year"] == str(m.fiscal_year))
              & (idx["quarter"] == str(m.quarter))]
    if hit.empty:
        raise FileNotFoundError(f"{index}: no outcome file listed for {m.ticker} Q{m.quarter} {m.fiscal_year}")
    return hit.iloc[0]


def outcomes_path_for(call: Call, outcomes_dir: str | Path = OUTCOMES) -> Path:
    """The outcome file for ``call`` (see :func:`index_row`)."""
    return Path(outcomes_dir) / index_row(call, outcomes_dir)["file"]


def split_multi(cell: object) -> list[str]:
    """The parts of a multi-valued cell (``"a | b"`` -> ``["a", "b"]``)."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [p.strip() for p in cell.split(SEP)]


def load_outcomes(path: str | Path) -> pd.DataFrame:
    """Read and validate an outcome CSV: one-line errors for missing columns, a status outside
    :data:`STATUSES`, ids that are not unique integers, source cells whose ``' | '``-separated parts
    do not line up; an older file's missing :data:`OPTIONAL` columns are filled in."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no outcome file (this call's forecasts have not been checked)")
    if p.is_dir():
        raise ValueError(f"{p}: is a directory, not an outcome file")
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(f"{p}: not a readable CSV ({' '.join(str(exc).split())})") from None
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{p}: missing column(s) {', '.join(missing)}")
    if df.empty:
        raise ValueError(f"{p}: no outcomes in file")
    bad = sorted(set(df["status"]) - set(STATUSES))
    if bad:
        raise ValueError(f"{p}: unknown status {', '.join(repr(b) for b in bad)} (allowed: {', '.join(STATUSES)})")
    ids = pd.to_numeric(df["id"], errors="coerce")
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(f"{p}: 'id' must be unique integers")
    for _, row in df.iterrows():
        n = {c: len(split_multi(row[c])) for c in ("source_title", "source_url", "source_date")}
        if len(set(n.values())) > 1:
            raise ValueError(f"{p}: row {row['id']}: source title/url/date counts differ {tuple(n.values())}")
    if "material" in df and not df["material"].str.strip().str.lower().isin(["yes", "no"]).all():
        raise ValueError(f"{p}: 'material' must be yes or no")
    df = df.assign(**{c: df[c] if c in df else default for c, default in OPTIONAL.items()})
    df = df[[*COLUMNS, *OPTIONAL]].assign(id=ids.astype(int), material=lambda d: d["material"].str.strip().str.lower())
    return df.sort_values("id", kind="mergesort").reset_index(drop=True)


# --------------------------------------------------------------------------- matching


def tokens(text: str) -> list[str]:
    """Content tokens of ``text``: lower-cased, stop words dropped, ``85,000`` -> ``85000``,
    a plural ``s`` stripped (``H100s`` -> ``h100``), hyphenated words split."""
    t = text.lower().replace("’", "'")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    t = re.sub(r"'(?:s|ll|re|ve|d|m)\b|n't\b", "", t)
    words = [tok for tok in _TOKEN.findall(t) if tok not in _STOP and (tok[0].isdigit() or len(tok) > 1)]
    return [tok[:-1] if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss") else tok for tok in words]


def forecast_weights(forecast: str) -> dict[str, float]:
    """Each content token of an outcome's ``forecast`` text with its weight.

    Tokens inside quotes (words the compiler quoted from the call) weigh :data:`QUOTE_WEIGHT`,
    numbers and dates :data:`NUMBER_WEIGHT`; the weights multiply.
    """
    quoted = {tok for q in _QUOTED.findall(forecast) for tok in tokens(_EDITORIAL.sub(" ", q))}
    weights: dict[str, float] = {}
    for tok in tokens(forecast):
        w = (QUOTE_WEIGHT if tok in quoted else 1.0) * (NUMBER_WEIGHT if tok[0].isdigit() else 1.0)
        weights[tok] = max(weights.get(tok, 0.0), w)
    return weights


def _score(weights: dict[str, float], have: set[str]) -> float:
    """Share (0-1) of the outcome's token weight that the token set ``have`` contains."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for tok, w in weights.items() if tok in have) / total


def _match_scores(forecast: str, have: list[set[str]]) -> np.ndarray:
    """The match score of ``forecast`` against each token set of ``have``: the larger of the
    weighted share of the whole text found, and the share of the best-found quoted passage of at
    least :data:`QUOTE_MIN_TOKENS` content tokens (a phrase, not a single word; each token weighs one)."""
    quotes = (tokens(_EDITORIAL.sub(" ", q)) for q in _QUOTED.findall(forecast))
    parts = [forecast_weights(forecast), *(dict.fromkeys(q, 1.0) for q in quotes if len(set(q)) >= QUOTE_MIN_TOKENS)]
    return np.array([max(_score(w, h) for w in parts) for h in have]) if have else np.zeros(0)


def match_outcomes(outcomes: pd.DataFrame, sentences: pd.DataFrame, min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Each outcome with the one sentence it refers to, no sentence used twice.

    Candidates are the sentences of the outcome's speaker(s) (``"A / B"`` means either). A
    candidate's score is :func:`_match_scores`' (0-1); a forecast sentence's counts
    (1 + :data:`FORECAST_BONUS`) times as much. Outcomes and sentences are then paired so that
    the total score is highest and each sentence serves at most one outcome
    (``scipy.optimize.linear_sum_assignment``; on a tie the earlier sentence wins). Adds
    ``sentence_id`` (``<NA>`` when the pair's score is under ``min_score``), ``turn``,
    ``sentence_speaker``, ``match_score`` (0-1), ``matched_text``, ``candidates`` (';'-joined
    ids of close runners-up, best first) and ``match_note`` (empty for a match scoring at least
    :data:`CONFIDENT_SCORE`; otherwise says why the match is weak or missing).
    """
    out = outcomes.sort_values("id", kind="mergesort").reset_index(drop=True)
    sents = sentences.sort_values("sentence_id", kind="mergesort").reset_index(drop=True)
    bonus = 1 + FORECAST_BONUS * pd.to_numeric(sents.get("forecast", 0), errors="coerce").fillna(0).to_numpy()
    have = [set(tokens(t)) for t in sents["text"]]
    raw = np.zeros((len(out), len(sents)))
    for i, o in out.iterrows():
        mine = sents["speaker"].isin({s.strip() for s in o["speaker"].split("/")} - {""}).to_numpy()
        raw[i] = np.where(mine, _match_scores(o["forecast"], have), -1.0)
    rank = raw * bonus - 1e-9 * np.arange(len(sents))  # the earlier of two equal sentences wins
    chosen = dict(zip(*linear_sum_assignment(rank, maximize=True))) if raw.size else {}
    rows = []
    for i, o in out.iterrows():
        j = chosen.get(i)
        score = float(raw[i, j]) if j is not None else 0.0
        ok = j is not None and score >= min_score
        close = [int(sents.loc[k, "sentence_id"]) for k in np.argsort(-rank[i], kind="stable")[:4]
                 if ok and k != j and raw[i, k] >= 0 and rank[i, k] >= CANDIDATE_RATIO * rank[i, j]][:3]
        rows.append({**o.to_dict(), "sentence_id": sents.loc[j, "sentence_id"] if ok else pd.NA,
                     "turn": sents.loc[j, "turn"] if ok else pd.NA, "sentence_speaker": sents.loc[j, "speaker"] if ok else "",
                     "match_score": round(max(score, 0.0), 4), "matched_text": sents.loc[j, "text"] if ok else "",
                     "candidates": ";".join(map(str, close)), "match_note": match_note(score, o["speaker"], ok)})
    extra = ["sentence_id", "turn", "sentence_speaker", "match_score", "matched_text", "candidates", "match_note"]
    return pd.DataFrame(rows, columns=[*outcomes.columns, *extra]).astype({"sentence_id": "Int64", "turn": "Int64"})


def match_note(score: float, speaker: str, matched: bool) -> str:
    """Why a match needs a reader's check: '' at or above :data:`CONFIDENT_SCORE`."""
    if not matched:
        return f"no sentence of {speaker} shares enough of the forecast's words (best score {max(score, 0):.2f})"
    if score < CONFIDENT_SCORE:
        return f"weak match (score {score:.2f}, under {CONFIDENT_SCORE:.1f}): read the sentence against the forecast"
    return ""


# --------------------------------------------------------------------------- scorecard


def source_links(row: pd.Series) -> list[tuple[str, str, str]]:
    """``(title, url, date)`` for each source of an outcome row."""
    return list(zip(split_multi(row["source_title"]), split_multi(row["source_url"]), split_multi(row["source_date"])))


def scorecard(matched: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per forecast: status, sources (cells as the file has them, :func:`source_links`
    reads them), and the matched sentence's hedge/booster labels (``<NA>``/empty when unmatched);
    ``met`` is 1 for met, 0 for missed or partly, ``<NA>`` for unresolved or unknown."""
    cols = [c for c in ("sentence_id", "hedged", "boosted", "hedge_cues", "booster_cues") if c in sentences]
    labels = sentences[cols].drop_duplicates("sentence_id")
    card = matched.drop(columns=[c for c in cols if c != "sentence_id" and c in matched]).merge(
        labels.astype({"sentence_id": "Int64"}), on="sentence_id", how="left"
    )
    for flag in ("hedged", "boosted"):
        card[flag] = pd.to_numeric(card[flag], errors="coerce").astype("Int64") if flag in card else pd.NA
    for cue in ("hedge_cues", "booster_cues"):
        card[cue] = card[cue].fillna("").astype(str) if cue in card else ""
    card["resolved"] = card["status"].isin(RESOLVED)
    card["met"] = pd.array([1 if s == "met" else 0 if s in RESOLVED else pd.NA for s in card["status"]], dtype="Int64")
    card["n_sources"] = card.apply(source_links, axis=1).map(len)
    keep = ["id", "speaker", "forecast", "horizon", "horizon_date", "status", "resolved", "met", "material",
            "checked_on", "sentence_id", "turn", "sentence_speaker", "match_score", "match_note", "matched_text",
            "hedged", "boosted", "hedge_cues", "booster_cues", "n_sources", "source_title", "source_url",
            "source_date", "evidence"]
    return card[[c for c in keep if c in card]].sort_values("id", kind="mergesort").reset_index(drop=True)


# --------------------------------------------------------------------------- small-sample statistics


def hedged_vs_boosted(card: pd.DataFrame, level: float = 0.95, min_cell: int = 5, max_ci_width: float = 0.5) -> pd.DataFrame:
    """Share of resolved forecasts met, hedged vs unhedged and boosted vs unboosted (matched ones only).

    One row per ``comparison`` and ``group`` with Wilson intervals; per comparison ``fisher_p``,
    ``too_small`` (a cell of the 2x2 table under ``min_cell`` or an interval wider than
    ``max_ci_width``) and ``excluded`` (unresolved, unknown or unmatched forecasts).
    """
    rows = []
    for flag in ("hedged", "boosted"):
        usable = card[card["resolved"] & card[flag].notna()]
        groups = []
        for value, name in ((1, flag), (0, f"un{flag}")):
            g = usable[usable[flag].astype(int) == value]
            groups.append((name, len(g), int(g["met"].astype(int).sum())))
        (_, n1, m1), (_, n0, m0) = groups
        p = stats.fisher_p(m1, n1 - m1, m0, n0 - m0)
        shares = [stats.proportion(met, n, level) for _, n, met in groups]
        widths = [hi - lo if n else math.inf for (_, lo, hi), (_, n, _) in zip(shares, groups)]
        small = min(m1, n1 - m1, m0, n0 - m0) < min_cell or max(widths) > max_ci_width
        rows += [(f"{flag} vs un{flag}", *group, *share, p, bool(small), len(card) - len(usable))
                 for group, share in zip(groups, shares)]
    return pd.DataFrame(rows, columns=["comparison", "group", "n", "met", "share_met", "ci_low", "ci_high", "fisher_p",
                                       "too_small", "excluded"])


# --------------------------------------------------------------------------- what the scorecard covers

_COMPILED = re.compile(r"\bcompiled\s+(\d{4}-\d{2}-\d{2})\b", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


def compiled_on(call: Call, outcomes_dir: str | Path = OUTCOMES) -> str:
    """The date the call's outcome file was compiled (ISO): the index row's ``compiled`` column, else
    "compiled YYYY-MM-DD" in its ``source`` column, else ''. Raises as :func:`outcomes_path_for`."""
    row = index_row(call, outcomes_dir)
    if row.get("compiled", "").strip():
        return row["compiled"].strip()
    hit = _COMPILED.search(row.get("source", ""))
    return hit.group(1) if hit else ""


_HEADING = re.compile(r"^## +(.+?) *$", re.M)


def ledger_notes(call: Call, outcomes_dir: str | Path = OUTCOMES) -> dict[str, str]:
    """The sections of the outcome file's notes (the index's ``notes`` column: a Markdown file
    beside it), as ``{heading: Markdown text}`` in file order; empty when the index names none.
    Raises :class:`FileNotFoundError` as :func:`outcomes_path_for` does."""
    name = index_row(call, outcomes_dir).get("notes", "").strip()
    if not name:
        return {}
    text = (Path(outcomes_dir) / name).read_text(encoding="utf-8")
    parts = _HEADING.split(text)[1:]
    return {head: body.strip() for head, body in zip(parts[::2], parts[1::2])}


def latest_source_date(card: pd.DataFrame) -> str:
    """The most recent date (``YYYY-MM-DD`` or ``YYYY-MM``) among all sources' dates; '' if none."""
    cells = card.get("source_date", pd.Series(dtype=str)).fillna("")
    found = [(y, mth, d or "00", f"{y}-{mth}" + (f"-{d}" if d else ""))
             for cell in cells for y, mth, d in _ISO_DATE.findall(str(cell))]
    return max(found)[3] if found else ""


def met_summary(card: pd.DataFrame, level: float = 0.95) -> dict:
    """The scorecard in one record: ``outcomes``, ``resolved`` (met, missed or partly),
    ``open`` (unresolved or unknown), ``met``, ``share_met`` (of resolved), ``ci_low`` /
    ``ci_high`` (Wilson interval at ``level``) and one count per status of :data:`STATUSES`."""
    resolved = int(card["resolved"].sum())
    met = int((card["status"] == "met").sum())
    share, lo, hi = stats.proportion(met, resolved, level)
    counts = card["status"].value_counts()
    return {"outcomes": int(len(card)), "resolved": resolved, "open": int(len(card) - resolved), "met": met,
            "share_met": share, "ci_low": lo, "ci_high": hi, **{s: int(counts.get(s, 0)) for s in STATUSES}}


def coverage(card: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    """How the checked forecasts relate to the call's forecast ledger, as one record: ``shared``
    counts sentences that several outcomes point to (they count once per outcome in
    :func:`hedged_vs_boosted`); ``ledger_share`` is the share of the ledger's forecast sentences
    the outcome file checks (its forecasts were chosen by the compiler, not sampled)."""
    ids = card["sentence_id"].dropna().astype(int)
    is_fc = pd.to_numeric(sentences["forecast"], errors="coerce").fillna(0).astype(int).eq(1)
    fc_ids = set(sentences.loc[is_fc, "sentence_id"].astype(int))
    distinct = set(ids)
    per = ids.value_counts()
    matched_fc = len(distinct & fc_ids)
    return {
        "outcomes": int(len(card)), "matched": int(len(ids)), "sentences": len(distinct),
        "shared": int((per > 1).sum()), "matched_forecasts": matched_fc, "ledger": len(fc_ids),
        "ledger_share": matched_fc / len(fc_ids) if fc_ids else math.nan,
    }
