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
from functools import cache

from .lexicons import WordIndex, Words, load_topics

__all__ = ["OTHER", "assign_topic", "topic_label", "topic_scores"]

OTHER = "other"


@cache
def _patterns() -> WordIndex:
    """The topics' keyword patterns (whole words), in lexicon order, compiled once."""
    topics = load_topics()
    patterns = [re.compile(rf"(?<![\w$])(?:{e.pattern})(?![\w])", re.IGNORECASE) for e in topics]
    return WordIndex(patterns, [e.starts.split() for e in topics], "topics.csv")


def topic_scores(text: str | Words) -> dict[str, int]:
    """Number of keyword matches per topic (topics with no match omitted)."""
    scores: dict[str, int] = {}
    topics = load_topics()
    for i, _ in _patterns().finditer(text):
        scores[topics[i].topic] = scores.get(topics[i].topic, 0) + 1
    return scores


def assign_topic(text: str | Words) -> str:
    """The sentence's topic slug, or ``"other"`` (see module docstring)."""
    scores = topic_scores(text)
    if not scores:
        return OTHER
    priority = {e.topic: e.priority for e in load_topics()}
    return min(scores, key=lambda t: (-scores[t], priority[t]))


def topic_label(slug: str) -> str:
    """Human-readable name of a topic slug ("Batteries / 4680")."""
    for entry in load_topics():
        if entry.topic == slug:
            return entry.label
    return "Other"
