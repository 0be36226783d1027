"""The book's Sphinx extensions (``book/_ext``): loaded from the book, replacing nothing."""

from __future__ import annotations

import ast
import html
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "book" / "_ext"
sys.path.insert(0, str(EXT))

import sphinx_book  # noqa: E402


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_the_extensions_are_the_books_local_extensions():
    sphinx = _config()["sphinx"]
    assert sphinx["local_extensions"] == {"sphinx_vega": "book/_ext", "sphinx_book": "book/_ext"}
    assert not any(name.startswith("callanalysis") for name in sphinx.get("extra_extensions") or [])


def test_the_analysis_package_holds_no_sphinx_extension():
    package = ROOT / "src" / "callanalysis"
    assert not list(package.glob("sphinx_*.py")) and not (package / "static").exists()
    for path in package.rglob("*.py"):
        assert "import sphinx" not in path.read_text(encoding="utf-8"), path


def test_the_extensions_assign_nothing_into_other_packages():
    """No monkeypatching: no assignment to an attribute of an imported module."""
    for path in EXT.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {alias.asname or alias.name.split(".")[0]
                   for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                   for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    assert target.value.id not in modules, f"{path.name}: assigns {ast.unparse(target)}"


def test_the_extensions_declare_parallel_safety_without_forcing_others():
    source = (EXT / "sphinx_book.py").read_text(encoding="utf-8")
    assert "make_chunks" not in source and "app.parallel" not in source


def _render(template: str, title: str) -> str:
    """``template`` rendered with a page context after the extension's handler ran."""
    from jinja2 import Environment

    context = {"docstitle": title, "shorttitle": title}
    sphinx_book._title_as_text(None, "page", "page.html", context, None)
    return Environment(autoescape=False).from_string(template).render(**context)


TITLE = 'Evil <img src=x onerror="alert(5)"> & Co'


def _shown(markup: str, element: str) -> str:
    """What a browser shows for ``<element>...</element>`` in ``markup``: entities decoded once;
    no tag may be left inside."""
    inner = markup.split(f"<{element}>", 1)[1].rsplit(f"</{element}>", 1)[0]
    assert "<" not in inner and ">" not in inner, inner
    return html.unescape(inner)


def test_the_navigation_bar_shows_the_title_as_written():
    # pydata-sphinx-theme's navbar-logo.html inserts the title as is
    assert _shown(_render("<p>{{ docstitle }}</p>", TITLE), "p") == TITLE


def test_the_search_page_title_shows_the_title_as_written():
    # pydata-sphinx-theme's search.html: <title>Search - {{ title or docstitle }}</title>
    assert _shown(_render("<title>Search - {{ title or docstitle }}</title>", TITLE), "title") == f"Search - {TITLE}"


def test_the_title_element_is_escaped_once_not_twice():
    # Sphinx's layout.html: titlesuffix = " &#8212; "|safe + docstitle|e
    assert _shown(_render("<title>{{ docstitle|e }}</title>", TITLE), "title") == TITLE
    assert _shown(_render("<b>{{ shorttitle|e }}</b>", "A & B"), "b") == "A & B"


def test_the_downloaded_notebook_has_numbered_cell_ids():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("1 + 1")])
    out = nbformat.reads(sphinx_book.with_numbered_cell_ids(nbformat.writes(nb)), as_version=4)
    assert [c["id"] for c in out.cells] == ["cell-1", "cell-2"]
    assert [c["source"] for c in out.cells] == ["# Title", "1 + 1"]
    nbformat.validate(out)


def test_the_page_assets_live_beside_the_extension():
    for name in ("tables.js", "tables.css", sphinx_book.BOOK_CSS_NAME):
        assert (sphinx_book.STATIC_DIR / name).is_file(), name
