"""consistency: figures in the transcript that contradict each other or common sense."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from callanalysis import sentences_frame
from callanalysis.measure.consistency import KINDS, NOTE, check, checks_table, load_plausibility


def table(texts: list[tuple[int, str]], **extra) -> pd.DataFrame:
    """Sentences (turn, text) numbered 1, 2, ... by speaker 'S'."""
    rows = [{"sentence_id": i + 1, "turn": t, "speaker": "S", "text": x} for i, (t, x) in enumerate(texts)]
    return pd.DataFrame(rows).assign(**extra)


def kinds(df: pd.DataFrame, **kw) -> list[str]:
    return check(df, **kw)["kind"].tolist()


def test_more_than_168_hours_a_week_is_beyond_a_bound():
    f = check(table([(1, "The car is used 170 hours a week.")]))
    assert f["kind"].tolist() == ["beyond a bound"]
    assert (f.loc[0, "stated_value"], f.loc[0, "reference_value"]) == (170.0, 168.0)
    assert f.loc[0, "note"] == NOTE == "likely transcription error"


@pytest.mark.parametrize("text", ["We run it 25 hours a day.", "Gross margin of 120% this quarter.",
                                  "Our market share was 130 percent.", "It is busy 110% of the time.",
                                  "A 140% market share in the segment."])
def test_a_figure_beyond_what_arithmetic_or_a_definition_allows_is_a_finding(text):
    assert kinds(table([(1, text)])) == ["beyond a bound"]


@pytest.mark.parametrize("text", ["The car is used 150 hours a week.", "Our gross margin was 18.5% this quarter.",
                                  "Revenue grew 120% from last year.", "That is 150% of the prior target."])
def test_figures_within_their_bounds_are_not_findings(text):
    assert kinds(table([(1, text)])) == []


def test_every_bound_has_a_source_and_none_names_a_company_or_product():
    bounds = load_plausibility()
    assert bounds["source"].str.len().gt(10).all()
    assert not bounds.astype(str).apply(" ".join, axis=1).str.contains(r"Tesla|FSD|miles", case=False).any()


def test_hours_a_week_disagreeing_with_a_fraction_of_the_week_in_the_next_turn():
    f = check(table([(1, "It will be used for 120 hours a week."), (2, "Right, like half of the hours of the week.")]))
    assert f["kind"].tolist() == ["fraction of a period"]
    assert f.loc[0, "sentence_ids"] == "1;2"
    assert (f.loc[0, "stated_value"], f.loc[0, "reference_value"]) == (120.0, 84.0)


def test_hours_a_day_are_compared_with_a_fraction_of_the_day():
    assert kinds(table([(1, "It runs 20 hours a day."), (1, "That is half the day.")])) == ["fraction of a period"]
    assert kinds(table([(1, "It runs 12 hours a day."), (1, "That is half the day.")])) == []


def test_hours_a_week_agreeing_with_the_fraction_is_not_a_finding():
    assert kinds(table([(1, "Used for 56 hours a week."), (2, "So a third of the hours of the week.")])) == []


def test_a_fraction_two_turns_away_is_not_compared():
    assert kinds(table([(1, "Used for 150 hours a week."), (2, "Yes."), (3, "A third of the hours of the week.")])) == []


def test_a_fall_that_rises_is_a_direction_of_change_finding():
    f = check(table([(1, "Margins declined from 18.5% to 18.9%."), (2, "Margins declined from 18.9% to 18.5%.")]))
    assert f["kind"].tolist() == ["direction of change"] and f.loc[0, "sentence_ids"] == "1"


def test_a_reduction_in_money_that_grows_is_a_finding_across_scales():
    assert kinds(table([(1, "Costs were reduced from $900 million to $1.2 billion.")])) == ["direction of change"]
    assert kinds(table([(1, "Costs were reduced from $1.2 billion to $900 million.")])) == []


def test_words_of_both_directions_leave_the_direction_unchecked():
    assert kinds(table([(1, "The mix shift reduced the increase in revenue per day from 5.4% to 2.3%.")])) == []


def test_figures_of_different_kinds_are_not_compared():
    assert kinds(table([(1, "Usage will increase from 10 hours to 50%.")])) == []


def test_doubled_is_checked_against_twice_the_start():
    assert kinds(table([(1, "Revenue doubled from $20 billion to $60 billion.")])) == ["multiple"]
    assert kinds(table([(1, "Revenue doubled from $20 billion to $41 billion.")])) == []
    assert kinds(table([(1, "Costs halved from 40% to 30%.")])) == ["multiple"]


def test_a_part_larger_than_its_whole_is_a_finding_but_years_and_model_numbers_are_no_wholes():
    assert kinds(table([(1, "12 of the 10 factories are done.")])) == ["part above its whole"]
    assert kinds(table([(1, "3 out of 5 cars.")])) == []
    assert kinds(table([(1, "2 of the 4680 lines run.")])) == kinds(table([(1, "5 of the 2024 models.")])) == []


def test_every_check_and_bound_is_listed_with_what_it_compares_with():
    t = checks_table()
    assert set(t["check"]) == set(KINDS)
    assert (t["check"] == "beyond a bound").sum() == len(load_plausibility())
    assert t["compared_with"].str.len().gt(0).all()


def test_anachronisms_come_from_the_annotators_column():
    df = table([(1, "First vehicles are planned for late 2021."), (2, "We will ship in 2025.")],
               anachronism=[1, 0], horizon_text=["late 2021", "2025"], horizon_end=["2021-12-31", "2025-12-31"])
    f = check(df, call_date=date(2024, 4, 23))
    assert f["kind"].tolist() == ["anachronism"]
    assert f.loc[0, "reference_value"] == (date(2024, 4, 23) - date(2021, 12, 31)).days


def test_findings_are_sorted_by_first_sentence():
    f = check(table([(1, "Margins rose from 20% to 10%."), (5, "Used 200 hours a week.")]))
    assert f["sentence_ids"].tolist() == ["1", "2"]


def test_the_seed_call_shows_the_fraction_of_the_week_that_disagrees(seed_call):
    df = sentences_frame(seed_call)
    f = check(df, call_date=seed_call.date).set_index("kind")
    assert f.index.tolist() == ["fraction of a period"]
    hours = f.loc["fraction of a period"]
    assert "150 hours a week" in hours["evidence"] and "a third of the hours of the week" in hours["evidence"]
    assert (hours["stated_value"], hours["reference_value"]) == (150.0, pytest.approx(7 * 24 / 3))
    ids = [int(i) for i in hours["sentence_ids"].split(";")]
    assert df.set_index("sentence_id").loc[ids, "turn"].diff().dropna().tolist() == [1]


def test_findings_point_at_the_index_labels_of_a_filtered_table():
    df = table([(1, "Nothing to see."), (1, "The car is used 170 hours a week.")])
    f = check(df.iloc[[1]])
    assert f["sentence_ids"].tolist() == [str(df["sentence_id"].iloc[1])]
