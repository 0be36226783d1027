"""Horizon normalisation, one test per pattern, anchored on the call date 2024-04-23."""

from datetime import date

import pytest

from callanalysis.label.forecasts import is_forecast
from callanalysis.label.horizons import anchor, can_anchor, find_horizons, normalise, select_horizon, time_expressions

CALL = date(2024, 4, 23)


def only(text: str) -> tuple[str, str, str]:
    (h,) = find_horizons(text, CALL)
    return h.text, h.start.isoformat(), h.end.isoformat()


def test_bare_duration_without_anchor_is_not_a_horizon():
    assert find_horizons("We see orders 12 to 24 months prior to shipping.", CALL) == ()


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


#: Each case: what it shows -> (a sentence, the call it is said on, the first and last day of its time).
FISCAL = {
    "the_quarter_is_the_reported_quarter":
        ("During the quarter, income rose.", BIO_RAD, "2021-01-01", "2021-03-31"),
    "this_quarter_and_next_quarter_are_the_one_in_progress-1":
        ("We expect to close by the end of this quarter.", BIO_RAD, "2021-04-29", "2021-06-30"),
    "this_quarter_and_next_quarter_are_the_one_in_progress-2":
        ("It should improve next quarter.", BIO_RAD, "2021-04-01", "2021-06-30"),
    "a_yearless_quarter_is_the_reported_one_or_one_of_the_three_after_it-1":
        ("Q4 is usually strong.", BIO_RAD, "2021-10-01", "2021-12-31"),
    "a_yearless_quarter_is_the_reported_one_or_one_of_the_three_after_it-2":
        ("We expect a better Q1.", Q4_CALL, "2022-01-01", "2022-03-31"),
    "a_yearless_quarter_is_the_reported_one_or_one_of_the_three_after_it-3":
        ("Q4 was strong.", Q4_CALL, "2021-10-01", "2021-12-31"),
    "this_year_after_a_fourth_quarter_is_the_new_fiscal_year-1":
        ("We expect growth this year.", Q4_CALL, "2022-01-01", "2022-12-31"),
    "this_year_after_a_fourth_quarter_is_the_new_fiscal_year-2":
        ("Last year was hard.", Q4_CALL, "2021-01-01", "2021-12-31"),
    "fiscal_periods_follow_the_companys_fiscal_year-1":
        ("We expect growth this year.", JULY_YEAR, "2021-07-01", "2022-06-30"),
    "fiscal_periods_follow_the_companys_fiscal_year-2":
        ("Margins improve in Q4.", JULY_YEAR, "2022-04-01", "2022-06-30"),
    "fiscal_periods_follow_the_companys_fiscal_year-3":
        ("Sales in Q2 2022 rose.", JULY_YEAR, "2021-10-01", "2021-12-31"),
    "the_rest_of_the_year_runs_from_the_call_to_the_fiscal_years_end-1":
        ("for the remainder of the year", BIO_RAD, "2021-04-29", "2021-12-31"),
    "the_rest_of_the_year_runs_from_the_call_to_the_fiscal_years_end-2":
        ("over the balance of the year", BIO_RAD, "2021-04-29", "2021-12-31"),
    "quarter_codes_with_the_number_first_are_quarters":
        ("growth in 4Q", BIO_RAD, "2021-10-01", "2021-12-31"),
    "the_full_year_is_the_current_fiscal_year":
        ("Full year non-GAAP gross margin", BIO_RAD, "2021-01-01", "2021-12-31"),
}


@pytest.mark.parametrize(("sentence", "call", "first", "last"), FISCAL.values(), ids=FISCAL.keys())
def test_times_read_against_the_calls_fiscal_calendar(sentence, call, first, last):
    assert fiscal(sentence, call) == (first, last)


def test_year_over_year_is_no_period():
    assert find_horizons("The year-over-year R&D expenses increased.", BIO_RAD) == ()


def test_without_a_quarter_in_the_header_the_calendar_quarters_count():
    assert anchor(date(2024, 4, 23)) == anchor(date(2024, 4, 23), 1, None)


#: Each case: what it shows -> (a sentence, its one time expression as written, its first and last day).
ONLY = {
    "this_year":
        ("We will keep ramping this year.",
         "this year", "2024-01-01", "2024-12-31"),
    "next_year":
        ("Sales will grow next year.",
         "next year", "2025-01-01", "2025-12-31"),
    "by_the_end_of_the_year_starts_at_the_call":
        ("We will beat cost by the end of the year.",
         "by the end of the year", "2024-04-23", "2024-12-31"),
    "by_the_end_of_this_year":
        ("It will exceed suppliers by the end of this year.",
         "by the end of this year", "2024-04-23", "2024-12-31"),
    "toward_the_end_of_next_year":
        ("It should ship toward the end of next year.",
         "toward the end of next year", "2025-10-01", "2025-12-31"),
    "named_month":
        ("We will show it in August.",
         "in August", "2024-08-01", "2024-08-31"),
    # the call (23 April 2024) reports on the first quarter: March is the March just past
    "a_month_of_the_reported_quarter_is_that_month":
        ("We will show it in March.",
         "in March", "2024-03-01", "2024-03-31"),
    "a_month_after_the_reported_quarter_is_the_coming_one":
        ("We will show it in December.",
         "in December", "2024-12-01", "2024-12-31"),
    "till_month_starts_at_the_call":
        ("We will have to wait till August.",
         "till August", "2024-04-23", "2024-08-31"),
    "month_and_day":
        ("More on August 8.",
         "on August 8", "2024-08-08", "2024-08-08"),
    "quarter_code":
        ("Cash flow turns positive in Q3.",
         "in Q3", "2024-07-01", "2024-09-30"),
    "quarter_in_words":
        ("The build reverses in the second quarter.",
         "in the second quarter", "2024-04-01", "2024-06-30"),
    "throughout_quarter":
        ("We stay ahead throughout Q2.",
         "throughout Q2", "2024-04-01", "2024-06-30"),
    "quarter_after_from_is_the_previous_one":
        ("Output rose 18% from Q4.",
         "from Q4", "2023-10-01", "2023-12-31"),
    "first_half_of_year":
        ("Launch in the first half of 2025.",
         "in the first half of 2025", "2025-01-01", "2025-06-30"),
    "second_half_of_year":
        ("Start of production in the second half of 2025.",
         "in the second half of 2025", "2025-07-01", "2025-12-31"),
    "early_year":
        ("More like early 2025.",
         "early 2025", "2025-01-01", "2025-04-30"),
    "late_this_year":
        ("If not late this year.",
         "late this year", "2024-09-01", "2024-12-31"),
    "in_n_months_range":
        ("Much better in three or four months.",
         "in three or four months", "2024-07-23", "2024-08-23"),
    "in_n_months_with_fillers":
        ("How good it will be in like, let's say, three or four months.",
         "in like, let's say, three or four months", "2024-07-23", "2024-08-23"),
    "in_n_years":
        ("We will be there in two years.",
         "in two years", "2026-04-23", "2026-04-23"),
    "a_year_or_so":
        ("It will be 7 million cars in a year or so.",
         "in a year or so", "2025-04-23", "2025-04-23"),
    "bare_duration_after_a_hedge":
        ("It would be in a car probably three years.",
         "three years", "2027-04-23", "2027-04-23"),
    "over_the_next_n_years":
        ("Over the next three years we will grow.",
         "Over the next three years", "2024-04-23", "2027-04-23"),
    "the_decade":
        ("In the decade it's tens of millions of cars.",
         "In the decade", "2024-04-23", "2029-12-31"),
    "bare_year":
        ("They expect a 2024 growth rate below plan.",
         "2024", "2024-01-01", "2024-12-31"),
    "another_couple_of_months":
        ("I'll be around for another couple of months or so.",
         "for another couple of months or so", "2024-06-23", "2024-06-23"),
    "n_years_from_now":
        ("A cheaper car a couple of years from now.",
         "a couple of years from now", "2026-04-23", "2026-04-23"),
    "in_the_next_n_months":
        ("See you on the call in the next three months.",
         "in the next three months", "2024-04-23", "2024-07-23"),
    "mid_year":
        ("Launch by mid-2025.",
         "by mid-2025", "2024-04-23", "2025-08-31"),
}


@pytest.mark.parametrize(("sentence", "written", "first", "last"), ONLY.values(), ids=ONLY.keys())
def test_the_one_time_expression(sentence, written, first, last):
    assert only(sentence) == (written, first, last)


def test_each_form_is_looked_for_only_in_a_sentence_with_a_word_it_needs():
    """Every match of a form names one of the words that form needs (so skipping a sentence without
    them loses nothing): on the sentences of these tests, the seed, the fixtures and the real excerpts."""
    from callanalysis.label import horizons
    from callanalysis.label.lexicons import Words

    from .test_lexicons import _real_sentences

    written = [sentence for sentence, *_ in ONLY.values()] + ["In 1Q24 and 2Q '24, Q3 2025, H2, FY2024 and mid-2026."]
    written += ["Even if I leave tomorrow, unless it rains in May, whether by 2025 or not."]
    for text in written + _real_sentences():
        for (name, _, _), pattern in zip(horizons._FORMS, horizons._FORM_RES):
            for m in pattern.finditer(text):
                assert not horizons._NEEDS[name].isdisjoint(Words(m.group()).at), (name, m.group(), text)
        for h in time_expressions(text):  # and an if-clause open before a time begins with a word it needs
            m = horizons._IF_OPEN.search(text, 0, h.char_start)
            assert m is None or not horizons._IF_WORDS.isdisjoint(Words(m.group()).at), (m.group(), text)


def test_this_quarter_that_may_be_the_reported_quarter_cannot_make_a_forecast():
    # ABC_q3_2021: the quarter being reported, not the one the call takes place in
    text = "Our specialty physician services business had strong performance this quarter and continues to differentiate AmerisourceBergen."
    (h,) = find_horizons(text, CALL)
    assert h.may_be_reported and not can_anchor(h)
    assert is_forecast(text, when=CALL) is False


def test_this_quarter_stays_the_horizon_of_a_forecast_made_by_a_future_verb():
    # TEL_q3_2021: "will / expect ... this quarter" is the current quarter
    text = "And we expect to close by the end of this quarter."
    assert only(text) == ("by the end of this quarter", "2024-04-23", "2024-06-30")
    h = select_horizon(find_horizons("We expect to complete our next securitization this quarter.", CALL), [3], CALL)  # VAC_q3_2021
    assert (h.text, h.start, h.end) == ("this quarter", date(2024, 4, 1), date(2024, 6, 30))


def test_the_year_after_a_fourth_quarter_may_be_the_reported_year():
    # BAH_q4_2021 (fiscal year to March): the year just reported, not the new one
    when = anchor(date(2021, 5, 25), 4, 2021)
    text = "Capital expenditures for the year totaled $87 million, as we continue to invest in infrastructure."
    (h,) = find_horizons(text, when)
    assert h.may_be_reported and is_forecast(text, when=when) is False


def test_this_year_before_the_fourth_quarter_can_still_make_a_forecast():
    # near miss: mid-year, the reported quarter's year is the current one (GUIDELINE: "continue to ramp this year")
    (h,) = find_horizons("And we continue to ramp this year.", CALL)
    assert not h.may_be_reported and is_forecast("And we continue to ramp this year.", when=CALL)


def test_the_year_ahead_is_the_coming_year():
    # BAH_q4_2021: "ahead" leaves no reading of the year just reported
    when = anchor(date(2021, 5, 25), 4, 2021)
    assert is_forecast("We see growth in the year ahead.", when=when)


@pytest.mark.parametrize("written", ["earlier this year", "so far this year"])
def test_earlier_or_so_far_this_year_is_a_past_reference(written):
    # DVN_q3_2021 ("found the bottom of this cycle earlier this year"), FSS_q3_2021 ("orders so far this year")
    (h,) = find_horizons(f"We continue to see strong momentum, as orders grew {written}.", CALL)
    assert h.text == written and h.past_reference and not can_anchor(h)


def test_later_this_year_is_still_a_future_time():
    # near miss: "later" keeps the horizon and runs from the call date
    assert only("We expect to launch later this year.") == ("later this year", "2024-04-23", "2024-12-31")
