"""The sentence splitter: offsets that slice back, and the cases a naive splitter gets wrong."""

from __future__ import annotations

import pytest

from callanalysis import split_call, split_text
from callanalysis.parse.sentences import sentences_frame, word_count


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_text(text)]


def test_seed_sentence_offsets_slice_back_to_the_text(seed_call):
    for s in split_call(seed_call):
        assert seed_call.text[s.start : s.end] == s.text


def test_seed_sentences_stay_inside_their_turn(seed_call):
    turns = {t.turn: t for t in seed_call.turns}
    for s in split_call(seed_call):
        assert turns[s.turn].start <= s.start < s.end <= turns[s.turn].end


def test_sentence_ids_run_from_one_without_gaps(seed_call):
    ids = [s.sentence_id for s in split_call(seed_call)]
    assert ids == list(range(1, len(ids) + 1))


def test_time_abbreviation_pm_does_not_end_a_sentence():
    assert sentences("Results came at about 3:00 p.m. Central Time in the deck. Next.") == [
        "Results came at about 3:00 p.m. Central Time in the deck.",
        "Next.",
    ]


def test_us_inside_a_sentence_does_not_end_it():
    assert len(sentences("The U.S. Treasury agreed. Fine.")) == 2


def test_us_at_the_end_of_a_sentence_ends_it_before_but():
    assert sentences("Cells made in the U.S. But how long does the IRA last?") == [
        "Cells made in the U.S.",
        "But how long does the IRA last?",
    ]


def test_posted_on_x_ends_a_sentence_before_we_expect():
    assert sentences("It is about 7 gigawatt hours per year as we posted on X. We expect to stay ahead.") == [
        "It is about 7 gigawatt hours per year as we posted on X.",
        "We expect to stay ahead.",
    ]


def test_dollar_amounts_and_decimals_do_not_split():
    assert sentences("Revenue was $2.5 billion, margins 18.9%. Good.") == ["Revenue was $2.5 billion, margins 18.9%.", "Good."]


def test_sentence_may_start_with_a_number_such_as_4680():
    assert sentences("Sure. 4680 production increased about 18%.") == ["Sure.", "4680 production increased about 18%."]


def test_quarter_names_do_not_split():
    assert len(sentences("In Q1 we navigated challenges. Q2 will be better.")) == 2


def test_inaudible_marker_inside_a_sentence_does_not_split():
    assert len(sentences("It reached greater than [Inaudible] for Cybertruck, which is about 7 GWh.")) == 1


def test_sentence_may_start_with_a_marker():
    assert sentences("Yes. [Audio gap] first quarter webcast.") == ["Yes.", "[Audio gap] first quarter webcast."]


def test_dash_inside_a_sentence_does_not_split():
    assert len(sentences("So, it's not -- you have to solve both.")) == 1


def test_trailing_dash_keeps_the_cut_off_sentence():
    assert sentences("It is important to keep making the price --") == ["It is important to keep making the price --"]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Elon? Yes! Good.") == ["Elon?", "Yes!", "Good."]


def test_honorific_does_not_end_a_sentence():
    assert len(sentences("Mr. Musk said so. Then he left.")) == 2


def test_word_count_ignores_markers_and_dashes():
    assert word_count("It reached [Inaudible] 7 GWh -- as we posted on X.") == 9


def test_sentences_frame_carries_turn_columns(seed_call):
    df = sentences_frame(seed_call)
    assert list(df.columns[:10]) == ["sentence_id", "turn", "speaker", "title", "firm", "role", "section", "start", "end", "text"]
    first = df.iloc[0]
    assert (first.speaker, first.role, first.section) == ("Martin Viecha", "investor relations", "opening")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_has_no_sentences(text):
    assert split_text(text) == []
