"""The report's Altair charts: one theme, one palette, one function per figure.

Importing this module registers and enables the ``callanalysis`` theme: system fonts (no web
fonts to fetch), readable sizes, a white background (legible in the book's light and dark
modes) and the Okabe-Ito colour-blind-safe palette. Every chart built here has a title,
axis titles in words, a Vega-Lite ``description`` built from the data (the renderer also uses
it as the chart's ARIA label) and tooltips. Each takes a table from :mod:`callanalysis.measure`
(or the turn table, ``parse.sentences.turns_frame``) and draws it; nothing here computes a finding.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..parse.sentences import word_count
from ..parse.transcript import SECTION_LABELS
from .wording import first_words, names

THEME_NAME = "callanalysis"
#: Okabe & Ito (2008) colour-blind-safe palette, in their order.
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7",
             "grey": "#999999"}
#: Speaker roles, in legend order, and their colours.
ROLE_COLORS = {"executive": OKABE_ITO["blue"], "investor relations": OKABE_ITO["bluish green"],
               "analyst": OKABE_ITO["reddish purple"], "operator": OKABE_ITO["black"], "unknown": OKABE_ITO["grey"]}
#: Colours for a chart coloured by speaker, in order: no two near each other (no blue beside sky
#: blue, no orange beside vermillion among the first six), none the orange of hedges first.
SPEAKER_PALETTE = [OKABE_ITO[c] for c in ("blue", "bluish green", "reddish purple", "black", "orange", "grey",
                                          "sky blue", "vermillion", "yellow")]
ROLE_ORDER = list(ROLE_COLORS)
#: Call sections in the order they happen (their labels: ``parse.transcript.SECTION_LABELS``).
SECTION_ORDER = list(SECTION_LABELS)
#: Short section labels, for bands too narrow for the full label.
SECTION_SHORT_LABELS = {"opening": "Opening", "investor_qa": "Investors", "analyst_qa": "Analysts", "closing": "End"}
_SECTION_SHADES = ["#f2f2f2", "#e3eef8", "#fbeee4", "#f2f2f2"]
#: How a sentence counts in :func:`claims_by_speaker`, in stacking order, with its colour.
CLAIM_PARTS = {"Claim stating a figure": OKABE_ITO["blue"], "Claim, no figure": OKABE_ITO["sky blue"],
               "Not a claim": "#d9d9d9"}
#: Hedged and boosted, wherever a chart shows both.
COMMITMENT_COLORS = {"hedged": OKABE_ITO["orange"], "boosted": OKABE_ITO["blue"]}
#: Hedges and boosters, wherever both appear in one chart.
MEASURE_COLORS = {"hedges": OKABE_ITO["orange"], "boosters": OKABE_ITO["sky blue"]}
#: The same, for one cue of either kind.
CUE_COLORS = {"hedge": MEASURE_COLORS["hedges"], "booster": MEASURE_COLORS["boosters"]}
#: Prepared against spontaneous speech; shapes repeat the distinction for print and colour blindness.
PHASE_COLORS = {"scripted opening": OKABE_ITO["black"], "Q&A": OKABE_ITO["orange"]}
PHASE_SHAPES = {"scripted opening": "square", "Q&A": "circle"}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Design width in pixels: the theme's default plot width, and the width section labels are fitted to.
WIDTH = 460
#: Panel width when two interval panels stand side by side (with labels they fit the column).
PANEL_WIDTH = 200
#: Single and layered charts fill the column's width (the book's CSS gives the container that width).
FIT = "container"


def _narrow_or(narrow: int | str, wide: int | str) -> dict[str, str]:
    """``narrow`` in a phone's column (under 480 px), else ``wide`` (a Vega expression): there legends
    list one entry per line, long labels are shorter, axis titles end at the plot's end."""
    return {"expr": f"containerSize()[0] < 480 ? {narrow} : {wide}"}


_TEXT, _MUTED, _GRID = "#222222", "#555555", "#e6e6e6"
_SMALL_NOTE = "Open marks: fewer than {n:,} words, read with care"
_POSITION = "Position in the call (words spoken so far)"


@alt.theme.register(THEME_NAME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The report's Altair theme (a Vega-Lite ``config``)."""
    labels = {"labelFont": FONT, "labelFontSize": 12, "labelColor": _TEXT, "titleFont": FONT, "titleFontSize": 13,
              "titleFontWeight": 500, "titleColor": _TEXT}
    return {"config": {
        "background": "#ffffff", "padding": 8, "font": FONT,
        "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
        "range": {"category": SPEAKER_PALETTE},
        "title": {"font": FONT, "fontSize": 16, "fontWeight": 600, "color": _TEXT, "anchor": "start", "offset": 12,
                  "subtitleFont": FONT, "subtitleFontSize": 13, "subtitleColor": _MUTED},
        "axis": {**labels, "gridColor": _GRID, "domainColor": _MUTED, "tickColor": _MUTED, "labelLimit": 160},
        "axisX": {"titleAnchor": _narrow_or("'end'", "'middle'")},
        "legend": {**labels, "orient": "bottom", "direction": "horizontal", "columns": _narrow_or(1, 5)},
        "header": {"labelFont": FONT, "labelFontSize": 13, "titleFont": FONT},
        "text": {"font": FONT, "fontSize": 12, "color": _TEXT},
        "bar": {"cornerRadiusEnd": 2},
    }}


#: Longest title and subtitle lines, in characters: Vega does not wrap text, so a longer line
#: would be cut off on a phone (about 340 px of chart at 16 and 13 px type).
TITLE_CHARS, SUBTITLE_CHARS = 38, 50


def _title(text: str, subtitle: str | list[str] = (), **kw) -> alt.Title:
    """A chart title and subtitle, wrapped to :data:`TITLE_CHARS` and :data:`SUBTITLE_CHARS` per line."""
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    title = textwrap.wrap(text, TITLE_CHARS) or [text]
    sub = [w for line in lines for w in textwrap.wrap(line, SUBTITLE_CHARS)]
    return alt.Title(title if len(title) > 1 else title[0], **({"subtitle": sub} if sub else {}), **kw)


def _tips(*fields: tuple) -> list[alt.Tooltip]:
    """Tooltips from ``(field, title)`` or ``(field, title, format)``."""
    return [alt.Tooltip(f, title=t, **({"format": fmt[0]} if fmt else {})) for f, t, *fmt in fields]


def _mapped(mapping: dict[str, str]) -> alt.Scale:
    """A scale that maps each key of ``mapping`` to its value (a colour or a shape), in order."""
    return alt.Scale(domain=list(mapping), range=list(mapping.values()))


def _role_color(roles=(), field: str = "role:N") -> alt.Color:
    """Colour by role, each role its fixed colour; the legend lists only ``roles`` (the roles the chart
    shows), in legend order."""
    present = [r for r in ROLE_ORDER if r in set(roles)] or ROLE_ORDER
    return alt.Color(field, title="Role", scale=_mapped(ROLE_COLORS), legend=alt.Legend(values=present))


def section_label(section: str) -> str:
    """Display label of a section id (unknown ids are shown as they are)."""
    return SECTION_LABELS.get(section, section)


def _fitting_label(section: str, width_px: float, char_px: float = 6.5) -> str:
    """The section's label if it fits in ``width_px``, else its short label, else nothing."""
    for label in (section_label(section), SECTION_SHORT_LABELS.get(section, "")):
        if label and len(label) * char_px + 8 <= width_px:
            return label
    return ""


def _section_bands(sections: pd.DataFrame, start: str, end: str, x_scale: alt.Scale, **color) -> list[alt.Chart]:
    """Shaded bands from ``start`` to ``end`` (word positions), one per section, each named above
    the plot where its label fits (:func:`_fitting_label`, at the design width :data:`WIDTH`)."""
    total = max(float(sections[end].max()), 1.0) if len(sections) else 1.0
    d = sections.assign(band_label=[_fitting_label(s, (b - a) * WIDTH / total)
                                    for s, a, b in zip(sections["section"], sections[start], sections[end])])
    shades = alt.Scale(domain=[SECTION_LABELS[s] for s in SECTION_ORDER], range=_SECTION_SHADES)
    bands = alt.Chart(d).mark_rect(opacity=0.5).encode(
        x=alt.X(f"{start}:Q", scale=x_scale, title=_POSITION), x2=f"{end}:Q",
        color=alt.Color("section_label:N", scale=shades, legend=None, **color),
        tooltip=_tips(("section_label:N", "Section")))
    labels = alt.Chart(d).mark_text(align="left", baseline="bottom", dx=4, dy=-3, color=_MUTED, fontSize=11).encode(
        x=alt.X(f"{start}:Q", scale=x_scale), y=alt.value(0), text="band_label:N")
    return [bands, labels]


# --------------------------------------------------------------------------- the call


def speaker_share_bar(turns: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: each speaker's share of the words spoken on the call, from rows of turns (or
    sentences) with ``speaker``, ``role`` and ``words``; ``title`` and ``firm`` go in the tooltip."""
    extra = [c for c in ("title", "firm") if c in turns.columns]
    d = turns.assign(**{c: turns[c].fillna("") for c in extra}).groupby(
        ["speaker", "role", *extra], as_index=False, sort=False).agg(words=("words", "sum"), turns=("words", "size"))
    d["share"] = d["words"] / d["words"].sum()
    top = d.sort_values("words", ascending=False).iloc[0]
    description = (f"Bar chart of the share of words spoken by each of {len(d)} speakers. "
                   f"{top['speaker']} speaks most, {top['share']:.0%} of all words.")
    tips = _tips(("speaker:N", "Speaker"), ("role:N", "Role"), *[(f"{c}:N", c.capitalize()) for c in extra],
                 ("words:Q", "Words", ","), ("share:Q", "Share of words", ".1%"), ("turns:Q", "Turns"))
    return alt.Chart(d, title=_title("Who does the talking", subtitle="Share of all words spoken on the call")) \
        .mark_bar().encode(x=alt.X("share:Q", title="Share of words spoken", axis=alt.Axis(format="%")),
                           y=alt.Y("speaker:N", title="Speaker", sort="-x"), color=_role_color(d["role"]), tooltip=tips) \
        .properties(width=FIT, height=alt.Step(22), description=description)


def turn_timeline(turns: pd.DataFrame) -> alt.LayerChart:
    """Who holds the floor when: one bar per turn along the call, one row per speaker.

    The x axis is the position in the call in words spoken so far (turns in ``turn`` order);
    shaded bands mark the sections. Rows are speakers in order of first appearance.
    """
    d = turns.sort_values("turn").reset_index(drop=True)
    d = d.assign(word_end=d["words"].cumsum(), section_label=d["section"].map(section_label),
                 opening_words=d["text"].map(first_words))
    d["word_start"] = d["word_end"] - d["words"]
    speakers = list(dict.fromkeys(d["speaker"]))
    total = int(d["word_end"].iloc[-1]) if len(d) else 0
    sections = d.groupby("section", sort=False).agg(word_start=("word_start", "min"),
                                                    word_end=("word_end", "max")).reset_index()
    sections["section_label"] = sections["section"].map(section_label)
    description = (f"Timeline of {len(d)} speaking turns by {len(speakers)} speakers across {total:,} words, in "
                   "sections: " + ", ".join(sections.sort_values("word_start")["section_label"]) + ".")
    x_scale = alt.Scale(domain=[0, max(total, 1)], nice=False)
    bands = _section_bands(sections, "word_start", "word_end", x_scale, title="Section")
    # Only what the marks and tooltips use goes into the page (not the turns' full text).
    bars = alt.Chart(d[["turn", "speaker", "role", "section_label", "words", "word_start", "word_end",
                        "opening_words"]]).mark_bar(height={"band": 0.8}).encode(
        x=alt.X("word_start:Q", scale=x_scale), x2="word_end:Q", y=alt.Y("speaker:N", title="Speaker", sort=speakers),
        color=_role_color(d["role"]), tooltip=_tips(("speaker:N", "Speaker"), ("role:N", "Role"),
                                                    ("section_label:N", "Section"), ("turn:Q", "Turn"),
                                                    ("words:Q", "Words", ","), ("opening_words:N", "Begins")))
    return alt.layer(*bands, bars).resolve_scale(color="independent").properties(
        title=_title("Who holds the floor, and when", subtitle="Each bar is one speaking turn; shading marks the sections"),
        width=FIT, height=alt.Step(22), description=description)


def section_role_bar(by_section_role: pd.DataFrame) -> alt.Chart:
    """Stacked bars: words spoken in each section, split by the speakers' role
    (``by_section_role``: ``summary.rates`` by section and role)."""
    d = by_section_role[["section", "role", "words"]].copy()
    d["section_label"] = d["section"].map(section_label)
    d["share_of_section"] = d["words"] / d.groupby("section")["words"].transform("sum")
    present = [SECTION_LABELS[s] for s in SECTION_ORDER if s in set(d["section"])]
    big = d.loc[d["words"].idxmax()] if len(d) else None
    description = (f"Stacked bar chart of words spoken in each of {len(present)} sections, split by role."
                   + (f" The largest block is {big['role']} speech in {big['section_label']} ({int(big['words']):,} words)."
                      if big is not None else ""))
    return alt.Chart(d, title=_title("Where the words go", subtitle="Words spoken per section, by the speakers' role")) \
        .mark_bar().encode(
            x=alt.X("words:Q", title="Words spoken", stack="zero"), y=alt.Y("section_label:N", title=None, sort=present),
            color=_role_color(d["role"]), order=alt.Order("role:N"),
            tooltip=_tips(("section_label:N", "Section"), ("role:N", "Role"), ("words:Q", "Words", ","),
                          ("share_of_section:Q", "Share of the section", ".0%"))) \
        .properties(width=FIT, height=alt.Step(28), description=description)


# --------------------------------------------------------------------------- claims and forecasts


def claims_by_speaker(profile: pd.DataFrame) -> alt.Chart:
    """Stacked bars: each speaker's sentences (``summary.claim_profile`` by speaker), most first, split
    into claims with a figure, other claims and the rest."""
    p = profile.sort_values(["sentences", "speaker"], ascending=[False, True])
    parts = list(CLAIM_PARTS)
    counts = (p["claims_with_figure"], p["claims"] - p["claims_with_figure"], p["sentences"] - p["claims"])
    long = pd.concat([pd.DataFrame({"speaker": p["speaker"], "part": part, "order": i, "n": n})
                      for i, (part, n) in enumerate(zip(parts, counts))]).merge(
        p[["speaker", "sentences", "claims", "claim_share"]], on="speaker")
    long["share"] = long["n"] / long["sentences"].where(long["sentences"] > 0)
    top = p.sort_values(["claims", "speaker"], ascending=[False, True]).iloc[0] if len(p) else None
    description = (f"Stacked bar chart of the sentences of {len(p)} speakers, split into claims stating a figure, "
                   f"other claims and other sentences; {int(p['claims'].sum())} of {int(p['sentences'].sum())} "
                   "sentences are claims" + (f", most of them by {top['speaker']} ({int(top['claims'])})."
                                             if top is not None else "."))
    return alt.Chart(long, title=_title(
        "Who makes claims", subtitle="Each speaker's sentences, by whether they assert a checkable fact")).mark_bar().encode(
        x=alt.X("n:Q", title="Sentences", stack="zero"), y=alt.Y("speaker:N", title="Speaker", sort=list(p["speaker"])),
        color=alt.Color("part:N", title=None, scale=_mapped(CLAIM_PARTS),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        order=alt.Order("order:Q"),
        tooltip=_tips(("speaker:N", "Speaker"), ("part:N", "Kind"), ("n:Q", "Sentences"),
                      ("share:Q", "Share of the speaker's sentences", ".0%"), ("claims:Q", "All claims by the speaker"),
                      ("claim_share:Q", "Claims / sentences", ".0%")),
    ).properties(width=FIT, height=alt.Step(20), description=description)


def claims_topic_heatmap(matrix: pd.DataFrame) -> alt.LayerChart:
    """Heat map: claims per topic (columns) and speaker (rows), with the count in each cell.

    ``matrix`` is ``summary.topic_matrix`` (complete grid, its row and topic order kept); the
    tooltip shows the speaker's first claim on the topic.
    """
    m = matrix.assign(first_claim=[f"sentence {int(i)}: {first_words(t, 20)}" if n else "none"
                                   for i, t, n in zip(matrix["example_id"], matrix["example"], matrix["count"])])
    m = m[["speaker", "topic_label", "count", "group_total", "share", "first_claim"]]
    groups, topics = list(dict.fromkeys(m["speaker"])), list(dict.fromkeys(m["topic_label"]))
    vmax = int(m["count"].max()) if len(m) else 1
    busiest = m.sort_values(["count", "speaker"], ascending=[False, True]).iloc[0] if len(m) else None
    description = (f"Heat map of the number of claims by {len(groups)} speakers on {len(topics)} topics"
                   + (f"; the largest cell is {busiest['speaker']} on {busiest['topic_label']} ({int(busiest['count'])} claims)."
                      if busiest is not None else "."))
    base = alt.Chart(m).encode(
        x=alt.X("topic_label:N", title="Topic", sort=topics, axis=alt.Axis(labelAngle=-40, labelLimit=150)),
        y=alt.Y("speaker:N", title="Speaker", sort=groups))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.Color("count:Q", title="Claims", scale=alt.Scale(domain=[0, max(vmax, 1)],
                                                                   range=["#f7f7f7", OKABE_ITO["blue"]]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=160)),
        tooltip=_tips(("speaker:N", "Speaker"), ("topic_label:N", "Topic"), ("count:Q", "Claims"),
                      ("share:Q", "Share of the speaker's claims", ".0%"), ("first_claim:N", "First such claim")))
    labels = base.mark_text(fontSize=11).transform_filter(alt.datum.count > 0).encode(
        text=alt.Text("count:Q"), color=alt.condition(alt.datum.count > vmax * 0.55, alt.value("#ffffff"), alt.value(_TEXT)))
    return alt.layer(cells, labels).properties(
        title=_title("What each speaker makes claims about", subtitle="Number of claims per topic; topics from a keyword list"),
        width=alt.Step(max(24, min(40, WIDTH // max(len(topics), 1)))), height=alt.Step(22), description=description)


def timeline_domain(deadlines: pd.Series, call_date) -> pd.Timestamp:
    """The last date :func:`forecast_timeline` draws: the end of the year after the call,
    stretched to the end of the year of the deadlines' 75th percentile (an actual deadline, not
    an interpolated date) when that is later.

    A single far horizon ("in the decade") would otherwise squeeze every other forecast into a
    sliver of the chart; horizons beyond the range are drawn to its edge and say where they end.
    """
    end = pd.Timestamp(year=pd.Timestamp(call_date).year + 1, month=12, day=31)
    if len(deadlines):
        q = pd.Timestamp(pd.Series(pd.to_datetime(deadlines)).quantile(0.75, interpolation="lower"))
        if q > end:
            end = pd.Timestamp(year=q.year, month=12, day=31)
    return end


def forecast_timeline(ledger: pd.DataFrame, call_date) -> alt.LayerChart:
    """One row per dated forecast: its horizon as a bar from start to end, a dot at the deadline.

    ``ledger`` is ``summary.forecast_ledger``; rows that are ``dated`` and not ``anachronism``
    are drawn, by deadline, coloured by speaker, with a dashed rule at the call. The axis ends at
    :func:`timeline_domain`; a horizon that runs past it ends in a triangle at the edge and its
    row label gives the real end year. Tooltips carry the sentence.
    """
    d = ledger[ledger["dated"] & ~ledger["anachronism"]].copy()
    d["deadline"], d["begin"] = pd.to_datetime(d["horizon_end"]), pd.to_datetime(d["horizon_start"])
    d = d.sort_values(["deadline", "begin", "sentence_id"], kind="mergesort")
    call = pd.Timestamp(call_date) if call_date is not None else (d["begin"].min() if len(d) else pd.Timestamp.today())
    end = timeline_domain(d["deadline"], call)
    start = min([call, *d["begin"]]) - pd.Timedelta(days=10)
    d["beyond"] = d["deadline"] > end
    d["shown_end"], d["shown_begin"] = d["deadline"].where(~d["beyond"], end), d["begin"].where(d["begin"] < end, end)
    d["row"] = [f"{sid} · {first_words(t, 8)}" + (f" (to {e:%Y})" if far else "")
                for t, sid, e, far in zip(d["horizon_text"], d["sentence_id"], d["deadline"], d["beyond"])]
    d["commitment"] = ["hedged and boosted" if h and b else "hedged" if h else "boosted" if b else "neither"
                       for h, b in zip(d["hedged"], d["boosted"])]
    d["marker"] = d["beyond"].map({True: "runs past the chart", False: "last day"})
    d = d[["row", "sentence_id", "speaker", "topic_label", "horizon_text", "horizon_start", "horizon_end",
           "shown_begin", "shown_end", "marker", "commitment", "text"]]
    speakers = list(dict.fromkeys(d.sort_values("sentence_id")["speaker"]))
    description = (f"Timeline of the horizons of {len(d)} dated forecasts by {len(speakers)} speakers, from the call on "
                   f"{call.date().isoformat()}" + (f"; the latest ends {d['horizon_end'].max()}." if len(d) else "."))
    tips = _tips(("speaker:N", "Speaker"), ("sentence_id:Q", "Sentence"), ("horizon_text:N", "Horizon as said"),
                 ("horizon_start:N", "From"), ("horizon_end:N", "To"), ("topic_label:N", "Topic"),
                 ("commitment:N", "Hedged / boosted"), ("text:N", "Sentence"))
    x_scale = alt.Scale(domain=[start.isoformat(), end.isoformat()], nice=False)
    y = alt.Y("row:N", title="Sentence · horizon as said", sort=list(d["row"]), axis=alt.Axis(labelLimit=_narrow_or(140, 320)))
    color = alt.Color("speaker:N", title="Speaker", scale=alt.Scale(domain=speakers, range=SPEAKER_PALETTE[:len(speakers)]),
                      legend=alt.Legend(orient="bottom", direction="horizontal", columns=_narrow_or(1, 3)))
    x = alt.X("shown_begin:T", title="Date the forecast refers to", scale=x_scale,
              axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=5, labelOverlap=True))
    bars = alt.Chart(d).mark_bar(height=6, opacity=0.55, cornerRadius=3).encode(
        x=x, x2="shown_end:T", y=y, color=color, tooltip=tips)
    dots = alt.Chart(d).mark_point(filled=True, size=60, opacity=1).encode(
        x=alt.X("shown_end:T", scale=x_scale), y=y, color=color, tooltip=tips,
        shape=alt.Shape("marker:N", legend=None, scale=alt.Scale(domain=["last day", "runs past the chart"],
                                                                  range=["circle", "triangle-right"])))
    marker = pd.DataFrame({"date": [call], "label": ["call"]})
    rule = alt.Chart(marker).mark_rule(color=_MUTED, strokeDash=[4, 3]).encode(
        x=alt.X("date:T", scale=x_scale), tooltip=[alt.Tooltip("date:T", title="Call date", format="%Y-%m-%d")])
    label = alt.Chart(marker).mark_text(align="center", baseline="bottom", dy=-3, color=_MUTED, fontSize=11).encode(
        x=alt.X("date:T", scale=x_scale), y=alt.value(0), text="label:N")
    return alt.layer(rule, label, bars, dots).resolve_scale(shape="independent").properties(
        title=_title("When the forecasts fall due", subtitle=[
            "Bar: the period a horizon covers; dot: its last day.",
            f"The axis stops at {end:%d %b %Y}; a triangle marks a horizon that runs on."]),
        width=FIT, height=alt.Step(16), description=description)


def _commitment_panel(long: pd.DataFrame, measure: str, order: list[str], show_y: bool) -> alt.LayerChart:
    x_scale, colour = alt.Scale(domain=[0, 1]), COMMITMENT_COLORS[measure]
    y = alt.Y("label:N", title="Speaker (forecasts)" if show_y else None, sort=order,
              axis=alt.Axis(labels=show_y, ticks=show_y, domain=show_y))
    base = alt.Chart(long[long["measure"] == measure]).encode(y=y, tooltip=_tips(
        ("speaker:N", "Speaker"), ("count:Q", f"Forecasts {measure}"), ("forecasts:Q", "Of"),
        *_ci("share", "low", "high", "Share", ".0%", "to"), ("baseline:Q", f"Other sentences {measure}", ".0%")))
    rule = base.mark_rule(strokeWidth=2, color=colour, opacity=0.7).encode(
        x=alt.X("low:Q", title=f"Share {measure}", scale=x_scale, axis=alt.Axis(format="%", tickCount=5)), x2="high:Q")
    tick = base.mark_tick(color=_MUTED, thickness=2, size=16).encode(x=alt.X("baseline:Q", scale=x_scale))
    dot = base.mark_point(filled=True, size=80, color=colour, opacity=1, shape="circle" if measure == "hedged"
                          else "diamond").encode(x=alt.X("share:Q", scale=x_scale))
    return alt.layer(rule, tick, dot).properties(
        title=_title(f"Forecasts {measure}", fontSize=13, color=colour if measure == "hedged" else _TEXT),
        width=185, height=alt.Step(26))


def forecast_commitment(commit: pd.DataFrame, min_forecasts: int = 1) -> alt.HConcatChart:
    """Two panels, hedged and boosted: each speaker's share of forecasts, with 95% Wilson intervals.

    ``commit`` is ``summary.commitment``; speakers with fewer than ``min_forecasts`` forecasts
    are left out (their intervals span most of the axis). A grey tick marks the same share among
    the speaker's other sentences, their baseline. Rows keep ``commit``'s order.
    """
    c = commit[commit["forecasts"] >= min_forecasts].copy()
    c["label"] = [f"{g} ({n})" for g, n in zip(c["speaker"], c["forecasts"])]
    long = pd.concat([pd.DataFrame({
        "label": c["label"], "speaker": c["speaker"], "measure": m, "count": c[m], "forecasts": c["forecasts"],
        "share": c[f"{m}_share"], "low": c[f"{m}_low"], "high": c[f"{m}_high"], "baseline": c[f"other_{m}_share"],
    }) for m in COMMITMENT_COLORS], ignore_index=True)
    description = (f"Two dot charts, hedged and boosted: the share of each of {len(c)} speakers' forecasts that are "
                   "hedged and that are boosted, with 95% Wilson intervals and a tick for the same share of the "
                   "speaker's other sentences.")
    who = f"speakers with at least {min_forecasts} forecasts" if min_forecasts > 1 else "every speaker who forecasts"
    order = list(c["label"])
    return alt.hconcat(_commitment_panel(long, "hedged", order, True), _commitment_panel(long, "boosted", order, False),
                       spacing=16).properties(
        title=_title("How committed each speaker's forecasts are", subtitle=[
            f"Dot: share of forecasts, line: 95% interval ({who});", "grey tick: the same share of their other sentences"]),
        description=description)


def met_share_intervals(comparison: pd.DataFrame) -> alt.LayerChart:
    """Share of resolved forecasts met, per group of ``outcomes.hedged_vs_boosted``, with Wilson
    intervals; a comparison with an empty side (no boosted forecast, say) is left out, with its p-value."""
    c = comparison[comparison.groupby("comparison")["n"].transform("min") > 0].copy()  # no empty side
    c["label"] = [f"{g} (n={n})" for g, n in zip(c["group"], c["n"])]
    c["flag"] = c["comparison"].str.split(" vs ").str[0]
    x_scale = alt.Scale(domain=[0, 1])
    p = {row["comparison"]: row["fisher_p"] for _, row in c.drop_duplicates("comparison").iterrows()}
    subtitle = ("Fisher exact p: " + ", ".join(f"{k.split(' vs ')[0]} {v:.2f}" for k, v in p.items())
                + "; lines: 95% Wilson intervals")
    description = (f"Dot chart of the share of resolved forecasts that were met, for {names(list(c['group']))} "
                   f"forecasts, with 95% Wilson intervals; {subtitle}.")
    base = alt.Chart(c).encode(
        y=alt.Y("label:N", title="Forecasts (resolved)", sort=list(c["label"])),
        color=alt.Color("flag:N", title="Comparison", legend=None, scale=_mapped(COMMITMENT_COLORS)),
        tooltip=_tips(("group:N", "Group"), ("n:Q", "Resolved forecasts"), ("met:Q", "Met"),
                      *_ci("share_met", "ci_low", "ci_high", "Share met", ".0%", "to"),
                      ("fisher_p:Q", "Fisher exact p", ".2f"), ("too_small:N", "Too small to compare")))
    rules = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        x=alt.X("ci_low:Q", title="Share of resolved forecasts that were met", scale=x_scale, axis=alt.Axis(format="%")),
        x2="ci_high:Q")
    dots = base.mark_point(filled=True, size=80).encode(x=alt.X("share_met:Q", scale=x_scale))
    return alt.layer(rules, dots).properties(
        title=_title(f"Did {' or '.join(dict.fromkeys(c['flag']))} forecasts fare better?", subtitle=subtitle),
        width=FIT, height=alt.Step(30), description=description)


# --------------------------------------------------------------------------- hedging and speakers


def _rows(data: pd.DataFrame, y: str, value: str, sort: list[str] | None) -> list[str]:
    """The y categories in display order: ``sort`` if given, else by ``value``, highest first."""
    if sort is not None:
        return list(sort)
    return list(data.sort_values([value, y], ascending=[False, True], kind="mergesort")[y])


def _ci(value: str, low: str, high: str, title: str, fmt: str, to: str = "95% interval to") -> tuple[tuple, ...]:
    """The :func:`_tips` fields of a value and its 95% interval."""
    return (f"{value}:Q", title, fmt), (f"{low}:Q", "95% interval from", fmt), (f"{high}:Q", to, fmt)


def interval_chart(
    data: pd.DataFrame, *, value: str, low: str, high: str, x_title: str, y: str = "speaker",
    sort: list[str] | None = None, small: str | None = None, reference: float | None = None, reference_label: str = "",
    x_format: str = ".1f", axis_format: str | None = None, x_domain: list[float] | None = None, x_zero: bool = True,
    width: int | str = FIT,
    tooltip: list | None = None, title: str | alt.Title | None = None, description: str | None = None,
    show_y_labels: bool = True,
) -> alt.LayerChart:
    """A point per row at ``value`` with a bar from ``low`` to ``high`` (its interval).

    Rows are ordered by ``sort`` (a list of ``y`` values) or by ``value``, highest first.
    Points are coloured by the ``role`` column when there is one (:data:`ROLE_COLORS`). A true
    ``small`` column draws the point open (small samples). ``x_format`` formats the tooltips
    and, unless ``axis_format`` is given, the axis labels. ``reference`` adds a dashed
    vertical rule, e.g. the call-wide rate or zero. ``x_domain`` fixes the x axis (panels
    that should share one); otherwise it starts at zero unless ``x_zero`` is False.
    """
    order = _rows(data, y, value, sort)
    tip_fields = [str(t.shorthand).split(":")[0] for t in (tooltip or [])]
    keep = [c for c in dict.fromkeys([y, value, low, high, "role", small, *tip_fields]) if c and c in data.columns]
    d = data[keep].copy()
    if small is None:
        d["_small"], small = False, "_small"
    d[small] = d[small].astype(bool)
    y_enc = alt.Y(f"{y}:N", sort=order, title=y.capitalize() if show_y_labels else None,
                  axis=alt.Axis(labels=show_y_labels, ticks=show_y_labels, domain=False))
    colour = _role_color(d["role"]) if "role" in d else alt.value(OKABE_ITO["blue"])
    tips = tooltip or _tips((f"{y}:N", y.capitalize()), *_ci(value, low, high, x_title, x_format))
    scale = alt.Scale(domain=x_domain, nice=False) if x_domain is not None else alt.Scale(zero=x_zero)
    bars = alt.Chart(d).mark_rule(strokeWidth=2).encode(
        x=alt.X(f"{low}:Q", title=x_title, axis=alt.Axis(format=axis_format or x_format), scale=scale),
        x2=f"{high}:Q", y=y_enc, color=colour, tooltip=tips)
    points = alt.Chart(d).mark_point(size=70, strokeWidth=2, opacity=1).encode(
        x=alt.X(f"{value}:Q", scale=scale), y=y_enc, color=colour,
        fill=alt.condition(f"datum['{small}']", alt.value("#ffffff"), colour), tooltip=tips)
    layers = [bars, points]
    if reference is not None:
        ref = pd.DataFrame({"ref": [float(reference)], "label": [reference_label]})
        layers.insert(0, alt.Chart(ref).mark_rule(strokeDash=[4, 3], color=_MUTED).encode(
            x="ref:Q", tooltip=_tips(("label:N", "Reference"), ("ref:Q", "Value", x_format))))
    chart = alt.layer(*layers).properties(width=width, height=alt.Step(20))
    return chart.properties(**{k: v for k, v in (("title", title), ("description", description)) if v is not None})


def _side_by_side(panels: list[tuple], order: list[str], title: alt.Title, description: str,
                  **kw) -> alt.HConcatChart:
    """:func:`interval_chart` panels side by side, one per ``(data, value, low, high, x_title, tooltip)``,
    rows in ``order``, the y labels on the first only."""
    return alt.hconcat(*[interval_chart(d, value=value, low=low, high=high, x_title=label, sort=order, small="small",
                                        width=PANEL_WIDTH, tooltip=tips, show_y_labels=i == 0, **kw)
                         for i, (d, value, low, high, label, tips) in enumerate(panels)],
                       spacing=12).properties(title=title, description=description)


#: The rates of ``summary.hedging_table``: value, interval and axis title.
_MEASURES = {
    "hedges": ("hedges_per_100w", "hedges_low", "hedges_high", "Hedges per 100 words"),
    "boosters": ("boosters_per_100w", "boosters_low", "boosters_high", "Boosters per 100 words"),
    "balance": ("balance", "balance_low", "balance_high", "Boosters minus hedges per 100 words"),
}


def _rate_panel(d: pd.DataFrame, group: str, measure: str) -> tuple:
    """A :func:`_side_by_side` panel of one of :data:`_MEASURES`, with its tooltips."""
    counted = [] if measure == "balance" else [(f"{measure}:Q", f"{measure.capitalize()} counted")]
    tips = _tips((f"{group}:N", group.capitalize()), ("role:N", "Role"), ("words:Q", "Words", ","), *counted,
                 *_ci(*_MEASURES[measure], ".2f"))
    return (d, *_MEASURES[measure], tips)


def hedging_intervals(table: pd.DataFrame, group: str = "speaker", small_words: int = 250) -> alt.HConcatChart:
    """Hedges and boosters per 100 words per group, each with its 95% interval, side by side.

    ``table`` is ``summary.hedging_table`` by ``group`` with a ``role`` column. Rows by hedge
    rate, highest first; groups under ``small_words`` words are drawn with open marks.
    """
    d = table.assign(small=table["words"] < small_words)
    top_high = float(max(d["hedges_high"].max(), d["boosters_high"].max(), 0.5))
    x_max = float(int(top_high) + (top_high > int(top_high)))  # the next whole number
    top = d.sort_values("hedges_per_100w", ascending=False).iloc[0]
    description = (
        f"Two dot-and-interval panels for {len(d)} {group}s: hedges and boosters per 100 words with 95% bootstrap "
        f"intervals. {top[group]} hedges most, {top['hedges_per_100w']:.1f} per 100 words (interval "
        f"{top['hedges_low']:.1f} to {top['hedges_high']:.1f}); {int((d['boosters'] == 0).sum())} of {len(d)} use no booster.")
    title = _title("Who hedges, who boosts", subtitle=["Cues per 100 words; bars are 95% bootstrap intervals "
                                                       "(sentences resampled)", _SMALL_NOTE.format(n=small_words)])
    return _side_by_side([_rate_panel(d, group, m) for m in ("hedges", "boosters")],
                         _rows(d, group, "hedges_per_100w", None), title, description, y=group, x_format=".2f",
                         axis_format="~r", x_domain=[0, x_max])


def balance_intervals(table: pd.DataFrame, group: str = "speaker", small_words: int = 250) -> alt.LayerChart:
    """Certainty balance (boosters minus hedges per 100 words, ``summary.hedging_table``) per group, with
    95% intervals; a dashed rule marks zero (as many boosters as hedges)."""
    d = table.assign(small=table["words"] < small_words)
    description = (f"Dot-and-interval chart of boosters minus hedges per 100 words for {len(d)} {group}s; for "
                   f"{int((d['balance_high'] < 0).sum())} of them the whole 95% interval lies below zero (more "
                   "hedging than boosting).")
    _, value, low, high, label, tips = _rate_panel(d, group, "balance")
    return interval_chart(
        d, value=value, low=low, high=high, x_title=label, y=group, small="small",
        reference=0.0, reference_label="as many boosters as hedges", tooltip=tips, title=_title(
            "Certainty balance", subtitle=["Left of the dashed line: more hedges than boosters; bars are 95% bootstrap "
                                           "intervals", _SMALL_NOTE.format(n=small_words)]),
        description=description, x_format=".2f", axis_format="~r")


def phase_intervals(comparison: pd.DataFrame, measure: str = "Hedges per 100 words", zero: bool = True) -> alt.LayerChart:
    """Scripted opening against Q&A per speaker (and pooled), two dots with intervals per row, from
    ``summary.phase_comparison`` or ``readability.phase_readability``."""
    d = pd.DataFrame([(r.speaker, phase, getattr(r, f"{p}_rate"), getattr(r, f"{p}_low"), getattr(r, f"{p}_high"),
                       getattr(r, f"{p}_words"), r.verdict)
                      for r in comparison.itertuples(index=False) for phase, p in (("scripted opening", "opening"), ("Q&A", "qa"))],
                     columns=["speaker", "phase", "rate", "ci_low", "ci_high", "words", "verdict"])
    phases = list(PHASE_COLORS)
    base = alt.Chart(d).encode(
        y=alt.Y("speaker:N", sort=list(comparison["speaker"]), title="Speaker"),
        yOffset=alt.YOffset("phase:N", sort=phases),
        color=alt.Color("phase:N", title="Part of the call", sort=phases, scale=_mapped(PHASE_COLORS)),
        tooltip=_tips(("speaker:N", "Speaker"), ("phase:N", "Part of the call"), ("words:Q", "Words", ","),
                      *_ci("rate", "ci_low", "ci_high", measure, ".2f"), ("verdict:N", "Q&A against opening")))
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=measure, axis=alt.Axis(format="~r"), scale=alt.Scale(zero=zero)), x2="ci_high:Q")
    points = base.mark_point(size=70, filled=True, opacity=1).encode(
        x=alt.X("rate:Q", scale=alt.Scale(zero=zero)),
        shape=alt.Shape("phase:N", title="Part of the call", sort=phases, scale=_mapped(PHASE_SHAPES)))
    pooled = comparison.iloc[-1]
    description = (f"Dot-and-interval chart of {measure.lower()} in the scripted opening and in the Q&A for "
                   f"{len(comparison) - 1} speakers and pooled ({pooled['speaker']}): pooled, "
                   f"{pooled['opening_rate']:.1f} in the opening and {pooled['qa_rate']:.1f} in the Q&A.")
    return alt.layer(bars, points).properties(
        width=FIT, height=alt.Step(18), description=description, title=_title(
            "Prepared against spontaneous speech",
            subtitle=f"{measure} in the scripted opening and in the Q&A; bars are 95% bootstrap intervals"))


def cue_kind_bars(kinds: pd.DataFrame, group: str = "hedge_context", what: str = "hedge") -> alt.Chart:
    """Each group's cues split by kind (modal, epistemic adverb ...), as 100% stacked bars
    (``kinds``: ``summary.cue_kinds`` by ``group``)."""
    order = list(dict.fromkeys(kinds[group]))
    kind_order = list(kinds.groupby("kind_label")["count"].sum().sort_values(ascending=False).index)
    d = kinds.assign(group_total=kinds[group].map(kinds.groupby(group)["count"].sum()))
    top = d.sort_values("share", ascending=False).drop_duplicates(group).set_index(group)
    description = (f"Stacked bars of the kinds of {what} cue used by {len(order)} groups. " + " ".join(
        f"{g}: mostly {top.loc[g, 'kind_label'].split(' (')[0]} ({top.loc[g, 'share']:.0%})." for g in order))
    palette = [OKABE_ITO[c] for c in ("orange", "sky blue", "bluish green", "reddish purple", "yellow", "grey",
                                      "blue", "vermillion", "black")]
    return alt.Chart(d, title=_title(f"What kind of {what}", subtitle=f"Share of each group's {what} cues, by kind "
                                                                          "of cue")).mark_bar().encode(
        x=alt.X("share:Q", stack="normalize", title=f"Share of the group's {what} cues", axis=alt.Axis(format="%")),
        y=alt.Y(f"{group}:N", sort=order, title="Whose sentences" if group == "hedge_context" else group.capitalize(),
                axis=alt.Axis(labelLimit=_narrow_or(120, 230))),
        color=alt.Color("kind_label:N", title="Kind of cue", sort=kind_order,
                        legend=alt.Legend(columns=1, labelLimit=_narrow_or(180, 260)),
                        scale=alt.Scale(domain=kind_order, range=palette[: len(kind_order)])),
        order=alt.Order("count:Q", sort="descending"),
        tooltip=_tips((f"{group}:N", "Group"), ("kind_label:N", "Kind of cue"), ("count:Q", "Cues"),
                      ("group_total:Q", "All the group's cues"), ("share:Q", "Share", ".0%"),
                      ("examples:N", "Most frequent")),
    ).properties(width=FIT, height=alt.Step(28), description=description)


def cue_timeline(sentences: pd.DataFrame) -> alt.LayerChart:
    """Every hedged or boosted sentence at its place in the call, one row per role.

    ``sentences`` is the sentence table. The x axis is the position in words spoken so far;
    shaded bands mark the sections; the tooltip shows the sentence and its cues.
    """
    d = sentences.sort_values("sentence_id").reset_index(drop=True)
    d = d.assign(words=d["text"].map(word_count))
    d["position"] = d["words"].cumsum() - d["words"]
    total = int(d["words"].sum())
    hedged, boosted = (d[c].fillna("").str.strip().ne("") for c in ("hedge_cues", "booster_cues"))
    marks = pd.concat([d[hedged].assign(cue_type="hedge", cues=d.loc[hedged, "hedge_cues"]),
                       d[boosted].assign(cue_type="booster", cues=d.loc[boosted, "booster_cues"])])
    marks = marks.assign(section_label=marks["section"].map(section_label),
                         sentence=marks["text"].map(lambda t: first_words(t, 40)))[
        ["sentence_id", "speaker", "role", "section_label", "position", "cue_type", "cues", "sentence"]]
    sections = d.groupby("section", sort=False).agg(start=("position", "min"), end=("position", "max")).reset_index()
    sections["end"] = sections["start"].shift(-1).fillna(total)
    sections["section_label"] = sections["section"].map(section_label)
    x_scale, types = alt.Scale(domain=[0, max(total, 1)], nice=False), list(CUE_COLORS)
    ticks = alt.Chart(marks).mark_tick(thickness=2, opacity=0.85).encode(
        x=alt.X("position:Q", scale=x_scale), y=alt.Y("role:N", sort=[r for r in ROLE_ORDER if r in set(d["role"])],
                                                       title="Role"),
        yOffset=alt.YOffset("cue_type:N", sort=types),
        color=alt.Color("cue_type:N", title="Cue", sort=types, scale=_mapped(CUE_COLORS)),
        tooltip=_tips(("sentence_id:Q", "Sentence"), ("speaker:N", "Speaker"), ("section_label:N", "Section"),
                      ("cue_type:N", "Cue type"), ("cues:N", "Cues"), ("sentence:N", "Sentence text")))
    description = (f"Timeline of {int(hedged.sum())} hedged and {int(boosted.sum())} boosted sentences across "
                   f"{total:,} words of the call, one row per role; each tick is one sentence.")
    return alt.layer(*_section_bands(sections, "start", "end", x_scale), ticks).resolve_scale(color="independent") \
        .properties(width=FIT, height=alt.Step(34), description=description, title=_title(
            "Where the hedges and boosters fall", subtitle="Each tick is one sentence with a cue; shading marks the sections"))


def share_intervals(claims: pd.DataFrame, forecasts: pd.DataFrame, small_words: pd.Series | None = None,
                    role: pd.Series | None = None) -> alt.HConcatChart:
    """Share of each speaker's sentences that are claims, and that are forecasts, with intervals.

    ``claims`` and ``forecasts`` are ``summary.share_ci`` by speaker; ``role`` and
    ``small_words`` (booleans) are Series indexed by speaker. Rows ordered by claim share.
    """
    c, f = (t.assign(role=t["speaker"].map(role) if role is not None else "unknown",
                     small=t["speaker"].map(small_words).fillna(False) if small_words is not None else False)
            for t in (claims, forecasts))
    panels = [(t, "share", "ci_low", "ci_high", label, _tips(
        ("speaker:N", "Speaker"), ("role:N", "Role"), ("sentences:Q", "Sentences"), ("flagged:Q", what),
        *_ci("share", "ci_low", "ci_high", label, ".0%")))
        for t, what, label in ((c, "Claims", "Share of sentences that are claims"),
                               (f, "Forecasts", "Share of sentences that are forecasts"))]
    top_c, top_f = (t.sort_values("share", ascending=False).iloc[0] for t in (c, f))
    description = (f"Two dot-and-interval panels for {len(c)} speakers: the share of their sentences that are claims "
                   f"(highest: {top_c['speaker']}, {top_c['share']:.0%}) and that are forecasts (highest: "
                   f"{top_f['speaker']}, {top_f['share']:.0%}), with 95% bootstrap intervals.")
    title = _title("What each speaker's sentences do", subtitle=[
        "Share of the speaker's sentences; bars are 95% intervals", "Open marks: small samples, read with care"])
    return _side_by_side(panels, _rows(c, "speaker", "share", None), title, description, x_format="%", x_domain=[0, 1])


def readability_intervals(scores: pd.DataFrame, role: pd.Series | None = None) -> alt.HConcatChart:
    """Flesch reading ease and Gunning fog per speaker, with 95% bootstrap intervals.

    ``scores`` is ``readability.readability_ci`` by speaker; ``role`` a Series indexed by
    speaker. Speakers under the readability threshold are drawn open; rows by fog, hardest first.
    """
    d = scores.assign(role=scores["speaker"].map(role) if role is not None else "unknown",
                      small=~scores["reliable"].astype(bool))
    panels = [(d, value, low, high, label, _tips(
        ("speaker:N", "Speaker"), ("role:N", "Role"), ("words:Q", "Words", ","),
        ("words_per_sentence:Q", "Words per sentence", ".1f"), *_ci(value, low, high, label, ".1f")))
        for value, low, high, label in (
            ("flesch_reading_ease", "fre_low", "fre_high", "Flesch reading ease (higher: easier)"),
            ("gunning_fog", "fog_low", "fog_high", "Gunning fog (school years; higher: harder)"))]
    hard, easy = d.sort_values("gunning_fog", ascending=False).iloc[0], d.sort_values("gunning_fog").iloc[0]
    description = (f"Two dot-and-interval panels of readability for {len(d)} speakers with 95% bootstrap intervals; "
                   f"highest Gunning fog: {hard['speaker']} ({hard['gunning_fog']:.1f}), lowest: {easy['speaker']} "
                   f"({easy['gunning_fog']:.1f}).")
    title = _title("How hard each speaker is to read", subtitle=[
        "Formulas built for written text, applied to a transcript; bars are 95% intervals",
        "Open marks: under the readability threshold, read with care"])
    return _side_by_side(panels, _rows(d, "speaker", "gunning_fog", None), title, description, x_format=".0f",
                         x_zero=False)


# --------------------------------------------------------------------------- validation


def f1_comparison(metrics: pd.DataFrame) -> alt.Chart:
    """Grouped bars: F1 per label for the report's rules and for the finance word-list baselines
    (``metrics``: ``validation.ValidationReport.metrics``)."""
    names = {"lm_weak_modal": "LM Weak_Modal words", "lm_strong_modal": "LM Strong_Modal words",
             "li2010_forward": "Li (2010) forward-looking words"}
    kinds = {"rules": OKABE_ITO["blue"], "word-list baseline": OKABE_ITO["orange"]}
    data = metrics.assign(
        method=[("This report's rules" if s == "rules" else names.get(b, b))
                for s, b in zip(metrics["system"], metrics["baseline_list"])],
        kind=["rules" if s == "rules" else "word-list baseline" for s in metrics["system"]])
    rules = data[data["system"] == "rules"].set_index("label")["f1"]
    description = ("Bar chart of F1 scores against the reference annotations, per label, for the report's rules and "
                   "for word-list baselines. Rules: " + ", ".join(f"{lab} {f1:.2f}" for lab, f1 in rules.items()) + ".")
    return alt.Chart(data, title=_title("Rules against word lists", subtitle="F1 against the reference labels "
                                                                                "(dev sentences)")).mark_bar().encode(
        x=alt.X("f1:Q", title="F1 (1 = perfect agreement)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", title=None, sort=["hedged", "boosted", "forecast", "claim"]),
        yOffset=alt.YOffset("kind:N", sort=list(kinds)),
        color=alt.Color("kind:N", title="Method", scale=_mapped(kinds)),
        tooltip=_tips(("label:N", "Label"), ("method:N", "Method"), ("precision:Q", "Precision", ".2f"),
                      ("recall:Q", "Recall", ".2f"), ("f1:Q", "F1", ".2f"), ("tp:Q", "True positives"),
                      ("fp:Q", "False positives"), ("fn:Q", "False negatives")),
    ).properties(width=FIT, height=alt.Step(18), description=description)


# --------------------------------------------------------------------------- against other calls

#: The measures a speaker is placed on, and their colours (hedges and boosters as elsewhere).
NORM_COLORS = {"hedges": MEASURE_COLORS["hedges"], "boosters": MEASURE_COLORS["boosters"],
               "claims": OKABE_ITO["blue"], "forecasts": OKABE_ITO["black"]}


def norm_percentiles(standing: pd.DataFrame) -> alt.LayerChart:
    """Each placed speaker's percentile among peers for :data:`NORM_COLORS`' measures, with its 95%
    interval. ``standing`` is ``norms.standing`` with a ``label`` column; rows in its order."""
    d = standing[standing["measure"].isin(list(NORM_COLORS)) & standing["percentile"].notna()]
    base = alt.Chart(d).encode(
        y=alt.Y("label:N", sort=list(dict.fromkeys(d["label"])), title=None, axis=alt.Axis(domain=False, ticks=False)),
        yOffset=alt.YOffset("measure:N", sort=list(NORM_COLORS)),
        color=alt.Color("measure:N", title="Per 100 words", scale=_mapped(NORM_COLORS)),
        tooltip=_tips(("speaker:N", "Speaker"), ("peer_group:N", "Compared with"), ("peers:Q", "Peers"),
                      ("measure:N", "Measure"), ("rate:Q", "Per 100 words", ".2f"),
                      *_ci("percentile", "low", "high", "Percentile", ".0f")))
    x = alt.X("low:Q", title="Percentile among peers", scale=alt.Scale(domain=[0, 100]))
    mid = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[4, 3], color=_MUTED).encode(x="x:Q")
    top = d.sort_values("percentile", ascending=False, kind="mergesort").head(1)
    description = (f"Dot-and-interval chart: for {d['speaker'].nunique()} speakers, the percentile among speakers of the "
                   f"same role on other calls for {names(NORM_COLORS)}, with 95% intervals."
                   + "".join(f" Highest: {t.speaker}'s {t.measure}, percentile {t.percentile:.0f}." for t in top.itertuples()))
    return alt.layer(mid, base.mark_rule(strokeWidth=2).encode(x=x, x2="high:Q"),
                     base.mark_point(filled=True, size=36, opacity=1).encode(x="percentile:Q")).properties(
        width=FIT, height=alt.Step(11), description=description, title=_title("Where each speaker stands", subtitle=[
            "Percentile among speakers of the same", "role on other calls (50: the middle);",
            "bars: 95% intervals"])).configure_legend(columns=2)


def norm_distribution(standing: pd.DataFrame, quantiles: pd.DataFrame, measure: str = "hedges") -> alt.LayerChart:
    """Per placed speaker, the peers' distribution of ``measure`` per 100 words (10th–90th percentile
    line, middle half box, median tick) and the speaker's rate with its 95% interval, coloured by role.
    ``quantiles`` is ``norms.quantiles`` of the peers."""
    q = quantiles[quantiles["measure"].eq(f"{measure}_per_100w")]
    d = standing[standing["measure"].eq(measure) & standing["percentile"].notna()].merge(
        q, left_on=["peer_level", "peer_group"], right_on=["level", "group"], suffixes=("", "_q"))
    base = alt.Chart(d).encode(
        y=alt.Y("label:N", sort=list(d["label"]), title=None, axis=alt.Axis(domain=False, ticks=False)),
        tooltip=_tips(("speaker:N", "Speaker"), ("peer_group:N", "Peers"), ("rate:Q", "Speaker's rate", ".2f"),
                      ("p25:Q", "Peers' 25th percentile", ".2f"), ("p50:Q", "Peers' median", ".2f"),
                      ("p75:Q", "Peers' 75th percentile", ".2f"), ("percentile:Q", "Percentile", ".0f")))
    color = _role_color(d["role"])
    x = alt.X("p10:Q", title=f"{measure.capitalize()} per 100 words", scale=alt.Scale(zero=True))
    layers = [base.mark_rule(color="#bbbbbb").encode(x=x, x2="p90:Q"),
              base.mark_bar(height=12, color="#dddddd").encode(x="p25:Q", x2="p75:Q"),
              base.mark_tick(color="#555555", thickness=2, size=14).encode(x="p50:Q"),
              base.mark_rule(strokeWidth=2, yOffset=9).encode(x="rate_low:Q", x2="rate_high:Q", color=color),
              base.mark_point(filled=True, size=60, opacity=1, yOffset=9).encode(x="rate:Q", color=color)]
    description = (f"For {len(d)} speakers of this call, {measure} per 100 words with 95% intervals, each drawn over the "
                   f"distribution of the same measure among peers of the same role on other calls (grey: 10th to 90th "
                   f"percentile, box: middle half, tick: median).")
    return alt.layer(*layers).properties(width=FIT, height=alt.Step(34), description=description, title=_title(
        f"{measure.capitalize()} against peers", subtitle=[
            "Grey: peers on other calls (10th–90th", "percentile, middle half, median); dot:",
            "the speaker, with a 95% interval"])).configure_legend(columns=2)
