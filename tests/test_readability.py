"""readability: Flesch reading ease and Gunning fog per speaker."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import textstat

from callanalysis.measure import readability as R


def frame(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sentence_id", "speaker", "text"])


def test_markers_and_bare_dashes_are_removed_before_scoring():
    assert R.clean_text("We grew [Inaudible] about -- 20%  in next-generation.") == "We grew about 20% in next-generation."


def test_scores_are_the_formulas_on_the_reports_own_sentences_and_words():
    df = frame([(2, "A", "It was a good quarter for the energy business."), (1, "A", "Thanks, Martin"), (3, "B", "Yes.")])
    out = R.readability(df).set_index("speaker")
    words, sentences = 2 + 9, 2  # the report's words and sentences, not textstat's splitter
    syllables = textstat.syllable_count("Thanks, Martin.") + textstat.syllable_count(df.loc[0, "text"])
    assert out.loc["A", "words"] == words
    assert out.loc["A", "flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * words / sentences - 84.6 * syllables / words)
    difficult = textstat.difficult_words(df.loc[0, "text"], syllable_threshold=3, unique=False)
    assert out.loc["A", "gunning_fog"] == pytest.approx(0.4 * (words / sentences + 100 * difficult / words))


def test_words_per_sentence_is_the_reports_words_over_its_sentences():
    df = frame([(1, "A", "Thank you."), (2, "A", "We build cars in Texas and in Berlin."), (3, "A", "[Inaudible]")])
    ci = R.readability_ci(df, n_boot=20).iloc[0]
    assert ci["words_per_sentence"] == pytest.approx((2 + 8) / 2)


def test_the_same_sentences_get_the_same_interval_whichever_group_they_are_in():
    df = frame([(i, "A", f"We built {i} cars in Texas last quarter, mostly Model Y.") for i in range(1, 30)])
    a = R.readability_ci(df, n_boot=200).iloc[0]
    b = R.readability_ci(df.assign(speaker="B"), n_boot=200).iloc[0]
    assert (a["fog_low"], a["fog_high"]) == (b["fog_low"], b["fog_high"])


def test_speakers_under_100_words_are_kept_but_marked_unreliable():
    long = " ".join(["We build cars in Texas."] * 21)  # 105 words
    out = R.readability(frame([(1, "A", long), (2, "B", "We build cars.")])).set_index("speaker")
    assert out.loc["A", "reliable"] and not out.loc["B", "reliable"]
    assert out.loc["B", "words"] == 3 and not math.isnan(out.loc["B", "flesch_reading_ease"])


def test_a_speaker_with_only_markers_gets_nan_scores():
    out = R.readability(frame([(1, "A", "[Inaudible]")]))
    assert math.isnan(out.loc[0, "flesch_reading_ease"]) and math.isnan(out.loc[0, "gunning_fog"])


def test_module_states_that_the_formulas_were_built_for_written_text():
    assert "built for *written* text" in " ".join(R.__doc__.split())


def test_score_draws_are_the_formulas_of_resampled_sentence_counts():
    import numpy as np

    from callanalysis.measure import stats

    texts = ["We grew revenue twenty percent.", "Margins were stable.", "Thank you.", "Autonomy is the future."]
    df = frame([(i, "A", t) for i, t in enumerate(texts, start=1)])
    fre, fog = R.score_draws(df, 50, 7)
    counts = np.array([R.components(t) for t in texts], dtype=float)
    rng = stats.generator(7, ("readability", 1, 2, 3, 4))
    sums = np.take(counts, rng.integers(0, len(texts), size=(50, len(texts))), axis=0).sum(axis=1)
    want_fre, want_fog = R.formulas(sums[:, 0], sums[:, 1], sums[:, 2], sums[:, 3])
    assert fre.tolist() == want_fre.tolist() and fog.tolist() == want_fog.tolist()


def test_counts_added_once_give_the_same_scores_as_counting_on_the_fly():
    df = frame([(i, "A" if i % 2 else "B", f"We built {i} cars in Texas last quarter, mostly Model Y.")
                for i in range(1, 12)])
    counted = R.add_counts(df)
    assert list(counted.columns[-4:]) == list(R.COUNTS)
    pd.testing.assert_frame_equal(R.readability_ci(counted, n_boot=50), R.readability_ci(df, n_boot=50))


def test_reading_the_scores_leaves_textstats_syllable_counter_as_installed():
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    R.readability(frame([(1, "A", "We build cars in Texas.")]))
    assert _count_syllables.get_cmudict is _get_cmudict.get_cmudict
