"""The detectors read only the words around a match (the last words before a time expression, the
last clause before it, the places a number can start): cases at the edges of those windows."""

from datetime import date

import pytest

from callanalysis.label.horizons import find_horizons
from callanalysis.label.quantities import find_quantities

CALL = date(2024, 4, 23)


@pytest.mark.parametrize(
    ("text", "written", "comparison", "conditional"),
    [
        ("Margins held up, compared  with 2023.", "compared  with 2023", True, False),  # two words, wide gap
        ("Sales fell (vs. Q2).", "vs. Q2", True, False),  # the preposition starts after "("
        ("We ship, if demand holds; in 2025 for sure.", "in 2025", False, False),  # ";" closes the if-clause
        ("Even if I leave tomorrow, it runs.", "tomorrow", False, True),
        ("We will be there in, say, 3 years.", "in, say, 3 years", False, False),
        ("That takes probably three years.", "three years", False, False),  # the hedge is dropped
    ],
)
def test_words_before_a_time_expression(text: str, written: str, comparison: bool, conditional: bool) -> None:
    (horizon,) = find_horizons(text, CALL)
    assert (horizon.text, horizon.comparison, horizon.conditional) == (written, comparison, conditional)
    assert text[horizon.char_start : horizon.char_end].strip() == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We raised $ 5 billion.", [(5e9, "USD", "$ 5 billion")]),
        ("Margins fell -5% and (-3 units) shipped.", [(-5.0, "%", "-5%"), (-3.0, "units", "-3 units")]),
        ("Model 3 cars and 4680 cells at 12:30 today.", []),  # names and a clock time
        ("It has model\n3 cars and 7 new factories.", [(7.0, "factories", "7 new factories")]),
    ],
)
def test_where_numbers_start(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(q.value, q.unit, q.text) for q in find_quantities(text)] == expected
