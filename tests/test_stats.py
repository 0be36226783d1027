"""stats: the one bootstrap, percentile intervals, verdicts, and scipy's tests and intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from callanalysis.measure import stats


def test_the_same_seed_and_key_give_the_same_draws():
    a = stats.generator(1, ("Ann",)).integers(0, 100, 5)
    assert a.tolist() == stats.generator(1, ("Ann",)).integers(0, 100, 5).tolist()


def test_another_key_or_seed_gives_other_draws():
    a = stats.generator(1, ("Ann",)).integers(0, 10**9, 5).tolist()
    assert a != stats.generator(1, ("Bob",)).integers(0, 10**9, 5).tolist()
    assert a != stats.generator(2, ("Ann",)).integers(0, 10**9, 5).tolist()


def test_key_parts_are_compared_as_text():
    assert stats.generator(1, (3,)).random() == stats.generator(1, ("3",)).random()


def test_resample_sums_draws_rows_with_replacement_and_sums_each_column():
    counts = np.array([[1, 10], [2, 20], [3, 30]])
    sums = stats.resample_sums(counts, 4, stats.generator(5, ("x",)))
    idx = stats.generator(5, ("x",)).integers(0, 3, size=(4, 3))
    assert sums.tolist() == counts[idx].sum(axis=1).tolist()
    assert (sums[:, 1] == 10 * sums[:, 0]).all()  # the rows stay whole


def test_resample_sums_of_an_empty_table_are_nan():
    assert np.isnan(stats.resample_sums(np.empty((0, 2)), 3, np.random.default_rng(0))).all()


def test_ratio_is_nan_where_the_denominator_is_zero():
    assert stats.ratio(np.array([1.0, 2.0]), np.array([4.0, 0.0]), 100).tolist()[0] == 25.0
    assert math.isnan(stats.ratio(np.array([1.0, 2.0]), np.array([4.0, 0.0]))[1])


def test_interval_is_the_percentile_interval_ignoring_nan_draws():
    draws = np.append(np.arange(101, dtype=float), np.nan)
    assert stats.interval(draws, 0.9) == pytest.approx((5.0, 95.0))
    assert all(math.isnan(x) for x in stats.interval(np.full(3, np.nan)))


def test_verdict_reads_where_the_interval_lies():
    assert stats.verdict(0.1, 2.0) == stats.HIGHER
    assert stats.verdict(-2.0, -0.1) == stats.LOWER
    assert stats.verdict(-0.1, 0.1) == stats.UNCLEAR
    assert stats.verdict(math.nan, math.nan) == stats.UNCLEAR


def test_a_level_outside_zero_and_one_is_a_clear_error():
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.check_level(95)


def test_fisher_p_matches_the_lady_tasting_tea():
    # Fisher (1935): 3 of 4 cups right; the two-sided p is (1 + 16 + 16 + 1) / C(8, 4) = 34/70.
    assert stats.fisher_p(3, 1, 1, 3) == pytest.approx(34 / 70)


def test_fisher_p_matches_the_textbook_dieting_example():
    # [[1, 9], [11, 3]]: two-sided p = 0.002759 (the worked example of Fisher's exact test).
    assert stats.fisher_p(1, 9, 11, 3) == pytest.approx(0.002759, abs=5e-7)


def test_wilson_matches_newcombes_published_values():
    # Newcombe (1998), Stat Med 17:857-872, table I, method 3 (score interval).
    assert stats.wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert stats.wilson(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-5)
    assert stats.wilson(0, 20) == pytest.approx((0.0, 0.1611), abs=5e-5)


def test_wilson_of_no_trials_is_nan():
    assert all(math.isnan(x) for x in stats.wilson(0, 0))


def test_poisson_upper_after_no_event_is_minus_log_of_half_alpha():
    assert stats.poisson_upper(0) == pytest.approx(-math.log(0.025))
    assert stats.poisson_upper(0, level=0.9) == pytest.approx(-math.log(0.05))


def test_poisson_upper_after_some_events_is_garwoods_bound():
    assert stats.poisson_upper(5) == pytest.approx(11.668, abs=1e-3)  # Garwood (1936), 95%


def test_percentile_of_is_scipys_percentileofscore_of_kind_mean():
    from scipy import stats as sps

    values = np.random.default_rng(3).integers(0, 20, 300).astype(float)  # many ties
    scores = np.array([-1.0, 0.0, 3.0, 7.5, 19.0, 25.0])
    assert stats.percentile_of(values, scores).tolist() == sps.percentileofscore(values, scores, kind="mean").tolist()
    assert float(stats.percentile_of(values, 7.0)) == sps.percentileofscore(values, 7.0, kind="mean")
