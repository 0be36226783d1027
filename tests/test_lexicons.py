"""The lexicon files: present, sourced, loadable, and consistent with the detectors."""

import re

import pytest

from callanalysis.label import boosters, forecasts, hedges, lexicons
from callanalysis.label.lexicons import (
    LexiconError,
    baseline_words,
    compile_cue,
    load_baselines,
    load_boosters,
    load_forecast_cues,
    load_hedges,
    load_topics,
)

ALL_CUES = {"hedges": load_hedges, "boosters": load_boosters, "forecast_cues": load_forecast_cues}
KNOWN_SOURCES = ("Hyland (2005)", "Loughran-McDonald (2011)", "Li (2010)", "own addition")


@pytest.mark.parametrize("name", sorted(ALL_CUES))
def test_every_cue_row_has_a_known_source(name):
    for entry in ALL_CUES[name]():
        assert entry.source and any(s in entry.source for s in KNOWN_SOURCES), entry


@pytest.mark.parametrize("name", sorted(ALL_CUES))
def test_own_additions_say_why(name):
    for entry in ALL_CUES[name]():
        if entry.source == "own addition":
            assert entry.note, entry


def test_every_topic_and_baseline_row_has_a_source():
    assert all(e.source for e in load_topics())
    assert all(e.source for e in load_baselines())


@pytest.mark.parametrize(
    ("name", "module"), [("hedges", hedges), ("boosters", boosters), ("forecast_cues", forecasts)]
)
def test_every_rule_named_in_a_lexicon_exists_in_code(name, module):
    for entry in ALL_CUES[name]():
        assert not entry.rule or entry.rule in module.RULES, entry


@pytest.mark.parametrize("name", sorted(ALL_CUES))
def test_every_cue_pattern_compiles(name):
    for entry in ALL_CUES[name]():
        assert compile_cue(entry).pattern


def test_cues_match_whole_words_only():
    (may,) = [e for e in load_hedges() if e.cue == "may"]
    assert compile_cue(may).search("the mayor") is None
    assert compile_cue(may).search("it may rain") is not None


def test_baselines_are_the_published_lists_verbatim():
    assert len(baseline_words("lm_weak_modal")) == 27
    assert len(baseline_words("lm_strong_modal")) == 19
    assert len(baseline_words("li2010_forward")) == 17
    assert "will" in baseline_words("lm_strong_modal") and "will" in baseline_words("li2010_forward")


def test_unknown_baseline_list_is_a_clear_error():
    with pytest.raises(LexiconError, match="unknown baseline list"):
        baseline_words("nope")


def test_topics_have_unique_priorities():
    priorities = [e.priority for e in load_topics()]
    assert len(priorities) == len(set(priorities))


def test_loaders_are_cached():
    assert load_hedges() is load_hedges()


def test_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match="lexicon file not found"):
        lexicons._read("hedges.csv", ("cue", "source"), "cue")


def test_row_without_source_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "hedges.csv").write_text("cue,kind,rule,pattern,source,note\nmaybe,adverb,,,,\n")
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match="empty 'source'"):
        lexicons._read("hedges.csv", ("cue", "kind", "rule", "pattern", "source", "note"), "cue")


def test_lexicon_directory_is_in_the_repository():
    assert lexicons.LEXICON_DIR.name == "lexicons" and (lexicons.LEXICON_DIR / "README.md").is_file()


def test_source_counts_cover_every_lexicon_file_and_sum_to_at_least_the_rows():
    import csv

    from callanalysis.label.lexicons import LEXICON_DIR, source_counts

    counts = source_counts()
    files = {f for f, _, _ in counts}
    assert files == {p.name for p in LEXICON_DIR.glob("*.csv")}
    for path in LEXICON_DIR.glob("*.csv"):
        rows = sum(1 for _ in csv.DictReader(path.open(encoding="utf-8")))
        assert sum(n for f, _, n in counts if f == path.name) >= rows


SENTENCES = [
    "We think it could be about 40 GWh, I THINK, maybe more.",  # mixed case
    "So we're going to, I don't know, roughly double it.",
    "İstanbul Q2: we ſhip more, I think.",  # letters that ignoring case matches to ASCII ones
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_pattern_set_finds_what_each_of_its_patterns_finds_alone(text):
    bodies = [r"I\s+think", r"think", r"(?:could|may)\s+be", r"ab(?P<rest>out)", r"s", r"i\w*"]
    patterns = lexicons.PatternSet(bodies, re.IGNORECASE, prefix=r"(?<![\w'’-])")
    expected = [
        (i, m.span()) for i, body in enumerate(bodies)
        for m in re.finditer(rf"(?<![\w'’-])(?:{body})", text, re.IGNORECASE)
    ]
    assert [(i, m.span()) for i, m in patterns.finditer(text)] == expected


def test_a_cue_row_naming_an_unknown_rule_is_a_clear_error():
    row = lexicons.CueEntry("maybe", "adverb", "no_such_rule", "", "own addition", "")
    with pytest.raises(LexiconError, match="unknown rule 'no_such_rule'"):
        lexicons.CueMatcher((row,), {}, "hedges.csv")
