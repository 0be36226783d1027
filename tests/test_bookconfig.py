"""tools/bookconfig.py: the build's configuration carries the call's title, written by PyYAML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from callanalysis import load
from tools import bookconfig

from .conftest import FIXTURES, ROOT

HOSTILE_COMPANIES = [
    'Evil <img src=x onerror="alert&#40;5&#41;"> *Corp*',
    "Back\\slash \\n \\\\ Co",
    "Colon: Co # not a comment",
    "{cite:p}`x` and {raw} html",
    "'single' \"double\" `tick` $(touch PWNED); Co",
    "Line\nbreak",
    "- list: [a, b] & *anchor !tag %percent @at",
]


def test_title_names_company_quarter_and_year(seed_call):
    assert bookconfig.book_title(seed_call.metadata) == "What Tesla’s Q1 2024 call claims, hedges and forecasts"


def test_the_tesla_title_is_the_one_in_the_root_config(seed_call):
    assert bookconfig.book_title(seed_call.metadata) == bookconfig.read_base()["title"]


@pytest.mark.parametrize("company", HOSTILE_COMPANIES)
def test_any_company_name_survives_the_yaml_file_as_written(company, tmp_path, seed_call):
    meta = replace(seed_call.metadata, company=company)
    config = bookconfig.config_for(meta, bookconfig.read_base(), tmp_path / "cache")
    path = bookconfig.write_config(config, tmp_path / "_config.yml")
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert loaded["title"] == f"What {company}’s Q1 2024 call claims, hedges and forecasts"
    assert loaded["author"] == config["author"] and loaded["execute"] == config["execute"]


def test_jupyter_book_reads_the_written_config(tmp_path, seed_call):
    from jupyter_book.config import get_final_config

    meta = replace(seed_call.metadata, company=HOSTILE_COMPANIES[0])
    path = bookconfig.write_config(
        bookconfig.config_for(meta, bookconfig.read_base(), tmp_path / "cache"), tmp_path / "_config.yml"
    )
    sphinx_config, _ = get_final_config(user_yaml=path, cli_config={"latex_individualpages": False}, sourcedir=ROOT)
    assert sphinx_config["html_title"] == bookconfig.book_title(meta)
    assert "sphinx_book" in sphinx_config["extensions"] and "sphinx_vega" in sphinx_config["extensions"]


def test_the_build_runs_from_its_own_cache(tmp_path):
    meta = load(FIXTURES / "minimal.txt").metadata
    config = bookconfig.config_for(meta, bookconfig.read_base(), tmp_path / "cache")
    assert config["execute"]["execute_notebooks"] == "cache"
    assert config["execute"]["cache"] == str((tmp_path / "cache").resolve())
    assert config["execute"]["raise_on_error"] is True


def test_extension_folders_are_absolute_so_the_config_can_live_anywhere(tmp_path):
    meta = load(FIXTURES / "minimal.txt").metadata
    folders = bookconfig.config_for(meta, bookconfig.read_base(), tmp_path)["sphinx"]["local_extensions"]
    assert folders and all(Path(f).is_absolute() and Path(f) == ROOT / "book" / "_ext" for f in folders.values())


def test_the_root_config_is_left_as_it_is(tmp_path):
    before = (ROOT / "_config.yml").read_text(encoding="utf-8")
    meta = load(FIXTURES / "minimal.txt").metadata
    bookconfig.config_for(meta, bookconfig.read_base(), tmp_path)
    assert (ROOT / "_config.yml").read_text(encoding="utf-8") == before
    assert bookconfig.read_base()["execute"]["execute_notebooks"] == "force"


def test_toc_order():
    names = bookconfig.toc_docnames()
    assert names[0] == "book/intro"
    assert names.index("notebooks/01_the_call") < names.index("book/references")
    assert len(names) == len(set(names))
