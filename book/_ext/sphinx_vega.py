"""Sphinx extension: serve the Vega JavaScript bundle from the book itself, no CDN.

Listed under ``sphinx: local_extensions`` in ``_config.yml`` (this folder, ``book/_ext``). It

* on ``builder-inited`` (HTML builders only) writes one JavaScript bundle with vega,
  vega-lite and vega-embed into the output's ``_static/`` directory. The bundle comes from
  ``vl_convert.javascript_bundle`` for the Vega-Lite version the installed Altair emits,
  wrapped in a function so its top-level names do not clash with Sphinx's own scripts (it
  still sets ``window.vegaEmbed``). Making it takes a few seconds, so it is cached on disk,
  keyed by the vl-convert and Altair versions, in ``callanalysis_vega_cache_dir`` (relative
  to the book's root; ``_config.yml`` sets ``_build/.vega-cache``; unset, next to the output);
* on ``html-page-context`` adds the bundle (deferred) to the pages whose body contains a
  chart made by :mod:`callanalysis.present.vega_embed`, and to no other page.

The bundle deliberately does not live in ``book/_static/``: Jupyter Book adds every ``.js``
file found there to every page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from callanalysis.present.vega_embed import CHART_CLASS

logger = logging.getLogger(__name__)

#: File name of the bundle inside the HTML output's ``_static/``.
BUNDLE_NAME = "callanalysis-vega.js"


def _versions() -> tuple[str, str, str]:
    """(vl-convert version, Altair version, Vega-Lite version Altair emits, e.g. ``v6_4``)."""
    import altair
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_convert.__version__, altair.__version__, vl_version_for_vl_convert()


def bundle_text(cache_dir: Path) -> str:
    """The wrapped bundle, from ``cache_dir`` when present, else generated and cached there."""
    vlc_version, altair_version, vl_version = _versions()
    cached = cache_dir / f"vega-bundle_vlc-{vlc_version}_altair-{altair_version}_{vl_version}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")

    import vl_convert

    logger.info("[sphinx_vega] generating the Vega bundle (%s)", vl_version)
    raw = vl_convert.javascript_bundle(vl_version=vl_version)
    text = (
        f"/* vega + vega-lite + vega-embed, from vl-convert {vlc_version} for Altair "
        f"{altair_version} (Vega-Lite {vl_version}); wrapped so its names stay private. */\n"
        f"(function () {{\n{raw}\n}})();\n"
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Write atomically: parallel or interrupted builds never see half a bundle.
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".bundle-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, cached)
    return text


def _cache_dir(app: Sphinx) -> Path:
    configured = app.config.callanalysis_vega_cache_dir
    if configured:
        return Path(app.confdir, configured).resolve()
    return Path(app.outdir).parent / ".vega-cache"


def _write_bundle(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    text = bundle_text(_cache_dir(app))
    target = static / BUNDLE_NAME
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def _add_bundle_to_chart_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if CHART_CLASS in context.get("body", ""):
        # Deferred: runs before DOMContentLoaded, which is when the chart scripts draw.
        app.add_js_file(BUNDLE_NAME, defer="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("callanalysis_vega_cache_dir", "", "env", types=[str])
    app.connect("builder-inited", _write_bundle)
    app.connect("html-page-context", _add_bundle_to_chart_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
