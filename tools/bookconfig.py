"""The configuration one build of the book runs with: the root ``_config.yml``, for this call.

:func:`config_for` takes the root ``_config.yml`` (parsed) and gives the build's own:

* ``title``: the call's title from the transcript's header (:func:`book_title`), as plain text
  (``book/_ext/sphinx_book.py`` makes sure the theme shows it as text, not HTML);
* ``execute``: ``cache`` mode, reading the jupyter-cache folder that :mod:`tools.execute` has
  just filled for this build;
* ``sphinx.local_extensions``: absolute folders (Jupyter Book resolves them from the folder of
  the configuration file, which for a build is not the repository root).

:func:`write_config` writes it with PyYAML (``yaml.safe_dump``), never by pasting text into
YAML, so a company name with quotes, a backslash or a colon stays what it is.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import yaml

from callanalysis.parse.transcript import CallMetadata
from callanalysis.paths import ROOT

BASE_CONFIG = ROOT / "_config.yml"
TOC = ROOT / "_toc.yml"


def book_title(meta: CallMetadata) -> str:
    """'What <Company>'s Q<n> <year> call claims, hedges and forecasts' (parts the header lacks are left out)."""
    who = f"{meta.company}’s" if meta.company else "an earnings"
    when = f" Q{meta.quarter} {meta.fiscal_year}" if meta.quarter and meta.fiscal_year else ""
    return f"What {who}{when} call claims, hedges and forecasts"


def read_base(path: str | os.PathLike[str] = BASE_CONFIG) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def config_for(meta: CallMetadata, base: dict[str, Any], cache_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """``base`` with this call's title, the build's execution cache, absolute extension folders."""
    config = copy.deepcopy(base)
    config["title"] = book_title(meta)
    execute = config.setdefault("execute", {})
    execute["execute_notebooks"] = "cache"
    execute["cache"] = str(Path(cache_dir).resolve())
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {
        name: str((ROOT / folder).resolve()) for name, folder in (sphinx.get("local_extensions") or {}).items()
    }
    return config


def write_config(config: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _toc_files(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "file" in node:
            yield str(node["file"])
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key) or []:
                yield from _toc_files(child)
    elif isinstance(node, list):
        for child in node:
            yield from _toc_files(child)


def toc_docnames(toc: str | os.PathLike[str] = TOC) -> list[str]:
    """The book's pages in reading order (root first), as docnames without suffix."""
    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    names = [str(data["root"]), *_toc_files(data)]
    out: list[str] = []
    for name in names:
        stem = name.removesuffix(".md").removesuffix(".ipynb")
        if stem not in out:
            out.append(stem)
    return out
