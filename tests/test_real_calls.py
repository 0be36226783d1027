"""Real Motley Fool calls (excerpts in tests/fixtures/real/, see the README there): every turn's
speaker, section and offsets are as the published transcript gives them, in both layouts."""

from __future__ import annotations

import json

import pytest

from callanalysis import load, split_call
from tools import evaluate

from .conftest import FIXTURES

REAL = FIXTURES / "real"
TRUTH = {t["file"]: t for t in map(json.loads, (REAL / "truth.jsonl").read_text(encoding="utf-8").splitlines())}


def call(name: str):
    return load(REAL / name)


def participant(name: str, who: str):
    return next(p for p in call(name).participants if p.name == who)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_turn_has_the_published_speaker_section_and_offsets(name):
    got = [(t.speaker, "prepared" if t.section == "opening" else "qa", t.start, t.end) for t in call(name).turns]
    assert got == [(t["speaker"], t["section"], t["start"], t["end"]) for t in TRUTH[name]["turns"]]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_participants_are_the_roster_and_the_operator(name):
    c = call(name)
    assert {p.name for p in c.participants} == set(TRUTH[name]["roster"]) | {"Operator"}
    assert c.unknown_labels == () and c.warnings == ()


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_no_label_becomes_a_sentence(name):
    c = call(name)
    labels = {p.label for p in c.participants if " -- " in p.label}
    assert not [s.text for s in split_call(c) if any(label in s.text for label in labels)]


def test_full_stops_inside_firm_names_stay_in_the_label():
    assert participant("MSM_q1_2021.txt", "Patrick Baumann").firm == "J.P. Morgan"
    assert participant("OKE_q1_2021.txt", "Jean Ann Salisbury").firm == "Sanford C. Bernstein"
    assert participant("ELS_q2_2020.txt", "RJ Milligan").firm == "Robert W. Baird & Co."


def test_one_line_roster_keeps_middle_initials_and_never_makes_a_firm_a_speaker():
    c = call("AAN_q3_2021-oneline.txt")
    assert [p.name for p in c.participants][:4] == ["Michael P. Dickerson", "Douglas A. Lindsay", "C. Kelly Wall", "Steve Olsen"]
    assert participant("AAN_q3_2021-oneline.txt", "Anthony Chukumba").firm == "Loop Capital Markets"
    assert participant("BEN_q4_2021-oneline.txt", "Kenneth B. Worthington").firm == "J.P. Morgan Securities LLC"
    assert participant("BEN_q4_2021-oneline.txt", "Alexander Blostein").firm == "Goldman Sachs & Co. LLC"


def test_one_line_operator_right_after_a_heading_opens_a_turn():
    c = call("AAN_q3_2021-oneline.txt")
    first_qa = next(t for t in c.turns if t.section != "opening")
    assert c.turns[0].speaker == "Operator" and c.text[: c.turns[0].label_start].rstrip().endswith("Prepared Remarks:")
    assert first_qa.speaker == "Operator" and c.text[: first_qa.label_start].rstrip().endswith("Questions & Answers:")


def test_one_line_label_after_speech_without_a_full_stop_opens_a_turn():
    c = call("NOV_q2_2021-oneline.txt")
    turn = next(t for t in c.turns if c.text[: t.label_start].endswith("Thanks, Clay "))
    assert turn.speaker == "Clay C. Williams"


def test_roster_names_outside_the_name_grammar_still_speak():
    assert participant("ENV_q2_2020.txt", "Patrick O'Shaughnessy with").firm == "Raymond James"
    assert participant("EQR_q1_2020-oneline.txt", "Mr. Marty McKenna").title == "Investor Relations"


def test_generic_label_listed_with_a_firm_is_that_analyst():
    p = participant("OKE_q1_2021.txt", "Unknown speaker")
    assert (p.role, p.firm, p.in_roster) == ("analyst", "J.P. Morgan", True)


def test_parser_evaluation_scores_the_excerpts_perfectly():
    scores = evaluate.score_folder(REAL)
    assert {s.layout for s in scores} == {"multi-line", "one-line"}
    assert all(s.share == 1.0 and s.exact_count and s.right_sections == s.turns and not s.fake for s in scores)
