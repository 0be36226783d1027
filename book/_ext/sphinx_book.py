"""Sphinx extension: book-wide presentation defaults that Jupyter Book 1 has no setting for.

Listed under ``sphinx: local_extensions`` in ``_config.yml`` (this folder, ``book/_ext``);
HTML output only. It uses Sphinx's events and configuration values only: it replaces nothing
inside Sphinx, MyST-NB, Jupyter Book or the themes.

* **The book's title as text.** ``title:`` in ``_config.yml`` becomes Sphinx's ``html_title``,
  the templates' ``docstitle``. Sphinx escapes it in ``<title>``, but pydata-sphinx-theme writes
  it unescaped into the navigation bar and the search page's ``<title>``, and the title of
  another call's book comes from its transcript. Every page therefore gets ``docstitle`` (and
  ``shorttitle``) escaped once, as ``markupsafe.Markup``: templates that insert it as is show
  the text as written, and those that escape it (``|e``) leave Markup as it is.
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
* **The book's own page assets** (``static/``): sortable tables (``tables.js``, ``tables.css``)
  and ``callanalysis-book.css``, which keeps links and table headers readable inside the light
  box the theme draws HTML outputs on in dark mode.
* **A site entry page that names the icon.** The site's ``index.html`` redirects to the
  book's first page (``sphinx-external-toc`` would write a bare ``<meta>`` redirect, and a
  browser then asks for ``/favicon.ico``, a 404): it also carries the title, the book's icon
  (``html_favicon``, set in ``_config.yml``; inline, as the redirect would abort its request)
  and a link for browsers that do not redirect.
* **Light pages.** The theme's 1.5 MB ``fontawesome.js`` (it only re-draws the icons the
  theme's CSS already draws from the web font) is removed, with the unused icon fonts;
  sphinx-design's CSS and script load only on pages that use a sphinx-design component.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx
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


#: The book's own page assets: sortable tables, the annotated transcript's styles, dark-mode fixes.
STATIC_DIR = Path(__file__).resolve().parent / "static"
BOOK_CSS_NAME = "callanalysis-book.css"


def _title_as_text(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``docstitle`` and ``shorttitle`` escaped once, as Markup (see the module docstring)."""
    for key in ("docstitle", "shorttitle"):
        if isinstance(context.get(key), str):
            context[key] = escape(context[key])  # Markup stays as it is: never escaped twice


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
    which the theme's download menu reads. With ``execute_notebooks: cache`` MyST-NB writes the
    notebook without its outputs into its output folder, so the outputs are taken from the
    execution cache (jupyter-cache's ``merge_match_into_notebook``).
    """
    if app.builder.format != "html" or not context.get("sourcename", "").endswith(".md"):
        return
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return  # a plain Markdown page, not a notebook
    executed = Path(app.outdir).parent / EXECUTED_FOLDER / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    notebook = executed.read_text(encoding="utf-8")
    config = app.env.mystnb_config
    if config.execution_mode == "cache":
        from jupyter_cache import get_cache

        _, merged = get_cache(config.execution_cache_path).merge_match_into_notebook(nbformat.reads(notebook, as_version=4))
        notebook = nbformat.writes(merged)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_numbered_cell_ids(notebook), encoding="utf-8")
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


def _write_entry_page(app: Sphinx, exception: Exception | None) -> None:
    """``index.html``: a redirect to the root page, with a title and the book's icon."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = escape(app.builder.get_target_uri(app.config.root_doc))
    favicon = app.config.html_favicon or ""
    if favicon and "://" not in favicon:  # inline: the redirect would abort a request for it
        path = Path(app.confdir, favicon)
        kind = mimetypes.guess_type(path.name)[0] or "image/x-icon"
        favicon = f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
    link = f'<link rel="icon" href="{escape(favicon)}">' if favicon else ""
    title = escape(app.config.html_title or app.config.project)
    Path(app.outdir, "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{link}'
        f'<meta http-equiv="Refresh" content="0; url={target}"></head>\n'
        f'<body><p><a href="{target}">Open the report: {title}</a></p></body></html>\n',
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.connect("html-page-context", _title_as_text)
    app.add_post_transform(HideCodeByDefault)
    app.connect("builder-inited", _add_static_path)
    app.add_js_file("tables.js", loading_method="defer")
    app.add_css_file("tables.css")
    app.add_css_file(BOOK_CSS_NAME)
    app.connect("html-page-context", _drop_thebe_assets)
    # Before sphinx-book-theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    app.connect("html-page-context", _label_download_buttons, priority=502)  # after the theme
    app.connect("html-page-context", _drop_unused_design_assets)
    app.connect("build-finished", _trim_theme_assets)
    # Before sphinx-external-toc's bare redirect (priority 500), which is skipped once it exists.
    app.connect("build-finished", _write_entry_page, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
