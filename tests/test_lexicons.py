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

ALL_CUES = {
    "hedges": load_hedges, "boosters": load_boosters, "forecast_cues": load_forecast_cues,
    "sentence_types": lambda: lexicons.load_cues("sentence_types.csv"),
}
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
    ("name", "module"), [("hedges", hedges), ("boosters", boosters), ("forecast_cues", forecasts), ("sentence_types", None)]
)
def test_every_rule_named_in_a_lexicon_exists_in_code(name, module):
    for entry in ALL_CUES[name]():
        assert not entry.rule or entry.rule in module.RULES, entry  # sentence_types.csv names no rule


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
        lexicons._read("hedges.csv", lexicons.CueEntry, "cue")


def test_row_without_source_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "hedges.csv").write_text("cue,kind,rule,pattern,starts,source,note\nmaybe,adverb,,,,,\n")
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError, match="empty 'source'"):
        lexicons._read("hedges.csv", lexicons.CueEntry, "cue")


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
    "So we're going to, I don't know, roughly double it; we’ll see.",  # either apostrophe
    "İstanbul Q2: we ſhip more, I think, about 10-ish.",  # letters that ignoring case matches to ASCII ones
    "The 'Cybertruck' costs $25,000.",  # a word after a quote mark
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_word_index_finds_what_each_of_its_patterns_finds_alone(text):
    rows = [
        (r"I\s+think", "i"), (r"think", "think"), (r"(?:could|may)\s+be", "could may"), (r"ab(?P<rest>out)", "abo*"),
        (r"ship\w*", "ship*"), (r"ist\w*", "ist*"), (r"\w+-ish", "*"), (r"['’]ll", "'ll"), (r"\$\d+", "$25"), (r"cybertruck", "cybertruck"),
    ]
    patterns = [re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE) for body, _ in rows]
    index = lexicons.WordIndex(patterns, [starts.split() for _, starts in rows], "test")
    expected = [(i, m.span()) for i, pattern in enumerate(patterns) for m in pattern.finditer(text)]
    assert [(i, m.span()) for i, m in index.finditer(text)] == expected


def _real_sentences():
    from callanalysis import load
    from callanalysis.parse.sentences import sentence_spans

    from .conftest import FIXTURES, SEED

    paths = [SEED, *sorted(FIXTURES.glob("*.txt")), *sorted(FIXTURES.glob("*.html")), *sorted((FIXTURES / "real").glob("*.txt"))]
    return [call.text[s:e] for call in map(load, paths) for _, s, e in sentence_spans(call)]


def _indexes():
    from callanalysis.label import claims, sentence_types, topics

    yield from (("hedges", hedges._HEDGES.index), ("boosters", boosters._BOOSTERS.index))
    yield from (("forecast_cues", forecasts._FORECAST_CUES.index), ("topics", topics._patterns()))
    yield "sentence_types", sentence_types._phrases()[1]
    yield from (("claims", claims._FORM_INDEX), ("past", claims._PAST_INDEX), ("present", claims._PRESENT_INDEX))


@pytest.mark.parametrize(("name", "index"), list(_indexes()))
def test_every_row_is_found_where_its_own_pattern_finds_it(name, index):
    """The start words of every row are complete: on every sentence of the seed, the fixtures
    and the real excerpts, the word index finds exactly what each row's own pattern finds."""
    for text in _real_sentences():
        expected = [(i, m.span()) for i, pattern in enumerate(index.patterns) for m in pattern.finditer(text)]
        assert [(i, m.span()) for i, m in index.finditer(text)] == expected, text


def test_words_are_compared_as_ignoring_case_compares_letters():
    """A character matches an ASCII letter with re.IGNORECASE exactly when it folds to it."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        folded = char.translate(lexicons._FOLD).lower()
        is_letter = len(folded) == 1 and folded.isascii() and folded.isalpha()
        assert bool(letters.fullmatch(char)) == is_letter and (not is_letter or re.fullmatch(folded, char, re.IGNORECASE)), hex(code)


@pytest.mark.parametrize("word", ["ab*", "it's", "two words", ""])
def test_a_bad_start_word_is_a_clear_error(word):
    with pytest.raises(LexiconError, match="bad start word"):
        lexicons.WordIndex([re.compile("x")], [[word]], "hedges.csv")


def test_a_pattern_row_without_starts_is_a_clear_error():
    row = lexicons.CueEntry("maybe", "adverb", "", "may\\s*be", "", "own addition", "")
    with pytest.raises(LexiconError, match="needs its 'starts'"):
        lexicons.CueMatcher("hedges.csv", {}, (row,)).find("maybe")


def test_a_cue_row_naming_an_unknown_rule_is_a_clear_error():
    row = lexicons.CueEntry("maybe", "adverb", "no_such_rule", "", "", "own addition", "")
    with pytest.raises(LexiconError, match="unknown rule 'no_such_rule'"):
        lexicons.CueMatcher("hedges.csv", {}, (row,)).find("maybe")
