"""One topic per sentence, from the keyword patterns in ``data/lexicons/topics.csv``.

Promises of :func:`assign_topic`: the topic slug of the lexicon with the most keyword matches
in the sentence, or :data:`OTHER`; a keyword in a phrase that sets something aside ("excluding
the impact of Cybertruck", "other than energy") does not count; ties go to the lower
``priority`` (named programmes before broad themes: "4680 costs are dropping" is ``batteries``,
not ``costs_margins``); matching is case-insensitive and whole-word.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import WordIndex, Words, keys_of, load_topics, words_of


OTHER = "other"


@cache
def _patterns() -> WordIndex:
    """The topics' keyword patterns (whole words), in lexicon order, compiled once."""
    topics = load_topics()
    patterns = [re.compile(rf"(?<![\w$])(?:{e.pattern})(?![\w])", re.IGNORECASE) for e in topics]
    return WordIndex(patterns, [e.starts.split() for e in topics], "topics.csv")


#: A phrase that sets something aside, up to the end of its clause.
_SET_ASIDE = re.compile(r"\b(?:excluding|exclude|excludes|except(?:\s+for)?|other\s+than|aside\s+from|apart\s+from)\b[^,;.?!]*", re.IGNORECASE)
_SET_ASIDE_STARTS = keys_of("excluding except other aside apart")  # the words a match of it begins with


def topic_scores(text: str | Words) -> dict[str, int]:
    """Number of keyword matches per topic (topics with no match omitted)."""
    words = words_of(text)
    found = _patterns().finditer(words)
    setting_aside = found and words.has_any(_SET_ASIDE_STARTS)
    aside = [m.span() for m in _SET_ASIDE.finditer(words.text)] if setting_aside else []
    scores: dict[str, int] = {}
    topics = load_topics()
    for i, m in found:
        if not any(a <= m.start() < b for a, b in aside):
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
    return next((e.label for e in load_topics() if e.topic == slug), "Other")
