"""The report's Altair charts: one theme, one palette, one function per figure.

Importing this module registers and enables the ``callanalysis`` theme: system fonts (no web
fonts to fetch), readable sizes, a white background (legible in the book's light and dark
modes) and the Okabe-Ito colour-blind-safe palette. Every chart built here has a title,
axis titles in words, a Vega-Lite ``description`` (the renderer also uses it as the chart's
ARIA label) and tooltips.

Chapters call the helpers with the package's tables; the turn table has the columns
``turn, speaker, title, firm, role, section, start, end, text, words``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

THEME_NAME = "callanalysis"

#: Okabe & Ito (2008) colour-blind-safe palette, in their order.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "grey": "#999999",
}

#: Speaker roles, in legend order, and their colours.
ROLE_COLORS = {
    "executive": OKABE_ITO["blue"],
    "investor relations": OKABE_ITO["bluish green"],
    "analyst": OKABE_ITO["vermillion"],
    "operator": OKABE_ITO["reddish purple"],
    "unknown": OKABE_ITO["grey"],
}
ROLE_ORDER = list(ROLE_COLORS)

#: Call sections in the order they happen, and how the report names them.
SECTION_LABELS = {
    "opening": "Opening remarks",
    "investor_qa": "Investor Q&A",
    "analyst_qa": "Analyst Q&A",
    "closing": "Closing",
}
SECTION_ORDER = list(SECTION_LABELS)

#: Short section labels, for bands too narrow for the full label.
SECTION_SHORT_LABELS = {
    "opening": "Opening",
    "investor_qa": "Investors",
    "analyst_qa": "Analysts",
    "closing": "End",
}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Plot width in pixels. With axis labels and the export menu a chart stays inside the
#: book's content column (about 690 px wide), so nothing is clipped or scrolls.
WIDTH = 460

_TEXT = "#222222"
_MUTED = "#555555"
_GRID = "#e6e6e6"


@alt.theme.register(THEME_NAME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The report's Altair theme (a Vega-Lite ``config``)."""
    return {
        "config": {
            "background": "#ffffff",
            "padding": 8,
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {
                "category": [
                    OKABE_ITO[name]
                    for name in (
                        "blue", "orange", "bluish green", "vermillion",
                        "reddish purple", "sky blue", "yellow", "black",
                    )
                ],
            },
            "title": {
                "font": FONT, "fontSize": 16, "fontWeight": 600, "color": _TEXT,
                "anchor": "start", "offset": 12,
                "subtitleFont": FONT, "subtitleFontSize": 13, "subtitleColor": _MUTED,
            },
            "axis": {
                "labelFont": FONT, "labelFontSize": 12, "labelColor": _TEXT,
                "titleFont": FONT, "titleFontSize": 13, "titleFontWeight": 500,
                "titleColor": _TEXT, "gridColor": _GRID, "domainColor": _MUTED,
                "tickColor": _MUTED, "labelLimit": 160,
            },
            "legend": {
                "labelFont": FONT, "labelFontSize": 12, "labelColor": _TEXT,
                "titleFont": FONT, "titleFontSize": 13, "titleFontWeight": 500,
                "titleColor": _TEXT, "orient": "bottom", "direction": "horizontal",
                "columns": 5,
            },
            "header": {"labelFont": FONT, "labelFontSize": 13, "titleFont": FONT},
            "text": {"font": FONT, "fontSize": 12, "color": _TEXT},
            "bar": {"cornerRadiusEnd": 2},
        }
    }


def role_color_scale() -> alt.Scale:
    """Colour scale that gives each role its fixed colour, whatever roles a chart shows."""
    return alt.Scale(domain=ROLE_ORDER, range=[ROLE_COLORS[r] for r in ROLE_ORDER])


def section_label(section: str) -> str:
    """Display label of a section id (unknown ids are shown as they are)."""
    return SECTION_LABELS.get(section, section)


def first_words(text: str, n: int = 14) -> str:
    """The first ``n`` words of ``text``, with an ellipsis when it goes on."""
    words = str(text).split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _fitting_label(section: str, width_px: float, char_px: float = 6.5) -> str:
    """The section's label if it fits in ``width_px``, else its short label, else nothing."""
    for label in (section_label(section), SECTION_SHORT_LABELS.get(section, "")):
        if label and len(label) * char_px + 8 <= width_px:
            return label
    return ""


def speaker_share_bar(turns: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: each speaker's share of the words spoken on the call.

    ``turns`` needs ``speaker``, ``role`` and ``words``; ``title``/``firm`` are shown in the
    tooltip when present. One row per turn (or per sentence: words are summed).
    """
    extra = [c for c in ("title", "firm") if c in turns.columns]
    by_speaker = (
        turns.assign(**{c: turns[c].fillna("") for c in extra})
        .groupby(["speaker", "role", *extra], as_index=False, sort=False)
        .agg(words=("words", "sum"), turns=("words", "size"))
    )
    by_speaker["share"] = by_speaker["words"] / by_speaker["words"].sum()
    n_speakers = len(by_speaker)
    top = by_speaker.sort_values("words", ascending=False).iloc[0]
    description = (
        f"Bar chart of the share of words spoken by each of {n_speakers} speakers. "
        f"{top['speaker']} speaks most, {top['share']:.0%} of all words."
    )
    tooltip = [
        alt.Tooltip("speaker:N", title="Speaker"),
        alt.Tooltip("role:N", title="Role"),
        *[alt.Tooltip(f"{c}:N", title=c.capitalize()) for c in extra],
        alt.Tooltip("words:Q", title="Words", format=","),
        alt.Tooltip("share:Q", title="Share of words", format=".1%"),
        alt.Tooltip("turns:Q", title="Turns"),
    ]
    return (
        alt.Chart(by_speaker, title=alt.Title(
            "Who does the talking", subtitle="Share of all words spoken on the call"))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="Share of words spoken", axis=alt.Axis(format="%")),
            y=alt.Y("speaker:N", title="Speaker", sort="-x"),
            color=alt.Color("role:N", title="Role", scale=role_color_scale()),
            tooltip=tooltip,
        )
        .properties(width=WIDTH, height=alt.Step(22), description=description)
    )


def turn_timeline(turns: pd.DataFrame) -> alt.LayerChart:
    """Who holds the floor when: one bar per turn along the call, one row per speaker.

    The x axis is the position in the call in words spoken so far (turns in ``turn`` order);
    shaded bands mark the sections. Rows are speakers in order of first appearance.
    """
    data = turns.sort_values("turn").reset_index(drop=True)
    data = data.assign(
        word_end=data["words"].cumsum(),
        section_label=data["section"].map(section_label),
        opening_words=data["text"].map(first_words),
    )
    data["word_start"] = data["word_end"] - data["words"]
    speakers = list(dict.fromkeys(data["speaker"]))

    total = int(data["word_end"].iloc[-1]) if len(data) else 0
    sections = (
        data.groupby("section", sort=False)
        .agg(word_start=("word_start", "min"), word_end=("word_end", "max"))
        .reset_index()
    )
    sections["section_label"] = sections["section"].map(section_label)
    sections["band_label"] = [
        _fitting_label(row.section, (row.word_end - row.word_start) * WIDTH / max(total, 1))
        for row in sections.itertuples()
    ]

    description = (
        f"Timeline of {len(data)} speaking turns by {len(speakers)} speakers across "
        f"{total:,} words, in sections: "
        + ", ".join(sections.sort_values("word_start")["section_label"]) + "."
    )
    x_scale = alt.Scale(domain=[0, max(total, 1)], nice=False)

    bands = (
        alt.Chart(sections)
        .mark_rect(opacity=0.5)
        .encode(
            x=alt.X("word_start:Q", scale=x_scale,
                    title="Position in the call (words spoken so far)"),
            x2="word_end:Q",
            color=alt.Color(
                "section_label:N", title="Section",
                scale=alt.Scale(
                    domain=[SECTION_LABELS[s] for s in SECTION_ORDER],
                    range=["#f2f2f2", "#e3eef8", "#fbeee4", "#f2f2f2"]),
                legend=None),
            tooltip=[alt.Tooltip("section_label:N", title="Section")],
        )
    )
    band_labels = (
        alt.Chart(sections)
        .mark_text(align="left", baseline="top", dx=4, dy=-14, color=_MUTED, fontSize=11)
        .encode(x=alt.X("word_start:Q", scale=x_scale), y=alt.value(0),
                text="band_label:N")
    )
    # Only what the marks and tooltips use goes into the page (not the turns' full text).
    bar_data = data[["turn", "speaker", "role", "section_label", "words",
                     "word_start", "word_end", "opening_words"]]
    bars = (
        alt.Chart(bar_data)
        .mark_bar(height={"band": 0.8})
        .encode(
            x=alt.X("word_start:Q", scale=x_scale),
            x2="word_end:Q",
            y=alt.Y("speaker:N", title="Speaker", sort=speakers),
            color=alt.Color("role:N", title="Role", scale=role_color_scale()),
            tooltip=[
                alt.Tooltip("speaker:N", title="Speaker"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("section_label:N", title="Section"),
                alt.Tooltip("turn:Q", title="Turn"),
                alt.Tooltip("words:Q", title="Words", format=","),
                alt.Tooltip("opening_words:N", title="Begins"),
            ],
        )
    )
    return (
        alt.layer(bands, band_labels, bars)
        .resolve_scale(color="independent")
        .properties(
            title=alt.Title("Who holds the floor, and when",
                            subtitle="Each bar is one speaking turn; shading marks the sections"),
            width=WIDTH, height=alt.Step(22), description=description,
        )
    )


def section_role_bar(by_section_role: pd.DataFrame) -> alt.Chart:
    """Stacked bars: words spoken in each section of the call, split by the speakers' role.

    ``by_section_role`` needs ``section``, ``role`` and ``words`` (e.g.
    ``summary.rates(sentences, by=("section", "role"))``).
    """
    data = by_section_role[["section", "role", "words"]].copy()
    data["section_label"] = data["section"].map(section_label)
    data["share_of_section"] = data["words"] / data.groupby("section")["words"].transform("sum")
    present = [SECTION_LABELS[s] for s in SECTION_ORDER if s in set(data["section"])]
    biggest = data.loc[data["words"].idxmax()] if len(data) else None
    description = (
        f"Stacked bar chart of words spoken in each of {len(present)} sections, split by role."
        + (f" The largest block is {biggest['role']} speech in {biggest['section_label']}"
           f" ({int(biggest['words']):,} words)." if biggest is not None else "")
    )
    return (
        alt.Chart(data, title=alt.Title(
            "Where the words go", subtitle="Words spoken per section, by the speakers' role"))
        .mark_bar()
        .encode(
            x=alt.X("words:Q", title="Words spoken", stack="zero"),
            y=alt.Y("section_label:N", title=None, sort=present),
            color=alt.Color("role:N", title="Role", scale=role_color_scale()),
            order=alt.Order("role:N"),
            tooltip=[
                alt.Tooltip("section_label:N", title="Section"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("words:Q", title="Words", format=","),
                alt.Tooltip("share_of_section:Q", title="Share of the section", format=".0%"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(28), description=description)
    )
