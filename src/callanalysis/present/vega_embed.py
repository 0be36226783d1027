"""An Altair renderer whose charts draw offline, interactively, inside a Jupyter Book page.

Altair's default HTML output loads Vega, Vega-Lite and vega-embed from a CDN when the page
is viewed; offline the chart becomes an error message. This renderer emits only

* a ``<div class="callanalysis-vega">`` that holds the chart,
* a hidden paragraph with the chart's words (:func:`chart_words`), which Sphinx's search
  indexes (it reads raw HTML with the tags stripped; a script's text it leaves out), and
* a small script, scoped inside a function, that calls ``window.vegaEmbed(div, spec, opts)``
  once the page has loaded, or writes a one-line error into the div when the Vega bundle
  is not on the page.

The Vega bundle itself is written once per build by the book's Sphinx extension
``book/_ext/sphinx_vega.py``, only onto pages with a chart. Chapters enable the renderer through
:func:`callanalysis.report.setup`; elsewhere call :func:`enable_offline_renderer`.

The output is ``text/html`` only (plus a ``text/plain`` line), not the Vega-Lite mime type:
nbformat rejects that payload (its name does not end in ``+json``), which fails the build. In
JupyterLab, switch back with ``alt.renderers.enable("default")`` while exploring.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import Counter
from typing import Any

import altair as alt

#: Name under which the renderer is registered with ``alt.renderers``.
RENDERER_NAME = "callanalysis-offline"

#: CSS class of the chart container; ``book/_ext/sphinx_vega.py`` looks for it.
CHART_CLASS = "callanalysis-vega"

#: vega-embed options: SVG output (sharp, accessible), export on, no links to online tools.
DEFAULT_EMBED_OPTIONS: dict[str, Any] = {
    "renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}

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
    window.vegaEmbed(el, spec, opts).then(followColumn).catch(function (err) { fail(String(err)); });
  }
  // Vega-Lite's width "container" is measured again on window resizes only; a column that
  // changes width otherwise (styles or sidebars laid out after the chart was drawn) is followed too.
  function followColumn() {
    if (typeof ResizeObserver !== "function") return;
    var width = el.clientWidth;
    new ResizeObserver(function () {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        window.dispatchEvent(new Event("resize"));
      }
    }).observe(el);
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


#: How many times this process has drawn each chart (by content), for unique element ids.
_drawn: Counter[str] = Counter()


def _chart_id(spec_json: str, opts_json: str) -> str:
    """The chart's element id: a digest of what it draws, so that the same notebook gives the
    same page on every build; the same chart drawn again in this process gets ``-2``, ``-3``..."""
    digest = hashlib.sha256(f"{spec_json}\n{opts_json}".encode()).hexdigest()[:32]
    _drawn[digest] += 1
    n = _drawn[digest]
    return f"{CHART_CLASS}-{digest}" + (f"-{n}" if n > 1 else "")


def chart_words(spec: dict[str, Any]) -> list[str]:
    """The words a reader may search a chart by: its title, subtitles, axis and legend titles
    and description, each once, in order (not its tooltips, data or configuration)."""
    found: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, (dict, list)):  # a list's items are under the list's key
            for k, v in node.items() if isinstance(node, dict) else ((key, v) for v in node):
                if k not in ("config", "data", "datasets", "tooltip"):
                    walk(v, k)
        elif isinstance(node, str) and key in ("title", "text", "subtitle", "description") and node not in found:
            found.append(node)

    walk(spec)
    return found


def chart_html(spec: dict[str, Any], embed_options: dict[str, Any] | None = None) -> str:
    """The HTML fragment for one chart: the container div (its id from :func:`_chart_id`, the same
    on every run of a notebook in a fresh kernel), its words and the script that fills it."""
    opts = {**DEFAULT_EMBED_OPTIONS, **(embed_options or {})}
    spec_json, opts_json = _json_for_script(spec), _json_for_script(opts)
    div_id = _chart_id(spec_json, opts_json)
    description = spec.get("description")
    aria = f' role="figure" aria-label="{html.escape(description, quote=True)}"' if isinstance(description, str) \
        and description else ""
    div = f'<div class="{CHART_CLASS}" id="{div_id}"{aria}></div>'
    script = _SCRIPT % {"div_id": json.dumps(div_id), "spec": spec_json, "opts": opts_json, "chart_class": CHART_CLASS}
    return f'{div}\n<p class="ca-chart-words" hidden>{html.escape(" / ".join(chart_words(spec)))}</p>\n{script}'


def render(spec: dict[str, Any], embed_options: dict[str, Any] | None = None, **_: Any):
    """Altair renderer: the chart as ``text/html`` for the book."""
    return {"text/html": chart_html(spec, embed_options),
            "text/plain": f"<Altair chart: {spec.get('description') or 'no description'}>"}


def enable_offline_renderer(**embed_options: Any) -> None:
    """Register (once) and enable the offline renderer for this kernel; keyword arguments are
    vega-embed options merged over :data:`DEFAULT_EMBED_OPTIONS`."""
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, render)
    alt.renderers.enable(RENDERER_NAME, **({"embed_options": embed_options} if embed_options else {}))
