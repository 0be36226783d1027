"""report: what every chapter does first."""

from __future__ import annotations

import gc

import altair as alt

from callanalysis import report
from callanalysis.present.vega_embed import RENDERER_NAME


def test_setup_enables_the_offline_renderer():
    report.setup()
    assert alt.renderers.active == RENDERER_NAME


def test_setup_freezes_the_objects_alive_so_far():
    gc.unfreeze()
    try:
        report.setup()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_objects_created_after_setup_are_still_collected():
    report.setup()
    try:
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()


def test_setup_without_charts_does_not_import_altair():
    import subprocess
    import sys

    code = ("import sys; from callanalysis import report; report.setup(charts=False); "
            "print('altair' in sys.modules, 'callanalysis.present.charts' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
