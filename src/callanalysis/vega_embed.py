"""An Altair renderer whose charts draw offline, interactively, inside a Jupyter Book page.

Altair's default HTML output loads Vega, Vega-Lite and vega-embed from a CDN when the page
is viewed; offline the chart becomes an error message. This renderer emits only

* a ``<div class="callanalysis-vega">`` that holds the chart, and
* a small script, scoped inside a function, that calls ``window.vegaEmbed(div, spec, opts)``
  once the page has loaded, or writes a one-line error into the div when the Vega bundle
  is not on the page.

The Vega bundle itself is written once per build by :mod:`callanalysis.sphinx_vega`, which
adds it only to pages that contain a chart. Enable the renderer in the first code cell of
every chapter notebook::

    from callanalysis.vega_embed import enable_offline_renderer
    enable_offline_renderer()

The output is ``text/html`` only (plus a ``text/plain`` line). It does not also carry the
Vega-Lite mime type: nbformat rejects that payload as a JSON object (its name does not end
in ``+json``), which fails the book build. In JupyterLab, switch back with
``alt.renderers.enable("default")`` while exploring.
"""

from __future__ import annotations

import html
import json
import uuid
from typing import Any

import altair as alt

#: Name under which the renderer is registered with ``alt.renderers``.
RENDERER_NAME = "callanalysis-offline"

#: CSS class of the chart container; :mod:`callanalysis.sphinx_vega` looks for it.
CHART_CLASS = "callanalysis-vega"

#: vega-embed options: SVG output (sharp, accessible), export on, no links to online tools.
DEFAULT_EMBED_OPTIONS: dict[str, Any] = {
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}

_SCRIPT = """\
<script type="text/javascript">
(function () {
  var el = document.getElementById(%(div_id)s);
  var spec = %(spec)s;
  var opts = %(opts)s;
  function fail(message) {
    el.classList.add("%(chart_class)s-error");
    el.textContent = "This chart could not be drawn: " + message;
  }
  function draw() {
    if (typeof window.vegaEmbed !== "function") {
      fail("the Vega library (callanalysis-vega.js) is not loaded on this page.");
      return;
    }
    window.vegaEmbed(el, spec, opts).catch(function (err) { fail(String(err)); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
</script>"""


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(spec: dict[str, Any], embed_options: dict[str, Any] | None = None) -> str:
    """The HTML fragment for one chart: the container div and the script that fills it."""
    div_id = f"{CHART_CLASS}-{uuid.uuid4().hex}"
    opts = {**DEFAULT_EMBED_OPTIONS, **(embed_options or {})}
    description = spec.get("description")
    aria = (
        f' role="figure" aria-label="{html.escape(description, quote=True)}"'
        if isinstance(description, str) and description
        else ""
    )
    div = f'<div class="{CHART_CLASS}" id="{div_id}"{aria}></div>'
    script = _SCRIPT % {
        "div_id": json.dumps(div_id),
        "spec": _json_for_script(spec),
        "opts": _json_for_script(opts),
        "chart_class": CHART_CLASS,
    }
    return f"{div}\n{script}"


def render(spec: dict[str, Any], embed_options: dict[str, Any] | None = None, **_: Any):
    """Altair renderer: the chart as ``text/html`` for the book."""
    return {
        "text/html": chart_html(spec, embed_options),
        "text/plain": f"<Altair chart: {spec.get('description') or 'no description'}>",
    }


def enable_offline_renderer(**embed_options: Any) -> None:
    """Register (once) and enable the offline renderer for this kernel.

    Keyword arguments are extra vega-embed options merged over :data:`DEFAULT_EMBED_OPTIONS`.
    """
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, render)
    if embed_options:
        alt.renderers.enable(RENDERER_NAME, embed_options=embed_options)
    else:
        alt.renderers.enable(RENDERER_NAME)
