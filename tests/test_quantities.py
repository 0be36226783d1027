"""Quantities: value + unit."""

import pytest

from callanalysis.label.lexicons import Words
from callanalysis.label.quantities import find_quantities, format_quantities


def q(text: str) -> str:
    return format_quantities(find_quantities(text))


def test_dollars_with_magnitude_word():
    assert q("Free cash flow was $2.5 billion.") == "2500000000 USD"


def test_dollars_with_thousands_separator():
    assert q("A $25,000 vehicle.") == "25000 USD"


def test_dollars_per_month_rate():
    assert q("Leases start at $299 a month.") == "299 USD/month"


def test_percent_with_decimals():
    assert q("Margins went from 18.9% to 18.5%.") == "18.9 %;18.5 %"


def test_k_suffix_with_rate():
    assert q("The line made 1K a week.") == "1000 units/week"


def test_count_with_product_code_unit():
    assert q("We run 35,000 H100 computers.") == "35000 H100"


def test_energy_unit_with_rate():
    assert q("That is about 7 gigawatt hours per year.") == "7 GWh/year"


def test_count_noun_unit():
    assert q("We shipped to 2,000 employees first.") == "2000 employees"


def test_number_words_with_magnitude():
    assert q("Five million cars.") == "5000000 cars"


def test_range_shares_the_unit():
    assert q("Visibility is 12 to 24 months.") == "12 months;24 months"


def test_hyphenated_units():
    assert q("A 300-mile range and a 60-kilowatt-hour pack.") == "300 miles;60 kWh"


def test_cell_name_4680_is_not_a_quantity():
    assert q("4680 production increased 18%.") == "18 %"


def test_model_and_version_numbers_are_not_quantities():
    assert q("Model 3, Hardware 4, Version 12 and 12.3 in Q1.") == ""


def test_calendar_year_is_not_a_quantity():
    assert q("Growth in 2024 will be lower than in 2023.") == ""


def test_clock_time_is_not_a_quantity():
    assert q("Results came out at 3:00 p.m.") == ""


def test_bare_number_without_unit_is_left_out():
    assert q("It will be 10 million, and then more.") == ""


def test_vague_amount_is_left_out():
    assert q("Somebody earning several hundred thousand dollars a year.") == ""


def test_quantity_keeps_its_text_span():
    (x,) = find_quantities("We had $2.5 billion of outflow.")
    assert x.text == "$2.5 billion" and x.value == 2.5e9 and x.unit == "USD"


def test_a_negative_amount_keeps_its_sign():
    assert q("We had negative free cash flow of $2.5 billion in the first quarter.") == "-2500000000 USD"  # the seed
    assert q("6% of revenues, resulting in free cash flow of negative $16 million.") == "6 %;-16000000 USD"  # HII Q1 2021


def test_a_loss_of_an_amount_is_negative():
    assert q("Although for the first quarter, we expect a loss of about $25 million due to insurance settlements.") == "-25000000 USD"  # ADM Q4 2021
    assert q("In our Corporate segment, we recorded a pre-tax loss of $76 million, as adjusted net investment income was "
             "$45 million lower than last year.") == "-76000000 USD;45000000 USD"  # AFL Q2 2021


def test_losses_are_not_a_sign():
    assert q("At March 31st, our allowance for credit losses was $81.6 million or 1.80% of outstanding loans.") == "81600000 USD;1.8 %"  # CPF Q1 2021


def test_a_negative_impact_of_an_amount_is_negative():
    assert q("Loans had a negative impact of $55 million or 31 basis points to the margin.") == "-55000000 USD"  # CMA Q4 2020


def test_minus_makes_the_amount_after_it_negative():
    assert q("coming off of a quarter with a minus 30% growth number") == "-30 %"  # MSM Q4 2021
    assert q("Same-store expense growth was reduced to negative 1% to 0%.") == "-1 %;0 %"  # EXR Q3 2021


def test_plus_or_minus_is_a_tolerance_not_a_sign():
    assert q("we were generally running the company at, call it, plus or minus, $75 million to $100 million of, call it, "
             "excess liquidity") == "75000000 USD;100000000 USD"  # ARI Q4 2020
    assert q("It's plus or minus 5% either way.") == "5 %"


def test_an_amount_written_negative_is_negative():
    assert q("Net income was -$2.5 billion, or $(0.12) per share, and the margin fell to -5%.") == "-2500000000 USD;-0.12 USD;-5 %"


def test_an_aside_in_parentheses_is_not_negative():
    assert q("Revenue was $5 (about 5 million customers) and (2.5) was the case.") == "5 USD;5000000 customers"


@pytest.mark.parametrize("text", [
    "Three or four months.", "We had negative free cash flow of $2.5 billion.", "It fell to -5% and then $(0.12) per share.",
    "Twenty GPUs and a hundred cars.", "No figure is stated here.", "Version 12.3 in Q1 2024.",
])
def test_the_sentences_words_give_the_same_quantities(text):
    assert find_quantities(Words(text)) == find_quantities(text)


def test_a_sentence_given_as_its_words_has_the_same_quantities():
    """Words lets find_quantities pass over what a sentence cannot hold (no number, no word that
    makes an amount negative) and loses nothing: on these, the seed, the fixtures and the real excerpts."""
    from .test_lexicons import _real_sentences

    written = ["A loss of about $25 million, MINUS 30%, a negative FX impact of $55 million.", "Negative 1% to 0%."]
    for text in [*written, *_real_sentences()]:
        assert find_quantities(text) == find_quantities(Words(text)), text
