"""The book's Sphinx extension: reading pages (and running notebooks) on every core."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
import sphinx.builders
import yaml
from sphinx.errors import ConfigError

from callanalysis import sphinx_book
from callanalysis.sphinx_book import PARALLEL_SAFE_EXTENSIONS, page_chunks, read_jobs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def restore_make_chunks():
    original = sphinx.builders.make_chunks
    yield
    sphinx.builders.make_chunks = original


def fake_app(jobs: object, parallel: int = 1, declared: bool | None = None) -> tuple[SimpleNamespace, SimpleNamespace]:
    extensions = {name: SimpleNamespace(parallel_read_safe=declared) for name in PARALLEL_SAFE_EXTENSIONS}
    extensions["other_ext"] = SimpleNamespace(parallel_read_safe=None)
    app = SimpleNamespace(parallel=parallel, extensions=extensions, finished=[])
    app.connect = lambda event, handler: app.finished.append(handler) if event == "build-finished" else None
    return app, SimpleNamespace(callanalysis_jobs=jobs)


def test_auto_reads_with_every_core_this_process_may_use():
    assert read_jobs("auto") == len(os.sched_getaffinity(0))


def test_a_positive_number_of_jobs_is_taken_as_given():
    assert read_jobs(3) == 3
    assert read_jobs("2") == 2


@pytest.mark.parametrize("bad", [0, -1, "many", None, True, 1.5, "\u00b2"])
def test_anything_else_is_refused(bad):
    with pytest.raises(ValueError, match="callanalysis_jobs"):
        read_jobs(bad)


def test_a_bad_setting_is_a_sphinx_configuration_error():
    app, config = fake_app("several")
    with pytest.raises(ConfigError, match="callanalysis_jobs must be"):
        sphinx_book._read_in_parallel(app, config)


def test_a_small_book_is_read_one_page_per_process():
    pages = [f"page{i}" for i in range(13)]
    assert page_chunks(pages, 2) == [[p] for p in pages]


def test_a_large_book_keeps_sphinx_chunks():
    pages = [f"page{i:03d}" for i in range(sphinx_book.SINGLE_PAGE_CHUNKS_UP_TO + 1)]
    chunks = page_chunks(pages, 2)
    assert len(chunks) < len(pages)
    assert [p for chunk in chunks for p in chunk] == pages


def test_jobs_above_one_turn_on_parallel_reading(restore_make_chunks):
    app, config = fake_app(2)
    sphinx_book._read_in_parallel(app, config)
    assert app.parallel == 2
    assert sphinx.builders.make_chunks is page_chunks


def test_sphinx_chunks_come_back_when_the_build_finishes(restore_make_chunks):
    from sphinx.util.parallel import make_chunks

    app, config = fake_app(2)
    sphinx_book._read_in_parallel(app, config)
    assert app.finished == [sphinx_book._restore_chunks]
    sphinx_book._restore_chunks(app, None)
    assert sphinx.builders.make_chunks is make_chunks


def test_only_the_listed_undeclared_extensions_are_declared_safe(restore_make_chunks):
    app, config = fake_app(2)
    sphinx_book._read_in_parallel(app, config)
    assert all(app.extensions[name].parallel_read_safe is True for name in PARALLEL_SAFE_EXTENSIONS)
    assert app.extensions["other_ext"].parallel_read_safe is None  # Sphinx still reads serially then


def test_an_extension_that_declares_itself_unsafe_stays_unsafe(restore_make_chunks):
    app, config = fake_app(2, declared=False)
    sphinx_book._read_in_parallel(app, config)
    assert all(app.extensions[name].parallel_read_safe is False for name in PARALLEL_SAFE_EXTENSIONS)


def test_one_job_reads_serially(restore_make_chunks):
    app, config = fake_app(1)
    original = sphinx.builders.make_chunks
    sphinx_book._read_in_parallel(app, config)
    assert app.parallel == 1
    assert sphinx.builders.make_chunks is original


def test_a_parallel_setting_given_to_sphinx_is_kept(restore_make_chunks):
    app, config = fake_app(2, parallel=4)
    sphinx_book._read_in_parallel(app, config)
    assert app.parallel == 4


def test_the_book_reads_on_every_core():
    with open(os.path.join(ROOT, "_config.yml"), encoding="utf-8") as f:
        config = yaml.safe_load(f)
    assert config["sphinx"]["config"]["callanalysis_jobs"] == "auto"
    assert "callanalysis.sphinx_book" in config["sphinx"]["extra_extensions"]


def test_the_downloaded_notebook_has_numbered_cell_ids():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("1 + 1")])
    out = nbformat.reads(sphinx_book.with_numbered_cell_ids(nbformat.writes(nb)), as_version=4)
    assert [c["id"] for c in out.cells] == ["cell-1", "cell-2"]
    assert [c["source"] for c in out.cells] == ["# Title", "1 + 1"]
    nbformat.validate(out)
