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
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
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


#: The package's own page assets: sortable tables and the annotated transcript's styles.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.add_post_transform(HideCodeByDefault)
    app.connect("builder-inited", _add_static_path)
    app.add_js_file("tables.js", loading_method="defer")
    app.add_css_file("tables.css")
    app.connect("html-page-context", _drop_thebe_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
