"""Screened sets and the sentence-type short cut give what the patterns and tests they stand for give."""

import re

from callanalysis.label import forecasts, topics
from callanalysis.label.lexicons import ScreenedPattern, ScreenedSet, screen

SENTENCES = (
    "Next question, please.",
    "Could you talk about the margins?",
    "So, what should we expect for Cybertruck in 2025",
    "I was wondering about the 4680 ramp.",
    "Thank you, and we talked about this before.",
    "During this call, we will discuss our business outlook.",
    "We expect deliveries to grow next year.",
    "The Optimus robot is doing useful work in the factory.",
    "It\u2019s going to be a great year for energy storage.",
    "OK.",
    "",
)


def test_a_screened_set_gives_the_members_that_can_match():
    members = [("fruit", ScreenedPattern(r"apples|pears", re.IGNORECASE)), ("q", ScreenedPattern(r"\?$"))]
    screened = ScreenedSet(members)
    for text in ("Pears?", "apples", "plums?", "plums"):
        live = dict(screened.live(screen(text)))
        for name, pattern in members:
            whole = re.compile(pattern.pattern, pattern.flags)
            if name in live:
                assert [m.span() for m in live[name].finditer(text)] == [m.span() for m in whole.finditer(text)]
            else:
                assert whole.search(text) is None
        assert screened.live(screen(text)) == screened.live(screen(text))  # kept: the same answer


def test_excluded_as_is_the_first_sentence_type_that_holds():
    for text in SENTENCES:
        for role in (None, "executive", "analyst", "operator", "investor relations"):
            want = (
                "question" if forecasts.is_question(text)
                else "request" if forecasts.is_request(text)
                else "procedure" if forecasts.is_call_procedure(text, role)
                else ""
            )
            assert forecasts.excluded_as(text, role) == want, (text, role)


def test_topic_scores_count_every_topic_match():
    for text in SENTENCES:
        want = {}
        for entry, pattern in topics._compiled():
            n = len(re.compile(pattern.pattern, pattern.flags).findall(text))
            if n:
                want[entry.topic] = want.get(entry.topic, 0) + n
        assert topics.topic_scores(text) == want, text
