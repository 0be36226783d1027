"""Data-quality notes as a table, each located in its sentence."""

from __future__ import annotations

from callanalysis.parse import quality
from callanalysis import sentences_frame


def test_every_marker_note_points_at_the_sentence_that_contains_it(seed_call):
    sents = sentences_frame(seed_call)
    notes = quality.notes_frame(seed_call, sents)
    markers = notes[notes.kind == "marker"]
    for row in markers.itertuples():
        sentence = sents.set_index("sentence_id").loc[int(row.sentence_id)]
        assert sentence.start <= row.start < sentence.end
        assert row.detail in sentence.text


def test_unknown_speaker_note_points_at_the_turns_first_sentence(seed_call):
    sents = sentences_frame(seed_call)
    notes = quality.notes_frame(seed_call, sents)
    row = notes[notes.kind == "unknown speaker"].iloc[0]
    first = sents[sents.turn == row.turn].iloc[0]
    assert row.sentence_id == first.sentence_id and row.speaker == "Unknown speaker"


def test_duration_note_has_no_sentence(seed_call):
    notes = quality.notes_frame(seed_call, sentences_frame(seed_call))
    row = notes[notes.kind == "duration"].iloc[0]
    assert row.sentence_id is None or str(row.sentence_id) == "<NA>"


def test_counts_lists_every_kind_even_when_absent(seed_call):
    notes = quality.notes_frame(seed_call, sentences_frame(seed_call))
    c = quality.counts(notes)
    assert c == {"marker": 3, "unknown speaker": 3, "cut off": 1, "unlisted label": 0, "markup label": 0, "duration": 1}
