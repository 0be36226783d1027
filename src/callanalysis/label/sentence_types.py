"""What a sentence does in the call: a statement, or talk that is neither a claim nor a forecast.

:func:`sentence_type` gives one of four types (GUIDELINE.md and the decisions applied to the
reference sets, ``data/annotations/README.md``):

* ``procedure``: the running of the call. Every sentence of the operator (the operator's script:
  "Your line is open.", "My name is Debra, and I will be your conference operator today.");
  turn-taking and the agenda ("I'll now turn the call over to Dave.", "Today, we will review the
  first quarter results of 2021.", "Dave will brief you on our operations, and Fay will cover
  the financials."); who is speaking ("I'm William Prate, Senior Director of Investor
  Relations.", "Joining me today are ...", "This is Andy."); the safe-harbour and non-GAAP
  notices ("Such statements are subject to risks and uncertainties", "we will discuss non-GAAP
  measures"); a speaker announcing their own next words ("Let me put some color around
  that.", "Moving on to the guidance.");
* ``courtesy``: greetings, thanks, welcomes, wishes and compliments ("Good morning,
  everyone, and welcome to ...", "Thanks for taking my questions.", "we hope that you and your
  families are well", "Congratulations on the quarter.");
* ``question``: questions and requests ("How are you thinking about uses of cash?", "Could
  you speak to what the guide assumes?", "I just want to get your take on that."); a statement
  that only ends in a tag ("..., right?") stays a statement;
* ``statement``: everything else, the only type that can be a claim or a forecast.

Hedges and boosters are found in sentences of every type. Each rule reads the sentence and the
speaker's role only, so it applies to any call.
"""

from __future__ import annotations

import re

from .lexicons import WordIndex, Words, words_of

__all__ = ["COURTESY", "PROCEDURE", "QUESTION", "STATEMENT", "is_question", "is_request", "sentence_type"]

STATEMENT, QUESTION, PROCEDURE, COURTESY = "statement", "question", "procedure", "courtesy"

_I = re.IGNORECASE
#: Discourse markers a sentence may open with before what it does.
_OPEN = r"^\W*(?:(?:so|and|but|well|now|okay|ok|all\s+right|yes|yeah|great|first(?:\s+of\s+all)?|lastly|finally|next|then|also|again|just|maybe|perhaps)\b\W*)*"

_QUESTION_END = re.compile(r"\?[\s\"'’”)\]]*$")
_TAG_QUESTION = re.compile(r",\s*(?:right|correct|no|yes|yeah|okay|ok|isn['’]t\s+it|is\s+that\s+right)\s*\?[\s\"'’”)\]]*$", _I)
class _Kind:
    """The forms of one sentence type: patterns the sentence opens with (``at_start``, one
    alternation matched at its start) and patterns found anywhere, each with the words it can
    begin with (``anywhere``: ``(starts, pattern)``, a :class:`~.lexicons.WordIndex`)."""

    def __init__(self, at_start: list[str], anywhere: list[tuple[str, str]]) -> None:
        self.at_start = re.compile("|".join(f"(?:{p})" for p in at_start), _I)
        patterns = [re.compile(rf"\b(?:{p})", _I) for _, p in anywhere]
        self.anywhere = WordIndex(patterns, [starts.split() for starts, _ in anywhere], "sentence types")

    def holds(self, words: Words) -> bool:
        return bool(self.at_start.match(words.text) or self.anywhere.finditer(words))


_WH_QUESTION = re.compile(
    _OPEN + r"(?:what|how|why|when|where|who|which)\s+(?:should|would|could|can|do|does|did|will|shall|are|is)\s+(?:we|you|they|i|he|she|it)\b", _I
)
_REQUEST = _Kind(
    [_OPEN + r"(?:can|could|would|will)\s+you\b", _OPEN + r"help\s+us\s+(?:understand|think)\b"],
    [("i we", r"(?:I\s+was|I['’]m|we\s+were|we['’]re)\s+(?:just\s+)?(?:wondering|curious)\b"), ("i", r"I['’]d\s+be\s+(?:interested|curious)\b"),
     ("i we", r"(?:I|we)\s+(?:just\s+)?(?:want|wanted)\s+to\s+(?:get|ask|follow|understand|see|check|clarify|circle|dig|go\s+back|touch|make\s+sure\s+I)\b"),
     ("i we", r"(?:I|we)['’]d\s+love\s+(?:some|to\s+(?:hear|get|know|understand)|any|your)\b"), ("you", r"you\s+help\s+us\s+(?:understand|think)\b"),
     ("you", r"you\s+can\s+(?:just\s+)?(?:talk|elaborate|help|comment|speak|give|put|walk|share|provide)\b"), ("if", r"if\s+you\s+could\b"), ("please", r"please\b"),
     ("any some", r"(?:any|some)\s+(?:additional\s+|more\s+)?(?:color|commentary|thoughts|update|detail)\b"),
     ("i", r"I['’]m\s+(?:not\s+)?(?:necessarily\s+)?asking\b"), ("i", r"I\s+have\s+a\s+(?:quick\s+)?follow-up\b"), ("my", r"my\s+follow-up\b")],
)
#: An analyst framing what they ask ("First question on the propane strength ...").
_ASKING = re.compile(r"\b(?:question|follow-up)s?\b", _I)

_COURTESY = _Kind(
    [_OPEN + r"(?:thank(?:s|\s+you)(?!\s+to\b)|good\s+(?:morning|afternoon|evening|day)|hello|hi|hey|welcome|congratulations|congrats"
     r"|(?:very\s+)?(?:nice|great|good)\s+(?:job|quarter|results|work)|much\s+appreciated|have\s+a\s+(?:nice|good|great|wonderful|safe)"
     r"|take\s+care|stay\s+(?:safe|healthy|well)|happy\s+(?:holidays|new\s+year))\b"],
    [("thanks thank", r"thank(?:s|\s+you)\s+(?:\w+\s+){0,2}for\b"), ("it my", r"(?:it['’]s\s+been|it\s+has\s+been|my)\s+(?:a\s+)?(?:real\s+|great\s+)?pleasure\b"),
     ("i we", r"(?:I|we)\s+(?:(?:would|['’]d)\s+like|want)\s+to\s+(?:(?:also|again|just)\s+)?(?:thank|welcome|congratulate)\b"),
     ("i we", r"(?:we|I)\s+(?:also\s+)?(?:appreciate|value)\s+(?:your|you|the)\s+(?:interest|time|taking|joining|questions?|participation|support)\b"),
     ("i we", r"(?:we|I)\s+hope\s+(?:that\s+)?(?:you|everyone|all\s+of\s+you|your)\b"), ("nice", r"nice\s+to\s+(?:see|hear)\b"),
     ("that", r"that['’]s\s+(?:very\s+|really\s+|super\s+)?helpful\b")],
)

#: Verbs of the speech acts that run a call ("discuss", "walk you through", "turn the call over").
_SPEECH = (
    r"(?:discuss|review|cover|walk|talk|tell\s+you(?!\s*(?:that|this|,|:|--|—))|comment|touch\s+on|highlight|summarize|share(?!\s+with\s+you)|remind|introduce|brief|elaborate|expand|clarify"
    r"|speak|recap|outline|describe|explain|update\s+you|go\s+(?:through|over)|take\s+(?:you|your|questions?|that|this|the\s+(?:first|second|next|last))"
    r"|answer|address\s+(?:your|that|this|the)\s+question|provide\s+(?:you\s+)?(?:with\s+)?(?:an?\s+|some\s+|more\s+|additional\s+|our\s+|a\s+brief\s+)?"
    r"(?:update|overview|color|detail|details|comments|closing|review|summary|perspective)|give\s+(?:you\s+)?(?:an?\s+|some\s+|more\s+)?(?:update|overview|color|detail|details|sense))\b"
)
#: Speech acts the speaker alone makes ("I'll just add", "I'll now turn the call over").
_OWN_SPEECH = (
    r"(?:add\b(?!\s*(?:capacity|new|more|to\s+our|that|,|:|--|—))|say(?!\s+that)|hand|pass|turn\s+(?:the\s+call|it|things|the\s+floor|over|back|now|to\s+(?:the|our|slide|page))"
    r"|(?:begin|start)(?=\s+(?:with|by|off|today|here|our|the\s+call)|\W*$)|open\s+(?:the\s+(?:call|line|floor)|it\s+up|up\s+the)|move\s+on\b"
    r"|close\s+the\s+call|conclude|wrap\s+up|focus\s+my|be\s+(?:happy|glad|pleased)\s+to\s+(?:answer|take)|put\s+some\s+color"
    r"|try\s+to\s+(?:answer|address|dimensionalize|give)|ask\s+(?:you|(?-i:[A-Z]))|be\s+your)\b"
)
_PROCEDURE = _Kind(
    [  # the speaker (or a named colleague) announcing what is said next on the call
        r"^(?:[^,.;:?!]{0,60},\s*)*(?:(?:I|we)(?:['’](?:ll|d\s+like\s+to|m\s+going\s+to|re\s+going\s+to)\s+|\s+(?:will|shall|would\s+like\s+to"
        r"|want\s+to|am\s+going\s+to|are\s+going\s+to|can|will\s+then)\s+)|let\s+me\s+|let['’]s\s+)(?:now\s+|then\s+|also\s+|just\s+|first\s+|briefly\s+|quickly\s+"
        r"|start\s+by\s+|begin\s+by\s+)*(?:" + _SPEECH + "|" + _OWN_SPEECH + ")",
        r"^(?:[^,.;:?!]{0,60},\s*)*(?-i:[A-Z][a-z]+)(?:\s+and\s+I)?(?:\s+will|['’]ll)\s+(?:now\s+|then\s+|also\s+)*" + _SPEECH,
        _OPEN + r"(?:[A-Z]\w+,\s*)?(?:maybe\s+|just\s+|now\s+)*(?:starting|shifting|building|moving|turning|switching|going|jumping|pivoting|coming)\s+(?:back\s+)?(?:over\s+)?(?:with|to|on|off)\b[^,;]*$",
        _OPEN + r"(?:my\s+name\s+is|I['’]m|I\s+am|this\s+is|it['’]s)\s+(?-i:[A-Z][\w.'’-]+)(?:\s+(?-i:[A-Z][\w.'’-]+))*(?:\s*(?:,|--|—|\bfrom\b|\bwith\b|\bof\b|\bon\s+for\b|\bspeaking\b|\bhere\b)|\W*$)",
        r"^\W*operator\b",
    ],
    [
        ("it this", r"(?:it['’]s|this\s+is)\s+(?-i:[A-Z]\w+)\s+speaking\b"), ("joining with", r"(?:joining|with)\s+(?:me|us)\b[^.;]{0,40}\b(?:is|are)\s+(?-i:[A-Z])"),
        ("forward", r"forward-looking\s+(?:statements|information)\b"), ("safe", r"safe\s+harbou?r\b"),
        ("subject involve", r"(?:subject\s+to|involve)\s+(?:\w+\s+){0,3}?risks\b"), ("risks", r"risks\s+and\s+uncertainties\s+that\b"),
        ("differ", r"differ\s+materially\b"), ("undue", r"undue\s+reliance\b"), ("obligation", r"obligation\s+to\s+(?:publicly\s+)?update\b"),
        ("cannot", r"cannot\s+be\s+certain\s+that\b"), ("non", r"non-GAAP\b(?=.*\b(?:will|today|call|remarks|comments|discuss)\b)"),
        ("will today remarks comments", r"(?:will|today|remarks|comments)\b(?=.*\bnon-GAAP\b)"), ("being", r"being\s+recorded\b"), ("webcast", r"webcast\b"),
        ("a the", r"(?:a|the)\s+replay\b"), ("replay", r"replay\s+(?:of\s+(?:this|the|today)|will\s+be)\b"), ("this that", r"(?:this|that)\s+concludes\b"),
        ("next first second third final following", r"(?:next|first|second|third|final|following)\s+question\s+(?:comes|is\s+from)\b"),
        ("question", r"question\s+comes\s+from\b"), ("your", r"your\s+line\s+is\s+open\b"), ("go", r"go\s+ahead\b"), ("un unmute", r"un-?mute\b"),
        ("q", r"Q\s*&\s*A\b"), ("question", r"question-and-answer\b"), ("question", r"question\s+queue\b"), ("back", r"back\s+(?:in|into)\s+the\s+queue\b"),
        ("one", r"one\s+question\s+(?:and|with)\s+one\s+follow"), ("prepared", r"prepared\s+remarks\b"),
        ("refer see", r"(?:refer|see)\s+(?:to\s+)?(?:our|the)\s+(?:slide|press\s+release|earnings\s+release|filings?|presentation|website)\b"),
        ("better", r"better\s+question\s+for\b"), ("ready", r"ready\s+to\s+(?:take|answer)\b"),
        ("let", r"let\s+(?-i:[A-Z])\w+\s+(?:\w+\s+)?(?:take|answer|start|add|address|comment|speak|talk)\b"),
        ("take answer", r"(?:take|answer)\s+(?:that|this)\s+one\b"), ("chime", r"chime\s+in\b"), ("only", r"only\s+comments?\s+(?:that\s+)?we\s+would\s+make\b"),
    ],
)
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
    return _REQUEST.holds(words_of(text))


def sentence_type(text: str | Words, role: str | None = None) -> str:
    """The sentence's type (see module docstring); ``role`` is the speaker's role
    (``operator``, ``investor relations``, ``executive``, ``analyst``, ``unknown``)."""
    if role == "operator":
        return PROCEDURE
    words = words_of(text)
    text = words.text
    if _QUESTION_END.search(text) and not _TAG_QUESTION.search(text):
        return QUESTION
    if _COURTESY.holds(words):
        return COURTESY
    if _PROCEDURE.holds(words) or (role == "investor relations" and _MODERATION.search(text)):
        return PROCEDURE
    if is_question(text) or _REQUEST.holds(words) or (role == "analyst" and _ASKING.search(text)):
        return QUESTION
    return STATEMENT
