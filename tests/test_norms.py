"""Norms from other calls: the committed tables, the role rule, percentiles against the right peers,
byte-for-byte regeneration, and the words and charts of the chapter "Against other calls"."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from callanalysis import report
from callanalysis.corpus import run as run_corpus
from callanalysis.measure import norms, stats, summary
from callanalysis.present import chapters, charts, wording
from tools import norms as builder

from .conftest import FIXTURES

REAL = FIXTURES / "real"


# --------------------------------------------------------------------------- the committed tables


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return norms.load_norms()


def test_the_speaker_table_has_its_columns_in_order(table):
    assert list(table.columns) == norms.SPEAKER_COLUMNS


def test_the_speaker_table_has_no_missing_key(table):
    for column in ("call", "ticker", "company", "sector", "call_date", "speaker", "role", "role_detail"):
        assert table[column].astype(str).str.strip().ne("").all(), column
    assert table["quarter"].notna().all() and table["fiscal_year"].notna().all()
    assert not table.duplicated(["call", "speaker"]).any()


def test_the_speaker_table_counts_are_integers_and_rates_are_numbers(table):
    counts = ["quarter", "fiscal_year", "words", "sentences", *norms.MEASURES]
    assert all(pd.api.types.is_integer_dtype(table[c]) for c in counts)
    assert all(pd.api.types.is_float_dtype(table[f"{m}_per_100w"]) for m in norms.MEASURES)
    assert table["in_norms"].dtype == bool and set(table["role_detail"]) <= set(norms.ROLE_DETAILS)


def test_the_rates_are_the_counts_per_100_words(table):
    for m in norms.MEASURES:
        assert np.allclose(table[f"{m}_per_100w"], table[m] / table["words"] * 100, atol=1e-4), m


def test_only_speakers_with_enough_words_enter_the_norms(table):
    assert (table["in_norms"] == (table["words"] >= norms.MIN_WORDS)).all()
    assert (~table["in_norms"]).any()  # short speakers are kept, not dropped


def test_the_role_detail_column_follows_the_title_rule(table):
    assert (table["role_detail"] == [norms.role_detail(r, t) for r, t in zip(table["role"], table["title"])]).all()


def test_every_call_is_from_a_file_of_the_provenance_and_every_ticker_has_a_sector(table):
    info = json.loads((norms.NORMS_DIR / "provenance.json").read_text(encoding="utf-8"))
    stems = {re.sub(r"\.(txt|html?)$", "", f["file"]) for f in info["files"]}
    assert set(table["call"]) <= stems and info["calls"] == table["call"].nunique()
    assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in info["files"])
    assert {"commands", "package_version", "git_commit", "date", "date_source"} <= set(info)
    assert table["sector"].ne("unknown").all()


def test_the_quantile_table_is_the_quantiles_of_the_speaker_table(table):
    committed = pd.read_csv(norms.NORMS_DIR / "quantiles.csv", keep_default_na=False)
    assert list(committed.columns) == norms.QUANTILE_COLUMNS
    # the committed rates are rounded to 4 decimals, so quantiles recomputed from them may differ in the last
    pd.testing.assert_frame_equal(committed, norms.quantiles(table).round(4), check_dtype=False, atol=2e-4)


# --------------------------------------------------------------------------- the role rule


#: The role detail the title rule gives, and the (parser role, title) of speakers who get it.
ROLE_DETAIL_CASES = {
    "CEO": [("executive", "Chief Executive Officer"), ("executive", "President and CEO"),
            ("executive", "Chairman, President and Chief Executive Officer"),
            ("executive", "Chief Executive Officer and Product Architect")],
    "CFO": [("executive", "EVP and Chief Financial Officer"),
            ("executive", "Executive Vice President, Chief Finance Officer and Treasurer"),
            ("investor relations", "Vice President, Investor Relations and Chief Financial Officer")],
    "investor relations": [("investor relations", "Vice President, Investor Relations"),
                           ("investor relations", "Director of IR"),
                           ("executive", "Vice President of Investor and Rating Agency Relations")],
    "other executive": [("executive", "Executive Vice President and Chief Operating Officer"),
                        ("executive", "Senior Advisor to the CEO"), ("executive", "")],
    "analyst": [("analyst", "Analyst"), ("analyst", "Chief Executive Officer")],
    "operator": [("operator", "")],
    "unknown": [("unknown", "")],
}


@pytest.mark.parametrize("role, title, detail",
                         [(role, title, detail) for detail, said in ROLE_DETAIL_CASES.items() for role, title in said])
def test_role_detail_reads_the_title(role, title, detail):
    assert norms.role_detail(role, title) == detail


# --------------------------------------------------------------------------- percentiles, on a known table


def _call(ticker="ACME", quarter=1, year=2024, participants=()):
    meta = SimpleNamespace(ticker=ticker, quarter=quarter, fiscal_year=year, company="Acme", date=date(2024, 4, 23))
    people = [SimpleNamespace(name=n, title=t) for n, t in participants]
    return SimpleNamespace(metadata=meta, participants=people, source="acme-2024-q1.txt")


def _sentences(speaker, role, n=10, hedged=5, words=10):
    """``n`` sentences of ``words`` words by ``speaker``; the first ``hedged`` carry one hedge cue each."""
    text = " ".join(["word"] * (words - 1)) + " end."
    return pd.DataFrame({"speaker": speaker, "role": role, "text": [text] * n, "claim": 0, "forecast": 0,
                         "hedged": [int(i < hedged) for i in range(n)], "boosted": 0,
                         "hedge_cues": ["maybe" if i < hedged else "" for i in range(n)], "booster_cues": "",
                         "horizon_end": ""})


def _norms(groups):
    """A norms table: ``(role, role_detail, hedge rates)`` groups, one call per speaker."""
    rates = {f"{m}_per_100w": 0.0 for m in norms.MEASURES}
    rows = [dict(call=f"{detail}-{i}", ticker=f"T{detail[:2]}{i}", quarter=1, fiscal_year=2021, speaker=f"{detail} {i}",
                 role=role, role_detail=detail, words=1000, in_norms=True, hedges=int(rate * 10), forecasts=0,
                 dated_forecasts=0, **(rates | {"hedges_per_100w": float(rate)}))
            for role, detail, rates_ in groups for i, rate in enumerate(rates_)]
    return pd.DataFrame(rows).assign(quarter=lambda d: d["quarter"].astype("Int64"))


CEO_RATES = [i / 5 for i in range(30)]  # 0.0 ... 5.8
KNOWN = _norms([("executive", "CEO", CEO_RATES), ("executive", "CFO", [9.0] * 30),
                ("executive", "other executive", [0.0] * 5), ("analyst", "analyst", [0.0] * 30)])
ALICE = _call(participants=[("Alice", "President and Chief Executive Officer")])


def _standing(sentences, call=ALICE, table=KNOWN, **kw):
    return norms.standing(sentences, call, table, n_boot=200, **kw).set_index(["speaker", "measure"])


def test_a_ceo_is_placed_among_ceos_only():
    row = _standing(_sentences("Alice", "executive")).loc[("Alice", "hedges")]  # 5 cues in 100 words
    assert (row["peer_group"], row["peers"]) == ("CEO", len(CEO_RATES))
    assert row["rate"] == 5.0
    assert row["percentile"] == pytest.approx(sps.percentileofscore(CEO_RATES, 5.0, kind="mean"))


def test_a_role_detail_with_too_few_peers_is_compared_by_role():
    bob = _call(participants=[("Bob", "Chief Operating Officer")])
    row = _standing(_sentences("Bob", "executive", hedged=0), bob).loc[("Bob", "hedges")]
    assert (row["peer_level"], row["peer_group"], row["peers"]) == ("role", "executive", 30 + 30 + 5)


def test_the_call_itself_is_left_out_of_its_norms():
    same = _norms([("executive", "CEO", [100.0])]).assign(ticker="ACME", quarter=1, fiscal_year=2024)
    row = _standing(_sentences("Alice", "executive"), table=pd.concat([KNOWN, same])).loc[("Alice", "hedges")]
    assert row["peers"] == len(CEO_RATES)


def test_a_speaker_without_peers_or_words_is_not_placed():
    out = _standing(pd.concat([_sentences("Alice", "executive"), _sentences("Who", "unknown"),
                               _sentences("Brief", "analyst", n=2)]))
    assert np.isnan(out.loc[("Who", "hedges"), "percentile"]) and out.loc[("Who", "hedges"), "peer_group"] == ""
    assert np.isnan(out.loc[("Brief", "hedges"), "percentile"])  # 20 words: under MIN_WORDS


def test_the_interval_resamples_the_speakers_sentences_with_a_fixed_seed():
    s = _sentences("Alice", "executive")
    first, again = (_standing(s).loc[("Alice", "hedges")] for _ in range(2))
    assert first.equals(again)
    assert first["low"] <= first["percentile"] <= first["high"] and first["low"] < first["high"]
    assert first["rate_low"] < 5.0 < first["rate_high"]


def test_a_speaker_without_a_cue_gets_an_interval_up_to_the_poisson_bound():
    row = _standing(_sentences("Alice", "executive", hedged=0)).loc[("Alice", "hedges")]
    upper = stats.poisson_upper(0)  # cues in 100 words, per 100 words
    assert (row["rate_low"], row["rate_high"]) == (0.0, pytest.approx(upper))
    assert row["high"] == pytest.approx(sps.percentileofscore(CEO_RATES, upper, kind="mean"))


def test_the_call_measures_of_the_seed_are_the_chapters_figures():
    r = report.open_call()
    whole = norms.call_standing(r.sentences, r.call, norms.load_norms(), n_boot=50).set_index("measure")["value"]
    execs = summary.rates(r.sentences[r.sentences["role"].eq("executive")], ())
    ledger = summary.forecast_ledger(r.sentences)
    assert whole["exec_hedges_per_100w"] == pytest.approx(execs["hedges_per_100w"].iloc[0])
    assert whole["dated_share"] == pytest.approx(summary.horizon_profile(ledger, r.call.date)["dated_share"])


# --------------------------------------------------------------------------- regeneration


@pytest.mark.slow
def test_the_norms_regenerate_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder, out, work = tmp_path / "calls", tmp_path / "norms", tmp_path / "corpus"
    folder.mkdir(), out.mkdir()
    for name in ("AGO_q4_2021.txt", "MSM_q1_2021.txt", "BEN_q4_2021-oneline.txt"):
        shutil.copy(REAL / name, folder / name)
    shutil.copy(norms.NORMS_DIR / "sectors.csv", out / "sectors.csv")
    runs = []
    for _ in range(2):  # the whole of `make norms`, twice, into the same folders
        shutil.rmtree(work, ignore_errors=True)
        assert run_corpus(folder, work, workers=1, progress=False).succeeded == 3
        runs.append({p.name: p.read_bytes() for p in builder.build(folder, work, out)})
    assert runs[0] == runs[1]
    assert set(pd.read_csv(out / "speakers.csv")["call"]) == {"AGO_q4_2021", "MSM_q1_2021", "BEN_q4_2021-oneline"}
    assert json.loads(runs[0]["provenance.json"])["date"] == "2023-11-14T22:13:20+00:00"


def test_the_builder_without_a_corpus_output_says_so_in_one_line(tmp_path, capsys):
    assert builder.main([str(REAL), str(tmp_path / "nothing"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: norms:") and "run the corpus mode" in err and err.count("\n") == 1


# --------------------------------------------------------------------------- wording


def _row(**kw):
    return {"speaker": "Ann Lee", "words": 4000, "percentile": 96.7, "low": 87.8, "high": 99.2, "peers": 123,
            "peer_group": "CEO", "peer_calls": 116} | kw


def test_the_headline_places_the_ceo_and_the_cfo():
    assert wording.standing_headline(_row(), _row(speaker="Bo Ng", peer_group="CFO", percentile=63.1, low=24.6,
                                                  high=90.0, peers=130, peer_calls=120)) == (
        "Ann Lee, the CEO, hedges more than 96% of the 123 CEOs on 116 other calls (95% interval 87–99%); "
        "Bo Ng, the CFO, hedges more than 63% of the 130 CFOs on 120 other calls (95% interval 24–90%).")


def test_the_headline_reads_right_without_a_ceo_or_a_cfo():
    assert wording.standing_headline(None, None).startswith("No speaker's title names a CEO or a CFO, so")
    assert wording.standing_headline(None, _row(peer_group="CFO")).startswith(
        "No speaker's title names a CEO; Ann Lee, the CFO, hedges more than 96% of the 123 CFOs")


def test_the_headline_says_when_a_leader_says_too_little_to_be_placed():
    text = wording.standing_headline(_row(percentile=float("nan"), words=28), None)
    assert text == ("Ann Lee, the CEO, says too little (28 words) to be placed among other calls' CEOs; "
                    "no speaker's title names a CFO.")


def test_the_top_of_the_peers_is_more_than_every_one():
    assert "hedges more than every one of the 123 CEOs" in wording.leader("CEO", _row(percentile=100.0))


def test_percentiles_are_rounded_down_so_more_than_holds():
    assert (wording.pct(96.99), wording.pct_cell(96.7, 87.8, 99.2), wording.pct_cell(float("nan"), 1, 2)) == (
        "96", "96 (87–99)", "–")


def test_the_call_ranks_name_each_measure_or_say_there_is_nothing_to_measure():
    text = wording.call_ranks([("hedges", 90.8, 82.5, 96.7), ("dated", float("nan"), float("nan"), float("nan"))], 120)
    assert text == ("Among the 120 other calls (95% intervals in brackets), this call's percentile is 90 for hedges "
                    "(82–96) and none for dated (nothing to measure).")


def test_standouts_name_the_rates_wholly_in_the_top_or_bottom_quarter():
    rows = [("A", "hedges", 80, 99), ("A", "forecasts", 75, 99), ("B", "claims", 1, 25), ("C", "claims", 30, 70)]
    assert wording.standouts(rows) == ("Intervals wholly in the top quarter of the peers: A's hedges and forecasts; "
                                       "wholly in the bottom quarter of the peers: B's claims.")
    assert wording.standouts(rows[-1:]).startswith("No speaker's interval lies wholly")
    assert wording.standouts([]) == "No speaker of this call says enough to be placed among peers."


# --------------------------------------------------------------------------- chapter and charts


@pytest.fixture(scope="module")
def chapter() -> chapters.Chapter:
    return chapters.against_others(report.open_call(), n_boot=200)


def test_the_seed_chapter_places_the_ceo_and_the_cfo(chapter):
    assert chapter.figures["norms_headline"].startswith("Elon Musk, the CEO, hedges more than")
    assert "Vaibhav Taneja, the CFO, hedges more than" in chapter.figures["norms_headline"]
    assert chapter.figures["norms_not_placed"] == "Not placed (too few words, or no role with enough peers): Unknown speaker."


def test_the_percentile_chart_shows_placed_speakers_on_a_0_to_100_axis(chapter):
    spec = charts.norm_percentiles(chapter.data["standing"]).to_dict()
    layer = spec["layer"][1]
    assert layer["encoding"]["x"]["scale"]["domain"] == [0, 100]
    shown = pd.DataFrame(spec["datasets"][layer["data"]["name"]])
    assert "Unknown speaker" not in set(shown["speaker"]) and set(shown["measure"]) == set(charts.NORM_COLORS)
    assert spec["description"] and spec["title"]


def test_the_distribution_chart_draws_each_speakers_own_peer_group(chapter):
    spec = charts.norm_distribution(chapter.data["standing"], chapter.data["quantiles"], "hedges").to_dict()
    shown = pd.DataFrame(spec["datasets"][spec["layer"][0].get("data", spec.get("data"))["name"]]).set_index("speaker")
    q = chapter.data["quantiles"].set_index(["level", "group", "measure"])
    assert shown.loc["Elon Musk", "p50"] == q.loc[("role_detail", "CEO", "hedges_per_100w"), "p50"]
    assert shown.loc["Adam Jonas", "p50"] == q.loc[("role_detail", "analyst", "hedges_per_100w"), "p50"]
