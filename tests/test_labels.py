"""The label grammar and the roster, in both layouts: real names and firms are speakers, speech
is never a speaker, labels missing from the roster or written with markup are reported."""

from __future__ import annotations

import pytest

from callanalysis import parse
from callanalysis.parse.labels import is_name, title_like

LAYOUTS = ["multi-line", "one-line"]
HEADER = ["Image source: The Motley Fool.", "Acme Widgets (ACME 0.52%)", "Q3 2023 Earnings Call", "Oct 26, 2023, 8:00 a.m. ET"]
QA = "Questions & Answers:"


def transcript(roster: list[str], turns: list[str], layout: str) -> str:
    """A fool.com-style call: ``turns`` alternates labels and speech (QA marks the heading)."""
    parts = [*HEADER, "Prepared Remarks:", *turns, "Duration: 30 minutes", "Call participants:", *roster, "More ACME analysis"]
    return ("\n\n" if layout == "multi-line" else " ").join(parts)


ROSTER = [
    'Earl C. "Duke" Austin, Jr. -- President and Chief Executive Officer',
    "José Núñez-Ortega -- Executive Vice President, Chief Financial Officer and Treasurer",
    "Ann de la Cruz III -- Senior Vice President, Investor Relations",
    "Worthing F. Jackman -- Chief Operating Officer",
    "Susan Anderson -- B. Riley & Co. Inc. -- Analyst",
    "Michael Bellisario -- Baird. -- Analyst",
    "Peter Arment -- Robert W. Baird and Company -- Analyst",
    "Patrick O'Shaughnessy -- Raymond James -- Analyst",
]
TURNS = [
    "Operator", "Good morning and welcome. I will now turn the call over to Ann de la Cruz.",
    ROSTER[2], "Thank you. With me are Duke Austin and José Núñez-Ortega. Duke?",
    ROSTER[0], "Thanks, Ann. We grew 5% -- mostly in the third quarter. José will give the numbers.",
    ROSTER[1], "Revenue was $2.1 billion. Worthing F. Jackman -- our COO -- is here too.",
    QA,
    "Operator", "Our first question comes from Susan Anderson with B. Riley.",
    ROSTER[4], "Thanks. How is demand?",
    ROSTER[3], "Strong. We are adding crews --",
    ROSTER[5], "Yes. -- How are you? A follow-up on margins.",
    ROSTER[0], "Margins held up.",
    ROSTER[6], "Thanks. What about pricing?",
    ROSTER[1], "Up about 3%.",
    ROSTER[7], "Great, thank you.",
    "Operator", "This concludes today's call.",
]
NAMES = [r.split(" -- ")[0] for r in ROSTER]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_real_names_and_firms_are_speakers_in_both_layouts(layout):
    call = parse(transcript(ROSTER, TURNS, layout))
    labels = [t for t in TURNS if t != QA][::2]
    assert [t.speaker for t in call.turns] == [label.split(" -- ")[0] for label in labels]
    assert [t.text for t in call.turns] == [t for t in TURNS if t != QA][1::2]
    assert [p.name for p in call.participants] == [*NAMES, "Operator"]
    assert call.unknown_labels == () and call.warnings == ()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_titles_with_commas_and_firms_with_full_stops_are_read_whole(layout):
    people = {p.name: p for p in parse(transcript(ROSTER, TURNS, layout)).participants}
    assert people["José Núñez-Ortega"].title == "Executive Vice President, Chief Financial Officer and Treasurer"
    assert (people["Susan Anderson"].role, people["Susan Anderson"].firm) == ("analyst", "B. Riley & Co. Inc.")
    assert people["Michael Bellisario"].firm == "Baird."
    assert people["Peter Arment"].firm == "Robert W. Baird and Company"
    assert people["Ann de la Cruz III"].role == "investor relations"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sections_come_from_the_headings_in_both_layouts(layout):
    call = parse(transcript(ROSTER, TURNS, layout))
    assert [t.section for t in call.turns][:5] == ["opening"] * 4 + ["analyst_qa"]
    assert call.turns[-1].section == "closing"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_roster_names_that_never_speak_are_split_from_the_titles_before_them(layout):
    roster = ["Jane Roe -- Head of Global Advisory Services", "Robert Justin Marcus -- Chief Financial Officer",
              "Tom Lee -- Big Bank -- Analyst", "Ki Bin Kim -- Small Bank -- Analyst"]
    call = parse(transcript(roster, ["Jane Roe -- Head of Global Advisory Services", "Welcome, everyone."], layout))
    assert [(p.name, p.title, p.firm) for p in call.participants] == [
        ("Jane Roe", "Head of Global Advisory Services", "Acme Widgets"),
        ("Robert Justin Marcus", "Chief Financial Officer", "Acme Widgets"),
        ("Tom Lee", "Analyst", "Big Bank"),
        ("Ki Bin Kim", "Analyst", "Small Bank"),
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_generic_labels_are_speakers_even_after_speech_without_a_full_stop(layout):
    turns = [ROSTER[0], "Thanks, Ann", "Unidentified Participant", "Hi, it's Christoph here.", "Operator", "Next question."]
    call = parse(transcript(ROSTER, turns, layout))
    assert [t.speaker for t in call.turns] == [NAMES[0], "Unidentified Participant", "Operator"]
    assert call.unknown_labels == ()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_label_not_in_the_roster_is_kept_noted_and_warned(layout):
    turns = [ROSTER[0], "Sales grew.", "Mary Major -- Chief Operating Officer", "And costs fell."]
    call = parse(transcript(ROSTER, turns, layout))
    assert [t.speaker for t in call.turns] == [NAMES[0], "Mary Major"]
    assert call.unknown_labels == ("Mary Major",)
    assert [n.kind for n in call.notes if n.kind == "unlisted label"] == ["unlisted label"]
    assert call.warnings == ("speaker label 'Mary Major' is not in the roster (turns kept)",)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_speech_with_dashes_never_makes_a_speaker(layout):
    speech = ["LG is the first. Mostly LG -- most of the LG sales are prepaid.", "That is -- Christoph here.", "OK. Thank you. -- Sorry."]
    call = parse(transcript(ROSTER, [ROSTER[0], speech[0], ROSTER[4], speech[1], ROSTER[1], speech[2]], layout))
    assert [t.speaker for t in call.turns] == [NAMES[0], NAMES[4], NAMES[1]]
    assert [t.text for t in call.turns] == speech


@pytest.mark.parametrize("layout", LAYOUTS)
def test_bold_markup_around_a_name_is_a_turn_and_a_warning(layout):
    call = parse(transcript(ROSTER, [ROSTER[0], "Sales grew.", "<b>Susan Anderson</b> -- B. Riley & Co. Inc. -- Analyst", "How is demand?"], layout))
    assert [t.speaker for t in call.turns] == [NAMES[0], "Susan Anderson"]
    assert [n.kind for n in call.notes if n.kind == "markup label"] == ["markup label"]
    assert any("markup" in w and "<b>Susan Anderson</b>" in w for w in call.warnings)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_script_tag_in_a_label_is_warned_not_merged_silently(layout):
    call = parse(transcript(ROSTER, [ROSTER[0], "Sales grew.", "<script>alert(1)</script> -- Chief Executive Officer", "Hello."], layout))
    assert any("markup" in w and "<script>" in w for w in call.warnings)
    assert "Hello." in call.text and not any(t.speaker.startswith("<") for t in call.turns)


@pytest.mark.parametrize(
    "name", ['Earl C. "Duke" Austin, Jr.', "José Núñez-Ortega", "Ann de la Cruz III", "A.J. Rice", "Mr. Marty McKenna", "Katie O'Brien"]
)
def test_name_grammar_accepts_real_names(name):
    assert is_name(name)


@pytest.mark.parametrize("text", ["Thank you", "Yes.", "Mostly LG said", "That is", "Chief Financial Officer", "C."])
def test_name_grammar_rejects_speech_and_titles(text):
    assert not is_name(text)


@pytest.mark.parametrize("fields", ["B. Riley & Co. Inc. -- Analyst", "Baird. -- Analyst", "Sanford C. Bernstein -- Analyst"])
def test_title_grammar_accepts_firms_with_full_stops(fields):
    assert title_like(fields)


@pytest.mark.parametrize("fields", ["Thank you. Great.", "how are you", "Is it mix?"])
def test_title_grammar_rejects_sentences(fields):
    assert not title_like(fields)
