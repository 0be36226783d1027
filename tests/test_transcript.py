"""The transcript parser: metadata, roster, turns, sections and data-quality notes."""

from __future__ import annotations

from datetime import date

import pytest

from callanalysis import TranscriptError, load, parse

from .conftest import FIXTURES

#: The seed's roster in order: (role, firm) by name.
EXPECTED_ROLES = {
    "Martin Viecha": ("investor relations", "Tesla"),
    **dict.fromkeys(("Elon Musk", "Vaibhav Taneja", "Lars Moravy", "Ashok Elluswamy"), ("executive", "Tesla")),
    "Unknown speaker": ("unknown", ""),
    **{name: ("analyst", firm) for name, firm in {
        "Tony Sacconaghi": "AllianceBernstein", "Adam Jonas": "Morgan Stanley", "Alex Potter": "Piper Sandler",
        "Mark Delaney": "Goldman Sachs", "George Gianarikas": "Canaccord Genuity",
        "Colin Rusch": "Oppenheimer and Company", "Shreyas Patil": "Wolfe Research",
    }.items()},
}


def test_seed_metadata_comes_from_the_header(seed_call):
    m = seed_call.metadata
    assert (m.company, m.ticker, m.quarter, m.fiscal_year) == ("Tesla", "TSLA", 1, 2024)
    assert m.date == date(2024, 4, 23)
    assert (m.time, m.timezone) == ("17:30", "ET")


def test_seed_roster_has_thirteen_participants_in_roster_order(seed_call):
    assert [p.name for p in seed_call.participants] == list(EXPECTED_ROLES)


@pytest.mark.parametrize("name", list(EXPECTED_ROLES))
def test_seed_participant_role_and_firm(seed_call, name):
    p = next(p for p in seed_call.participants if p.name == name)
    assert (p.role, p.firm) == EXPECTED_ROLES[name]


def test_seed_titles_are_the_label_titles(seed_call):
    titles = {p.name: p.title for p in seed_call.participants}
    assert titles["Elon Musk"] == "Chief Executive Officer and Product Architect"
    assert titles["Lars Moravy"] == "Vice President, Vehicle Engineering"
    assert titles["Adam Jonas"] == "Analyst"


def test_bare_moderator_gets_investor_relations_title_from_self_introduction(seed_call):
    martin = next(p for p in seed_call.participants if p.name == "Martin Viecha")
    assert martin.title == "VP of investor relations"


def test_seed_has_133_turns_numbered_from_one(seed_call):
    assert [t.turn for t in seed_call.turns] == list(range(1, 134))


def test_turn_offsets_slice_back_to_the_turn_text(seed_call):
    for t in seed_call.turns:
        assert seed_call.text[t.start : t.end] == t.text
        assert t.text == t.text.strip()


def test_turns_are_ordered_and_do_not_overlap(seed_call):
    ends = [t.end for t in seed_call.turns]
    starts = [t.start for t in seed_call.turns]
    assert all(e <= s for e, s in zip(ends, starts[1:]))


def test_every_turn_speaker_matches_the_label_before_it(seed_call):
    labels = {p.name: p.label for p in seed_call.participants}
    for t in seed_call.turns:
        assert seed_call.text[t.label_start : t.start].strip() == labels[t.speaker]


def test_seed_turn_sequence_of_speakers(seed_call):
    first = [t.speaker for t in seed_call.turns[:6]]
    assert first == ["Martin Viecha", "Elon Musk", "Martin Viecha", "Vaibhav Taneja", "Martin Viecha", "Lars Moravy"]
    assert seed_call.turns[-1].speaker == "Martin Viecha"
    assert sum(t.speaker == "Unknown speaker" for t in seed_call.turns) == 3


def test_name_spoken_inside_speech_is_not_a_turn(seed_call):
    # "My name is Martin Viecha, VP of investor relations" is inside turn 1.
    first = seed_call.turns[0]
    assert "My name is Martin Viecha" in first.text
    assert seed_call.turns[1].speaker == "Elon Musk"


def test_first_turn_starts_right_after_the_header(seed_call):
    assert seed_call.turns[0].text.startswith("[Audio gap] first quarter 2024 Q&A webcast.")


def test_last_turn_stops_before_the_duration_and_roster(seed_call):
    assert seed_call.turns[-1].text.endswith("Thank you very much.")
    assert "Duration" not in seed_call.turns[-1].text


def test_seed_section_boundaries_follow_the_moderators_cues(seed_call):
    sections = [t.section for t in seed_call.turns]
    first_of = {s: sections.index(s) + 1 for s in ("opening", "investor_qa", "analyst_qa", "closing")}
    assert first_of == {"opening": 1, "investor_qa": 5, "analyst_qa": 33, "closing": 131}
    assert seed_call.turns[4].text.startswith("OK. Let's start with investor Q&A.")
    assert seed_call.turns[32].text.startswith("Let's go to analyst questions.")
    assert "That's all the time we have today" in seed_call.turns[130].text


def test_sections_never_move_backwards(seed_call):
    order = {"opening": 0, "investor_qa": 1, "analyst_qa": 2, "closing": 3}
    ranks = [order[t.section] for t in seed_call.turns]
    assert ranks == sorted(ranks)


def test_markers_are_kept_in_text_and_counted_as_notes(seed_call):
    markers = [n for n in seed_call.notes if n.kind == "marker"]
    assert [n.text for n in markers] == ["[Audio gap]", "[Inaudible]", "[Inaudible]"]
    for n in markers:
        assert seed_call.text[n.start : n.end] == n.text


def test_zero_minute_duration_is_a_quality_note(seed_call):
    assert any(n.kind == "duration" for n in seed_call.notes)


def test_cut_off_turn_is_a_quality_note(seed_call):
    cut = [n for n in seed_call.notes if n.kind == "cut off"]
    assert [n.turn for n in cut] == [75]


def test_seed_has_no_unlisted_labels(seed_call):
    assert seed_call.unknown_labels == ()


def test_minimal_synthetic_call_parses_roles_and_sections():
    call = load(FIXTURES / "minimal.txt")
    assert call.metadata.company == "Acme Widgets"
    assert call.metadata.date == date(2023, 10, 26)
    assert [(t.speaker, t.section) for t in call.turns] == [
        ("Jane Roe", "opening"),
        ("John Doe", "opening"),
        ("Jane Roe", "analyst_qa"),
        ("Ann Lee", "analyst_qa"),
        ("John Doe", "analyst_qa"),
        ("Unknown speaker", "analyst_qa"),
        ("Jane Roe", "closing"),
    ]
    roles = {p.name: p.role for p in call.participants}
    assert roles == {"Jane Roe": "investor relations", "John Doe": "executive", "Unknown speaker": "unknown", "Ann Lee": "analyst"}


def test_label_missing_from_roster_is_reported_not_dropped():
    call = load(FIXTURES / "unlisted_label.txt")
    assert call.unknown_labels == ("Mary Major",)
    assert any(t.speaker == "Mary Major" and t.text == "And costs fell." for t in call.turns)
    assert any(n.kind == "unlisted label" for n in call.notes)


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "file is empty"),
        (b"   \n\t ", "file is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"<!DOCTYPE html><html><body><p>Page not found</p></body></html>", "HTML page"),
        (b"Just some prose. Nobody is labelled here. The end.", "no speaker labels"),
    ],
    ids=["empty", "whitespace", "binary", "latin1", "html-without-transcript", "no-labels"],
)
def test_bad_input_raises_one_line_error(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TranscriptError) as err:
        load(path)
    message = str(err.value)
    assert problem in message and str(path) in message
    assert "\n" not in message


def test_missing_file_raises_one_line_error(tmp_path):
    with pytest.raises(TranscriptError, match="no such file"):
        load(tmp_path / "nope.txt")


def test_directory_raises_one_line_error(tmp_path):
    with pytest.raises(TranscriptError, match="is a directory"):
        load(tmp_path)


def test_parse_accepts_text_directly():
    call = parse((FIXTURES / "minimal.txt").read_text(encoding="utf-8"))
    assert call.source == "<text>" and len(call.turns) == 7
