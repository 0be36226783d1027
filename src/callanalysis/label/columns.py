"""The sentence table's columns: the output contract of ``annotate`` (CLI and API) and of the
corpus mode, in one place.

:data:`COLUMNS` lists the columns in their order; :data:`INT_COLUMNS` those that hold integers
(offsets, ids and the 0/1 flags); every other column holds text. The module imports nothing, so
the corpus mode can know the schema without loading the annotator.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "INT_COLUMNS"]

COLUMNS: tuple[str, ...] = (
    "sentence_id", "turn", "speaker", "role", "section", "start", "end", "text",
    "claim", "forecast", "hedged", "boosted", "hedge_cues", "booster_cues",
    "horizon_text", "horizon_start", "horizon_end", "anachronism", "quantities", "topic",
    "forecast_cues",
)
INT_COLUMNS: tuple[str, ...] = (
    "sentence_id", "turn", "start", "end", "claim", "forecast", "hedged", "boosted", "anachronism",
)
FLAGS: dict[str, str] = {"claim": "claims", "forecast": "forecasts", "hedged": "hedged", "boosted": "boosted"}
