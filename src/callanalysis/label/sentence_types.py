"""What a sentence does in the call: a statement, or talk that is neither a claim nor a forecast.

:func:`sentence_type` gives one of four types (GUIDELINE.md; ``data/annotations/README.md``):

* ``procedure``: the running of the call: every sentence of the operator; turn-taking and the
  agenda ("I'll now turn the call over to Dave.", "Today, we will review the first quarter
  results."); who is speaking ("I'm William Prate, Senior Director of Investor Relations.");
  the safe-harbour and non-GAAP notices; a speaker announcing their own next words ("Let me put
  some color around that.", "Moving on to the guidance."), but not one placed at a later call or
  time ("We will share that guidance on our January call": :data:`LATER`), a scheduled event;
* ``courtesy``: greetings, thanks, welcomes, wishes and compliments ("Thanks for taking my
  questions.", "Congratulations on the quarter.");
* ``question``: questions and requests ("Could you speak to what the guide assumes?", "I just
  want to get your take on that."); a statement that only ends in a tag ("..., right?") stays
  a statement;
* ``statement``: everything else, the only type that can be a claim or a forecast.

A type shows in how the sentence opens or in a phrase anywhere in it
(``data/lexicons/sentence_types.csv``: each row's ``kind`` is the type it marks). Each rule
reads the sentence and the speaker's role only.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import WordIndex, Words, load_cues, words_of


STATEMENT, QUESTION, PROCEDURE, COURTESY = "statement", "question", "procedure", "courtesy"

_I = re.IGNORECASE
#: Discourse markers a sentence may open with before what it does.
#: The discourse markers a sentence may open with ("So, ...", "Yeah, and ...", "Now ...").
_MARKERS = r"so|well|now|okay|ok|all\s+right|yes|yeah|sure|great|first(?:\s+of\s+all)?|lastly|finally|next|then|also|again|just|maybe|perhaps"
_OPEN = rf"^\W*(?:(?:and|but|{_MARKERS})\b\W*)*"

_QUESTION_END = re.compile(r"\?[\s\"'’”)\]]*$")
_TAG_QUESTION = re.compile(r",\s*(?:right|correct|no|yes|yeah|okay|ok|isn['’]t\s+it|is\s+that\s+right)\s*\?[\s\"'’”)\]]*$", _I)


@cache
def _phrases() -> tuple[tuple[str, ...], WordIndex]:
    """The types the rows of ``sentence_types.csv`` mark, and the rows compiled (each from a word start)."""
    rows = load_cues("sentence_types.csv")
    patterns = [re.compile(rf"\b(?:{e.pattern})", _I) for e in rows]
    return tuple(e.kind for e in rows), WordIndex(patterns, [e.starts.split() for e in rows], "sentence_types.csv")


def _marked(words: Words) -> set[str]:
    """The types that a phrase of ``sentence_types.csv`` marks in the sentence."""
    kinds, index = _phrases()
    return {kinds[i] for i, _ in index.finditer(words)}


_WH_QUESTION = re.compile(
    _OPEN + r"(?:(?:what|how|why|when|where|who|which)\s+(?:should|would|could|can|do|does|did|will|shall|are|is)"
    r"|(?:do|does|did|is|are|was|were|have|has))\s+(?:we|you|they|i|he|she|it|there|that|this|your|any)\b", _I
)  # "So how do you ...", "And is there any ..." (no question mark in the transcript)
#: How a request opens ("Could you speak to ...", "Help us understand ...", "Maybe give us a sense of ...").
_REQUEST_OPENS = re.compile(_OPEN + r"(?:(?:can|could|would|will)\s+you|(?:help|give|remind)\s+(?:us|me)|talk|explain|elaborate)\b", _I)
#: An analyst framing what they ask ("First question on the propane strength ...", "Just curious how
#: that trended.", "Wanted to start with Appriss.", "And then just one more, if I may.").
_ASKING = re.compile(r"\b(?:question|follow-up)s?\b|" + _OPEN + r"(?:kind\s+of\s+)?(?:curious|wondering|I\s+wonder|wanted\s+to|want\s+to"
                     r"|hoping|trying\s+to\s+(?:understand|get|figure)|one\s+(?:more|last|final)|last\s+one)\b", _I)

#: How a greeting, thanks, a compliment or a wish opens.
_COURTESY_OPENS = re.compile(
    _OPEN + r"(?:thank(?:s|\s+you)(?!\s+to\b)|good\s+(?:morning|afternoon|evening|day)|hello|hi|hey|welcome|congratulations|congrats"
    r"|(?:very\s+)?(?:nice|great|good)\s+(?:job|quarter|results|work)|much\s+appreciated|have\s+a\s+(?:nice|good|great|wonderful|safe)"
    r"|take\s+care|stay\s+(?:safe|healthy|well)|happy\s+(?:holidays|new\s+year))\b", _I)

#: A frame verb followed by a that-clause states the clause ("I want to highlight that during Q3, we executed
#: a $600 million bond"); "I'll clarify that for you." stays procedure.
_FRAME = r"(?!(?:\s+(?:you|everyone|everybody|all))?(?:\s+(?:though|again|also))?\s+that\s+(?!for\b|later\b|in\s+more\b)\w)"
#: Verbs of the speech acts that run a call ("discuss", "walk you through", "turn the call over").
_SPEECH = (
    r"(?:discuss|review|cover|walk|talk|tell\s+you(?=\s+(?:about|more|a\s+(?:little|bit|few|couple)|how\s+we|the\s+(?:\w+\s+)?(?:things?|actions?|reasons?)|why\W*$)|\W*$)|comment|touch\s+on|(?:highlight|remind|clarify|emphasize)" + _FRAME + r"|summarize|share(?!\s+with\s+you)|introduce(?=\s+(?:you\b|myself\b|(?-i:[A-Z])|(?:our|the|my)\s+(?:\w+\s+){0,3}?(?:speakers?|host|team|colleagues?|officer|CFO|CEO|president|chair\w*|management|panel\w*)\b))|brief|elaborate|expand(?=\s+(?:on|upon)\b)"
    r"|speak|recap|outline|describe|explain|update\s+you|go\s+(?:through|over)|take\s+(?:you|your|questions?|that|this|the\s+(?:first|second|next|last))"
    r"|answer|address\s+(?:your|that|this|the)\s+question|(?:provide|follow)\s+(?:you\s+)?(?:with\s+)?(?:(?:an?|some|more|additional|our|brief|the|little|bit|of|his|my)\s+)*(?:[\w'-]+\s+)?"
    r"(?:update|overview|color|detail|details|comments|closing|review|summary|perspective|background|context|discussion)|give\s+(?:you\s+)?(?:an?\s+|some\s+|more\s+)?(?:update|overview|color|detail|details|sense))\b"
)
#: A colleague named as the one who speaks next ("Bob will review ..."): a capitalised word that is
#: no pronoun or determiner ("That will cover ..." names no one).
NAME = r"(?!(?:That|This|These|Those|There|It|Which|What|The|Our|All|Each|Both|Some|Such)\b)(?-i:[A-Z][a-z]+)"
#: What a speaker adds when "add" is a speech act: a remark ("I'll add one thing", "I'd add to that"),
#: not stores or an amount ("we will add 200 stores").
REMARK = (
    r"a\s+(?:few|couple|little|bit|quick|final)|(?:one|two|a|another)\s+(?:more\s+|other\s+|quick\s+|final\s+)?"
    r"(?:thing|point|comment|note|word|thought)s?|some\s+(?:color|thoughts|comments|context|perspective)"
    r"|to\s+(?:that|what|this|it|(?-i:[A-Z]))|on"
)
#: Speech acts the speaker alone makes ("I'll just add", "I'll now turn the call over").
_OWN_SPEECH = (
    r"(?:add(?=\s*(?:[.;!?]|$)|\s+(?:" + REMARK + r")\b)|say(?=\s*[.;!?]|\s+(?:a\s+few|a\s+couple|one|two|three|a\s+word|this|something|thank|how|hello|goodbye|again)\b)|hand|pass|turn\s+(?:the\s+call|it|things|the\s+floor|over|back|now|to\s+(?:the|our|slide|page))"
    r"|(?:begin|start)(?=\s+(?:with|by|off|today|here|there|our|the\s+(?:call|discussion)|and|first|quickly|on\s+(?:slide|page|that|this))\b|\s*,(?!\s*(?:and|but)\s+(?!then\b))|\W*$)|open\s+(?:the\s+(?:call|line|floor)|it\s+up|up\s+the)|move\s+on\b"
    r"|close\s+the\s+call|conclude|wrap\s+up|focus\s+my|be\s+(?:happy|glad|pleased)\s+to\s+(?:answer|take)|put\s+some\s+color"
    r"|try\s+to\s+(?:answer|address|dimensionalize|give)|ask\s+(?:you|(?-i:[A-Z]))|be\s+your"
    r"|leave\s+it\s+there|jump\s+back|kick\s+(?:it|off|this)|take\s+(?:a\s+(?:shot|stab)|the\s+\w+\s+question)|close\s+with|turn\s+this\s+call|make\s+(?:a\s+(?:few|couple)|some)\s+(?:of\s+)?(?:\w+\s+)?comments)\b"
)
#: What may come before the speaker: discourse markers ("So maybe I'll start ...", "Yeah, and I'll add ..."),
#: fronted phrases closed by a comma, the time of the call ("This morning I'll provide ..."); not a clause
#: joined by "and" ("Cost takeout helped, and I'll speak more to that in a minute.").
_LEAD = rf"^(?:(?:and|but|{_MARKERS})\W+)*(?:[^,.;:?!]{{0,60}},\s*|(?:{_MARKERS}|this\s+(?:morning|afternoon)|today)\s+)*"
#: How call procedure opens: the speaker (or a named colleague) announcing what is said next on the
#: call, a change of subject, a speaker saying who they are, the operator addressed.
_PROCEDURE_OPENS = re.compile("|".join(f"(?:{p})" for p in [
    _LEAD + r"(?:(?:I|we)(?:['’](?:ll|d\s+like\s+to|m\s+going\s+to|re\s+going\s+to)\s+|\s+(?:will|shall|would\s+like\s+to"
    r"|want\s+to|am\s+going\s+to|are\s+going\s+to|can|will\s+then)\s+)|let\s+me\s+|let['’]s\s+)(?:now\s+|then\s+|also\s+|just\s+|first\s+|briefly\s+|quickly\s+"
    r"|start\s+by\s+|begin\s+by\s+)*(?:" + _SPEECH + "|" + _OWN_SPEECH + ")",
    _LEAD + NAME + r"(?:\s+and\s+I)?(?:\s+will|['’]ll)\s+(?:now\s+|then\s+|also\s+)*" + _SPEECH,
    _OPEN + r"(?:[A-Z]\w+,\s*)?(?:maybe\s+|just\s+|now\s+)*(?:starting|shifting|building|moving|turning|switching|going|jumping|pivoting|coming"
    r"|(?:let['’]s\s+)?(?:turn|flip|skip|move|go)(?=\s+(?:now\s+)?(?:over\s+)?to\s+(?:slide|page)\b))\s+(?:back\s+)?(?:over\s+)?(?:with|to|on|off)\b[^,;]*$",
    _OPEN + r"(?:my\s+name\s+is|I['’]m|I\s+am|this\s+is|it['’]s)\s+(?-i:[A-Z][\w.'’-]+)(?:\s+(?-i:[A-Z][\w.'’-]+))*(?:\s*(?:,|--|—|\bfrom\b|\bwith\b|\bof\b|\bon\s+for\b|\bspeaking\b|\bhere\b)|\W*$)",
    r"^\W*operator\b",
]), _I)
#: A speech act placed, in its clause, at a later call or event or a later time: a scheduled event, no procedure of
#: this call ("We will share that guidance in our January call.", KeyCorp Q3 2021; "we'll give you more color next quarter");
#: not a sign-off ("we'll talk to you next quarter").
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
LATER = re.compile(
    r"(?!(?:\s+(?:talk|speak))?\s+(?:to|with)\s+(?:you|everyone|everybody)(?:\s+again)?\s+(?:next|soon|on\s+our)\b)[^,;]*?\b(?:(?:in|on|at|during|to)\s+(?:our\s+|the\s+)?"
    r"(?:(?:\w+[\s-]+){0,3}?(?:next|future|upcoming|" + _MONTH + r"|year-end|\w+-quarter)[\s-]+(?:\w+\s+){0,2}?(?:calls?|meetings?)|(?:investor|analyst)\s+(?:day|conference))"
    r"|(?:in|over)\s+the\s+(?:coming|next|upcoming)\s+(?:few\s+)?(?:weeks|months|quarters?)|next\s+(?:quarter|year|call)|later\s+this\s+year|(?:more|that|this|it)\s+in\s+" + _MONTH + r")\b"
    r"|\s+(?:\w+\s+){0,2}?in\s+" + _MONTH + r"\b", _I)
#: Investor relations moderating the call.
_MODERATION = re.compile(r"\b(?:talked|talk|talking)\s+about\s+(?:that|this)\b|\bquestions?\b|\bcomments?\s+as\s+well\b|\bthank\b", _I)


def is_question(text: str | Words) -> bool:
    """The sentence asks: it ends with a question mark (not only after a tag, "..., right?")
    or opens like a question ("So, then what should they do ...")."""
    text = text.text if isinstance(text, Words) else text
    return bool(_QUESTION_END.search(text) and not _TAG_QUESTION.search(text)) or bool(_WH_QUESTION.match(text))


def is_request(text: str | Words) -> bool:
    """The sentence asks for something: "Could you speak to ...", "I was wondering ...",
    "please", "any color on ..."."""
    words = words_of(text)
    return bool(_REQUEST_OPENS.match(words.text)) or QUESTION in _marked(words)


def sentence_type(text: str | Words, role: str | None = None) -> str:
    """The sentence's type (see module docstring); ``role`` is the speaker's role
    (``operator``, ``investor relations``, ``executive``, ``analyst``, ``unknown``)."""
    if role == "operator":
        return PROCEDURE
    words = words_of(text)
    text = words.text
    if _QUESTION_END.search(text) and not _TAG_QUESTION.search(text):
        return QUESTION
    marked = _marked(words)
    if COURTESY in marked or _COURTESY_OPENS.match(text):
        return COURTESY
    opens = _PROCEDURE_OPENS.match(text)
    if PROCEDURE in marked or (opens and not LATER.match(text, opens.end())) or (role == "investor relations" and _MODERATION.search(text)):
        return PROCEDURE
    if QUESTION in marked or is_question(text) or _REQUEST_OPENS.match(text) or (role == "analyst" and _ASKING.search(text)):
        return QUESTION
    return STATEMENT
