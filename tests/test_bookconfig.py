"""The book's configuration for another call carries that call's title."""

from __future__ import annotations

from callanalysis import bookconfig, load

from .conftest import FIXTURES, SEED


def test_title_names_company_quarter_and_year(seed_call):
    assert bookconfig.book_title(seed_call.metadata) == "What Tesla’s Q1 2024 call claims, hedges and forecasts"


def test_config_replaces_only_the_title_line():
    meta = load(FIXTURES / "minimal.txt").metadata
    base = 'title: "Old"\nauthor: someone\nexecute:\n  timeout: 120\n'
    out = bookconfig.config_for(meta, base)
    assert out == 'title: "What Acme Widgets’s Q3 2023 call claims, hedges and forecasts"\nauthor: someone\nexecute:\n  timeout: 120\n'


def test_cli_writes_the_config(tmp_path):
    target = tmp_path / "cfg" / "_config.yml"
    assert bookconfig.main([str(SEED), str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "Tesla’s Q1 2024" in text and "execute_notebooks: force" in text


def test_cli_bad_transcript_is_one_line_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    target = tmp_path / "_config.yml"
    assert bookconfig.main([str(bad), str(target)]) == 2
    assert capsys.readouterr().err.count("\n") == 1 and not target.exists()
