"""What every chapter of the book does first: find the transcript, load it, annotate it.

``open_call(transcript)`` promises the same call and sentence table whichever notebook asks and
from whichever folder it runs (the book runs notebooks in ``notebooks/``, a researcher may run
them from the repository root), so no notebook depends on another having run.

The annotated call is kept in a content-addressed disk cache (:mod:`callanalysis.cache`), so
the chapters after the first read it back instead of annotating again; the cache key covers
the transcript, the package's source and the lexicons, and the library versions.

``setup()`` is every chapter's first call: it turns on the offline chart renderer and the
report's chart theme (not for a chapter that draws no chart, ``charts=False``, which leaves
Altair unimported), and freezes the objects of the imports out of the garbage collector's
sight (:func:`freeze_imports`). The renderer is turned on here, not on importing
:mod:`callanalysis.present.charts`: outside a book page (JupyterLab) it has no Vega bundle to draw with.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import cache
from .errors import TranscriptError
from .parse.transcript import Call, load

from .paths import ROOT
DEFAULT_TRANSCRIPT = ROOT / "data" / "raw" / "tsla-2024-q1-earnings-call.txt"
ENV_VAR = "CALLANALYSIS_TRANSCRIPT"


def default_transcript() -> str:
    """The transcript the book is built for: ``$CALLANALYSIS_TRANSCRIPT`` or the Tesla call."""
    return os.environ.get(ENV_VAR) or str(DEFAULT_TRANSCRIPT)


def resolve(path: str | os.PathLike[str]) -> Path:
    """``path`` as given if it exists, else relative to the repository root."""
    p = Path(path)
    if p.exists() or p.is_absolute():
        return p
    return ROOT / p if (ROOT / p).exists() else p


def setup(charts: bool = True) -> None:
    """Enable the offline Altair renderer and the report's theme (idempotent); then move every
    object that exists so far out of the garbage collector's sight (:func:`freeze_imports`).

    ``charts=False`` is for a chapter that draws no chart: it leaves Altair unimported (about a
    quarter of a second) and the renderer as it is.
    """
    if charts:
        from .present import charts as _charts  # noqa: F401  (registers and enables the theme)
        from .present.vega_embed import enable_offline_renderer

        enable_offline_renderer()
    pd.set_option("display.max_colwidth", 120)
    freeze_imports()


def freeze_imports() -> None:
    """``gc.freeze()``: the objects alive now (mostly imported modules: pandas, Altair's schema
    classes) are never examined by the cyclic garbage collector again.

    They live as long as the kernel anyway; what it saves is time. Each full collection would
    walk them, and the interpreter walks them several times when the kernel exits (about 0.2 s
    of every chapter's run in the book build). Objects created later are collected as usual.
    """
    gc.freeze()


@dataclass(frozen=True)
class Report:
    """A loaded call and its annotated sentence table."""

    call: Call
    sentences: pd.DataFrame
    turns: pd.DataFrame

    @property
    def title(self) -> str:
        return self.call.metadata.title


def open_call(transcript: str | os.PathLike[str] | None = None) -> Report:
    """Load and annotate ``transcript`` (default: :func:`default_transcript`).

    The result equals :func:`annotate_call`'s; it comes from the disk cache when an entry for
    exactly these inputs exists (see :mod:`callanalysis.cache`), and is stored there otherwise.
    """
    path = resolve(transcript or default_transcript())
    entry = _cache_entry(path)
    if entry is not None:
        cached = cache.read(entry)
        if isinstance(cached, Report):
            return cached
    result = annotate_call(path)
    if entry is not None:
        cache.write(entry, result)
    return result


def _cache_entry(path: Path) -> Path | None:
    """The cache file for ``path``'s annotated call; ``None`` when caching is off or the
    transcript cannot be read (then :func:`annotate_call` reports the problem)."""
    folder = cache.cache_dir()
    if folder is None:
        return None
    from .label.lexicons import LEXICON_DIR

    try:
        digest = cache.key(path, [cache.PACKAGE_DIR, LEXICON_DIR])
    except OSError:
        return None
    return cache.entry_path(folder, digest)


def annotate_call(path: str | os.PathLike[str]) -> Report:
    """Load and annotate the transcript at ``path``, without the cache."""
    from .label.annotate import annotate
    from .parse.sentences import turns_frame

    call = load(path)
    if call.date is None:
        raise TranscriptError("the header gives no call date; relative time expressions need one", str(path))
    return Report(call=call, sentences=annotate(call), turns=turns_frame(call))
