"""Quantities: value + unit."""

from callanalysis.label.quantities import find_quantities, format_quantities


def q(text: str) -> str:
    return format_quantities(find_quantities(text))


def test_dollars_with_magnitude_word():
    assert q("Free cash flow was negative $2.5 billion.") == "2500000000 USD"


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
