"""The report's statistics in one place: one bootstrap with a fixed seed, and scipy's tests.

Promises:

* :func:`generator` depends only on the seed and a key (a group's name, say), so a group's
  resamples are the same on every run and whatever other groups are in the table;
* :func:`resample_sums` is the one bootstrap of the package: it resamples the rows of a table of
  counts with replacement (their number kept) and sums each column, so any ratio of sums (cues
  per 100 words, a share of sentences, a readability formula) is recomputed from its draws;
* :func:`interval` is the percentile interval of the draws, ignoring draws that are NaN;
  :func:`percentile_of` places a value among others (a tie counting half);
* :func:`wilson`, :func:`fisher_p` and :func:`poisson_upper` are scipy's Wilson score interval,
  two-sided Fisher exact test and exact Poisson bound (the gamma quantile), not re-derived here.

Sentences within a turn are not independent, so resampled intervals are, if anything, too
narrow: the chapters read them as a yardstick, not as a test.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable

import numpy as np

DEFAULT_SEED = 20240423
N_BOOT = 2000
#: What an interval of a difference says (:func:`verdict`).
HIGHER, LOWER, UNCLEAR = "higher", "lower", "no clear difference"


def check_level(level: float) -> None:
    """A confidence level is strictly between 0 and 1 (one clear error otherwise)."""
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")


def generator(seed: int, key: Iterable[object]) -> np.random.Generator:
    """A random generator that depends only on ``seed`` and ``key`` (parts compared as text)."""
    tag = zlib.crc32(repr(tuple(str(k) for k in key)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(tag,)))


def resample_sums(counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` bootstrap draws of the column sums of ``counts`` (rows drawn with replacement, as
    many as there are): one row per draw, one column per column (all NaN for an empty table)."""
    counts = np.asarray(counts, dtype=float)
    if len(counts) == 0:
        return np.full((n_boot, counts.shape[1]), np.nan)
    idx = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    # one column at a time: gathering all columns at once is several times slower
    return np.column_stack([np.take(column, idx).sum(axis=1) for column in counts.T.copy()])


def ratio(num: np.ndarray, den: np.ndarray, per: float = 1.0) -> np.ndarray:
    """``num / den * per`` element by element, NaN where ``den`` is not positive."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0) * per


def interval(draws: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of ``draws`` at ``level`` (NaN draws ignored; NaN when all are)."""
    draws = np.asarray(draws, dtype=float)
    if not np.isfinite(draws).any():
        return math.nan, math.nan
    alpha = (1 - level) / 2
    lo, hi = np.nanquantile(draws, [alpha, 1 - alpha])
    return float(lo), float(hi)


def percentile_of(values: np.ndarray, scores: np.ndarray | float) -> np.ndarray:
    """Where each score stands among ``values``, in percent: the share below it, a tie counting half
    (scipy's ``percentileofscore`` with ``kind="mean"``, by binary search in the sorted values)."""
    ordered = np.sort(values)
    below, up_to = np.searchsorted(ordered, scores, "left"), np.searchsorted(ordered, scores, "right")
    return (below + up_to) * (50.0 / len(ordered))


def verdict(low: float, high: float) -> str:
    """:data:`HIGHER` when an interval of a difference lies above zero, :data:`LOWER` below it,
    else :data:`UNCLEAR`."""
    if np.isfinite(low) and low > 0:
        return HIGHER
    if np.isfinite(high) and high < 0:
        return LOWER
    return UNCLEAR


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion (scipy's ``binomtest``); NaN, NaN when ``n`` is 0."""
    from scipy import stats  # here, not above: a chapter that draws no interval loads no scipy

    if n == 0:
        return math.nan, math.nan
    ci = stats.binomtest(int(successes), int(n)).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def proportion(successes: int, n: int, level: float = 0.95) -> tuple[float, float, float]:
    """``successes / n`` (NaN when ``n`` is 0) and its :func:`wilson` interval."""
    return (successes / n if n else math.nan, *wilson(successes, n, level))


def fisher_p(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact p-value of the 2x2 table ``[[a, b], [c, d]]`` (scipy)."""
    from scipy import stats

    return float(stats.fisher_exact([[a, b], [c, d]]).pvalue)


def poisson_upper(count: int, level: float = 0.95) -> float:
    """Exact (Garwood) upper bound of a Poisson mean after ``count`` events: 3.69 for none at 95%
    (the gamma quantile, ``scipy.stats.gamma.ppf``, as scipy computes it: ``gammaincinv``)."""
    from scipy.special import gammaincinv  # scipy.special alone: a chapter with no test loads no scipy.stats

    return float(gammaincinv(count + 1, 1 - (1 - level) / 2))
