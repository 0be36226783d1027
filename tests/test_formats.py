"""Input variants: line-by-line transcripts, colon labels, operators, missing parts, HTML, CRLF."""

from __future__ import annotations

from datetime import date

import pytest

from callanalysis import TranscriptError, load, parse, split_call
from callanalysis.parse.formats import html_to_text, lines, looks_like_html
from callanalysis.parse.sentences import split_text

from .conftest import FIXTURES

VARIANTS = [
    "multiline_headings.txt",
    "colon_labels.txt",
    "operator_call.txt",
    "no_roster.txt",
    "no_duration.txt",
    "fool_page.html",
    "crlf_curly_nbsp.txt",
]


def speakers_and_sections(call) -> list[tuple[str, str]]:
    return [(t.speaker, t.section) for t in call.turns]


def roles(call) -> dict[str, tuple[str, str]]:
    return {p.name: (p.role, p.firm) for p in call.participants}


# --------------------------------------------------------------------------- every variant


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_turn_offsets_slice_back_to_the_call_text(name):
    call = load(FIXTURES / name)
    for t in call.turns:
        assert call.text[t.start : t.end] == t.text and t.text == t.text.strip()


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_turns_never_contain_headings_or_roster(name):
    call = load(FIXTURES / name)
    for t in call.turns:
        for heading in ("Prepared Remarks:", "Questions & Answers:", "Call participants:", "Duration:", "More "):
            assert heading not in t.text


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_sentences_slice_back_and_stay_in_their_turn(name):
    call = load(FIXTURES / name)
    turns = {t.turn: t for t in call.turns}
    for s in split_call(call):
        assert call.text[s.start : s.end] == s.text
        assert turns[s.turn].start <= s.start < s.end <= turns[s.turn].end


# --------------------------------------------------------------------------- speakers, sections, roles

@pytest.mark.parametrize("name, opening, analyst_qa, closing", [
    pytest.param("multiline_headings.txt", ["Operator", "Priya Raman", "Tom Becker", "Lena Ortiz"],
                 ["Operator", "Sam Whitfield", "Lena Ortiz", "Operator", "Dana Kim", "Tom Becker"],
                 ["Operator", "Tom Becker", "Operator"], id="headings-give-opening-then-analyst-qa-then-closing"),
    pytest.param("no_roster.txt", ["Operator", "Felipe Duarte"], ["Operator", "Alice Brandt", "Felipe Duarte"],
                 ["Operator"], id="without-a-roster-the-labels-give-the-speakers"),
    pytest.param("no_duration.txt", ["Grace Liu", "Paul Mercer"], ["Grace Liu", "Noor Rahman", "Paul Mercer"],
                 ["Grace Liu"], id="a-bare-label-listed-in-the-roster-is-a-speaker"),
    pytest.param("fool_page.html", ["Operator", "Ines Moreau", "Rob Tanaka"], ["Operator", "Lucy Grant", "Rob Tanaka"],
                 ["Operator"], id="a-fool-page-reads-like-text"),
    pytest.param("crlf_curly_nbsp.txt", ["Operator", "Nadia Petrov"], ["Operator", "Eli O’Connor", "Nadia Petrov"],
                 ["Operator"], id="crlf-curly-quotes-and-nbsp-change-nothing"),
])
def test_fixture_turns_have_these_speakers_in_these_sections(name, opening, analyst_qa, closing):
    """Each fixture's speakers, turn by turn, in the section they speak in (sections only move forward)."""
    expected = {"opening": opening, "analyst_qa": analyst_qa, "closing": closing}
    turns = speakers_and_sections(load(FIXTURES / name))
    assert turns == [(who, section) for section, speakers in expected.items() for who in speakers]


@pytest.mark.parametrize("name, expected", [
    pytest.param("multiline_headings.txt", {
        "Priya Raman": ("investor relations", "Northwind Robotics"), "Tom Becker": ("executive", "Northwind Robotics"),
        "Lena Ortiz": ("executive", "Northwind Robotics"), "Sam Whitfield": ("analyst", "Harbor Securities"),
        "Dana Kim": ("analyst", "Ridgeline Capital"), "Operator": ("operator", "")},
        id="titles-and-firms-come-from-the-labels"),
    pytest.param("colon_labels.txt", {"Marcus Webb": ("investor relations", "Bluefin Foods"),
                                      "Hannah Cole": ("executive", "Bluefin Foods"),
                                      "Omar Haddad": ("analyst", "Keystone Partners"), "Operator": ("operator", "")},
                 id="colon-labels-take-titles-from-the-roster"),
    pytest.param("fool_page.html", {"Ines Moreau": ("investor relations", "Kestrel Aerospace"),
                                    "Rob Tanaka": ("executive", "Kestrel Aerospace"),
                                    "Lucy Grant": ("analyst", "Summit & Vale"), "Operator": ("operator", "")},
                 id="a-fool-page-reads-like-text"),
])
def test_fixture_participants_have_these_roles_and_firms(name, expected):
    """(role, firm) of every participant, from the labels, the roster and the moderator's cues."""
    assert roles(load(FIXTURES / name)) == expected


def test_a_bare_roster_name_who_moderates_is_investor_relations():
    assert roles(load(FIXTURES / "no_duration.txt"))["Grace Liu"] == ("investor relations", "Tidewater Textiles")


def test_a_curly_apostrophe_stays_in_the_name():
    assert roles(load(FIXTURES / "crlf_curly_nbsp.txt"))["Eli O’Connor"] == ("analyst", "Bramble Partners")


# --------------------------------------------------------------------------- line form with headings


def test_multiline_participants_follow_roster_order_then_unlisted_generic_labels():
    call = load(FIXTURES / "multiline_headings.txt")
    assert [p.name for p in call.participants] == ["Priya Raman", "Tom Becker", "Lena Ortiz", "Sam Whitfield", "Dana Kim", "Operator"]
    assert call.unknown_labels == ()


def test_multiline_metadata_is_read_across_header_lines():
    m = load(FIXTURES / "multiline_headings.txt").metadata
    assert (m.company, m.ticker, m.quarter, m.fiscal_year, m.date, m.time) == ("Northwind Robotics", "NWR", 2, 2024, date(2024, 7, 30), "16:30")


def test_multiline_turn_keeps_all_its_paragraphs():
    tom = load(FIXTURES / "multiline_headings.txt").turns[2]
    assert tom.text.startswith("Thanks, Priya.") and tom.text.endswith("in early 2025.")
    assert "\n\n" in tom.text


def test_sentences_never_cross_a_paragraph_break():
    text = "We grew 5%\n\nMargins rose\r\n\r\nCosts fell."
    assert [text[a:b] for a, b in split_text(text)] == ["We grew 5%", "Margins rose", "Costs fell."]


# --------------------------------------------------------------------------- colon labels


def test_colon_labels_on_their_own_line_or_opening_a_paragraph_are_turns():
    call = load(FIXTURES / "colon_labels.txt")
    assert [t.speaker for t in call.turns] == [
        "Operator", "Marcus Webb", "Hannah Cole", "Marcus Webb", "Hannah Cole", "Marcus Webb", "Omar Haddad", "Hannah Cole", "Marcus Webb",
    ]
    assert call.turns[1].text == "Thank you. Joining me is our CEO, Hannah Cole. Hannah?"
    assert call.turns[0].text.startswith("Good morning") and call.turns[6].text == "How are input costs trending?"


def test_shareholder_cue_after_qa_heading_opens_investor_qa_before_analyst_qa():
    call = load(FIXTURES / "colon_labels.txt")
    assert [t.section for t in call.turns] == [
        "opening", "opening", "opening", "investor_qa", "investor_qa", "analyst_qa", "analyst_qa", "analyst_qa", "closing",
    ]


def test_investor_cue_after_operator_instructions_still_opens_investor_qa():
    text = (
        "Acme Widgets (ACME 0.52%)\nQ3 2023 Earnings Call\nOct 26, 2023, 8:00 a.m. ET\n\n"
        "Prepared Remarks:\n\nJohn Doe -- Chief Executive Officer\n\nSales rose.\n\n"
        "Questions & Answers:\n\nOperator\n\n[Operator instructions]\n\n"
        "Jane Roe -- Investor Relations\n\nWe will begin with retail investor questions.\n\n"
        "John Doe -- Chief Executive Officer\n\nMargins rose.\n\n"
        "Operator\n\nOur first question comes from Ann Lee with Big Bank.\n\nAnn Lee -- Analyst\n\nHi.\n"
    )
    assert [t.section for t in parse(text).turns] == ["opening", "investor_qa", "investor_qa", "investor_qa", "analyst_qa", "analyst_qa"]


# --------------------------------------------------------------------------- operator, unknown speakers


def test_operator_introduction_gives_analysts_their_firm():
    call = load(FIXTURES / "operator_call.txt")
    people = {p.name: p for p in call.participants}
    assert (people["Ruth Alvarez"].role, people["Ruth Alvarez"].firm) == ("analyst", "Granite Peak Research")
    assert (people["Ken Osei"].role, people["Ken Osei"].firm) == ("analyst", "Larkspur Bank")


def test_unknown_and_unidentified_speakers_keep_their_turns_and_roles():
    call = load(FIXTURES / "operator_call.txt")
    assert [t.turn for t in call.turns if t.speaker == "Unknown speaker"] == [10, 12]
    assert roles(call)["Unknown speaker"] == ("unknown", "") and roles(call)["Unidentified Analyst"] == ("analyst", "")
    assert [n.turn for n in call.notes if n.kind == "unknown speaker"] == [10, 12]


def test_operator_cues_set_sections_when_there_are_no_headings():
    call = load(FIXTURES / "operator_call.txt")
    sections = [t.section for t in call.turns]
    assert sections == ["opening"] * 2 + ["analyst_qa"] * 10 + ["closing"]


def test_roster_after_duration_without_heading_is_read():
    call = load(FIXTURES / "operator_call.txt")
    assert [p.name for p in call.participants if p.in_roster] == ["Victor Lang", "Ruth Alvarez", "Ken Osei"]


# --------------------------------------------------------------------------- missing parts


def test_missing_roster_takes_participants_from_labels_in_order_of_first_turn():
    call = load(FIXTURES / "no_roster.txt")
    assert [(p.name, p.role, p.in_roster) for p in call.participants] == [
        ("Operator", "operator", False),
        ("Felipe Duarte", "executive", False),
        ("Alice Brandt", "analyst", False),
    ]
    assert call.unknown_labels == ()


def test_missing_duration_ends_the_last_turn_at_the_roster():
    call = load(FIXTURES / "no_duration.txt")
    assert call.turns[-1].text == "That concludes our call. Thank you for joining."
    assert not any(n.kind == "duration" for n in call.notes)


# --------------------------------------------------------------------------- HTML


def test_fool_page_offsets_refer_to_the_extracted_text():
    call = load(FIXTURES / "fool_page.html")
    assert call.format == "html"
    assert "<" not in call.text and "&rsquo;" not in call.text
    assert call.text == html_to_text((FIXTURES / "fool_page.html").read_text(encoding="utf-8"))


def test_fool_page_metadata_comes_from_the_dated_header_not_the_page_title():
    m = load(FIXTURES / "fool_page.html").metadata
    assert (m.company, m.ticker, m.date, m.time) == ("Kestrel Aerospace", "KSTL", date(2024, 4, 25), "11:00")


def test_fool_page_entities_are_decoded_in_speech():
    call = load(FIXTURES / "fool_page.html")
    assert call.turns[2].text.endswith("We call this our “best quarter” in R&D output, too.")
    assert "$4.2 billion" in call.turns[2].text


def test_html_label_paragraph_becomes_a_speaker_line():
    html = "<html><body><p><strong>Ann Lee</strong> -- <em>Big Bank -- Analyst</em></p><p>Hi.</p></body></html>"
    assert html_to_text(html) == "Ann Lee -- Big Bank -- Analyst\n\nHi.\n"


def test_html_scripts_styles_and_navigation_are_dropped():
    html = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav><script>x<1</script><p>Kept</p></body></html>"
    assert html_to_text(html) == "Kept\n"


def test_html_whitespace_inside_a_paragraph_collapses_and_nbsp_becomes_space():
    assert html_to_text("<body><p>$2.1&nbsp;billion,\n   up</p></body>") == "$2.1 billion, up\n"


def test_html_strong_that_never_closes_is_a_one_line_error():
    with pytest.raises(TranscriptError, match="never closes") as err:
        html_to_text("<html><body><p><strong>Ann Lee -- Analyst</p><p>Hi.</p></body></html>", "page.html")
    assert str(err.value).startswith("page.html: ") and "\n" not in str(err.value)


def test_html_label_error_names_the_line_where_the_label_opens():
    html = "<html>\n<body>\n<p>\n<strong>Ann Lee -- Analyst</p><p>Hi.</p></body></html>"
    with pytest.raises(TranscriptError, match="<strong> opened on line 4 has no </strong>"):
        html_to_text(html)


def test_plain_text_quoting_a_tag_is_not_html():
    assert not looks_like_html("Jane Roe -- CEO We use <b> tags in our app.")
    assert looks_like_html("\ufeff<!DOCTYPE html><html><body></body></html>")


# --------------------------------------------------------------------------- CRLF, curly quotes, nbsp


def test_crlf_offsets_refer_to_the_raw_decoded_text():
    raw = (FIXTURES / "crlf_curly_nbsp.txt").read_bytes().decode("utf-8")
    call = load(FIXTURES / "crlf_curly_nbsp.txt")
    assert call.text == raw and "\r\n" in call.text and call.format == "text"
    assert "\r\n\r\n" in call.turns[1].text


def test_nbsp_inside_a_label_is_the_same_speaker():
    call = load(FIXTURES / "crlf_curly_nbsp.txt")
    assert "Nadia\u00a0Petrov" in call.text
    assert [p.name for p in call.participants].count("Nadia Petrov") == 1


def test_sentences_split_after_nbsp_and_curly_quotes():
    call = load(FIXTURES / "crlf_curly_nbsp.txt")
    texts = [s.text for s in split_call(call) if s.turn == 4]
    assert texts == ["Thanks.", "What’s behind the “cleaner” margin?", "Is it mix?"]


def test_lines_give_offsets_without_line_endings():
    text = "a\r\nbb\n\rc"
    assert [text[s:e] for s, e in lines(text)] == ["a", "bb", "", "c"]


def test_parse_of_one_line_text_is_unchanged_by_the_line_reader():
    call = parse((FIXTURES / "minimal.txt").read_text(encoding="utf-8"))
    assert [t.speaker for t in call.turns][:2] == ["Jane Roe", "John Doe"]
