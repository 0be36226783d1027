"""The annotated sentence table of the seed transcript."""

import time
from datetime import date

import pytest

from callanalysis import load, parse
from callanalysis.label.annotate import annotate, label_sentence
from callanalysis.label.columns import COLUMNS
from callanalysis.parse.sentences import sentences_frame
from callanalysis.parse.transcript import Call, CallMetadata

from .conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def table():
    return annotate(load(SEED))


def test_one_row_per_sentence_in_order(table):
    frame = sentences_frame(load(SEED))
    assert table["sentence_id"].tolist() == frame["sentence_id"].tolist()
    assert table["text"].tolist() == frame["text"].tolist()


def test_columns_in_the_contract_order(table):
    assert tuple(table.columns[: len(COLUMNS)]) == COLUMNS
    assert COLUMNS[:20] == (
        "sentence_id", "turn", "speaker", "role", "section", "start", "end", "text",
        "claim", "forecast", "hedged", "boosted", "hedge_cues", "booster_cues",
        "horizon_text", "horizon_start", "horizon_end", "anachronism", "quantities", "topic",
    )


def test_flags_are_int_zero_or_one(table):
    for col in ("claim", "forecast", "hedged", "boosted", "anachronism"):
        assert set(table[col].unique()) <= {0, 1}
        assert str(table[col].dtype) == "int64"


def test_offsets_point_into_the_raw_file(table):
    raw = load(SEED).text
    assert all(raw[s:e] == t for s, e, t in table[["start", "end", "text"]].itertuples(index=False))


def test_dates_are_iso_strings_or_empty(table):
    for col in ("horizon_start", "horizon_end"):
        assert table[col].map(lambda v: v == "" or date.fromisoformat(v) is not None).all()


def test_horizons_only_on_forecasts(table):
    assert (table.loc[table.horizon_text != "", "forecast"] == 1).all()


def test_semi_planned_for_late_2021_is_flagged_as_anachronism(table):
    row = table[table.text.str.contains("planned for late 2021")].iloc[0]
    assert row.forecast == 1 and row.anachronism == 1 and row.horizon_end == "2021-12-31"


def test_cues_are_semicolon_joined(table):
    row = table[table.text.str.startswith("It could be more or less")].iloc[0]
    assert row.hedge_cues == "could;more or less"


def test_quantities_are_value_unit_strings_and_keep_their_sign(table):
    row = table[table.text.str.contains(r"negative free cash flow of \$2\.5 billion")].iloc[0]
    assert row.quantities == "-2500000000 USD"


def test_deterministic(table):
    assert annotate(load(SEED)).equals(table)


def test_fast_enough():
    call = load(SEED)
    annotate(call)  # lexicons loaded once per process
    t0 = time.process_time()
    annotate(call)
    assert time.process_time() - t0 < 1.0  # CPU time: the machine is shared


def test_empty_call_gives_empty_table_with_columns():
    empty = Call(text="", metadata=CallMetadata(None, None, None, None, None, None, None), participants=(), turns=())
    df = annotate(empty)
    assert len(df) == 0 and tuple(df.columns) == COLUMNS


def test_label_sentence_returns_all_fields():
    lab = label_sentence("We expect about 40 GWh by the end of the year.", when=date(2024, 4, 23), role="executive")
    assert tuple(lab) == COLUMNS[COLUMNS.index("claim"):]
    assert lab["forecast"] and lab["hedged"] and lab["hedge_cues"] == "about"
    assert lab["horizon_text"] == "by the end of the year" and lab["horizon_end"] == "2024-12-31"
    assert lab["quantities"] == "40 GWh" and lab["topic"] == "energy_storage"


def test_without_call_date_no_horizon_is_normalised():
    lab = label_sentence("We will ship it in August.", when=None)
    assert lab["forecast"] and lab["horizon_end"] == "" and lab["horizon_text"] == ""


def _topics(*turns: str) -> list[str]:
    """The topics of the sentences of a small call whose executive and an analyst speak ``turns`` in turn."""
    speakers = ["John Doe -- Chief Executive Officer", "Ann Lee -- Big Bank -- Analyst"]
    body = " ".join(f"{speakers[i % 2]} {text}" for i, text in enumerate(turns))
    call = parse(
        "Image source: The Motley Fool. Acme Widgets (ACME 0.52%)Q3 2023 Earnings CallOct 26, 2023, 8:00 a.m. ET "
        f"{body} Duration: 0 minutes {speakers[0]} {speakers[1]}   More ACME analysis All earnings call transcripts"
    )
    return annotate(call).topic.tolist()


def test_a_claim_without_a_topic_keyword_shows_the_topic_the_sentence_before_names():
    assert _topics("Energy storage deployments reached a record. And that looks likely to continue to increase.") == [
        "energy_storage", "energy_storage"]


def test_a_topic_is_carried_one_sentence_only():
    assert _topics("Energy storage deployments reached a record. It will increase. We know it will, so fast.")[2] == "other"


def test_a_sentence_with_a_figure_of_its_own_keeps_no_borrowed_topic():
    assert _topics("We turned it on for all cars with the inference computer. "
                   "So, it's been pushed out to around 1.8 million vehicles.") == ["ai_compute", "other"]


def test_a_topic_is_not_carried_into_the_next_turn():
    assert _topics("Energy storage deployments reached a record.", "And it will increase, we think.") == ["energy_storage", "other"]


def test_back_channel_does_not_inherit_a_topic():
    assert _topics("Energy storage deployments reached a record. Yeah.") == ["energy_storage", "other"]


def test_a_sentence_keeps_its_own_topic():
    assert _topics("Autopilot is improving. Energy storage deployments grew.") == ["autonomy", "energy_storage"]


def test_annotate_reads_forecasts_in_the_context_of_the_turn(seed_call):
    """The whole-turn "Yes." to the FSD question, the steps after "that will be how cars work" and
    the future inside the Nokia story (label/context.py); a "Yes." that opens a turn is left alone."""
    table = annotate(seed_call).set_index("text")
    assert table.loc["You get out.", "forecast"] == 1
    assert table.loc["There's not going to be any flip phones.", ["forecast", "horizon_text"]].tolist() == [0, ""]
    answers = annotate(seed_call).query("text == 'Yes.'")
    assert answers.forecast.sum() == 1 and answers.iloc[0].forecast == 1


def test_times_are_read_against_the_quarter_the_call_reports_on(seed_call):
    table = annotate(seed_call)
    q2 = table[table.horizon_text.eq("throughout Q2")].iloc[0]
    assert (q2.horizon_start, q2.horizon_end) == ("2024-04-01", "2024-06-30")


def test_the_operators_script_is_neither_claim_nor_forecast():
    table = annotate(load(FIXTURES / "operator_call.txt"))
    operator = table[table.role.eq("operator")]
    assert len(operator) and operator[["claim", "forecast"]].eq(0).all().all()
