"""report: what every chapter does first."""

from __future__ import annotations

import subprocess
import sys

import altair as alt
import pytest

from callanalysis import report
from callanalysis.errors import TranscriptError
from callanalysis.present.vega_embed import RENDERER_NAME

from .conftest import FIXTURES, SEED


def test_setup_enables_the_offline_renderer():
    report.setup()
    assert alt.renderers.active == RENDERER_NAME


def test_setup_without_charts_does_not_import_altair():
    code = ("import sys; from callanalysis import report; report.setup(charts=False); "
            "print('altair' in sys.modules, 'callanalysis.present.charts' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_setup_leaves_the_garbage_collector_alone():
    import gc

    report.setup()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_open_call_gives_the_call_its_sentences_and_its_turns():
    r = report.open_call(SEED)
    assert r.title == r.call.metadata.title
    assert len(r.turns) == len(r.call.turns) and len(r.sentences) > len(r.turns)
    assert set(r.sentences["turn"]) <= set(r.turns["turn"])


def test_open_call_reads_the_transcript_named_in_the_environment(monkeypatch):
    monkeypatch.setenv(report.ENV_VAR, str(FIXTURES / "minimal.txt"))
    assert report.open_call().call.metadata.company == "Acme Widgets"


def test_open_call_refuses_a_call_without_a_date(tmp_path):
    dateless = tmp_path / "dateless.txt"
    dateless.write_text((FIXTURES / "minimal.txt").read_text().replace("Oct 26, 2023, 8:00 a.m. ET", ""))
    with pytest.raises(TranscriptError, match="no call date"):
        report.open_call(dateless)
