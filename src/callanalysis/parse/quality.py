"""The transcript's data-quality notes as a table a reader can check.

``notes_frame(call, sentences)`` promises one row per :class:`~callanalysis.parse.transcript.QualityNote`
(markers such as ``[Inaudible]``, turns by an unknown speaker, cut-off turns, labels missing
from the roster, labels written with markup, an implausible duration), in transcript order, each with the speaker and the
``sentence_id`` of the sentence it falls in (empty when it falls outside every sentence, e.g.
the duration line after the call).
"""

from __future__ import annotations

import bisect

import pandas as pd

from .transcript import Call

KIND_LABELS = {
    "marker": "Transcriber's marker", "unknown speaker": "Speaker not identified",
    "cut off": "Turn cut off mid-sentence", "unlisted label": "Speaker missing from the roster",
    "markup label": "Speaker label written with markup", "duration": "Implausible call duration",
}


def notes_frame(call: Call, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per data-quality note: ``kind, what, turn, speaker, sentence_id, start, end, detail``."""
    starts, ends, ids = (sentences[c].tolist() for c in ("start", "end", "sentence_id"))
    speakers = {t.turn: t.speaker for t in call.turns}
    turn_first = {t.turn: t.start for t in call.turns}
    rows = []
    for n in call.notes:
        # Notes on a turn's label point at the turn's first sentence.
        pos = turn_first[n.turn] if n.turn is not None and n.end <= turn_first[n.turn] else n.start
        i = bisect.bisect_right(starts, pos) - 1
        sid = ids[i] if i >= 0 and starts[i] <= pos < ends[i] else pd.NA
        what = KIND_LABELS.get(n.kind, n.kind)
        rows.append([n.kind, what, n.turn, speakers.get(n.turn, ""), sid, n.start, n.end, n.text])
    cols = ["kind", "what", "turn", "speaker", "sentence_id", "start", "end", "detail"]
    return pd.DataFrame(rows, columns=cols).astype({"turn": "Int64", "sentence_id": "Int64"})


def counts(notes: pd.DataFrame) -> dict[str, int]:
    """Number of notes of each kind (every known kind present, zero when absent)."""
    found = notes["kind"].value_counts().to_dict()
    return {kind: int(found.get(kind, 0)) for kind in KIND_LABELS}
