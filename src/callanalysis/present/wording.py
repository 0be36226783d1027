"""The words around the numbers: phrases whose wording depends on the data, and the glue call.

Chapters state their findings in Markdown prose with glued figures (MyST-NB's ``{glue:text}``
role). Where a phrase depends on the data ("clearly more than", "lies wholly above zero",
"A, B and C", "2.36 (1.9–2.8)"), it comes from a function here, each with a test. Promises:

* :func:`glue` pastes every value as plain text or as a number, never as Markdown: a
  transcript's words are data and must not be read as MyST;
* numbers stay numbers (the prose formats them: ``{glue:text}`key:.1f```); NaN, the share of
  nothing on a call too short for it, can be shown as 0 with :func:`number`.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd


def glue(values: Mapping[str, object]) -> None:
    """Glue each ``name: value`` for ``{glue:text}`` (as :func:`glueable` makes it)."""
    from myst_nb import glue as myst_glue

    for name, value in glueable(values).items():
        myst_glue(name, value, display=False)


def glueable(values: Mapping[str, object]) -> dict[str, int | float | str]:
    """``values`` with ints and floats (numpy's too) as plain numbers and anything else as plain text."""
    out: dict[str, int | float | str] = {}
    for name, value in values.items():
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            out[name] = int(value)
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            out[name] = float(value)
        else:
            out[name] = str(value)
    return out


def number(x: object) -> float:
    """``x`` as a float, 0.0 for NaN or None (a share of nothing, on a call too short for it)."""
    x = math.nan if x is None else float(x)
    return 0.0 if math.isnan(x) else x


def names(items: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'; 'none' for no items."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def with_interval(values: Sequence[float], lows: Sequence[float], highs: Sequence[float], fmt: str = ".2f",
                  ci_fmt: str | None = None, sep: str = "–") -> list[str]:
    """'2.36 (1.9–2.8)' for each row: a value and its interval in one cell (``ci_fmt`` defaults
    to ``fmt``; signed differences read better as '+0.52 (+0.1 to +0.9)', ``sep=" to "``)."""
    ci_fmt = ci_fmt or fmt
    return [f"{v:{fmt}} ({lo:{ci_fmt}}{sep}{hi:{ci_fmt}})" for v, lo, hi in zip(values, lows, highs)]


def which_way(verdict: str, higher: str, lower: str, same: str) -> str:
    """``higher``, ``lower`` or ``same``, as the verdict of :func:`~callanalysis.measure.stats.verdict` goes."""
    from ..measure.stats import HIGHER, LOWER  # here, not above: a chapter without statistics loads no scipy

    return {HIGHER: higher, LOWER: lower}.get(verdict, same)


def interval_says(verdict: str) -> str:
    """What the interval of a difference says, from its verdict."""
    larger = "zero, so the difference is larger than resampling alone would produce"
    return which_way(verdict, f"lies wholly above {larger}", f"lies wholly below {larger}",
                     "includes zero, so resampling alone could produce a difference this size")


def compared(a: float, b: float, more: str = "more often than", less: str = "less often than",
             same: str = "as often as") -> str:
    """How ``a`` compares with ``b`` in words."""
    return more if a > b else less if a < b else same


def as_said(cue: str) -> str:
    """A lower-cased cue with the pronoun I restored ("i think" -> "I think")."""
    return re.sub(r"\bi\b", "I", cue)


def cue_marks(hedged: object, boosted: object) -> str:
    """'hedge', 'booster', 'hedge + booster' or 'none' for a sentence's two flags ('' when unknown)."""
    if pd.isna(hedged):
        return ""
    return " + ".join(w for w, on in (("hedge", hedged), ("booster", boosted)) if on == 1) or "none"


def first_words(text: str, n: int = 14) -> str:
    """The first ``n`` words of ``text``, with an ellipsis when it goes on."""
    words = str(text).split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def met_of(row: Mapping[str, object]) -> str:
    """'1 of 3 met (33%, 6%–79%)' for a row of ``outcomes.hedged_vs_boosted``; 'none' when empty."""
    if not row["n"]:
        return "none"
    return f"{row['met']} of {row['n']} met ({row['share_met']:.0%}, {row['ci_low']:.0%}–{row['ci_high']:.0%})"


def outcomes_lead(file: str | None, company: str, quarter: object, year: object, scored: Mapping | None = None,
                  cover: Mapping | None = None, compiled: str = "", latest: str = "", weak: int = 0,
                  threshold: float = 0.5) -> str:
    """The paragraph that opens "What became of the forecasts": which file, what it covers, how
    its forecasts were matched to sentences, how many were met (``outcomes.met_summary``,
    ``outcomes.coverage``; ``weak``: matches scoring under ``threshold``)."""
    if file is None:
        return (f"No outcomes file exists for this call ({company}, Q{quarter} {year}): data/outcomes/index.csv "
                "lists none, so no forecast is scored. data/outcomes/README.md describes how to add one.")
    return (
        f"An outcomes file for this call (data/outcomes/{file}), checked on {compiled} against public sources (the "
        f"latest dated {latest}), records what became of {scored['outcomes']} forecasts. The compiler chose them by "
        "the rule below, so they are not a random sample of the call's forecasts: they match "
        f"{cover['matched_forecasts']} of its {cover['ledger']} forecast sentences ({cover['ledger_share']:.0%}). Each "
        "is matched to one sentence of its own speaker, the one that shares most words, numbers and quoted phrases "
        "with the compiler's description, and no sentence serves two forecasts; "
        + (f"{weak} match{'es score' if weak > 1 else ' scores'} under {threshold:.1f} and carr{'y' if weak > 1 else 'ies'} "
           "a note in the table." if weak else f"every match scores at least {threshold:.1f}.")
        + f" {scored['met']} were met, {scored['missed']} missed and {scored['partly']} partly met; "
        f"{scored['unresolved']} are unresolved and {scored['unknown']} unknown. Counting partly as not met and leaving "
        f"the open ones out, {scored['met']} of {scored['resolved']} resolved forecasts were met "
        f"({scored['share_met']:.0%}, 95% interval {scored['ci_low']:.0%}–{scored['ci_high']:.0%}). The statuses are "
        "the compiler's reading of the sources; the download gives the evidence for each."
    )


def outcomes_line(scored: Mapping | None, compiled: str) -> str:
    """One sentence on the forecasts' record, for the chapter's summary and the introduction."""
    if scored is None:
        return "No outcomes file exists for this call, so none of its forecasts is scored."
    if not scored["resolved"]:
        return "None of the checked forecasts has a known outcome yet."
    return (f"Of the {scored['resolved']} checked forecasts whose outcome is known by {compiled or 'the compile date'}, "
            f"{scored['met']} were met ({scored['share_met']:.0%}).")


def hedged_fared(hedged: Mapping | None, unhedged: Mapping | None = None, boosted: Mapping | None = None) -> str:
    """Did hedged forecasts fare better? Rows of ``outcomes.hedged_vs_boosted`` in words."""
    if hedged is None:
        return "No outcomes file exists for this call, so there is nothing to compare."
    better = compared(hedged["share_met"], unhedged["share_met"], "hedged", "unhedged", "")
    return (
        f"Among the resolved forecasts matched to a sentence, hedged ones: {met_of(hedged)}; unhedged ones: "
        f"{met_of(unhedged)}. Fisher's exact test gives p = {hedged['fisher_p']:.2f}. "
        + (f"The {better} forecasts did better in this file, " if better else "Neither group did better, ")
        + ("but a cell of the two-by-two table holds fewer than five forecasts or an interval is wider than 50 "
           "points, so the file is too small to say whether hedging tracks the outcome. " if hedged["too_small"]
           else "and the groups are large enough for the comparison to mean something. ")
        + (f"Boosted forecasts: {met_of(boosted)}. " if boosted["n"]
           else "No checked forecast is boosted, so boosting cannot be compared. ")
        + f"{int(hedged['excluded'])} checked forecasts are left out (unresolved, unknown or unmatched)."
    )


def unidentified(n_turns: int, labels: Sequence[str]) -> str:
    """What a count of people leaves open: ' (counting "Unknown speaker" as one person, though
    its 3 turns are likely by different people)'; '' when every turn names its speaker."""
    if not n_turns:
        return ""
    said = names(f'"{label}"' for label in labels)
    if n_turns == 1:
        return f" (counting {said} as one person)"
    return (f" (counting {said} as {'one person' if len(labels) == 1 else 'one person each'}, though "
            f"{'its' if len(labels) == 1 else 'their'} {n_turns} turns are likely by different people)")


#: How the report names each status of an outcome file (``measure.outcomes.STATUSES``).
STATUS_WORDS = {"met": "met", "missed": "missed", "partly": "partly met", "unresolved": "unresolved",
                "unknown": "unknown"}


def record(counts: Mapping[str, int]) -> str:
    """'2 met, 6 missed and 1 unresolved': the statuses in :data:`STATUS_WORDS` order, zeros left out."""
    return names(f"{counts[s]} {word}" for s, word in STATUS_WORDS.items() if counts.get(s))


def promises_line(by_speaker: Sequence[tuple[str, Mapping[str, int]]], compiled: str) -> str:
    """One sentence on what each speaker promised and what became of it, from the outcome
    ledger's material forecasts (``by_speaker``: name and status counts, in order)."""
    if not by_speaker:
        return "No outcome ledger exists for this call, so no promise is followed to its outcome."
    total = sum(sum(c.values()) for _, c in by_speaker)
    each = names(f"{who} {sum(c.values())} ({record(c)})" for who, c in by_speaker)
    return (f"The outcome ledger, checked on {compiled or 'an unstated date'}, follows {total} material "
            f"forecasts: {each}.")


def profile(p: Mapping[str, object]) -> str:
    """One paragraph on a speaker: how much they spoke, claimed, forecast and hedged, and the
    record of their forecasts in the ledger. Names the speaker, never a pronoun for them.

    ``p``: ``speaker``, ``title``, ``words``, ``word_share``, ``turns``, ``sentences``,
    ``claims``, ``forecasts``, ``hedged_forecasts``, ``hedges_per_100w``, ``record`` (status
    counts of the ledger's forecasts, ``None`` without a ledger) and ``unidentified`` (the
    :func:`unidentified` note, or '').
    """
    who = f"{p['speaker']} ({p['title']})" if p.get("title") else str(p["speaker"])
    n, fc = int(p["sentences"]), int(p["forecasts"])
    text = (f"{who} spoke {int(p['words']):,} words, {p['word_share']:.0%} of the call, in {int(p['turns'])} "
            f"turn{'s' if p['turns'] != 1 else ''}{p.get('unidentified', '')}. Of {n:,} sentences, {int(p['claims'])} "
            f"({int(p['claims']) / n if n else 0:.0%}) state a checkable fact and {fc} ({fc / n if n else 0:.0%}) "
            "forecast" + (f", {int(p['hedged_forecasts'])} of them hedged" if fc else "")
            + f". Hedges come to {number(p['hedges_per_100w']):.1f} per 100 words spoken.")
    if p.get("record") is None:
        return text
    counts = p["record"]
    if not sum(counts.values()):
        return text + " The outcome ledger follows none of these forecasts."
    k = sum(counts.values())
    return text + f" The outcome ledger follows {k} material forecast{'s' if k > 1 else ''}: {record(counts)}."


def promises_lead(n: int, checked_on: str) -> str:
    """What the table of promises holds, or that there is none (no outcome ledger)."""
    if not n:
        return ("No outcome ledger exists for this call, so there is no table of promises and outcomes; the "
                "profiles below describe how each executive spoke.")
    return (f"Each of the {n} rows is one material forecast: the sentence of the call it was matched to (the "
            "number links to the annotated transcript), whether that sentence is hedged, the due date, and the "
            f"outcome as checked on {checked_on}, with the first source.")


def against_the_rest(higher: Sequence[str], lower: Sequence[str], unclear: int, what: str = "hedge") -> str:
    """Which speakers ``what`` clearly more or less than everyone else on the call, in one sentence."""
    said = [f"{names(group)} {what}{'s' if len(group) == 1 else ''} clearly {way} than the rest of the call"
            for group, way in ((list(higher), "more"), (list(lower), "less")) if group]
    if not said:
        return "No speaker's rate differs clearly from the rest of the call; every interval of the difference includes zero."
    return "; ".join(said) + (f"; for the other {unclear} speakers the interval of the difference includes zero."
                              if unclear else ".")


def publisher(title: str) -> str:
    """A source's short name: the last parenthesis of its title ("... (Engadget)" -> "Engadget"),
    else the title itself."""
    found = re.findall(r"\(([^()]+)\)\s*$", str(title))
    return found[-1] if found else str(title)


def quoted(text: str) -> str:
    """``text`` in straight double quotes, as glued words quoted from the call are shown."""
    return f'"{text}"'


# --------------------------------------------------------------------------- against other calls

#: How the prose names a group of peers (a role detail or a role), in the plural.
PEERS = {"CEO": "CEOs", "CFO": "CFOs", "other executive": "other executives", "executive": "executives",
         "investor relations": "investor-relations speakers", "analyst": "analysts", "operator": "operators",
         "unknown": "unidentified speakers"}


def pct(x: float) -> str:
    """A percentile rounded down ('96' for 96.7), so that "more than N%" stays true; '–' for NaN."""
    return "–" if pd.isna(x) else str(int(math.floor(x)))


def pct_cell(p: float, low: float, high: float) -> str:
    """'96 (87–99)': a percentile and its interval, rounded down; '–' when there is none."""
    return "–" if pd.isna(p) else f"{pct(p)} ({pct(low)}–{pct(high)})"


def leader(kind: str, row: Mapping[str, object] | None, verb: str = "hedges") -> str:
    """Where the call's CEO (``kind``) stands among peers, from a row of ``norms.standing``; says so
    when no title names one or the speaker is not compared."""
    if row is None:
        return f"no speaker's title names a {kind}"
    who = f"{row['speaker']}, the {kind},"
    if pd.isna(row["percentile"]):
        return f"{who} says too little ({int(row['words']):,} words) to be placed among other calls' {PEERS[kind]}"
    share = "every one" if row["percentile"] >= 100 else f"{pct(row['percentile'])}%"
    return (f"{who} {verb} more than {share} of the {int(row['peers']):,} "
            f"{PEERS.get(str(row['peer_group']), row['peer_group'])} on {int(row['peer_calls']):,} other calls "
            f"(95% interval {pct(row['low'])}–{pct(row['high'])}%)")


def standing_headline(ceo: Mapping[str, object] | None, cfo: Mapping[str, object] | None) -> str:
    """The CEO's and the CFO's standing in one sentence (:func:`leader`), whichever of them the call has."""
    if ceo is None and cfo is None:
        return ("No speaker's title names a CEO or a CFO, so the call's leaders cannot be set against other calls' "
                "leaders; every speaker is still placed among peers of the same role.")
    text = f"{leader('CEO', ceo)}; {leader('CFO', cfo)}."
    return text[0].upper() + text[1:]


def call_ranks(rows: Sequence[tuple[str, float, float, float]], calls: int) -> str:
    """'Among the 120 other calls (95% intervals in brackets), this call's percentile is 90 for A
    (82–96), ...' from ``(what, percentile, low, high)`` rows; NaN: nothing to measure on this call."""
    said = [f"{pct(p)} for {what} ({pct(lo)}–{pct(hi)})" if not pd.isna(p) else f"none for {what} (nothing to measure)"
            for what, p, lo, hi in rows]
    return f"Among the {calls:,} other calls (95% intervals in brackets), this call's percentile is {names(said)}."


def standouts(rows: Sequence[tuple[str, str, float, float]]) -> str:
    """Which rates stand out among peers, from ``(speaker, measure, low, high)`` rows: those whose
    whole interval lies in the top (low >= 75) or the bottom (high <= 25) quarter of the peers."""
    if not rows:
        return "No speaker of this call says enough to be placed among peers."
    said = []
    for where, test in (("top", lambda lo, hi: lo >= 75), ("bottom", lambda lo, hi: hi <= 25)):
        found: dict[str, list[str]] = {}
        for speaker, measure, lo, hi in rows:
            if not pd.isna(lo) and test(lo, hi):
                found.setdefault(speaker, []).append(measure)
        if found:
            said.append(f"wholly in the {where} quarter of the peers: " + names(s + "'s " + names(m) for s, m in found.items()))
    if not said:
        return "No speaker's interval lies wholly in the top or the bottom quarter of the peers."
    return "Intervals " + "; ".join(said) + "."
