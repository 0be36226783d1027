"""One topic per sentence, from the keyword patterns in ``data/lexicons/topics.csv``.

Promises of :func:`assign_topic`:

* the result is one topic slug from the lexicon (``autonomy``, ``ai_compute``,
  ``optimus``, ``new_vehicles``, ``cybertruck``, ``energy_storage``,
  ``batteries``, ``costs_margins``, ``demand_pricing``, ``regulation``,
  ``licensing``, ``organisation``) or :data:`OTHER` when no pattern matches;
* the topic with the most keyword matches in the sentence wins;
* tie-break: the lexicon's ``priority`` column (lower wins). Priorities put
  named programmes before broad themes (Cybertruck, Optimus, batteries /
  4680, energy storage, licensing, regulation, AI compute, autonomy, new
  vehicles, then costs and margins, demand and pricing, organisation), so
  "4680 costs are dropping" is ``batteries`` and not ``costs_margins``;
* matching is case-insensitive and whole-word; deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import ScreenedPattern, ScreenedSet, TopicEntry, load_topics, screen

__all__ = ["OTHER", "assign_topic", "topic_label", "topic_scores"]

OTHER = "other"


@lru_cache(maxsize=None)
def _compiled() -> tuple[tuple[TopicEntry, ScreenedPattern], ...]:
    return tuple(
        (e, ScreenedPattern(e.pattern, re.IGNORECASE, prefix=r"(?<![\w$])(?:", suffix=r")(?![\w])"))
        for e in load_topics()
    )


@lru_cache(maxsize=None)
def _patterns() -> ScreenedSet[TopicEntry]:
    """The topic patterns, screened together: one look-up finds the topics a sentence may have."""
    return ScreenedSet(_compiled())


@lru_cache(maxsize=None)
def _priorities() -> dict[str, int]:
    return {e.topic: e.priority for e, _ in _compiled()}


def topic_scores(text: str) -> dict[str, int]:
    """Number of keyword matches per topic (topics with no match omitted)."""
    scores: dict[str, int] = {}
    for entry, pattern in _patterns().live(screen(text)):
        n = len(pattern.findall(text))  # one item per match, whatever the groups
        if n:
            scores[entry.topic] = scores.get(entry.topic, 0) + n
    return scores


@lru_cache(maxsize=4096)
def assign_topic(text: str) -> str:
    """The sentence's topic slug, or ``"other"`` (see module docstring)."""
    scores = topic_scores(text)
    if not scores:
        return OTHER
    priority = _priorities()
    return min(scores, key=lambda t: (-scores[t], priority[t]))


def topic_label(slug: str) -> str:
    """Human-readable name of a topic slug ("Batteries / 4680")."""
    for entry, _ in _compiled():
        if entry.topic == slug:
            return entry.label
    return "Other"
