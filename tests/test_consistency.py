"""consistency: figures in the transcript that contradict each other or common sense."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from callanalysis import sentences_frame
from callanalysis.measure.consistency import NOTE, check, load_plausibility


def table(texts: list[tuple[int, str]], **extra) -> pd.DataFrame:
    """Sentences (turn, text) numbered 1, 2, ... by speaker 'S'."""
    rows = [{"sentence_id": i + 1, "turn": t, "speaker": "S", "text": x} for i, (t, x) in enumerate(texts)]
    return pd.DataFrame(rows).assign(**extra)


def kinds(df: pd.DataFrame, **kw) -> list[str]:
    return check(df, **kw)["kind"].tolist()


def test_more_than_168_hours_a_week_is_implausible():
    f = check(table([(1, "The car is used 170 hours a week.")]))
    assert f["kind"].tolist() == ["implausible quantity"]
    assert (f.loc[0, "stated_value"], f.loc[0, "reference_value"]) == (170.0, 168.0)
    assert f.loc[0, "note"] == NOTE == "likely transcription error"


def test_hours_a_week_disagreeing_with_a_fraction_of_the_week_in_the_next_turn():
    f = check(table([(1, "It will be used for 120 hours a week."), (2, "Right, like half of the hours of the week.")]))
    assert f["kind"].tolist() == ["hours of the week"]
    assert f.loc[0, "sentence_ids"] == "1;2"
    assert (f.loc[0, "stated_value"], f.loc[0, "reference_value"]) == (120.0, 84.0)


def test_hours_a_week_agreeing_with_the_fraction_is_not_a_finding():
    assert kinds(table([(1, "Used for 56 hours a week."), (2, "So a third of the hours of the week.")])) == []


def test_a_fraction_two_turns_away_is_not_compared():
    assert kinds(table([(1, "Used for 150 hours a week."), (2, "Yes."), (3, "A third of the hours of the week.")])) == []


def test_cumulative_fsd_miles_above_the_bound_are_implausible():
    f = check(table([(1, "We have 40 billion miles driven on FSD.")]), call_date=date(2024, 4, 23))
    assert f["kind"].tolist() == ["implausible quantity"]
    bound = load_plausibility().set_index("id").loc["fsd_cumulative_miles"]
    assert f.loc[0, "stated_value"] == 40e9 and f.loc[0, "reference_value"] == bound["reference_value"]
    assert f.loc[0, "source"] == bound["source"]


def test_plausible_fsd_miles_and_miles_without_fsd_context_are_not_findings():
    assert kinds(table([(1, "Over 1.3 billion miles on FSD.")])) == []
    assert kinds(table([(1, "The fleet drove 300 billion miles.")])) == []


def test_a_bound_outside_its_validity_window_is_not_applied():
    assert kinds(table([(1, "We have 40 billion miles driven on FSD.")]), call_date=date(2030, 1, 1)) == []


def test_a_fall_that_rises_is_a_percentage_direction_finding():
    f = check(table([(1, "Margins declined from 18.5% to 18.9%."), (2, "Margins declined from 18.9% to 18.5%.")]))
    assert f["kind"].tolist() == ["percentage direction"] and f.loc[0, "sentence_ids"] == "1"


def test_anachronisms_come_from_the_annotators_column():
    df = table([(1, "First vehicles are planned for late 2021."), (2, "We will ship in 2025.")],
               anachronism=[1, 0], horizon_text=["late 2021", "2025"], horizon_end=["2021-12-31", "2025-12-31"])
    f = check(df, call_date=date(2024, 4, 23))
    assert f["kind"].tolist() == ["anachronism"]
    assert f.loc[0, "reference_value"] == (date(2024, 4, 23) - date(2021, 12, 31)).days


def test_findings_are_sorted_by_first_sentence():
    f = check(table([(1, "Margins rose from 20% to 10%."), (5, "Used 200 hours a week.")]))
    assert f["sentence_ids"].tolist() == ["1", "2"]


def test_the_seed_call_yields_the_two_documented_findings(seed_call):
    df = sentences_frame(seed_call)
    f = check(df, call_date=seed_call.date).set_index("kind")
    assert sorted(f.index) == ["hours of the week", "implausible quantity"]
    miles = f.loc["implausible quantity"]
    assert "300 billion miles" in miles["evidence"] and miles["stated_value"] == 300e9
    hours = f.loc["hours of the week"]
    assert "150 hours a week" in hours["evidence"] and "a third of the hours of the week" in hours["evidence"]
    assert (hours["stated_value"], hours["reference_value"]) == (150.0, pytest.approx(7 * 24 / 3))
    ids = [int(i) for i in hours["sentence_ids"].split(";")]
    assert df.set_index("sentence_id").loc[ids, "turn"].diff().dropna().tolist() == [1]


def test_findings_point_at_the_index_labels_of_a_filtered_table():
    df = table([(1, "Nothing to see."), (1, "The car is used 170 hours a week.")])
    f = check(df.iloc[[1]])
    assert f["sentence_ids"].tolist() == [str(df["sentence_id"].iloc[1])]
