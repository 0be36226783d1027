"""Claims: assertions of past or present fact that could be checked (GUIDELINE.md, "claim").

Promises of :func:`is_claim` (one sentence, optionally with the speaker's role and its forecast
decision; :func:`claim_reason` says why):

* only a statement (:mod:`.sentence_types`) can be a claim;
* never a claim: back-channel ("Yeah.", "That's it."), no finite verb (unless a quantity: "Five
  million cars."), imperatives, infinitive fragments ("But also to win."), wants ("We don't want
  that."), feelings ("We're very proud of that order.", "We look forward to ..."; not "pleased to
  report that ...", "pleased with EPS of $1.10": these state a fact), evaluations with nothing to check
  ("It's profound.", "So those are our priorities."), impressions ("it almost feels like ..."),
  opinions on value ("I don't think it's super important"), tautologies ("A road is a road."),
  generic second-person truisms and hypotheticals ("If you've got cars on ships, they cannot be
  delivered."), possibilities ("It could be plugged in or not."), a future left open ("I don't
  know what's going to happen", unless a coordinated clause asserts), norms ("you should ..."),
  and short remarks on the speaker's own wording ("GPU is wrong word.", "I meant within 25%.");
* a forecast is also a claim only with a checkable past or present anchor outside if-clauses: a
  past-tense or present-perfect clause, a present progressive ("our costs are dropping"; not "we
  are now guiding"), "right now / today / already", a forecast an analyst attributes to someone
  ("you ... expect a 2024 growth rate"), or a present statement with a quantity or a copula
  before the cue ("roughly 35,000 H100s are active, and we expect ...");
* otherwise a declarative sentence with a finite verb is a claim, hedged ones included ("I think
  around 35,000 are active"); attributions ("as Lars said") are no anchors by themselves.
"""

from __future__ import annotations

import re
from functools import cached_property

from .forecasts import INDIRECT_QUESTION, QUESTION_VERBS, find_forecast_cues
from .lexicons import CueMatch, WordIndex, Words, words_of
from .quantities import find_quantities
from .sentence_types import STATEMENT, sentence_type


_I = re.IGNORECASE
_MARKERS = (
    r"so|and|but|well|yeah|yes|no|i\s+mean|like|oh|ok|okay|now|then|again|also|anyway|right|of\s+course|obviously|"
    r"clearly|actually|really|basically|look|listen|you\s+know|in\s+short|moreover|just|in\s+fact|indeed|because|hey|"
    r"in\s+conclusion|to\s+recap|finally|lastly|once\s+again|in\s+addition|additionally|again|anyway"
)
_LEAD = rf"^\W*(?:(?:{_MARKERS})\b\W*)*"

_PAST_IRREGULAR = (
    r"was|were|had|did|said|saw|made|went|came|took|built|began|grew|fell|rose|sold|spent|knew|found|gave|brought|bought|"
    r"told|felt|left|led|kept|paid|met|ran|won|lost|became|wrote|struck|drove|chose|heard|held|meant|sent|understood|thought|got"
)
#: A past-tense or present-perfect clause, a past date or "ago": the sentence reports something
#: that has happened. (Every form begins where a word begins or at an apostrophe: the lookahead
#: passes over the other places at once.)
PAST_CLAUSE = re.compile(
    r"(?=(?<!\w)\w|['’])(?:"
    rf"\b(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!['’]ve\s)(?<!\bhave\s)(?:{_PAST_IRREGULAR})\b"
    r"|\b(?:we|i|they|he|she|it|you|who|that|which|company|tesla)\s+(?:\w+ly\s+|already\s+|also\s+|just\s+)?(?!(?:proceed|succeed|exceed|indeed|embed|shred)\b)\w{3,}ed\b"
    r"|\b(?:production|margins?|revenues?|costs?|sales|deliveries|prices?|deployments?|demand|volumes?|output|profitability|spending|capex|expenses?|income|earnings)\s+"
    r"(?:\w+ly\s+)?(?:increased|decreased|declined|dropped|improved|reached|doubled|tripled|expanded|grew|rose|fell|came\s+in|resulted)\b"
    r"|\b(?:have|has|['’]ve)\s+(?:\w+ly\s+|already\s+|now\s+|also\s+|just\s+|not\s+|never\s+|all\s+)*"
    r"(?:been|\w+ed|done|made|seen|had|built|shown|taken|grown|sold|spent|given|become|begun|known|found|won|put|set|"
    r"said|told|met|paid|learned|started|gone)\b"
    r"|['’]s\s+(?:\w+ly\s+|already\s+|now\s+|also\s+|just\s+|never\s+)*(?:been|become|had|gotten|gone|done|made|taken|grown)\b"
    r"|\bago\b|\bpreviously\b|\bin\s+Q[1-4]\b)", re.IGNORECASE)
#: The words a past clause can begin with: :func:`is_past` tries it only where one begins.
_PAST_STARTS = (
    f"{_PAST_IRREGULAR.replace('|', ' ')} we i they he she it you who that which company tesla production margin"
    " margins revenue revenues cost costs sales deliveries price prices deployment deployments demand volume volumes"
    " output profitability spending capex expense expenses income earnings have has 've 's ago previously in"
)
_PAST_INDEX = WordIndex([PAST_CLAUSE], [_PAST_STARTS.split()], "past")


def is_past(text: str | Words) -> bool:
    """The sentence (text or :class:`~.lexicons.Words`) has a :data:`PAST_CLAUSE`."""
    return bool(_PAST_INDEX.finditer(text))


_BACKCHANNEL = re.compile(
    _LEAD + r"(?:yeah|yes|no|ok|okay|sure|right|great|exactly|thanks|thank\s+you|hi|hello|hey|good\s+(?:morning|afternoon|evening)"
    r"|all\s+right|absolutely|wow|cool|indeed|bonkers|next|correct|true|perfect|got\s+it|of\s+course|not\s+even"
    r"|that['’]s\s+(?:it|right|true|correct))\b[\W\w]{0,20}$", _I)
_FEELING = re.compile(  # also after a fronted phrase ("In spite of this, I remain optimistic ...")
    _LEAD + r"(?P<fronted>(?:in|with|despite|given|even|at|overall)\b[^,.;]{0,60},\s*)?(?:(?:I|we)(?:['’]m|['’]re|\s+am|\s+are|\s+were|\s+was|\s+(?:also\s+)?continue\s+to\s+be|\s+(?:couldn['’]t|could\s+not)\s+be|\s+(?:\w+\s+)?(?:feel|look(?=\s+forward))|\s+remain)"
    r"|(?:it['’]s|it\s+is)\s+(?:(?:very|really|so|always|particularly)\s+)*(?:nice|great|good)\s+to\s+(?:see|hear))"
    r"\s+(?:(?:\w+ly|very|so|also|really|just|more|all|quite)\s+)*(?:(?P<factive>proud|pleased|happy|excited|thrilled|delighted|encouraged|grateful|thankful|humbled)\b"
    r"(?!\s+(?:that|to\s+(?:report|announce|say|\w+\s+that)|of\s+the\s+fact)\b)|bullish|optimistic|anxious|eager|great|good|comfortable|confident|(?:looking\s+)?forward)\b", _I)
#: A short statement about "that" / "those" with nothing to check ("So those are our priorities.", "Makes sense.").
_DEMONSTRATIVE = re.compile(_LEAD + r"(?:(?:that|those|this|these)(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:still\s+|really\s+|also\s+)*(?:our|the|a|an|my|just)"
                            r"|(?:(?:that|it)\s+)?makes?\s+(?:a\s+lot\s+of\s+|total\s+|perfect\s+)?sense)\b", _I)  # or "(That) makes sense."
#: A finite verb; each form begins a word or at an apostrophe or "n't" (the lookahead passes over other places).
_FINITE = re.compile(
    r"(?=(?<!\w)\w|['’]|n['’]t)(?:"
    r"\b(?:am|is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|will|would|should|may|might|must|shall"
    r"|continue|remain|represent|include|reflect|show|tend|seem|appear|drive|help|provide|offer|allow|require|need|see|expect)\b"
    r"|['’](?:s|re|m|ve|d|ll)\b|n['’]t\b"
    r"|\b(?:we|i|they|you|he|she|it|people|who|which|that|everyone|everything|nobody|somebody)\s+(?:\w+ly\s+)?[a-z]+\b"
    r"|\b\w+(?:ed|es)\b)", _I)
_STRONG_IMPERATIVE = re.compile(
    _LEAD + r"(?:imagine|try|go|drive|let['’]s|don['’]t|do\s+not|make|take|get|please|license|summon|press|feel\s+free|"
    r"keep(?!\s+in\s+mind)|stop|buy|check|watch)\b", _I)  # "keep in mind (that) ..." frames a statement
_WEAK_IMPERATIVE = re.compile(_LEAD + r"(?:think|look|consider|remember|note)\b(?!\s*,)", _I)  # "Look, ..." opens a statement
_INFINITIVE_FRAGMENT = re.compile(r"^\W*(?:(?:but|and|so|also|or|just)\W+)*to\s+[a-z]+[^,;]*$", _I)
_SUBJECT_CLAUSE = re.compile(r"\b(?:we|I|they|he|she|it|there)(?:['’]\w+)?\s+\w+", _I)
#: A want that only frames what the speaker says ("I want to point out that revenue grew ...") is no want.
_SAYING = r"(?!\s+to\s+(?:\w+\s+)?(?:say|add|highlight|emphasize|point\s+out|note|stress|reiterate|underscore|be\s+clear|clarify|mention)\s*(?:that\b|,))"
_WANT_START = re.compile(
    _LEAD + r"(?:we|I)(?:\s+(?:do|don['’]t|do\s+not|really|just|also|would|['’]d))*\s+(?:want|wish|hope|like|love|prefer)\b" + _SAYING
    + r"|" + _LEAD + r"(?:we|I)['’]d\s+(?:like|love|prefer)\b" + _SAYING, _I)
_EVAL = (
    r"(?:profound|great|good|well|bright|important|smart|amazing|incredible|fantastic|helpful|wrong|right|best|excellent|eager|"
    r"crazy|weird|bonkers|difficult|hard|easy|prosperous|exciting|excited|rewarding|attractive|valuable|interesting|obvious|key|true|"
    r"fine|huge|big|tough|cool|nice|bad|terrible|awesome|impressive|ridiculous|insane|complex|complicated|idea|pleasure|deal|"
    r"shame|like|lightning|early|rare|possible|impossible|necessary|critical|essential|remarkable|unlike|analogous|kidding|"
    r"guess|guesses|(?:whole|key|main|real)\s+point|what\s+matters|doing\s+(?:well|great|good|fine))"
)
_EVALUATION = re.compile(
    _LEAD + r"(?:it|that|this|these|those|which|we|they|he|she|everything|there|"
    r"the\s+(?:future|outlook|opportunity|potential|journey))"
    r"(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were|\s+would\s+be|\s+will\s+be)\s+"
    r"(?:(?:\w+ly|very|so|too|quite|pretty|super|just|really|also|all|not|a|an|the|more|most|much|even|kind\s+of|sort\s+of|like|my|our|--|—|it['’]s)\s+)*"
    + _EVAL
    + r"\b", _I)
_TAUTOLOGY = re.compile(r"\b(\w+)\s+is\s+an?\s+\1\b", _I)
#: What makes an opinion one on value ("I don't think that's the right way"; not the time "right now").
_EVAL_WORD = re.compile(r"\b(?:super\s+important|important|best|worst|great|wrong|right(?!\s+(?:now|away|here|there)\b)|should|shouldn['’]t|valuable|better)\b", _I)
_NOTE_THAT = re.compile(r"\b(?:it['’]s|it\s+is)\s+important\s+to\s+(?:note|remember|point\s+out|acknowledge|say)\s*(?:also\s+)?(?:that\s+|,\s*)?", _I)
_GENERIC_YOU = re.compile(
    r"(?:^|[,;.]\s*|--\s*|—\s*|\b(?:and|but|so|then|if|when|once|just\s+like\s+a\s+human,?)\s+)you(?:\s+|(?=['’]))"
    r"(?!mentioned|said|talked|asked|noted|and\s+your|guys\b|['’]ve\s+(?:spoken|said|mentioned|talked))"
    r"(?:\w+\s+){0,2}?(?:can|could|can['’]t|just|get|have|['’]ve|['’]re|need|go|drive|buy|summon|don['’]t|do|shouldn['’]t|should|might|may|"
    r"['’]ll|will|want|see|live|sell|value|ask|look|think|shed|start|add|rent|press|get|put|run)\b", _I)
#: "In China, you get fined ...": generic 'you' framed by a named place states a checkable
#: fact about that place (its rules, prices, habits), not a truism.
_PLACE_FRAME = re.compile(r"^\W*(?:(?:and|but|so|also)\W+)*in\s+(?:the\s+)?(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z]\w*))*\s*,", re.I)
FIRST_PERSON = re.compile(r"\b(?:we|our|us|I)\b|\bwe['’]", _I)
#: Forms looked for anywhere in a statement, each from a word start, with the words it can begin
#: with (one :class:`~.lexicons.WordIndex` pass; :func:`_forms` gives the names found).
_FORMS: dict[str, tuple[str, str]] = {
    "agreement": ("couldn could", r"(?:couldn['’]t|could\s+not)\s+agree\s+more\b"),  # a feeling
    "wording": (  # a remark on the wording ("GPU is wrong word.", "sorry, I meant to say ...")
        "wrong right correct proper new different better i sorry",
        r"(?:wrong|right|correct|proper|new|different|(?<!lack\sof\sa\s)(?<!want\sof\sa\s)better)\s+(?:word|term|name)\b"
        r"|I\s+(?:meant|misspoke|mis-spoke|mean\s+to\s+say)\b|sorry,?\s+I\s+mean\b"),
    "want": ("we i", r"(?:we|I)(?:\s+(?:do|don['’]t|do\s+not|really|just|also))*\s+(?:want|wish|hope)\b" + _SAYING),
    "impression": ("it that this is", r"(?:it|that|this)\s+(?:\w+\s+)?(?:feels|seems|looks|sounds)\s+like\b|is\s+what\s+(?:matters|counts)\b"),
    "way_to_think": ("the", r"the\s+way\s+to\s+(?:think|look)\s+(?:of|about|at)\b"),
    "opinion": ("i we", r"(?:I|we)(?:\s+(?:do|don['’]t|do\s+not|really|just|also))*\s+(?:think|believe)\b"),
    "hypothetical": (  # besides a sentence that opens with "if" (_SUPPOSING)
        "would i we it that you they if for",
        r"would\b(?!\s+(?:just\s+|also\s+)?(?:add|say|highlight|tell|note|point|characterize|describe|argue|guess|think))|(?:I|we|it|that|you|they)['’]d\s+(?:be|have|need|get)\b"
        r"|if\s+(?:you|somebody|someone|anyone|people|one)\b|for\s+any\s+given\b"),
    # "I don't know what's going to happen", "hard to predict what we might expect": a future left open
    "open_question": (QUESTION_VERBS, INDIRECT_QUESTION + r"(?:will|won['’]t|going\s+to|gonna|might|expect)\b"),
    "possibility": ("could might may we i", r"(?:could|might|may)\s+(?:\w+ly\s+|well\s+|even\s+)*(?:be|have)\b|(?:we|I)(?:['’]ll|\s+will)\s+(?:just\s+)?see\s+(?:how|where|what|whether|if)\b"),
}
_FORM_INDEX = WordIndex([re.compile(rf"\b(?:{p})", _I) for _, p in _FORMS.values()], [st.split() for st, _ in _FORMS.values()], "claims")
_FORM_NAMES = tuple(_FORMS)
#: A coordinated second clause, which may assert what an open question does not ("it's hard to tell
#: when this will end, but we're not back to normal yet").
_COORDINATED = re.compile(r"[,;]\s*(?:and|but)\b|;", _I)
_SUPPOSING = re.compile(r"^\W*(?:(?:so|and|but|well|like|i\s+mean|because|i\s+think|then)\W+)*(?:if|even\s+if|assuming|suppose|imagine)\b", _I)
_NORMATIVE = re.compile(
    r"\b(?:should|shouldn['’]t|must|ought\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|got\s+to|['’]ve\s+got\s+to)\b", _I
)
_SELF_CORRECTION = re.compile(r"\bI\s+should\s+say\b", _I)
_ATTRIBUTION = re.compile(
    r"\b(?:as|like)\s+(?:I|we|you|he|she|they|[A-Z][a-z]+)(?:['’]ve|\s+have|\s+had|\s+\w+)?\s+"
    r"(?:said|mentioned|noted|alluded\s+to|was\s+saying|posted|announced|discussed|indicated|showed|shown)\b[^,]*,?", _I)
_CONDITION_CLAUSE = re.compile(
    r"(?:^\W*|[,;]\s*|--\s*|\b(?:and|but|so|then|because|even|I\s+think)\s+)(?:if|unless)\b[^,;.?!]*|\bwhether\b[^,;.?!]*", _I
)
_PRESENT_ANCHOR = re.compile(
    r"\b(?:right\s+now|today|currently|already|at\s+this\s+point|so\s+far|at\s+the\s+moment|as\s+of\s+now|even\s+now)\b"
    r"|\b(?:are|is|['’]re|am|['’]m)\s+(?:\w+ly\s+|still\s+|now\s+|already\s+|also\s+|all\s+)*"
    r"(?!going\b|trying\b|planning\b|hoping\b|looking\s+forward\b|expecting\b|aiming\b|asking\b|guiding\b|operating\s+under\b|assuming\b"
    r"|projecting\b|anticipating\b|targeting\b|forecasting\b)[a-z]+ing\b", _I)
_PRESENT_STARTS = "right today currently already at so as even are is 're am 'm"  # the words it can begin with
_PRESENT_INDEX = WordIndex([_PRESENT_ANCHOR], [_PRESENT_STARTS.split()], "present")
_REPORTED = re.compile(
    r"\b(?:you|your\s+team|the\s+company|management|they)\b[^.?!]{0,40}?\b(?:expect|expects|guided|said|mentioned|indicated|characterized|announced|stated)\b", _I)
_OPINION_FRAME = re.compile(r"\b(?:I|we)(?:\s+(?:do|don['’]t|do\s+not|really|just|also|actually))*\s+(?:think|believe)\b(?:\s+that)?", _I)
_WE_ARE_TALKING = re.compile(r"\bwe(?:['’]re|\s+are)\s+talking\s+about\b", _I)  # "we're talking about tens of millions"
_EXISTENTIAL = re.compile(r"\bthere(?:['’]s|\s+is|\s+are|['’]re|\s+was|\s+were)\b", _I)
_STATE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had)\b|['’](?:s|re|ve)\b", _I)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_STILL = re.compile(r"\bstill\b", _I)


def _word_count(text: str) -> int:
    """Number of words (and numbers) of ``text``."""
    return len(_WORD.findall(text))


def is_generic_you(text: str) -> bool:
    """The sentence's subject is generic 'you' ("You just summon the car.")."""
    m = _GENERIC_YOU.search(text)
    return bool(m) and _word_count(text[: m.start()]) <= 10


def _pre_cue_statement(words: Words, cues: tuple[CueMatch, ...]) -> bool:
    """The part before the first forecast cue (of ``cues``) states something present or past
    ("roughly 35,000 H100s are active, and we expect ...")."""
    if not cues:
        return False
    head = _OPINION_FRAME.sub(" ", _ATTRIBUTION.sub(" ", words.text[: cues[0].start]))
    head = _CONDITION_CLAUSE.sub(" ", head)
    if _word_count(head) < 6 or not _STATE_VERB.search(head):
        return False
    head_words = Words(head)
    anchored = (  # pure tests: the costly count of quantities comes last
        _EXISTENTIAL.search(head) or is_past(head_words)
        or _PRESENT_INDEX.finditer(head_words) or _STILL.search(head) or find_quantities(head_words)
    )
    return bool(anchored) and claim_reason(head_words, forecast=False).startswith("claim")


_MODAL_OR_CONDITION = re.compile(
    r"\b(?:can|could|might|may|would|if|unless|should|must|have\s+to|has\s+to|need\s+to|got\s+to)\b|['’]d\b|\bcan['’]t\b", _I
)


class _Anchors:
    """The checkable anchors of what a sentence asserts (its text with attributions such as "as
    I said", if/unless/whether clauses and "we're talking about" blanked out), each looked for
    when a test first asks: most sentences are decided without them."""

    def __init__(self, words: Words) -> None:
        self.words = words

    @cached_property
    def asserted(self) -> Words:
        text = _WE_ARE_TALKING.sub(" ", _CONDITION_CLAUSE.sub(" ", _ATTRIBUTION.sub(" ", self.words.text)))
        return self.words if text == self.words.text else Words(text)

    @cached_property
    def past(self) -> bool:
        """A past-tense or present-perfect clause (:func:`is_past`)."""
        return is_past(self.asserted)

    @cached_property
    def present(self) -> bool:
        """A present anchor ("right now", "our costs are dropping")."""
        return bool(_PRESENT_INDEX.finditer(self.asserted))


def claim_reason(
    text: str | Words, *, role: str | None = None, forecast: bool = False, stype: str | None = None,
    cues: tuple[CueMatch, ...] | None = None,
) -> str:
    """Why the sentence (text or :class:`~.lexicons.Words`) is (``"claim: ..."``) or is not a
    claim. ``stype`` and ``cues``, the sentence's
    :func:`~callanalysis.label.sentence_types.sentence_type` and forecast cues, are computed when
    not given."""
    words = words_of(text)
    text, stype = words.text, sentence_type(words, role) if stype is None else stype
    if not _WORD.search(text):
        return "no words"
    if stype != STATEMENT:
        return stype
    forms = {_FORM_NAMES[i] for i, _ in _FORM_INDEX.finditer(words)}
    reason = _form_reason(text, forms)
    if reason:
        return reason
    anchors = _Anchors(words)
    if not forecast:
        return _statement_reason(text, forms, anchors)
    return _forecast_reason(words, role, anchors, find_forecast_cues(words) if cues is None else cues)


def _form_reason(text: str, forms: set[str]) -> str:
    """The reason when the form of a statement decides (no finite verb, an imperative ...),
    else ""; ``forms``: the names of :data:`_FORMS` found in it."""
    # one that presupposes a fact states it ("pleased that ...", "pleased with EPS of $1.10"), and so does one after a
    # fronted phrase ("Overall, we continue to be very pleased with our employee safety despite ...", Bio-Rad Q1 2021)
    feeling = _FEELING.match(text)
    if "agreement" in forms or (feeling and not (feeling["factive"] and (feeling["fronted"] or find_quantities(text)))):
        return "feeling"
    if "wording" in forms and _word_count(text) <= 12:
        return "wording"
    if _DEMONSTRATIVE.match(text) and _word_count(text) <= 6 and not find_quantities(text):
        return "evaluation only"
    if _BACKCHANNEL.match(text) and _word_count(text) <= 4:
        return "back-channel"
    if not _FINITE.search(text):
        return "claim: quantity fragment" if find_quantities(text) else "no finite verb"
    if _STRONG_IMPERATIVE.match(text) or (_WEAK_IMPERATIVE.match(text) and _word_count(text) <= 10):
        return "imperative"
    if _INFINITIVE_FRAGMENT.match(text) and not _SUBJECT_CLAUSE.search(text):
        return "infinitive fragment"
    return ""


def _forecast_reason(words: Words, role: str | None, anchors: _Anchors, cues: tuple[CueMatch, ...]) -> str:
    """A forecast is a claim too when it has a past or present anchor."""
    reported = role == "analyst" and bool(_REPORTED.search(words.text))
    if reported or anchors.present or anchors.past or _pre_cue_statement(words, cues):
        return "claim: forecast with a past/present anchor"
    return "forecast only"


def _statement_reason(text: str, forms: set[str], anchors: _Anchors) -> str:
    """Why a statement that is not a forecast is (or is not) a claim."""
    if _WANT_START.match(text) or ("want" in forms and not anchors.past):
        return "want / wish"
    if "way_to_think" in forms or _TAUTOLOGY.search(text):
        return "evaluation only"
    if _EVALUATION.match(text) and _word_count(text) <= 12 and not find_quantities(text):
        return "evaluation only"
    if "impression" in forms and not anchors.past and not find_quantities(text):
        return "impression"
    if "opinion" in forms and _EVAL_WORD.search(_NOTE_THAT.sub(" ", text)):
        return "opinion on value"
    if _PLACE_FRAME.match(text) and is_generic_you(text):
        return "claim: how things are in a named place"
    if (
        is_generic_you(text) and not FIRST_PERSON.search(text) and not anchors.past
        and (not find_quantities(text) or _MODAL_OR_CONDITION.search(text))
    ):
        return "generic 'you'"
    if (_SUPPOSING.match(text) or "hypothetical" in forms) and not anchors.past and not anchors.present:
        return "hypothetical"
    open_question = "open_question" in forms and not _COORDINATED.search(text)
    if ("possibility" in forms or open_question) and not anchors.past and not anchors.present:
        return "possibility"
    if (
        _NORMATIVE.search(_SELF_CORRECTION.sub(" ", text))
        and not anchors.past and not find_quantities(text) and not anchors.present
    ):
        return "norm"
    return "claim: declarative"


def is_claim(
    text: str | Words, *, role: str | None = None, forecast: bool = False, stype: str | None = None,
    cues: tuple[CueMatch, ...] | None = None,
) -> bool:
    """True when the sentence asserts a checkable past or present fact (see :func:`claim_reason`)."""
    return claim_reason(text, role=role, forecast=forecast, stype=stype, cues=cues).startswith("claim")
