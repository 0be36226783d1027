"""What the annotator's speed-ups promise, checked without timing anything.

The timings live in ``benchmarks/profile_annotator.py``; here: repeated and cache-free runs
give the same table, every bounded cache can be cleared, and a screened pattern finds exactly
what its whole regular expression finds.
"""

import gc
import re
import sys

import pandas as pd
import pytest

from callanalysis import load
from callanalysis.label import lexicons
from callanalysis.label import annotate as annotate_module
from callanalysis.label.annotate import annotate, clear_caches
from callanalysis.label.lexicons import ScreenedPattern, required_atoms, screen, split_alternatives

from .conftest import SEED

DETECTORS = ("labels", "hedges", "boosters", "forecasts", "horizons", "claims", "quantities", "topics", "lexicons", "annotate")


@pytest.fixture(scope="module")
def seed_table():
    return annotate(load(SEED))


def test_annotating_the_seed_twice_gives_identical_frames(seed_table):
    again = annotate(load(SEED))
    pd.testing.assert_frame_equal(seed_table, again, check_exact=True)
    assert seed_table.to_csv(index=False) == again.to_csv(index=False)


def test_clearing_the_caches_changes_no_result(seed_table):
    clear_caches()
    pd.testing.assert_frame_equal(seed_table, annotate(load(SEED)), check_exact=True)


def _bounded_caches():
    for name in DETECTORS:
        module = sys.modules[f"callanalysis.{name}"]
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and getattr(value, "__module__", None) == module.__name__ and info().maxsize is not None:
                yield value


def test_every_bounded_cache_is_cleared_by_clear_caches(seed_table):
    caches = list(_bounded_caches())
    assert caches and any(c.cache_info().currsize for c in caches)
    assert annotate_module._remembered in caches  # annotate's memory of sentences across calls
    clear_caches()
    assert [c.__qualname__ for c in caches if c.cache_info().currsize] == []


def test_annotate_restores_the_garbage_collector():
    call = load(SEED)
    assert gc.isenabled()
    annotate(call)
    assert gc.isenabled()
    gc.disable()
    try:
        annotate(call)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _screened_patterns():
    from callanalysis.label import boosters, claims, forecasts, hedges, horizons, narrative, quantities, topics

    for module in (hedges, boosters, forecasts, claims, quantities, horizons, narrative):
        for name, value in vars(module).items():
            if isinstance(value, ScreenedPattern):
                yield f"{module.__name__}.{name}", value
    for form in horizons._FORMS:
        yield f"horizons {form.name}", form.pattern
    for module in (hedges, boosters, forecasts):
        for payload, value in module._matcher()._patterns.members:  # payload None: the plain cues
            yield f"{module.__name__} {'plain cues' if payload is None else repr(payload[0].cue)}", value
    for entry, value in topics._compiled():
        yield f"topic {entry.topic}", value


def _cases(sentence):
    """(text, screen to use): the sentence and pieces of it under the sentence's screen, and
    other spellings under their own."""
    own = screen(sentence)
    yield sentence, own
    yield sentence[: len(sentence) // 2], own
    yield sentence[len(sentence) // 3:], own
    for other in (sentence.upper(), sentence.replace("'", "’"), sentence.replace("s", "\u017f")):
        yield other, screen(other)  # long s matches "s" case-insensitively: screening steps aside


def test_a_screened_pattern_finds_what_the_whole_pattern_finds(seed_table):
    sentences = list(dict.fromkeys(seed_table["text"]))[::3]
    problems = []
    for name, screened in _screened_patterns():
        whole = re.compile(screened.pattern, screened.flags)
        for sentence in sentences:
            for text, bits in _cases(sentence):
                found = screened.compiled(bits)
                want = [m.span() for m in whole.finditer(text)]
                have = [] if found is None else [m.span() for m in found.finditer(text)]
                if have != want:
                    problems.append((name, text))
    assert problems == []


def test_left_out_alternatives_keep_group_names():
    screened = ScreenedPattern(r"(?P<a>apples)|(?P<b>pears)", re.IGNORECASE)
    m = screened.search("Pears, please")
    assert m is not None and m.group("b") == "Pears" and m.group("a") is None
    assert screened.search("plums") is None


def test_required_atoms_are_read_from_the_pattern():
    assert required_atoms(r"(?:I|we)\s+think\b", re.IGNORECASE) == (frozenset({"think"}),)
    assert required_atoms(r"may|might") == (frozenset({"may", "might"}),)
    assert frozenset({"q1", "q2", "q3", "q4"}) in required_atoms(r"\bin\s+Q[1-4]\b", re.IGNORECASE)
    assert set(required_atoms(r"\d+%")) == {frozenset({"%"}), frozenset({lexicons.DIGIT})}
    assert required_atoms(r"\w+") == ()
    assert required_atoms(r"a|b") == ()  # single letters are not atoms


def test_split_alternatives_gives_the_pattern_back():
    for pattern in (r"a|(b|c)|[|]|\||(?:x|y)z", r"no alternatives", r"(?<![\w'’-])(?:a|b)"):
        assert "|".join(split_alternatives(pattern)) == pattern
    assert split_alternatives(r"a|(b|c)|[|]|\||(?:x|y)z") == ["a", "(b|c)", "[|]", r"\|", "(?:x|y)z"]


def test_case_traps_turn_screening_off():
    assert screen("\u017fome") == -1  # long s matches "s" case-insensitively
    screened = ScreenedPattern(r"\bsome\b", re.IGNORECASE)
    assert screened.search("\u017fome text") is not None
    assert screened.search("no match here") is None
