"""Horizon normalisation, one test per pattern, anchored on the call date 2024-04-23."""

from datetime import date

import pytest

from callanalysis.label.horizons import anchor, can_anchor, find_horizons, normalise, select_horizon, time_expressions

CALL = date(2024, 4, 23)


def only(text: str) -> tuple[str, str, str]:
    (h,) = find_horizons(text, CALL)
    return h.text, h.start.isoformat(), h.end.isoformat()


def test_this_year():
    assert only("We will keep ramping this year.") == ("this year", "2024-01-01", "2024-12-31")


def test_next_year():
    assert only("Sales will grow next year.") == ("next year", "2025-01-01", "2025-12-31")


def test_by_the_end_of_the_year_starts_at_the_call():
    assert only("We will beat cost by the end of the year.") == ("by the end of the year", "2024-04-23", "2024-12-31")


def test_by_the_end_of_this_year():
    assert only("It will exceed suppliers by the end of this year.")[2] == "2024-12-31"


def test_toward_the_end_of_next_year():
    assert only("It should ship toward the end of next year.") == ("toward the end of next year", "2025-10-01", "2025-12-31")


def test_named_month():
    assert only("We will show it in August.") == ("in August", "2024-08-01", "2024-08-31")


def test_a_month_of_the_reported_quarter_is_that_month():
    # the call (23 April 2024) reports on the first quarter: March is the March just past
    assert only("We will show it in March.")[1:] == ("2024-03-01", "2024-03-31")


def test_a_month_after_the_reported_quarter_is_the_coming_one():
    assert only("We will show it in December.")[1:] == ("2024-12-01", "2024-12-31")


def test_till_month_starts_at_the_call():
    assert only("We will have to wait till August.") == ("till August", "2024-04-23", "2024-08-31")


def test_month_and_day():
    assert only("More on August 8.") == ("on August 8", "2024-08-08", "2024-08-08")


def test_quarter_code():
    assert only("Cash flow turns positive in Q3.") == ("in Q3", "2024-07-01", "2024-09-30")


def test_quarter_in_words():
    assert only("The build reverses in the second quarter.")[1:] == ("2024-04-01", "2024-06-30")


def test_throughout_quarter():
    assert only("We stay ahead throughout Q2.") == ("throughout Q2", "2024-04-01", "2024-06-30")


def test_quarter_after_from_is_the_previous_one():
    assert only("Output rose 18% from Q4.")[1:] == ("2023-10-01", "2023-12-31")


def test_first_half_of_year():
    assert only("Launch in the first half of 2025.")[1:] == ("2025-01-01", "2025-06-30")


def test_second_half_of_year():
    assert only("Start of production in the second half of 2025.")[1:] == ("2025-07-01", "2025-12-31")


def test_early_year():
    assert only("More like early 2025.") == ("early 2025", "2025-01-01", "2025-04-30")


def test_late_this_year():
    assert only("If not late this year.") == ("late this year", "2024-09-01", "2024-12-31")


def test_in_n_months_range():
    assert only("Much better in three or four months.")[1:] == ("2024-07-23", "2024-08-23")


def test_in_n_months_with_fillers():
    assert only("How good it will be in like, let's say, three or four months.")[2] == "2024-08-23"


def test_in_n_years():
    assert only("We will be there in two years.")[1:] == ("2026-04-23", "2026-04-23")


def test_a_year_or_so():
    assert only("It will be 7 million cars in a year or so.") == ("in a year or so", "2025-04-23", "2025-04-23")


def test_bare_duration_after_a_hedge():
    assert only("It would be in a car probably three years.") == ("three years", "2027-04-23", "2027-04-23")


def test_bare_duration_without_anchor_is_not_a_horizon():
    assert find_horizons("We see orders 12 to 24 months prior to shipping.", CALL) == ()


def test_over_the_next_n_years():
    assert only("Over the next three years we will grow.")[1:] == ("2024-04-23", "2027-04-23")


def test_the_decade():
    assert only("In the decade it's tens of millions of cars.") == ("In the decade", "2024-04-23", "2029-12-31")


def test_bare_year():
    assert only("They expect a 2024 growth rate below plan.") == ("2024", "2024-01-01", "2024-12-31")


def test_ago_is_in_the_past():
    (h,) = find_horizons("That was a month ago.", CALL)
    assert h.end == date(2024, 3, 23) and h.anachronism


def test_anachronism_when_the_horizon_ended_before_the_call():
    (h, _later) = find_horizons("First vehicles are planned for late 2021, customers in 2026.", CALL)
    assert h.end == date(2021, 12, 31) and h.anachronism


def test_select_horizon_takes_the_first_after_the_cue():
    text = "Output rose from Q4 and we expect to stay ahead throughout Q2."
    hs = find_horizons(text, CALL)
    assert select_horizon(hs, [text.index("expect")], CALL).text == "throughout Q2"


def test_select_horizon_skips_a_comparison_after_the_cue():
    text = "We expect deployments to grow 75% from 2023."
    assert select_horizon(find_horizons(text, CALL), [text.index("expect")], CALL) is None


def test_select_horizon_never_picks_a_past_reference():
    text = "About a month ago I decided that I'll be moving on."
    assert select_horizon(find_horizons(text, CALL), [text.index("'ll")], CALL) is None


def test_select_horizon_never_picks_a_time_inside_an_if_clause():
    text = "Even if I leave tomorrow, Tesla will solve it."
    assert select_horizon(find_horizons(text, CALL), [text.index("will")], CALL) is None


def test_another_couple_of_months():
    assert only("I'll be around for another couple of months or so.")[2] == "2024-06-23"


def test_n_years_from_now():
    assert only("A cheaper car a couple of years from now.")[1:] == ("2026-04-23", "2026-04-23")


def test_in_the_next_n_months():
    assert only("See you on the call in the next three months.")[1:] == ("2024-04-23", "2024-07-23")


def test_mid_year():
    assert only("Launch by mid-2025.")[2] == "2025-08-31"


def test_last_year_is_a_past_reference_not_a_forecast_horizon():
    text = "During the investor day last year, you mentioned that cost would decline."
    (h,) = find_horizons(text, CALL)
    assert h.past_reference and select_horizon([h], [text.index("you")], CALL) is None


def test_within_n_months_runs_from_the_call():
    (h,) = find_horizons("We expect to finish within 18 months.", CALL)
    assert (h.text, h.start, h.end) == ("within 18 months", CALL, date(2025, 10, 23))


@pytest.mark.parametrize(
    ("sentence", "anchors"),
    [
        ("We will ship it next year.", True),
        ("Deliveries grew from 2023.", False),  # a comparison
        ("We launched it a month ago.", False),  # a past reference
        ("Even if I leave tomorrow, the team will carry on.", False),  # inside an if-clause
    ],
)
def test_only_a_time_that_is_no_comparison_past_reference_or_condition_can_anchor_a_forecast(sentence, anchors):
    times = time_expressions(sentence)
    assert len(times) == 1 and can_anchor(times[0]) is anchors
    assert [can_anchor(h) for h in normalise(times, CALL)] == [anchors]  # the dated horizon says the same


def fiscal(text: str, when) -> tuple[str, str]:
    (h,) = find_horizons(text, when)
    return h.start.isoformat(), h.end.isoformat()


BIO_RAD = anchor(date(2021, 4, 29), 1, 2021)  # call on 29 April 2021 reporting Q1 2021
Q4_CALL = anchor(date(2022, 2, 10), 4, 2021)  # reporting the fourth quarter of 2021
JULY_YEAR = anchor(date(2021, 11, 18), 1, 2022)  # fiscal year from July: Q1 FY2022 is Jul-Sep 2021


def test_the_quarter_is_the_reported_quarter():
    assert fiscal("During the quarter, income rose.", BIO_RAD) == ("2021-01-01", "2021-03-31")


def test_this_quarter_and_next_quarter_are_the_one_in_progress():
    assert fiscal("We expect to close by the end of this quarter.", BIO_RAD) == ("2021-04-29", "2021-06-30")
    assert fiscal("It should improve next quarter.", BIO_RAD) == ("2021-04-01", "2021-06-30")


def test_a_yearless_quarter_is_the_reported_one_or_one_of_the_three_after_it():
    assert fiscal("Q4 is usually strong.", BIO_RAD) == ("2021-10-01", "2021-12-31")
    assert fiscal("We expect a better Q1.", Q4_CALL) == ("2022-01-01", "2022-03-31")
    assert fiscal("Q4 was strong.", Q4_CALL) == ("2021-10-01", "2021-12-31")


def test_this_year_after_a_fourth_quarter_is_the_new_fiscal_year():
    assert fiscal("We expect growth this year.", Q4_CALL) == ("2022-01-01", "2022-12-31")
    assert fiscal("Last year was hard.", Q4_CALL) == ("2021-01-01", "2021-12-31")


def test_fiscal_periods_follow_the_companys_fiscal_year():
    assert fiscal("We expect growth this year.", JULY_YEAR) == ("2021-07-01", "2022-06-30")
    assert fiscal("Margins improve in Q4.", JULY_YEAR) == ("2022-04-01", "2022-06-30")
    assert fiscal("Sales in Q2 2022 rose.", JULY_YEAR) == ("2021-10-01", "2021-12-31")


def test_the_rest_of_the_year_runs_from_the_call_to_the_fiscal_years_end():
    assert fiscal("for the remainder of the year", BIO_RAD) == ("2021-04-29", "2021-12-31")
    assert fiscal("over the balance of the year", BIO_RAD) == ("2021-04-29", "2021-12-31")


def test_quarter_codes_with_the_number_first_are_quarters():
    assert fiscal("growth in 4Q", BIO_RAD) == ("2021-10-01", "2021-12-31")


def test_the_full_year_is_the_current_fiscal_year():
    assert fiscal("Full year non-GAAP gross margin", BIO_RAD) == ("2021-01-01", "2021-12-31")


def test_year_over_year_is_no_period():
    assert find_horizons("The year-over-year R&D expenses increased.", BIO_RAD) == ()


def test_without_a_quarter_in_the_header_the_calendar_quarters_count():
    assert anchor(date(2024, 4, 23)) == anchor(date(2024, 4, 23), 1, None)
