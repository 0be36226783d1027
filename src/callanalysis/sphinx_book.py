"""Sphinx extension: book-wide presentation defaults that Jupyter Book 1 has no setting for.

Listed under ``sphinx: extra_extensions`` in ``_config.yml``; HTML output only.

* **Code folded by default.** MyST-NB folds a code cell's source only when the cell carries
  the ``hide-input`` tag. A post-transform gives every code cell that shows its source and
  has no hide/remove tag of its own that behaviour, so chapters read as prose with a
  "Show code" toggle. A cell tagged ``show-input`` stays open.
* **No Thebe when Thebe is off.** Jupyter Book always loads ``sphinx_thebe``, which adds its
  script and a ``const THEBE_JS_URL = "https://unpkg.com/..."`` snippet to every page,
  twice, so every page logs "Identifier 'THEBE_JS_URL' has already been declared". With
  ``launch_buttons: thebe: false`` those assets do nothing; they are dropped from the pages.
* **Executed notebooks to download.** Each notebook page's download menu offers the executed
  notebook (``.ipynb``, with outputs) next to its MyST Markdown source (``.md``), with entries
  that say what they download.
* **Readable outputs in dark mode.** The theme draws HTML outputs on a light box in dark mode;
  ``callanalysis-book.css`` gives links and table headers inside it light-mode colours.
* **Light pages.** The theme's 1.5 MB ``fontawesome.js`` (it only re-draws the icons the
  theme's CSS already draws from the web font) is removed, with the unused icon fonts;
  sphinx-design's CSS and script load only on pages that use a sphinx-design component.
* **Chapters read on every core.** ``jupyter-book build`` has no ``-j`` option, so Sphinx
  reads (and MyST-NB executes) the pages one after another. With ``callanalysis_jobs``
  (``sphinx: config:`` in ``_config.yml``; ``"auto"``, the default, is every core this process
  may use; ``1`` reads serially) Sphinx reads pages in that many processes, one page per
  process at a time, so the notebooks run side by side. Two extensions Jupyter Book always
  loads do not say whether they allow this, and Sphinx would otherwise fall back to one
  process with a warning: ``sphinx_multitoc_numbering`` only replaces the section numbering
  Sphinx runs in the main process after every page is read, and
  ``sphinx_jupyterbook_latex`` acts only for the LaTeX builder; both are declared safe here.
  Any other extension that does not declare itself safe still makes Sphinx read serially.
  Pages are also written in parallel then (Sphinx writes in ``jobs - 1`` extra processes).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import nbformat
import sphinx.builders
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.parallel import make_chunks as sphinx_make_chunks
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Cell tag that keeps a cell's source visible.
SHOW_TAG = "show-input"


class HideCodeByDefault(SphinxPostTransform):
    """Mark unmarked code cells ``hide_mode = "input"`` before MyST-NB folds them."""

    default_priority = 190  # MyST-NB's HideInputCells, which does the folding, runs at 199
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.container):
            if node.get("nb_element") != "cell_code" or node.get("hide_mode"):
                continue
            if not node.children or node.children[0].get("nb_element") != "cell_code_source":
                continue  # source removed (remove-input): nothing to fold
            if SHOW_TAG in ((node.get("cell_metadata") or {}).get("tags") or []):
                continue
            node["hide_mode"] = "input"
            node["prompt_show"] = self.config.nb_code_prompt_show
            node["prompt_hide"] = self.config.nb_code_prompt_hide


def _thebe_enabled(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    return bool((options.get("launch_buttons") or {}).get("thebe"))


def _is_thebe_asset(asset: Any) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    body = str((getattr(asset, "attributes", None) or {}).get("body", ""))
    return "sphinx-thebe." in filename or "THEBE_JS_URL" in body


def _drop_thebe_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if _thebe_enabled(app):
        return
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe_asset(a)]


#: The package's own page assets: sortable tables and the annotated transcript's styles.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]


# --- Downloads and page weight (publishing) ------------------------------------------------

#: Folder (next to the HTML output) where MyST-NB writes each executed notebook.
EXECUTED_FOLDER = "jupyter_execute"


def _offer_executed_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Offer the executed notebook (with its outputs) as ``.ipynb`` in the download menu.

    sphinx-book-theme lists ``.ipynb`` only when a launch button (Binder, Thebe...) is on,
    which this offline book turns off. This copies MyST-NB's executed notebook for a MyST
    Markdown notebook page into ``_sources/`` (beside the ``.md`` source the menu already
    offers; cell ids numbered, :func:`with_numbered_cell_ids`) and sets ``ipynb_source``,
    which the theme's download menu reads.
    """
    if app.builder.format != "html" or not context.get("sourcename", "").endswith(".md"):
        return
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return  # a plain Markdown page, not a notebook
    executed = Path(app.outdir).parent / EXECUTED_FOLDER / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_numbered_cell_ids(executed.read_text(encoding="utf-8")), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def with_numbered_cell_ids(notebook: str) -> str:
    """The notebook (nbformat JSON) with cell ids ``cell-1``, ``cell-2``, ... in order.

    A MyST Markdown notebook's cells get random ids each time it is read, so the executed
    notebook would differ from build to build in its ids alone; numbered ids make the download
    the same on every build of the same book.
    """
    nb = nbformat.reads(notebook, as_version=nbformat.NO_CONVERT)
    for i, cell in enumerate(nb.cells, start=1):
        if "id" in cell:
            cell["id"] = f"cell-{i}"
    return nbformat.writes(nb)


#: Download-menu entries in words: the theme labels them ".ipynb", ".md" and ".pdf".
DOWNLOAD_LABELS = {
    "download-notebook-button": "Notebook with outputs (.ipynb)",
    "download-source-button": "Source ({suffix})",
    "download-pdf-button": "Print this page to PDF",
}


def _label_download_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the download menu's links text that says what they download."""
    for group in context.get("header_buttons") or []:
        if group.get("label") != "download-buttons":
            continue
        for button in group.get("buttons") or []:
            label = DOWNLOAD_LABELS.get(button.get("label", ""))
            if label:
                button["text"] = label.format(suffix=button.get("text", ""))


_SD_CLASS = re.compile(r'class="[^"]*\bsd-')


def _is_design_asset(asset: Any) -> bool:
    name = Path(str(getattr(asset, "filename", asset) or "")).name  # "_static/..." in context
    return name.startswith(("sphinx-design.", "design-tabs.js"))


def _drop_unused_design_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """sphinx-design's CSS and tab script, only on pages that use a sphinx-design component."""
    if _SD_CLASS.search(context.get("body", "")):
        return
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_design_asset(a)]


#: Book-wide CSS the themes lack; written into the output's ``_static/`` at build start.
BOOK_CSS_NAME = "callanalysis-book.css"
BOOK_CSS = """\
/* callanalysis book: fixes on top of pydata-sphinx-theme (written by callanalysis.sphinx_book). */

/* Dark mode draws HTML cell outputs (charts, tables) on a light box, so that charts made for a
   light background stay readable. Inside that box use light-mode colours: the dark-mode link
   colour reads 2.2:1 on it and a dark table-header surface under dark text 1.1:1 (WCAG AA
   asks 4.5:1). The selector is the theme's own. */
html[data-theme="dark"] .bd-content div.cell_output .text_html:not(:has(table.dataframe)) {
  --pst-color-link: #0b4f9c;
  --pst-color-link-hover: #083a73;
  --pst-color-primary: #0b4f9c;
  --pst-color-surface: #e4e9ee;
  --pst-color-border: #a9b3bd;
  --pst-color-text-muted: #4d5864;
}
"""


def _write_book_css(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / BOOK_CSS_NAME
    if not target.is_file() or target.read_text(encoding="utf-8") != BOOK_CSS:
        target.write_text(BOOK_CSS, encoding="utf-8")
    app.add_css_file(BOOK_CSS_NAME)


#: pydata-sphinx-theme's template loads this 1.5 MB script on every page; it only swaps the
#: ``<i class="fa-...">`` icons for inline SVG. The theme's CSS already draws the same icons
#: from the 156 KB solid web font, so the script is removed from the pages and the output.
_FONTAWESOME_JS = re.compile(
    r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?'
)
#: Icon styles whose web fonts a page would need (the book uses only solid icons).
_FA_STYLES = {
    "regular": re.compile(r'class="[^"]*\b(fa-regular|far)\b'),
    "brands": re.compile(r'class="[^"]*\b(fa-brands|fab)\b'),
}


def _trim_theme_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = [p for p in out.rglob("*.html") if not p.relative_to(out).parts[0].startswith("_")]
    used: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        trimmed = _FONTAWESOME_JS.sub("", text)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")
        used.update(style for style, pattern in _FA_STYLES.items() if pattern.search(trimmed))
    static = out / "_static"
    for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (static / "scripts" / name).unlink(missing_ok=True)
    fonts = static / "vendor" / "fontawesome" / "webfonts"
    for style, weight in (("regular", 400), ("brands", 400)):
        if style not in used:
            for suffix in ("woff2", "ttf"):
                (fonts / f"fa-{style}-{weight}.{suffix}").unlink(missing_ok=True)


# --- Parallel reading (build time) -------------------------------------------------------------

#: Extensions Jupyter Book 1 always loads that do not declare whether Sphinx may read pages in
#: parallel, and why they may (see the module docstring).
PARALLEL_SAFE_EXTENSIONS: dict[str, str] = {
    "sphinx_multitoc_numbering": "numbers sections in the main process, after all pages are read",
    "sphinx_jupyterbook_latex": "acts only for the LaTeX builder",
}
#: Up to this many pages, each page is read (and written) in a process of its own (chunks of
#: one page), so that the processes stay busy until the last notebook; Sphinx's own chunks (for
#: 13 pages on two cores: 6, 6 and 1 pages, in name order) would put most notebooks in one
#: process. Each chunk costs a fork and a pickled environment, so larger books keep Sphinx's.
SINGLE_PAGE_CHUNKS_UP_TO = 40


def read_jobs(setting: object) -> int:
    """The number of reading processes for ``callanalysis_jobs``: ``"auto"`` is the number of
    cores this process may run on, a positive integer (or its decimal digits) is itself."""
    if setting == "auto":
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if isinstance(setting, str) and setting.strip().isascii() and setting.strip().isdigit():
        setting = int(setting)
    if not isinstance(setting, int) or isinstance(setting, bool) or setting < 1:
        raise ValueError(f'callanalysis_jobs must be "auto" or a positive integer, not {setting!r}')
    return setting


def page_chunks(pages: list[str], nproc: int, maxbatch: int = 10) -> list[list[str]]:
    """Sphinx's ``make_chunks`` for a small book: one page per chunk (see
    :data:`SINGLE_PAGE_CHUNKS_UP_TO`); larger books get Sphinx's chunks."""
    if len(pages) <= SINGLE_PAGE_CHUNKS_UP_TO:
        return [[page] for page in pages]
    return sphinx_make_chunks(pages, nproc, maxbatch)


def _read_in_parallel(app: Sphinx, config: Config) -> None:
    """Read pages in ``callanalysis_jobs`` processes, unless Sphinx was given ``-j`` itself.

    Sphinx's builders split the pages with the ``make_chunks`` they imported; it is replaced by
    :func:`page_chunks` for this build and put back when the build finishes.
    """
    try:
        jobs = read_jobs(config.callanalysis_jobs)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if jobs <= 1 or app.parallel > 1:
        return
    app.parallel = jobs
    for name in PARALLEL_SAFE_EXTENSIONS:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True  # (writing is assumed safe unless declared not)
    sphinx.builders.make_chunks = page_chunks  # type: ignore[assignment]
    app.connect("build-finished", _restore_chunks)


def _restore_chunks(app: Sphinx, exception: Exception | None) -> None:
    sphinx.builders.make_chunks = sphinx_make_chunks


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.add_config_value("callanalysis_jobs", "auto", "", (str, int))
    app.connect("config-inited", _read_in_parallel)
    app.add_post_transform(HideCodeByDefault)
    app.connect("builder-inited", _add_static_path)
    app.add_js_file("tables.js", loading_method="defer")
    app.add_css_file("tables.css")
    app.connect("html-page-context", _drop_thebe_assets)
    # Before sphinx-book-theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    app.connect("html-page-context", _label_download_buttons, priority=502)  # after the theme
    app.connect("html-page-context", _drop_unused_design_assets)
    app.connect("builder-inited", _write_book_css)
    app.connect("build-finished", _trim_theme_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
