"""What every chapter of the book does first: find the transcript, load it, annotate it.

``open_call(transcript)`` gives the same call, sentence table and turns table whichever
notebook asks and from whichever folder it runs (the book runs notebooks in ``notebooks/``, a
researcher may run them from the repository root), so no notebook depends on another having
run. Each chapter annotates the call itself; the seed takes well under a second.

``setup()`` is every chapter's first call: it turns on the report's chart theme and the offline
chart renderer (here, not on importing :mod:`callanalysis.present.charts`: outside a book page,
in JupyterLab, the renderer has no Vega bundle to draw with).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import TranscriptError
from .parse.transcript import Call, load
from .paths import ROOT, SEED_TRANSCRIPT

#: The transcript the book is built for (set by ``make book`` for another call).
ENV_VAR = "CALLANALYSIS_TRANSCRIPT"


def default_transcript() -> str:
    """The transcript the book is built for: ``$CALLANALYSIS_TRANSCRIPT`` or the Tesla call."""
    return os.environ.get(ENV_VAR) or str(SEED_TRANSCRIPT)


def resolve(path: str | os.PathLike[str]) -> Path:
    """``path`` as given if it exists, else relative to the repository root."""
    p = Path(path)
    if p.exists() or p.is_absolute():
        return p
    return ROOT / p if (ROOT / p).exists() else p


def transcript_path(transcript: str | os.PathLike[str] | None = None) -> Path:
    """The transcript a chapter reads for ``transcript`` (None: :func:`default_transcript`), found
    as :func:`resolve` finds it."""
    return resolve(transcript or default_transcript())


def setup(charts: bool = True) -> None:
    """Enable the offline Altair renderer and the report's theme (idempotent).

    ``charts=False`` is for a chapter that draws no chart: it leaves Altair unimported (about a
    quarter of a second) and the renderer as it is.
    """
    if charts:
        from .present import charts as _charts  # noqa: F401  (registers and enables the theme)
        from .present.vega_embed import enable_offline_renderer

        enable_offline_renderer()
    pd.set_option("display.max_colwidth", 120)


@dataclass(frozen=True)
class Report:
    """A loaded call, its annotated sentence table and its turns table."""

    call: Call
    sentences: pd.DataFrame
    turns: pd.DataFrame

    @property
    def title(self) -> str:
        return self.call.metadata.title


def open_call(transcript: str | os.PathLike[str] | None = None) -> Report:
    """Load and annotate the transcript :func:`transcript_path` gives for ``transcript``."""
    return annotate_call(transcript_path(transcript))


def annotate_call(path: str | os.PathLike[str]) -> Report:
    """Load and annotate the transcript at ``path``.

    Raises :class:`~callanalysis.errors.TranscriptError` when the transcript cannot be read or
    its header gives no call date (relative time expressions need one).
    """
    from .label.annotate import annotate
    from .parse.sentences import turns_frame

    call = load(path)
    if call.date is None:
        raise TranscriptError("the header gives no call date; relative time expressions need one", str(path))
    return Report(call=call, sentences=annotate(call), turns=turns_frame(call))
