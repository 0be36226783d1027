"""What each chapter of the book shows, computed from one annotated call.

One function per chapter (``the_call``, ``claims``, ``hedging``, ``forecasts``, ``speakers``,
``transcript``) takes the call as :func:`callanalysis.report.open_call` returns it (``call``,
``sentences``, ``turns``) and returns a :class:`Chapter`: the figures its prose glues (by the
names the prose uses), its tables as escaped HTML, and the frames behind its charts and
downloads. The notebooks only load the call, call one of these, glue, and show; the measuring
is in :mod:`callanalysis.measure`, the phrasing in :mod:`callanalysis.present.wording`. The
heavier measures (outcomes with scipy's optimiser, readability with textstat, norms) are
imported by the functions that use them, so a chapter's kernel loads only what it needs.
"""

from __future__ import annotations

from html import escape
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..measure import consistency, summary
from ..measure.stats import HIGHER, LOWER, N_BOOT, UNCLEAR
from ..parse import quality
from ..parse.transcript import SECTION_LABELS
from . import wording
from .provenance import sha256
from .tables import HTML, html_table
from .wording import names, number, with_interval

#: Under this many words a speaker's rates are drawn open and read with care.
SMALL_WORDS = 250
#: A speaker enters an opening-against-Q&A comparison with this many words in each part.
PHASE_MIN_WORDS = 100
#: A speaker or part of the call needs this many sentences before its claim share is compared.
MIN_SENTENCES = 30
#: A speaker needs this many forecasts before their shares are compared with anyone else's.
MIN_FORECASTS = 5
#: The "vague talk" qualifiers: epistemic adverbs, modal verbs and approximators (not "I think").
VAGUE_KINDS = ("epistemic_adverb", "modal", "approximator")


@dataclass
class Chapter:
    """A chapter's ``figures`` (glued into its prose), ``tables`` (HTML) and ``data`` (the
    frames and values behind its charts and downloads), each by name."""

    figures: dict[str, object]
    tables: dict[str, HTML] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def _table(df: pd.DataFrame, columns: dict[str, str], **kw) -> HTML:
    """``df``'s ``columns`` (name -> header) as an HTML table."""
    return html_table(df[list(columns)], labels=columns, **kw)


def _rate_cells(d: pd.DataFrame) -> pd.DataFrame:
    """``d`` (a ``summary.hedging_table``) with 'rate (low–high)' columns ``hedge_rate`` and ``boost_rate``."""
    return d.assign(**{name: with_interval(d[f"{m}_per_100w"], d[f"{m}_low"], d[f"{m}_high"], ".2f", ".1f")
                       for name, m in (("hedge_rate", "hedges"), ("boost_rate", "boosters"))})


# --------------------------------------------------------------------------- what they promised


def promises(r) -> Chapter:
    """The answer in words: the material forecasts of the outcome ledger per speaker, with the
    sentence, its hedge, due date, outcome and source, and a profile of each executive (and of
    anyone else the ledger follows). Without a ledger, the profiles alone."""
    from ..measure import outcomes

    s, turns = r.sentences, r.turns
    _, card, compiled = ledger(r) or (None, None, "")
    material = card[card["material"].eq("yes")] if card is not None else None
    profile = summary.speaker_profile(s, turns)
    counts = summary.rates(s, "speaker").set_index("speaker")
    hedged_fc = summary.commitment(s, "speaker").set_index("speaker")["hedged"]
    people = list(profile.loc[profile["role"].eq("executive"), "speaker"])
    if material is not None:
        people += [p for p in dict.fromkeys(material["speaker"]) if p not in people]
    records = {p: material.loc[material["speaker"].eq(p), "status"].value_counts().to_dict() for p in people} \
        if material is not None else {}
    unknown = turns[turns["role"].eq("unknown")]
    paragraphs = []
    for _, p in profile.set_index("speaker").loc[[x for x in people if x in set(profile["speaker"])]].iterrows():
        c = counts.loc[p.name] if p.name in counts.index else pd.Series(dtype=float)
        mine = unknown[unknown["speaker"].eq(p.name)]
        paragraphs.append(wording.profile({
            "speaker": p.name, "title": p["title"] or "", "words": p["words"], "word_share": p["word_share"],
            "turns": p["turns"], "sentences": p["sentences"], "claims": c.get("claims", 0),
            "forecasts": c.get("forecasts", 0), "hedged_forecasts": hedged_fc.get(p.name, 0),
            "hedges_per_100w": p["hedges_per_100w"], "record": records.get(p.name) if material is not None else None,
            "unidentified": wording.unidentified(len(mine), [p.name] if len(mine) else [])}))
    by_speaker = [(p, records[p]) for p in people if sum(records.get(p, {}).values())]
    by_speaker.sort(key=lambda pc: -sum(pc[1].values()))
    f = {"promises_line": wording.promises_line(by_speaker, compiled),
         "promises_record": wording.outcomes_line(outcomes.met_summary(card), compiled) if card is not None else "",
         "promises_n_profiles": len(paragraphs),
         "promises_lead": wording.promises_lead(0 if material is None else len(material), compiled)}
    tables = {"profiles": HTML("".join(f"<p>{escape(x)}</p>" for x in paragraphs))}
    data = {"promises": None}
    if material is not None:
        order = {p: i for i, (p, _) in enumerate(by_speaker)}
        first = [outcomes.source_links(row)[0] if row["n_sources"] else None for _, row in material.iterrows()]
        shown = material.assign(
            said=[t or f"(no sentence matched) {fc}" for t, fc in zip(material["matched_text"], material["forecast"])],
            hedge=[{1: "yes", 0: "no"}.get(h, "") if pd.notna(h) else "" for h in material["hedged"]],
            due=_due(material["horizon_date"]), outcome=material["status"].map(wording.STATUS_WORDS),
            source=[wording.publisher(x[0]) if x else "" for x in first], url=[x[1] if x else "" for x in first],
            _order=material["speaker"].map(order)).sort_values(["_order", "id"], kind="mergesort")
        tables["promises"] = html_table(
            shown[["speaker", "id", "sentence_id", "said", "hedge", "due", "outcome", "source", "url"]],
            labels={"speaker": "Speaker", "id": "#", "sentence_id": "Sentence", "said": "What was said",
                    "hedge": "Hedged", "due": "Due by", "outcome": "Outcome", "source": "First source"},
            links={"source": "url"}, caption="The material forecasts of the outcome ledger, by speaker")
        data["promises"] = shown.drop(columns=["_order", "url"])
    return Chapter(f, tables, data)


# --------------------------------------------------------------------------- 1. the call


def the_call(r, source: str | Path | None = None) -> Chapter:
    """Who was on the call, how much each spoke, the sections, and the data-quality notes.

    ``source`` is the transcript file (its name and hash are shown); default: the call's own record of it.
    """
    call, s, turns = r.call, r.sentences, r.turns
    meta = call.metadata
    by_speaker = summary.speaker_profile(s, turns)  # the same profile as "Speakers compared" and "What they promised"
    by_section = summary.rates(s, ("section",))
    role_share = summary.rates(s, ("role",)).set_index("role")["word_share"]
    in_analyst_qa = summary.rates(s[s["section"].eq("analyst_qa")], ("role",)).set_index("role")["word_share"]
    notes = quality.notes_frame(call, s)
    kinds = quality.counts(notes)
    top = by_speaker.sort_values("words", ascending=False).iloc[0]
    unknown = turns[turns["role"].eq("unknown")]
    figures = {
        "call_title": meta.title, "call_date": meta.date.strftime("%-d %B %Y"),
        "call_n_speakers": by_speaker["speaker"].nunique(), "call_n_analysts": by_speaker["role"].eq("analyst").sum(),
        "call_n_turns": len(turns), "call_n_sentences": len(s), "call_n_words": by_speaker["words"].sum(),
        "call_top_speaker": top["speaker"],
        "call_top_share": top["word_share"] * 100, "call_exec_share": role_share.get("executive", 0.0) * 100,
        "call_analyst_share": role_share.get("analyst", 0.0) * 100,
        "call_qa_share": by_section.loc[by_section["section"].isin(["investor_qa", "analyst_qa"]), "word_share"].sum() * 100,
        "call_analyst_share_of_analyst_qa": number(in_analyst_qa.get("analyst", 0.0)) * 100,
        "call_n_notes": len(notes), "call_n_markers": kinds["marker"], "call_n_unknown_turns": len(unknown),
        "call_people_note": wording.unidentified(len(unknown), list(dict.fromkeys(unknown["speaker"]))),
    }
    source = Path(source or call.source)
    facts = pd.DataFrame([
        ("Company", f"{meta.company} ({meta.ticker})"), ("Quarter", f"Q{meta.quarter} {meta.fiscal_year}"),
        ("Date and time", f"{meta.date.isoformat()}, {meta.time} {meta.timezone or ''}".strip()),
        ("Transcript file", source.name), ("SHA-256", sha256(source)),
        ("Characters", f"{len(call.text):,}"), ("Turns / sentences", f"{len(turns):,} / {len(s):,}"),
    ], columns=["Field", "Value"])
    firms = pd.DataFrame([{"speaker": p.name, "firm": p.firm} for p in call.participants], columns=["speaker", "firm"])
    speakers = by_speaker.merge(firms.drop_duplicates("speaker"), on="speaker", how="left").assign(
        words_per_turn=lambda d: d["words"] / d["turns"], share=lambda d: d["word_share"] * 100,
    ).sort_values(["words", "speaker"], ascending=[False, True])[
        ["speaker", "role", "title", "firm", "turns", "sentences", "words", "words_per_turn", "share"]]
    sections = by_section.assign(
        section=by_section["section"].map(SECTION_LABELS), share=by_section["word_share"] * 100,
        speakers=by_section["section"].map(s.groupby("section")["speaker"].nunique()),
    )[["section", "turns", "speakers", "sentences", "words", "share"]]
    notes = notes[["what", "turn", "speaker", "sentence_id", "detail"]]
    tables = {
        "facts": html_table(facts, caption="What the transcript's header and file say"),
        "speakers": html_table(speakers, formats={"words_per_turn": ".0f", "share": ".1f"},
                               labels={"words_per_turn": "words per turn", "share": "share of words (%)"},
                               caption="Speakers, by words spoken"),
        "sections": html_table(sections, formats={"share": ".1f"}, labels={"share": "share of words (%)"},
                               caption="Sections of the call"),
        "notes": html_table(notes, labels={"what": "note", "sentence_id": "sentence"},
                            caption="Data-quality notes, in transcript order"),
    }
    data = {"speakers": speakers, "sections": sections, "notes": notes,
            "by_section_role": summary.rates(s, ("section", "role"))}
    return Chapter(figures, tables, data)


# --------------------------------------------------------------------------- 2. claims

_PROFILE = {"sentences": "Sentences", "claims": "Claims", "claim_share": "Claim share",
            "claims_with_figure": "With a figure", "hedged_claim_share": "Claims hedged"}


def claims(r) -> Chapter:
    """Who makes claims and where, the figures they state, their topics, and the consistency checks."""
    s = r.sentences
    by_speaker = summary.claim_profile(s, "speaker")
    by_section = summary.claim_profile(s, "section")
    whole = summary.claim_profile(s, ()).iloc[0]
    figures_said = summary.numeric_claims(s)
    matrix = summary.topic_matrix(s, "claim", "speaker")
    findings = consistency.check(s, r.call.date)
    kinds = consistency.count_by_kind(findings)
    top = by_speaker.sort_values(["claims", "speaker"], ascending=[False, True]).iloc[0]
    executives = set(s.loc[s["role"].eq("executive"), "speaker"])
    compared = {
        "speaker": summary.extremes(by_speaker[by_speaker["speaker"].isin(executives)], "claim_share",
                                    min_size=MIN_SENTENCES),
        "phase": summary.extremes(summary.claim_profile(summary.add_phase(s), "phase"), "claim_share",
                                  min_size=MIN_SENTENCES),
    }
    topics = matrix.groupby(["topic", "topic_label"], sort=False)["count"].sum().reset_index()
    named = topics[topics["topic"].ne("other")].sort_values("count", ascending=False, kind="mergesort")
    other = int(topics.loc[topics["topic"].eq("other"), "count"].sum())
    n = int(whole["claims"])
    f = {
        "claims_n": n, "claims_share": number(whole["claim_share"]),
        "claims_top_speaker": top["speaker"], "claims_top_speaker_share": number(top["claims"] / n) if n else 0.0,
        "claims_top_speaker_sentence_share": number(top["sentences"] / whole["sentences"]),
        "claims_min_sentences": compared["speaker"]["min_size"] if compared["speaker"] else MIN_SENTENCES,
        "claims_min_phase_sentences": compared["phase"]["min_size"] if compared["phase"] else MIN_SENTENCES,
        "claims_with_figure": whole["claims_with_figure"], "claims_figure_share": number(whole["figure_share"]),
        "claims_figures": len(figures_said), "claims_without_figure": n - whole["claims_with_figure"],
        "claims_without_figure_share": 1 - whole["figure_share"] if n else 0.0,
        "claims_hedged_share": number(whole["hedged_claim_share"]), "claims_other_topic": other,
        "claims_other_topic_share": other / n if n else 0.0,
        "claims_top_topic": named.iloc[0]["topic_label"] if len(named) else "none",
        "claims_top_topic_n": named.iloc[0]["count"] if len(named) else 0,
        "claims_also_forecast": int((summary.prepare(s)[["claim", "forecast"]].sum(axis=1) == 2).sum()),
        "claims_findings": len(findings), "claims_anachronisms": kinds["anachronism"],
        "claims_beyond_bounds": kinds["beyond a bound"], "claims_n_checks": len(consistency.KINDS),
        "claims_contradictions": len(findings) - kinds["anachronism"] - kinds["beyond a bound"],
    }
    for key, found in compared.items():
        for end, name in (("top", "densest"), ("bottom", "sparsest")):
            f[f"claims_{name}_{key}"] = found[end][key] if found else "none"
            f[f"claims_{name}_{key}_share"] = number(found[end]["claim_share"]) if found else 0.0
    evidence = consistency.evidence_rows(findings, s)
    evidence = evidence.assign(finding=[f"{i}. {k}: {note}" for i, k, note in
                                        zip(evidence["finding"], evidence["kind"], evidence["note"])])
    shares = {"claim_share": ".0%", "hedged_claim_share": ".0%"}
    tables = {
        "speakers": _table(by_speaker.sort_values(["claims", "speaker"], ascending=[False, True]),
                           {"speaker": "Speaker", **_PROFILE}, formats=shares),
        "sections": _table(by_section.assign(section=by_section["section"].map(SECTION_LABELS).fillna(by_section["section"])),
                           {"section": "Part of the call", **_PROFILE}, formats=shares),
        "figures": _table(figures_said, {"sentence_id": "Sentence", "speaker": "Speaker",
                                         "context": "The figure in its sentence", "value": "Value", "unit": "Unit",
                                         "topic_label": "Topic"}, formats={"value": ",.15g"}),
        "evidence": _table(evidence, {"finding": "Finding", "sentence_id": "Sentence", "speaker": "Speaker",
                                      "text": "Evidence (the sentence as transcribed)",
                                      "values": "Why it cannot be right as written"}),
        "checks": _table(consistency.checks_table().assign(found=lambda d: d["check"].map(kinds)),
                         {"check": "Check", "compared_with": "What it compares the transcript with", "found": "Findings"}),
    }
    data = {"by_speaker": by_speaker, "figures": figures_said, "matrix": matrix, "findings": findings,
            "topics": matrix[["speaker", "topic_label", "count", "share", "example_id", "example"]]}
    return Chapter(f, tables, data)


# --------------------------------------------------------------------------- 3. hedging and boosting

_RATE_HEADERS = {"hedge_rate": "Hedges per 100 words (95% interval)", "boosters": "Boosters",
                 "boost_rate": "Boosters per 100 words (95% interval)"}


def hedging(r, n_boot: int = N_BOOT) -> Chapter:
    """Who hedges and boosts, prepared remarks against the Q&A, the words they use, analysts' politeness."""
    s = summary.add_phase(r.sentences)
    s = s.assign(hedge_context=summary.hedge_context(s))
    execs, analysts = s["role"].eq("executive"), s["role"].eq("analyst")
    roles = s.drop_duplicates("speaker").set_index("speaker")["role"]
    by_speaker = summary.hedging_table(s, "speaker", n_boot=n_boot).assign(role=lambda d: d["speaker"].map(roles))
    for kind, col in (("hedge", "hedges_vs_rest"), ("booster", "boosters_vs_rest")):
        rest = summary.versus_rest(s, "speaker", f"{kind}_cue_count", n_boot=n_boot).set_index("speaker")["verdict"]
        by_speaker[col] = by_speaker["speaker"].map(rest)
    exec_all = summary.hedging_table(s[execs], (), n_boot=n_boot).reindex([0]).iloc[0]  # NaN without executives
    phase = {v: summary.phase_comparison(s, f"{v}_cue_count", min_words=PHASE_MIN_WORDS, n_boot=n_boot)
             for v in ("hedge", "booster")}
    pooled_h, pooled_b, per_speaker = phase["hedge"].iloc[-1], phase["booster"].iloc[-1], phase["hedge"].iloc[:-1]
    analyst_h, analyst_b = (summary.compare_rates(s, analysts, execs, f"{v}_cue_count", n_boot=n_boot)
                            for v in ("hedge", "booster"))
    kinds = summary.cue_kinds(s, "hedge", "hedge_context")
    kind_of = kinds.drop_duplicates("hedge_context").set_index("hedge_context")
    analyst_hedged = s[analysts & s["hedged"].eq(1)].assign(request=lambda d: summary.request_mask(d))
    sizeable = by_speaker[by_speaker["words"] >= SMALL_WORDS]
    pool = next(t for t in (sizeable[sizeable["role"].eq("executive")], sizeable, by_speaker) if len(t))
    top = pool.sort_values(["hedges_per_100w", "speaker"], ascending=[False, True]).iloc[0]
    top_is_exec = top["role"] == "executive"
    top_vs = summary.compare_rates(s, s["speaker"].eq(top["speaker"]), execs & s["speaker"].ne(top["speaker"]),
                                   n_boot=n_boot)
    cue = {k: summary.top_cues(s[execs], k, None, 1) for k in ("hedge", "booster")}
    n_cautious, n_confident = int((sizeable["balance_high"] < 0).sum()), int((sizeable["balance_low"] > 0).sum())
    moves, steady = pooled_h["verdict"] == HIGHER, pooled_b["verdict"] == UNCLEAR
    f = {
        "hedging_n_boot": n_boot, "hedging_small_words": SMALL_WORDS, "hedging_phase_min_words": PHASE_MIN_WORDS,
        "hedging_poisson_cues": summary.zero_count_upper(100, per=100), "hedging_n_small": (by_speaker["words"] < SMALL_WORDS).sum(), "hedging_n_sizeable": len(sizeable),
        "hedging_exec_rate": exec_all["hedges_per_100w"], "hedging_exec_low": exec_all["hedges_low"],
        "hedging_exec_high": exec_all["hedges_high"], "hedging_exec_boost_rate": exec_all["boosters_per_100w"],
        "hedging_exec_boost_low": exec_all["boosters_low"], "hedging_exec_boost_high": exec_all["boosters_high"],
        "hedging_exec_hedges_per_booster": exec_all["hedges"] / exec_all["boosters"] if exec_all["boosters"] else float("nan"),
        "hedging_top_speaker": top["speaker"], "hedging_top_rate": top["hedges_per_100w"],
        "hedging_top_low": top["hedges_low"], "hedging_top_high": top["hedges_high"],
        "hedging_top_share_of_exec_words": top["words"] / exec_all["words"] if top_is_exec else float("nan"),
        "hedging_top_share_of_exec_hedges": top["hedges"] / exec_all["hedges"] if top_is_exec and exec_all["hedges"]
        else float("nan"),
        "hedging_top_reading": "so the executives' pooled rate mostly reflects this one speaker"
        if top_is_exec and top["hedges"] > exec_all["hedges"] / 2 else "so the pooled rate mixes several executives' styles",
        "hedging_top_other_exec_rate": top_vs["rate_b"], "hedging_top_vs_exec_ratio": top_vs["ratio"],
        "hedging_top_vs_exec_low": top_vs["ci_low"], "hedging_top_vs_exec_high": top_vs["ci_high"],
        "hedging_top_vs_exec_says": wording.interval_says(top_vs["verdict"]),
        "hedging_against_the_rest": wording.against_the_rest(
            *(list(by_speaker.loc[by_speaker["hedges_vs_rest"].eq(v), "speaker"]) for v in (HIGHER, LOWER)),
            int(by_speaker["hedges_vs_rest"].eq(UNCLEAR).sum())),
        "hedging_open_rate": pooled_h["opening_rate"], "hedging_qa_rate": pooled_h["qa_rate"],
        "hedging_phase_ratio": pooled_h["qa_rate"] / pooled_h["opening_rate"] if pooled_h["opening_rate"] else float("nan"),
        "hedging_phase_low": pooled_h["diff_low"], "hedging_phase_high": pooled_h["diff_high"],
        "hedging_phase_says": wording.interval_says(pooled_h["verdict"]),
        "hedging_phase_speakers": names(per_speaker["speaker"]), "hedging_phase_n_speakers": len(per_speaker),
        "hedging_phase_n_higher": per_speaker["verdict"].eq(HIGHER).sum(),
        "hedging_open_boost_rate": pooled_b["opening_rate"], "hedging_qa_boost_rate": pooled_b["qa_rate"],
        "hedging_phase_boost_low": pooled_b["diff_low"], "hedging_phase_boost_high": pooled_b["diff_high"],
        "hedging_phase_boost_says": wording.interval_says(pooled_b["verdict"]),
        "hedging_phase_boost_phrase": "while their boosting barely moves" if steady else "and their boosting moves too",
        "hedging_phase_reading": "One reading: a script is edited, and editing removes qualifications but keeps "
        "conviction, while spoken answers keep both." if moves and steady else
        "Hedging and boosting move together here, so the gap is not simply one of editing." if moves else
        "The prepared and the spontaneous parts cannot be told apart on this measure.",
        "hedging_n_cautious": n_cautious, "hedging_n_confident": n_confident,
        "hedging_balance_reading": "On this call, caution is the default register: no speaker with enough words "
        "asserts more than they qualify." if n_cautious and not n_confident else
        "Speakers differ in register: some qualify more than they assert, others the reverse."
        if n_cautious and n_confident else "For no speaker is the balance clearly away from zero.",
        "hedging_exec_top_cue": wording.quoted(wording.as_said(cue["hedge"]["cue"].iloc[0])) if len(cue["hedge"]) else "none",
        "hedging_exec_top_cue_share": cue["hedge"]["count"].iloc[0] / exec_all["hedges"] if len(cue["hedge"]) else 0.0,
        "hedging_exec_top_booster": wording.quoted(wording.as_said(cue["booster"]["cue"].iloc[0])) if len(cue["booster"])
        else "none",
        "hedging_analyst_rate": analyst_h["rate_a"], "hedging_analyst_words": analyst_h["words_a"],
        "hedging_analyst_vs_exec_low": analyst_h["ci_low"], "hedging_analyst_vs_exec_high": analyst_h["ci_high"],
        "hedging_analyst_vs_exec_says": wording.interval_says(analyst_h["verdict"]),
        "hedging_analyst_vs_exec_phrase": wording.which_way(analyst_h["verdict"], "clearly more than the executives",
                                                            "clearly less than the executives",
                                                            "not clearly different from the executives"),
        "hedging_analyst_boost_rate": analyst_b["rate_a"],
        "hedging_analyst_boost_says": wording.interval_says(analyst_b["verdict"]),
        "hedging_analyst_hedged_n": len(analyst_hedged), "hedging_analyst_request_n": analyst_hedged["request"].sum(),
        "hedging_analyst_request_share": analyst_hedged["request"].mean() if len(analyst_hedged) else 0.0,
    }
    for who, context in (("exec", summary.POLITENESS_ORDER[1]), ("analyst", summary.POLITENESS_ORDER[0])):
        found = context in kind_of.index
        f[f"hedging_{who}_top_kind"] = kind_of.loc[context, "kind_label"] if found else "none"
        f[f"hedging_{who}_top_kind_share"] = kind_of.loc[context, "share"] if found else 0.0
    top_lists = {k: _top_list(s, k) for k in ("hedge", "booster")}
    signed = dict(fmt="+.2f", ci_fmt="+.1f", sep=" to ")
    phase_table = phase["hedge"].assign(
        opening=lambda d: with_interval(d["opening_rate"], d["opening_low"], d["opening_high"], ".2f", ".1f"),
        qa=lambda d: with_interval(d["qa_rate"], d["qa_low"], d["qa_high"], ".2f", ".1f"),
        diff=lambda d: with_interval(d["difference"], d["diff_low"], d["diff_high"], **signed))
    tables = {
        "speakers": _table(
            _rate_cells(by_speaker).sort_values(["hedges_per_100w", "speaker"], ascending=[False, True]),
            {"speaker": "Speaker", "role": "Role", "words": "Words", "hedges": "Hedges", "hedge_rate": _RATE_HEADERS["hedge_rate"],
             "hedges_vs_rest": "Hedging against the rest", "boosters": "Boosters", "boost_rate": _RATE_HEADERS["boost_rate"]},
            caption="Hedge and booster cues per speaker, with 95% bootstrap intervals"),
        "roles": _table(_rate_cells(summary.hedging_table(s, ["role", "phase"], n_boot=n_boot)),
                        {"role": "Role", "phase": "Part of the call", "words": "Words", "hedges": "Hedges", **_RATE_HEADERS},
                        caption="Hedges and boosters by role and part of the call"),
        "phases": _table(phase_table, {"speaker": "Speaker", "opening_words": "Opening words",
                                       "opening": "Opening: hedges per 100 words", "qa_words": "Q&A words",
                                       "qa": "Q&A: hedges per 100 words", "diff": "Q&A minus opening",
                                       "verdict": "Q&A against opening"},
                         caption="Executives' hedges per 100 words (95% intervals), scripted opening against Q&A"),
        "balance": _table(by_speaker.sort_values(["balance", "speaker"]).assign(
            balance_ci=lambda d: with_interval(d["balance"], d["balance_low"], d["balance_high"], **signed)),
            {"speaker": "Speaker", "role": "Role", "words": "Words", "hedges": "Hedges", "boosters": "Boosters",
             "balance_ci": "Boosters minus hedges per 100 words (95% interval)"}),
        "cues": _table(by_speaker.sort_values(["hedges", "speaker"], ascending=[False, True]).assign(
            top_hedges=lambda d: [top_lists["hedge"].get(sp, "none") for sp in d["speaker"]],
            top_boosters=lambda d: [top_lists["booster"].get(sp, "none") for sp in d["speaker"]]),
            {"speaker": "Speaker", "role": "Role", "hedges": "Hedges", "top_hedges": "Most frequent hedges",
             "boosters": "Boosters", "top_boosters": "Most frequent boosters"}),
        "kinds": _table(kinds, {"hedge_context": "Whose sentences", "kind_label": "Kind of cue", "count": "Cues",
                                "share": "Share of their hedges", "examples": "Most frequent"}, formats={"share": ".0%"}),
        "contexts": _table(_rate_cells(summary.hedging_table(s, "hedge_context", n_boot=n_boot)),
                           {"hedge_context": "Whose sentences", "words": "Words", "hedges": "Hedges", **_RATE_HEADERS},
                           caption="Analysts' questions apart from executives' speech ('other': investor relations, "
                                   "operator, unnamed)"),
        "analysts": _table(analyst_hedged, {"sentence_id": "Sentence", "speaker": "Analyst", "hedge_cues": "Hedges",
                                            "request": "Question or request", "text": "Sentence"}),
    }
    data = {
        "sentences": s, "by_speaker": by_speaker, "kinds": kinds, "phase_hedges": phase["hedge"],
        "by_phase": pd.concat([phase["hedge"].assign(measure="hedges"), phase["booster"].assign(measure="boosters")]),
        "cue_sentences": s[s["hedged"].eq(1) | s["boosted"].eq(1)][
            ["sentence_id", "speaker", "role", "section", "hedge_cues", "booster_cues", "text"]],
        "top_cues": pd.concat([summary.top_cues(s, "hedge", "speaker", 10).assign(kind="hedge"),
                               summary.top_cues(s, "booster", "speaker", 10).assign(kind="booster")]),
        "analyst_hedged": analyst_hedged[["sentence_id", "speaker", "hedge_cues", "request", "text"]],
    }
    return Chapter(f, tables, data)


def _top_list(s: pd.DataFrame, kind: str) -> pd.Series:
    """Each speaker's three most frequent cues of ``kind`` with their counts: "I think (12), about (9)"."""
    t = summary.top_cues(s, kind, "speaker", 3)
    items = pd.Series([f"{wording.as_said(c)} ({n})" for c, n in zip(t["cue"], t["count"])], index=t.index, dtype=object)
    return items.groupby(t["speaker"]).agg(", ".join)


# --------------------------------------------------------------------------- 4. forecasts

_LEDGER = {"sentence_id": "Sentence", "speaker": "Speaker", "topic_label": "Topic", "horizon_text": "Horizon as said",
           "due": "Due by", "commitment": "Cues", "text": "Sentence text", "why": "Horizon"}


def _due(dates: pd.Series) -> pd.Series:
    return dates.str.replace("-", "\u2011")  # non-breaking hyphens: a date does not wrap


def forecasts(r) -> Chapter:
    """The ledger of forecasts, their horizons, how committed they are, and what became of them."""
    s, call = r.sentences, r.call
    ledger = summary.forecast_ledger(s).assign(
        commitment=lambda d: [wording.cue_marks(h, b) for h, b in zip(d["hedged"], d["boosted"])],
        due=lambda d: _due(d["horizon_end"]))
    horizons = summary.horizon_profile(ledger, call.date)
    by_kind = summary.commitment_by_kind(s).set_index("kind")
    fc, cl, rest = (by_kind.loc[k] for k in summary.SENTENCE_KINDS)
    commit = summary.commitment(s, "speaker")
    hedging = summary.extremes(commit, "hedged_share", size="forecasts", min_size=MIN_FORECASTS)
    compared = commit[commit["forecasts"] >= (hedging["min_size"] if hedging else MIN_FORECASTS)]
    undated = ledger[~ledger["dated"]]
    shortest = undated.loc[undated["text"].str.split().str.len().sort_values(kind="mergesort").index[:1], "text"]
    top = commit.iloc[0] if len(commit) else pd.Series({"speaker": "no one", "forecasts": 0, "dated_share": 0.0})
    n, n_s = len(ledger), len(s)
    f = {
        "forecasts_n": n, "forecasts_share": number(n / n_s) if n_s else 0.0,
        "forecasts_speakers": len(commit), "forecasts_top_speaker": top["speaker"],
        "forecasts_top_speaker_n": top["forecasts"], "forecasts_top_speaker_share": number(top["forecasts"] / n) if n else 0.0,
        "forecasts_top_speaker_dated_share": number(top["dated_share"]), "forecasts_dated": horizons["dated"],
        "forecasts_dated_share": number(horizons["dated_share"]), "forecasts_undated": horizons["undated"],
        "forecasts_undated_example": wording.quoted(wording.first_words(shortest.iloc[0], 12)) if len(shortest) else "none",
        "forecasts_anachronisms": horizons["anachronisms"], "forecasts_ahead": horizons["ahead"],
        "forecasts_within_year": horizons["within_year"],
        "forecasts_within_year_share": number(horizons["within_year_share"]), "forecasts_call_year": call.date.year,
        "forecasts_call_date": call.date.isoformat(), "forecasts_median_days": round(number(horizons["median_days"])),
        "forecasts_latest_text": wording.quoted(horizons["latest_text"]) if horizons["latest_text"] else "none", "forecasts_latest_end": horizons["latest_end"] or "none",
        "forecasts_hedge_comparison": wording.compared(fc["hedged_share"], cl["hedged_share"]),
        "forecasts_other_hedged_share": number(rest["hedged_share"]), "forecasts_hedged_p": number(fc["hedged_p"]),
        "forecasts_boosted_p": number(fc["boosted_p"]),
        "forecasts_min_forecasts": hedging["min_size"] if hedging else MIN_FORECASTS,
        "forecasts_compared_speakers": len(compared),
        "forecasts_more_hedged_speakers": (compared["hedged_share"] > compared["other_hedged_share"]).sum(),
    }
    for kind, row in (("", fc), ("claim_", cl)):
        for col in ("hedged_share", "hedged_low", "hedged_high", "boosted_share"):
            f[f"forecasts_{kind}{col}"] = number(row[col])
    for name, end in (("most", "top"), ("least", "bottom")):
        row = hedging[end] if hedging else None
        f[f"forecasts_{name}_hedged"] = row["speaker"] if row is not None else "none"
        for col in ("share", "low", "high"):
            f[f"forecasts_{name}_hedged_{col}"] = number(row[f"hedged_{col}"]) if row is not None else 0.0
    dated = ledger[ledger["dated"] & ~ledger["anachronism"]].sort_values(["horizon_end", "horizon_start", "sentence_id"])
    apart = ledger[~ledger["dated"] | ledger["anachronism"]]
    apart = apart.assign(why=[f"“{h}”: ends {e}, before the call" if a else ""
                              for h, e, a in zip(apart["horizon_text"], apart["horizon_end"], apart["anachronism"])])
    kind_table = by_kind.reset_index()
    shares = {c: ".0%" for c in kind_table.columns if c.endswith(("share", "low", "high"))}
    commit_table = commit.assign(hedged_ci=[f"{lo * 100:.0f}–{hi * 100:.0f}%"
                                            for lo, hi in zip(commit["hedged_low"], commit["hedged_high"])])
    tables = {
        "dated": _table(dated, {c: _LEDGER[c] for c in ("sentence_id", "speaker", "horizon_text", "due", "commitment", "text")}),
        "undated": _table(apart, {c: _LEDGER[c] for c in ("sentence_id", "speaker", "topic_label", "commitment", "text", "why")}),
        "kinds": _table(kind_table, {"kind": "Sentences that are", "sentences": "Sentences", "hedged_share": "Hedged",
                                     "hedged_low": "from", "hedged_high": "to", "boosted_share": "Boosted",
                                     "boosted_low": "from", "boosted_high": "to"},
                        formats=shares, caption="Shares hedged and boosted, with 95% Wilson intervals"),
        "commitment": _table(commit_table, {"speaker": "Speaker", "forecasts": "Forecasts", "dated_share": "Dated",
                                            "hedged_share": "Hedged", "hedged_ci": "95% interval",
                                            "other_hedged_share": "Rest hedged", "boosted_share": "Boosted"},
                             formats={c: ".0%" for c in ("dated_share", "hedged_share", "other_hedged_share", "boosted_share")}),
    }
    data = {"ledger": ledger.drop(columns=["commitment", "due"]), "call_date": call.date, "commit": commit,
            "ledger_link": f"Download the forecast ledger ({n:,} forecasts, forecasts.csv)",
            "card": None, "compare": None}
    _outcomes(r, f, tables, data)
    return Chapter(f, tables, data)


def ledger(r) -> tuple[Path, pd.DataFrame, str] | None:
    """The call's outcome ledger: its file, the scorecard (each forecast matched to one sentence,
    :mod:`callanalysis.measure.outcomes`) and the date it was checked; None when the call has none."""
    from ..measure import outcomes

    try:
        path = outcomes.outcomes_path_for(r.call)
    except FileNotFoundError:
        return None
    s = r.sentences
    return path, outcomes.scorecard(outcomes.match_outcomes(outcomes.load_outcomes(path), s), s), outcomes.compiled_on(r.call)


def _outcomes(r, f: dict, tables: dict, data: dict) -> None:
    """The scorecard of the call's outcome file, when ``data/outcomes/index.csv`` lists one."""
    from ..measure import outcomes

    meta, found = r.call.metadata, ledger(r)
    if found is None:
        f["forecasts_outcomes_lead"] = wording.outcomes_lead(None, meta.company, meta.quarter, meta.fiscal_year)
        f["forecasts_outcomes_compared"] = wording.hedged_fared(None)
        return
    path, card, compiled = found
    scored, compare = outcomes.met_summary(card), outcomes.hedged_vs_boosted(card)
    rows = compare.set_index(["comparison", "group"])
    f["forecasts_outcomes_lead"] = wording.outcomes_lead(path.name, meta.company, meta.quarter, meta.fiscal_year, scored,
                                                         outcomes.coverage(card, r.sentences), compiled,
                                                         outcomes.latest_source_date(card),
                                                         int(card["match_note"].ne("").sum()), outcomes.CONFIDENT_SCORE)
    f["forecasts_outcomes_compared"] = wording.hedged_fared(*(rows.loc[k] for k in (
        ("hedged vs unhedged", "hedged"), ("hedged vs unhedged", "unhedged"), ("boosted vs unboosted", "boosted"))))
    shown = card.assign(commitment=[wording.cue_marks(h, b) for h, b in zip(card["hedged"], card["boosted"])],
                        due=_due(card["horizon_date"]), match=[f"{x:.2f}" + (f": {n}" if n else "")
                                                               for x, n in zip(card["match_score"], card["match_note"])])
    tables["card"] = _table(shown, {"id": "#", "status": "Status", "due": "Due by", "speaker": "Speaker",
                                    "sentence_id": "Sentence", "commitment": "Cues",
                                    "forecast": "Forecast (the compiler's words)", "match": "Match score"})
    tables["sources"] = outcome_sources(card)
    tables["rules"] = ledger_rules(outcomes.ledger_notes(r.call))
    both = compare.groupby("comparison")["n"].transform("min") > 0  # a comparison with an empty side shows nothing
    tables["compare"] = _table(compare[both], {"comparison": "Comparison", "group": "Group", "n": "Resolved", "met": "Met",
                                               "share_met": "Share met", "ci_low": "from", "ci_high": "to",
                                               "fisher_p": "Fisher p", "too_small": "Too small"},
                               formats={"share_met": ".0%", "ci_low": ".0%", "ci_high": ".0%", "fisher_p": ".2f"})
    data.update(card=card, compare=compare[both])


#: The sections of an outcome file's notes shown beside the scorecard (by how their headings begin).
RULE_SECTIONS = ("Selection rule", "Status definitions", "Due-date convention")


def ledger_rules(notes: dict[str, str]) -> HTML:
    """The outcome file's selection rule, status definitions and due-date convention
    (:func:`~callanalysis.measure.outcomes.ledger_notes`), as HTML from its Markdown with raw HTML
    switched off; empty when the notes have none of them."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    parts = [f"<p><strong>{escape(head.split(' (')[0])}</strong></p>{md.render(body)}" for head, body in notes.items()
             if head.startswith(RULE_SECTIONS)]
    return HTML(f'<div class="ca-ledger-rules">{"".join(parts)}</div>' if parts else "")


def outcome_sources(card: pd.DataFrame) -> HTML:
    """Each checked forecast's status, deadline and sources (linked, dated), as a numbered list."""
    from ..measure.outcomes import source_links

    items = []
    for _, row in card.iterrows():
        links = "; ".join((f'<a href="{escape(u)}" rel="noopener">{escape(t)}</a>' if u.startswith(("http://", "https://"))
                           else escape(t)) + f" ({escape(d)})" for t, u, d in source_links(row))
        items.append(f'<li value="{int(row["id"])}"><strong>{escape(row["status"])}</strong> '
                     f"(deadline {escape(str(row['horizon_date']))}): {links}</li>")
    return HTML(f"<p>Sources and their dates, by forecast number:</p><ol>{''.join(items)}</ol>")


# --------------------------------------------------------------------------- 5. speakers compared


def speakers(r, n_boot: int = N_BOOT) -> Chapter:
    """Speaker profiles, what their sentences do, readability, prepared against spontaneous speech."""
    from ..measure import readability

    s, min_words = readability.add_counts(summary.add_phase(r.sentences)), readability.MIN_WORDS
    profile = summary.speaker_profile(s, r.turns)
    roles, titles = profile.set_index("speaker")["role"], profile.set_index("speaker")["title"].fillna("")
    read = readability.readability_ci(s, "speaker", min_words=min_words, n_boot=n_boot)
    share = {k: summary.share_ci(s, k, "speaker", n_boot=n_boot) for k in ("claim", "forecast")}
    claim_share = share["claim"].set_index("speaker")["share"]
    hedging = summary.hedging_table(s, "speaker", n_boot=n_boot)
    fog_phase = readability.phase_readability(s, "gunning_fog", min_words=PHASE_MIN_WORDS, n_boot=n_boot)
    pooled_fog = fog_phase.iloc[-1]
    execs = s[s["role"].eq("executive")]
    qa, opening = execs["phase"].eq(summary.PHASE_ORDER[1]), execs["phase"].eq(summary.PHASE_ORDER[0])
    density = {k: summary.compare_shares(execs, qa, opening, k, n_boot=n_boot) for k in ("claim", "forecast")}
    top = profile.iloc[0]
    exec_rows, analyst_rows = profile[profile["role"].eq("executive")], profile[profile["role"].eq("analyst")]
    exec_hedges = int(hedging.loc[hedging["speaker"].map(roles).eq("executive"), "hedges"].sum())
    top_hedges = int(hedging.set_index("speaker").loc[top["speaker"], "hedges"])
    sized = read[read["reliable"]] if read["reliable"].any() else read  # a very short call: everyone
    hardest = sized.sort_values(["gunning_fog", "speaker"], ascending=[False, True]).iloc[0]
    easiest = sized.sort_values(["gunning_fog", "speaker"]).iloc[0]
    whole = readability.readability_ci(s.assign(call="all"), "call", n_boot=n_boot).iloc[0]
    said = {(k, p): int(execs.loc[m, k].sum()) for k in ("claim", "forecast") for p, m in (("qa", qa), ("open", opening))}
    exec_words = int(exec_rows["words"].sum())
    execs_v = execs.assign(vague_cues=summary.cue_kind_counts(execs, VAGUE_KINDS))
    vague = summary.bootstrap_rate_ci(execs_v, "speaker", "vague_cues", n_boot=n_boot)
    vaguest = vague[vague["words"] >= SMALL_WORDS].sort_values(["rate", "speaker"], ascending=[False, True])
    vague_gap = UNCLEAR
    if len(vaguest) > 1:
        first, second = (execs_v["speaker"].eq(v) for v in vaguest["speaker"].iloc[:2])
        vague_gap = summary.compare_rates(execs_v, first, second, "vague_cues", n_boot=n_boot)["verdict"]
    per_turn = {who: rows["words"].sum() / rows["turns"].sum() if len(rows) else float("nan")
                for who, rows in (("analyst", analyst_rows), ("exec", exec_rows))}
    dense_open, harder_open = density["claim"]["verdict"] == LOWER, pooled_fog["verdict"] == LOWER
    hardest_claims, exec_claims = float(claim_share[hardest["speaker"]]), float(execs["claim"].mean())
    qa_words = summary.prepare(execs).loc[qa, "words"].sum()
    f = {
        "speakers_n_boot": n_boot, "speakers_small_words": SMALL_WORDS,
        "speakers_min_words": min_words, "speakers_phase_min_words": PHASE_MIN_WORDS,
        "speakers_top_speaker": top["speaker"], "speakers_top_title": top["title"] or top["role"],
        "speakers_top_share_of_exec_words": top["words"] / exec_words
        if top["role"] == "executive" and exec_words else float("nan"),
        "speakers_top_share_of_exec_hedges": top_hedges / exec_hedges
        if top["role"] == "executive" and exec_hedges else float("nan"),
        "speakers_top_reading": ", so the call's style is largely one speaker's" if top["word_share"] >= 0.4
        else ", though no one speaker dominates the call",
        "speakers_n_exec": len(exec_rows),
        "speakers_analyst_words_per_turn": per_turn["analyst"], "speakers_exec_words_per_turn": per_turn["exec"],
        "speakers_turn_reading": "Analysts' turns are the longer: a question often has several parts, and executives "
        "answer it in several shorter turns, handing over to each other." if number(per_turn["analyst"]) > per_turn["exec"]
        else "Executives' turns are the longer on average.",
        "speakers_n_small": (profile["words"] < SMALL_WORDS).sum(), "speakers_n_unreliable": (~read["reliable"]).sum(),
        "speakers_fog_hardest_title": titles.get(hardest["speaker"], "") or roles.get(hardest["speaker"], ""),
        "speakers_fog_hardest_claim_share": hardest_claims, "speakers_exec_claim_share": exec_claims,
        "speakers_fog_call": whole["gunning_fog"], "speakers_fre_call": whole["flesch_reading_ease"],
        "speakers_wps_call": whole["words_per_sentence"],
        "speakers_fog_phase_diff_low": pooled_fog["diff_low"], "speakers_fog_phase_diff_high": pooled_fog["diff_high"],
        "speakers_fog_phase_n": len(fog_phase) - 1,
        "speakers_fog_phase_n_lower": fog_phase.iloc[:-1]["verdict"].eq(LOWER).sum(),
        "speakers_fog_phase_phrase": wording.which_way(
            pooled_fog["verdict"], "easier to read than their answers, not harder", "harder to read than their answers",
            "about as hard to read as their answers"),
        "speakers_claim_density_low": -density["claim"]["ci_high"] * 100,
        "speakers_claim_density_high": -density["claim"]["ci_low"] * 100,
        "speakers_claim_density_phrase": wording.which_way(
            density["claim"]["verdict"], "denser in claims than the opening", "less dense in claims than the opening",
            "not clearly different in claim density from the opening"),
        "speakers_forecast_density_phrase": wording.which_way(density["forecast"]["verdict"], "clearly more",
                                                              "clearly fewer", "no clearly different share of"),
        "speakers_qa_claims_ratio": said["claim", "qa"] / said["claim", "open"] if said["claim", "open"] else float("nan"),
        "speakers_qa_exec_word_share": _ratio(qa_words, summary.prepare(execs)["words"].sum()),
        "speakers_qa_assertions": said["claim", "qa"] + said["forecast", "qa"],
        "speakers_open_assertions": said["claim", "open"] + said["forecast", "open"],
        "speakers_phase_reading": "The prepared script packs facts tightly into long, edited sentences; the answers "
        "say more in all, in shorter sentences." if dense_open and harder_open and said["claim", "qa"] > said["claim", "open"]
        else "On this call the opening and the Q&A do not split into a dense, complex script and a longer, looser "
        "conversation.",
        "speakers_bushee_phase": "; and the executives' most complex text, the prepared opening, is also their densest "
        "in claims" if dense_open and harder_open else "; the executives' prepared opening does not combine their most "
        "complex text with their densest claims",
        "speakers_bushee_reading": "Complexity that travels with checkable content is consistent with their information "
        "component; it does not rule out the other." if hardest_claims > exec_claims else "Here the most complex speech "
        "does not carry the most checkable content, so nothing points to their information component; nor does "
        "anything show obfuscation.",
        "speakers_matsumoto_volume": "is consistent with" if said["claim", "qa"] + said["forecast", "qa"]
        > said["claim", "open"] + said["forecast", "open"] else "differs from",
        "speakers_matsumoto_density": wording.which_way(density["claim"]["verdict"], "is consistent with", "differs from",
                                                        "neither clearly matches nor clearly contradicts"),
        "speakers_vaguest": vaguest["speaker"].iloc[0] if len(vaguest) else "none",
        "speakers_vaguest_rate": vaguest["rate"].iloc[0] if len(vaguest) else float("nan"),
        "speakers_vague_next": vaguest["speaker"].iloc[1] if len(vaguest) > 1 else "none",
        "speakers_vague_next_rate": vaguest["rate"].iloc[1] if len(vaguest) > 1 else float("nan"),
        "speakers_vaguest_is_top": "the same speaker" if len(vaguest) and vaguest["speaker"].iloc[0] == top["speaker"]
        else "a different speaker",
        "speakers_vague_gap": "a gap larger than resampling alone would produce" if vague_gap == HIGHER
        else "a gap resampling alone could produce, so the ranking is not firm",
    }
    for name, row in (("hardest", hardest), ("easiest", easiest)):
        f |= {f"speakers_fog_{name}": row["speaker"], f"speakers_fog_{name}_value": row["gunning_fog"],
              f"speakers_fog_{name}_low": row["fog_low"], f"speakers_fog_{name}_high": row["fog_high"],
              f"speakers_fog_{name}_wps": row["words_per_sentence"],
              f"speakers_fog_{name}_difficult": row["difficult_per_100w"]}
    for part, col in (("open", "opening"), ("qa", "qa")):
        f |= {f"speakers_fog_{part}": pooled_fog[f"{col}_rate"], f"speakers_fog_{part}_low": pooled_fog[f"{col}_low"],
              f"speakers_fog_{part}_high": pooled_fog[f"{col}_high"],
              f"speakers_{part}_claim_share": density["claim"]["rate_a" if part == "qa" else "rate_b"],
              f"speakers_{part}_forecast_share": density["forecast"]["rate_a" if part == "qa" else "rate_b"],
              f"speakers_{part}_claims": said["claim", part], f"speakers_{part}_forecasts": said["forecast", part]}
    return Chapter(f, *_speaker_tables(s, profile, read, share, hedging, fog_phase, roles, n_boot))


def _speaker_tables(s, profile, read, share, hedging, fog_phase, roles, n_boot) -> tuple[dict, dict]:
    """The tables and downloads of "Speakers compared"."""
    by = {k: t.set_index("speaker")["share"] for k, t in share.items()}
    profile_table = profile.assign(claims=profile["speaker"].map(by["claim"]),
                                   forecasts=profile["speaker"].map(by["forecast"]))
    renamed = {k: t.rename(columns={"share": f"{k}_share_ci", "ci_low": f"{k}_low", "ci_high": f"{k}_high"})
               for k, t in share.items()}
    speakers_csv = profile.assign(words_per_turn=profile["words"] / profile["turns"]).merge(
        read.drop(columns=["words", "sentences"]).rename(columns={"reliable": "readability_reliable"}), on="speaker",
        how="left")
    for k, t in renamed.items():
        speakers_csv = speakers_csv.merge(t[["speaker", f"{k}_share_ci", f"{k}_low", f"{k}_high"]], on="speaker", how="left")
    speakers_csv = speakers_csv.merge(hedging.drop(columns=["sentences", "words", "hedges_per_100w", "boosters_per_100w"]),
                                      on="speaker", how="left")
    shares = share["claim"][["speaker", "sentences", "flagged", "share", "ci_low", "ci_high"]].merge(
        share["forecast"][["speaker", "flagged", "share", "ci_low", "ci_high"]], on="speaker", suffixes=("_c", "_f")
    ).assign(claim_ci=lambda d: with_interval(d["share_c"], d["ci_low_c"], d["ci_high_c"], ".0%"),
             forecast_ci=lambda d: with_interval(d["share_f"], d["ci_low_f"], d["ci_high_f"], ".0%"),
             role=lambda d: d["speaker"].map(roles)).sort_values(["share_c", "speaker"], ascending=[False, True])
    read_table = read.sort_values(["gunning_fog", "speaker"], ascending=[False, True]).assign(
        fre=lambda d: with_interval(d["flesch_reading_ease"], d["fre_low"], d["fre_high"], ".1f"),
        fog=lambda d: with_interval(d["gunning_fog"], d["fog_low"], d["fog_high"], ".1f"))
    rp = _by_role_and_part(s, n_boot)
    tables = {
        "profile": _table(profile_table, {"speaker": "Speaker", "role": "Role", "turns": "Turns", "words": "Words",
                                          "word_share": "Share", "claims": "Claims", "forecasts": "Forecasts",
                                          "hedges_per_100w": "Hedges", "boosters_per_100w": "Boosters"},
                          formats={"word_share": ".0%", "claims": ".0%", "forecasts": ".0%", "hedges_per_100w": ".1f",
                                   "boosters_per_100w": ".1f"},
                          caption="One row per speaker, most words first. Share: of all words. Claims, forecasts: share "
                                  "of the speaker's sentences. Hedges, boosters: cues per 100 words. The download adds "
                                  "words per turn, readability and every interval."),
        "shares": _table(shares, {"speaker": "Speaker", "role": "Role", "sentences": "Sentences", "flagged_c": "Claims",
                                  "claim_ci": "Claim share (95% interval)", "flagged_f": "Forecasts",
                                  "forecast_ci": "Forecast share (95% interval)"}),
        "readability": _table(read_table, {"speaker": "Speaker", "words": "Words", "words_per_sentence": "Words per sentence",
                                           "difficult_per_100w": "Long words per 100",
                                           "fre": "Flesch reading ease (95% interval)",
                                           "fog": "Gunning fog (95% interval)", "reliable": "Enough words"},
                              formats={"words_per_sentence": ".1f", "difficult_per_100w": ".1f"},
                              caption="Readability per speaker; long words: three or more syllables and not on "
                                      "textstat's easy-word list"),
        "roles": _table(rp.assign(
            claim_ci=lambda d: with_interval(d["claim_share"], d["claim_low"], d["claim_high"], ".0%"),
            forecast_ci=lambda d: with_interval(d["forecast_share"], d["forecast_low"], d["forecast_high"], ".0%"),
            hedge_ci=lambda d: with_interval(d["hedges_per_100w"], d["hedges_low"], d["hedges_high"], ".1f"),
            fog_ci=lambda d: with_interval(d["gunning_fog"], d["fog_low"], d["fog_high"], ".1f")),
            {"role": "Role", "phase": "Part of the call", "words": "Words", "claim_ci": "Claims (share of sentences)",
             "forecast_ci": "Forecasts (share of sentences)", "hedge_ci": "Hedges per 100 words", "fog_ci": "Gunning fog"},
            caption="By role and part of the call, with 95% intervals"),
    }
    data = {"profile": profile, "speakers_csv": speakers_csv, "read": read, "claims": share["claim"],
            "forecasts": share["forecast"], "roles": roles, "small": profile.set_index("speaker")["words"] < SMALL_WORDS,
            "by_role_and_part": rp, "fog_phase": fog_phase}
    return tables, data


def _by_role_and_part(s: pd.DataFrame, n_boot: int) -> pd.DataFrame:
    """Claim and forecast shares, hedges per 100 words and Gunning fog per role and part of the call."""
    from ..measure import readability

    keys = ["role", "phase"]
    part = {k: summary.share_ci(s, k, keys, n_boot=n_boot).rename(
        columns={"share": f"{k}_share", "ci_low": f"{k}_low", "ci_high": f"{k}_high"}) for k in ("claim", "forecast")}
    rp = part["claim"][[*keys, "sentences", "claim_share", "claim_low", "claim_high"]].merge(
        part["forecast"][[*keys, "forecast_share", "forecast_low", "forecast_high"]], on=keys).merge(
        summary.hedging_table(s, keys, n_boot=n_boot)[[*keys, "words", "hedges_per_100w", "hedges_low", "hedges_high"]],
        on=keys)
    fog = readability.readability_ci(s.assign(group=s["role"] + ", " + s["phase"]), "group",
                                     min_words=readability.MIN_WORDS, n_boot=n_boot).set_index("group")
    rp["group"] = rp["role"] + ", " + rp["phase"]
    return rp.join(fog[["gunning_fog", "fog_low", "fog_high", "reliable"]], on="group").drop(columns="group")


# --------------------------------------------------------------------------- 6. the annotated transcript


def transcript(r) -> Chapter:
    """The whole call, every sentence with its labels and the consistency checks' findings
    (see :mod:`callanalysis.present.transcript_html`)."""
    s = r.sentences
    labelled = (s[list(summary.FLAGS)].sum(axis=1) > 0).sum()
    findings = consistency.check(s, r.call.date)
    return Chapter({"transcript_n_labelled": labelled,
                    "transcript_title": r.call.metadata.title, "transcript_n_questioned": len(findings)},
                   data={"findings": findings})


# --------------------------------------------------------------------------- against other calls

#: The measures a speaker is placed on, as the chapter's table heads them.
NORM_MEASURES = {"hedges": "Hedges", "boosters": "Boosters", "claims": "Claims", "forecasts": "Forecasts"}
#: The call-level measures: how the prose names them, and their format.
CALL_NORMS = {"exec_hedges_per_100w": ("executives' hedges per 100 words", ".2f"),
              "forecasts_per_1000w": ("forecasts per 1,000 words", ".1f"),
              "dated_share": ("the share of forecasts that are dated", ".0%")}
#: Role details short enough for a chart's row label on a phone.
SHORT_ROLES = {"other executive": "exec.", "investor relations": "IR"}


def against_others(r, n_boot: int = N_BOOT) -> Chapter:
    """Each speaker, and the call as a whole, against the other calls of ``data/norms/``."""
    from ..measure import norms

    table = norms.load_norms()
    pool = norms.others(table, r.call)
    quant, used = norms.quantiles(pool), pool[pool["in_norms"].astype(bool)]
    st = norms.standing(r.sentences, r.call, pool, n_boot=n_boot)
    st = st.assign(label=st["speaker"] + " · " + st["role_detail"].replace(SHORT_ROLES),
                   _o=st["role_detail"].map({d: i for i, d in enumerate(norms.ROLE_DETAILS)})).sort_values(
        ["_o", "words", "speaker"], ascending=[True, False, True], kind="mergesort").drop(columns="_o")
    hedges, placed = st[st["measure"].eq("hedges")], st[st["percentile"].notna() & st["measure"].isin(list(NORM_MEASURES))]
    lead = {k: (rows.iloc[0].to_dict() if len(rows := hedges[hedges["role_detail"].eq(k)]) else None) for k in ("CEO", "CFO")}
    whole = norms.call_standing(r.sentences, r.call, pool, n_boot=n_boot).set_index("measure")
    groups = used.groupby("role_detail").agg(speakers=("speaker", "size"), calls=("call", "nunique"),
                                             words=("words", "median"))
    groups = groups.reindex([d for d in norms.ROLE_DETAILS if d in groups.index]).reset_index()
    sectors = pool.drop_duplicates("call")["sector"].value_counts().sort_index()
    median = quant.set_index(["level", "group", "measure"])["p50"]
    f = {
        "norms_headline": wording.standing_headline(lead["CEO"], lead["CFO"]),
        "norms_call_ranks": wording.call_ranks([(CALL_NORMS[m][0], *whole.loc[m, ["percentile", "low", "high"]])
                                                for m in CALL_NORMS], pool["call"].nunique()),
        "norms_standouts": wording.standouts(list(placed[["speaker", "measure", "low", "high"]].itertuples(index=False))),
        "norms_n_calls": pool["call"].nunique(), "norms_n_companies": pool["ticker"].nunique(),
        "norms_first_year": pool["fiscal_year"].min(), "norms_last_year": pool["fiscal_year"].max(),
        "norms_n_sectors": len(sectors), "norms_sectors": names(f"{s} ({n})" for s, n in sectors.items()),
        "norms_per_role": names(f"{n:,} {wording.PEERS[g]}" for g, n in zip(groups["role_detail"], groups["speakers"])),
        "norms_min_words": norms.MIN_WORDS, "norms_min_peers": norms.MIN_PEERS, "norms_n_boot": n_boot,
        "norms_self": "This call is itself one of the corpus's calls; its rows are left out of every comparison."
        if len(pool) < len(table) else "This call is not one of them.",
        "norms_n_placed": placed["speaker"].nunique(), "norms_n_speakers_call": len(hedges),
        "norms_not_placed": f"Not placed (too few words, or no role with enough peers): {names(apart)}."
        if len(apart := hedges.loc[hedges["percentile"].isna(), "speaker"]) else "Every speaker is placed.",
        "norms_forecasts_per_1000w": whole.loc["forecasts_per_1000w", "value"],
        "norms_analyst_median": median.get(("role", "analyst", "hedges_per_100w"), float("nan")),
        "norms_exec_median": median.get(("role", "executive", "hedges_per_100w"), float("nan")),
    }
    f["norms_analysts_vs_execs"] = wording.compared(f["norms_analyst_median"], f["norms_exec_median"])
    cell = {m: st[st["measure"].eq(m)].set_index("speaker") for m in NORM_MEASURES}
    wide = hedges.assign(peers_said=[f"{n:,} {wording.PEERS.get(g, g)}, {c:,} calls" if g else "not placed"
                                     for g, n, c in zip(hedges["peer_group"], hedges["peers"], hedges["peer_calls"])],
                         **{m: [wording.pct_cell(*d.loc[s, ["percentile", "low", "high"]]) for s in hedges["speaker"]]
                            for m, d in cell.items()})
    q = quant.set_index(["level", "measure"]).loc["call"]
    call_rows = pd.DataFrame([(label.capitalize(), format(whole.loc[m, "value"], fmt), f"{q.loc[m, 'p50']:{fmt}} "
                               f"({q.loc[m, 'p25']:{fmt}}–{q.loc[m, 'p75']:{fmt}})",
                               wording.pct_cell(*whole.loc[m, ["percentile", "low", "high"]]))
                              for m, (label, fmt) in CALL_NORMS.items()], columns=["measure", "call", "others", "percentile"])
    tables = {
        "standing": _table(wide, {"speaker": "Speaker", "words": "Words", "peers_said": "Compared with", **NORM_MEASURES},
                           caption="Percentile among peers (95% interval)"),
        "call": _table(call_rows, {"measure": "Measure", "call": "This call", "others": "Other calls: median (middle half)",
                                   "percentile": "Percentile (95% interval)"}),
        "groups": _table(groups, {"role_detail": "Role", "speakers": "Speakers", "calls": "Calls",
                                  "words": "Median words"}, formats={"words": ",.0f"}),
    }
    return Chapter(f, tables, {"standing": st, "quantiles": quant, "call": whole.reset_index(), "groups": groups})
