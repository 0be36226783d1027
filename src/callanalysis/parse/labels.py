"""Speaker labels: who may speak on a call (its roster) and where every turn's label stands.

A Motley Fool transcript comes in two layouts: one paragraph per line, or every line break
collapsed into a space (the seed). Both hold the same parts: a header, headings
(``Prepared Remarks:``, ``Questions & Answers:``), turns that each open with a speaker label,
``Duration: N minutes``, the roster (``Call participants:`` then one ``Name -- Title``,
``Name -- Firm -- Analyst`` or bare ``Name`` entry each) and a footer (``More TSLA analysis``).

:func:`find_labels` promises a :class:`Layout` for either layout:

* ``roster``: the roster's entries in order (an entry's label is its exact text). The roster is
  the first evidence of who can speak. In the one-line layout its entries run together; an
  entry's name is the longest run of words before a `` -- `` that the body also has in front of
  a `` -- `` with another word before it than the roster has (``Officer C. Kelly Wall --`` in the
  roster, ``thanks. C. Kelly Wall --`` in the body), its title ends where the body's labels of
  that speaker stop agreeing with the roster, ``Firm -- Analyst`` is one title, and generic
  labels (``Operator``, ``Unknown speaker``, ...) and names spoken as bare labels stand alone;
* ``hits``: ``(label start, label end, speaker)`` of every turn, in order: in the line layout a
  line that is a roster label, ``Name -- Title`` (a name in the label grammar: capitalised words,
  initials, full stops, ``&``, hyphens, apostrophes, accents, quoted nicknames, ``Jr.``/``III``),
  a roster or generic name on its own, or ``Name:`` opening a line; in the one-line layout every
  roster label wherever it stands, generic labels (``Operator``, ``Unidentified Participant``,
  ...) wherever speech follows them, roster names standing alone after a sentence's end or a
  heading, then any other ``Name -- Title`` that opens after a sentence's end (or, once so
  found, after any other word: ``Thanks, Clay Clay C. Williams -- ...``);
* ``headings``: ``(offset, "opening" | "qa")``; headings, the roster and the footer are never part
  of a turn (``stops`` holds where each begins);
* ``markup``: labels written with markup (``<b>Name</b> -- Title``): a turn when what is left
  without the tags is a label, else speech; either way reported.
"""

from __future__ import annotations

import difflib
import os
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from .formats import lines, strip_span

#: Labels a transcript may use without listing them in its roster, with the speaker's role.
GENERIC_LABELS: dict[str, str] = {
    "Operator": "operator", "Unidentified Company Representative": "executive", "Unidentified Analyst": "analyst",
    **dict.fromkeys(("Unknown speaker", "Unknown Speaker", "Unidentified speaker", "Unidentified Speaker",
                     "Unidentified Participant"), "unknown"),
}

#: Lower-case words that may stand inside a name ("Ann de Vries"), and suffixes after one.
_PARTICLES = frozenset("de da das del della den der di do dos du la le van von ten ter bin al el".split())
_SUFFIXES = frozenset("Jr. Jr Sr. Sr II III IV".split())
#: Words of titles and firms, never of a person's name.
_TITLE_WORDS = frozenset(
    "Analyst Analysts Officer President Director Chairman Chairwoman Vice Executive Senior Chief "
    "Relations Investor Head Treasurer Secretary Counsel Controller Manager Managing Partner "
    "Founder General Operating Financial CEO CFO COO Trustee Board Member "
    "LLC LLP LP PLC Inc Inc. Corp Corp. Ltd Ltd. Co Co. AG Securities Capital Markets Partners Company "
    "Associates Research Advisors Group Bank".split()
)
_HONORIFICS = frozenset("Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr".split())
#: Words that open speech, never a name.
_NOT_NAME = frozenset(
    "The So And But I We It This That Our Yes Yeah OK Okay Well Now Then If In On At For To A An Or "
    "As Thank Thanks Hi Hello Sure Right Great No You They He She What How When Why Where Which Just "
    "Like Also Q&A".split()
)
_SPEECH_OPENERS = frozenset(
    "Thank Thanks Yeah Yes OK Okay Sure Great Hi Hello Good So Well I We And Just Right No All Hey "
    "Absolutely".split()
)
_TITLE_CONNECTORS = frozenset("and of the for & -- in to on at".split())
_INITIALS = re.compile(r"(?:[A-Z]\.)+|[A-Z]")  # "C.", "J.P.", or a lone capital ("Christopher F Voie")
_WORD = re.compile(r"[\w'’\-.&]+")
_NICKNAME = re.compile(r"[\"“‘'][^\W\d_][\w'’\-.]*[\"”’']")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Inc|Co|Corp|Cos|Ltd|Jr|Sr|LLC|L\.P|S\.A|St|Bros|Intl|No)\.")
_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")

_SPACE = r"[ \t\u00a0\u2007\u202f]"
_HEADINGS = {
    "opening": r"Prepared\s+[Rr]emarks\s*:",
    "qa": r"(?:Questions?\s*(?:&|and)\s*[Aa]nswers?|Q\s*&\s*A(?:\s+[Ss]ession)?)\s*:",
    "roster": r"Call\s+[Pp]articipants\s*:",
    "duration": r"Duration\s*:\s*\d+\s*minutes?",
    "footer": r"(?:More [A-Z][A-Z.]{0,6} analysis|All earnings call transcripts|This article is a transcript)\b.*",
}
_ANY_HEADING = re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in _HEADINGS.items()))
#: In running text only the headings' long forms count ("Q&A:" may be said in speech).
_INLINE_HEADING = re.compile(_ANY_HEADING.pattern.replace(r"|Q\s*&\s*A(?:\s+[Ss]ession)?", ""))
_TITLED_LINE = re.compile(rf"(?P<name>[^:]{{1,200}}?){_SPACE}+--(?:{_SPACE}+(?P<fields>.*))?")
_COLON_LINE = re.compile(rf"(?P<name>[^:\d]{{1,60}}?){_SPACE}*:(?:\s+|$)")
#: What may stand right before a label in running text: a sentence's end, a cut-off "--".
_BOUNDARY = re.compile(r"(?:[.?!…\]\"”’)]|--|–)\s*$")
_SPEECH_START = re.compile(r"\s+(?:[\[\"“‘(A-Z0-9]|\.\.\.|…)|\s*$")
_DASH_AHEAD = re.compile(r"\s+--")


@dataclass
class Label:
    """A speaker's label: the name, the title fields after `` -- `` ("" for a bare label)."""
    name: str
    fields: str
    in_roster: bool
    text: str  # the label as first written (white space collapsed)


@dataclass
class Layout:
    """Where the labels are (see the module docstring)."""
    labels: dict[str, Label]  # every speaker that is listed or speaks, by name
    hits: list[tuple[int, int, str]]
    stops: list[int]
    roster: list[str]  # names in roster order
    headings: list[tuple[int, str]] = field(default_factory=list)
    markup: list[tuple[int, str]] = field(default_factory=list)  # (offset, label as written)


def clean(s: str) -> str:
    """White space (including non-breaking spaces) collapsed to single spaces."""
    return " ".join(s.split())


def _name_word(w: str) -> bool:
    """One word of a person's name: capitalised, an initial, or a quoted nickname."""
    if _INITIALS.fullmatch(w) or _NICKNAME.fullmatch(w) or w in _HONORIFICS:
        return True
    return w[:1].isupper() and w not in _TITLE_WORDS and not w.endswith(".") and bool(_WORD.fullmatch(w))


def is_analyst(word: str) -> bool:
    """Is ``word`` the role that ends an analyst's label ("Analyst", "Analyst.", or a typo of it)?"""
    return bool(difflib.get_close_matches(word.lower(), ["analyst", "analysts"], n=1, cutoff=0.85))


def _name_like(w: str) -> bool:
    """A word that may stand inside a name or a firm ("KeyBanc", "C.", "Co."): a label that
    follows it in running text may start earlier than it seems."""
    return _name_word(w) or w in _TITLE_WORDS or bool(_ABBREVIATION.fullmatch(w))


def _name_start(words: list[str], end: int, lo: int, most: int) -> int:
    """Where the run of at most ``most`` name words that ends before ``words[end]`` starts
    (``end`` when the word before it is not a name's)."""
    i = end
    while i > lo and end - i < most:
        w = words[i - 1]
        if w.endswith(",") and i < end and words[i] in _SUFFIXES:  # "Austin, Jr."
            w = w[:-1]
        if not (_name_word(w) or w in _SUFFIXES or w in _PARTICLES):
            break
        i -= 1
    return i


def is_name(name: str, min_words: int = 2, max_words: int = 6) -> bool:
    """Could ``name`` be a person's name in a label (see the module docstring)?"""
    words = name.split()
    if not min_words <= len(words) <= max_words or words[0] in _NOT_NAME:
        return False
    for i, w in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if w.endswith(",") and after in _SUFFIXES:  # "Austin, Jr."
            w = w[:-1]
        if i and (w in _PARTICLES or w in _SUFFIXES):
            continue
        if not _name_word(w):
            return False
    return any(not _INITIALS.fullmatch(w) and w not in _HONORIFICS for w in words)


def title_like(fields: str) -> bool:
    """A label's title or firm: short, opens with a capital, not a sentence."""
    if not fields:
        return True
    words = fields.split()
    if not (fields[0].isupper() or fields[0].isdigit()) or len(words) > 24 or "?" in fields or "!" in fields:
        return False
    return all(not w.endswith(".") or nxt == "--" or _ABBREVIATION.fullmatch(w) for w, nxt in zip(words, words[1:]))


def _trim_fields(words: list[str]) -> list[str]:
    """The title-like words that open ``words`` (what follows 'Name -- ' in running text)."""
    kept: list[str] = []
    for w in words:
        bare = w.rstrip(",")
        if not (bare[:1].isupper() or bare[:1].isdigit() or bare in _TITLE_CONNECTORS):
            break
        if w.endswith((".", "?", "!")) and not _ABBREVIATION.fullmatch(w):
            break
        kept.append(w)
        if is_analyst(bare) and "--" in kept:
            break
    while kept and (kept[-1] in _SPEECH_OPENERS or kept[-1] in _TITLE_CONNECTORS):
        kept.pop()
    if kept:
        kept[-1] = kept[-1].rstrip(",")
    return kept


def _regions(text: str, start: int, by_line: bool) -> tuple[list[tuple[int, int, str]], int, tuple[int, int]]:
    """Headings ``(start, end, kind)`` of the body, where the body ends, and the roster's span."""
    if by_line:
        stripped = (strip_span(text, *span) for span in lines(text, start))
        found = [(s, e, m.lastgroup) for s, e in stripped if (m := _ANY_HEADING.fullmatch(text, s, e))]
    else:
        found = [(m.start(), m.end(), m.lastgroup) for m in _INLINE_HEADING.finditer(text, start)]
    roster = [h for h in found if h[2] == "roster"] or [h for h in found if h[2] == "duration"]
    r0 = roster[-1][1] if roster else len(text)
    footer = next((h[0] for h in found if h[2] == "footer" and h[0] >= (r0 if roster else start)), len(text))
    ends = [h[0] for h in found if h[2] in ("roster", "duration") and h[0] <= r0] + [footer]
    body_end = min(ends)
    headings = [h for h in found if h[2] in ("opening", "qa") and h[0] < body_end]
    return headings, body_end, (r0, max(r0, footer))


def _line_label(ln: str, known: dict[str, Label]) -> tuple[str, str, int] | None:
    """The label a stripped body line is or opens with: ``(name, fields, length)``, or None."""
    listed = known.keys() | GENERIC_LABELS.keys()
    if m := _TITLED_LINE.fullmatch(ln):
        name, fields = clean(m["name"]), clean(m["fields"] or "")
        analyst = " -- " in fields and is_analyst(fields.split()[-1])  # "Brian -- Big Bank -- Analyst"
        if name in known and fields == known[name].fields:  # the roster's own label ("-- g.research --")
            return name, fields, len(ln)
        if (name in listed or is_name(name, 1 if analyst else 2)) and title_like(fields):
            return name, fields, len(ln)
    if clean(ln) in listed:
        return clean(ln), "", len(ln)
    if (m := _COLON_LINE.match(ln)) and not _ANY_HEADING.match(ln):
        name = clean(m["name"])
        if name in listed or (not known and is_name(name, 2, 4)):
            return name, "", m.end()
    return None


def _line_layout(text: str, start: int) -> Layout:
    headings, body_end, (r0, r1) = _regions(text, start, by_line=True)
    known: dict[str, Label] = {}  # the roster's entries, in order
    for s, e in lines(text, r0, r1):
        entry = clean(text[s:e])
        name, _, fields = entry.partition(" -- ")
        if name and name[0].isupper() and (fields or len(name.split()) <= 6) and name not in known:
            known[name] = Label(name, fields, True, entry)
    stops = sorted({h[0] for h in headings} | {body_end})
    hits: list[tuple[int, int, str]] = []
    markup: list[tuple[int, str]] = []
    labels, spoke = dict(known), set()
    heading_at = {h[0] for h in headings}
    for s, e in (strip_span(text, *span) for span in lines(text, start, body_end)):
        ln = text[s:e]
        if not ln or s in heading_at:
            continue
        plain = _TAG.sub("", ln) if _TAG.search(ln) else ln
        found = _line_label(plain, known)
        if plain is not ln and (found or " -- " in plain):
            markup.append((s, clean(ln)))
            found = found and (found[0], found[1], len(ln) if found[2] == len(plain) else ln.find(":") + 1)
        if found is None:
            continue
        name, fields, length = found
        if name not in spoke:  # the label as the body first writes it
            labels[name] = Label(name, known[name].fields if name in known else fields, name in known, clean(ln[:length]))
            spoke.add(name)
        labels[name].fields = labels[name].fields or fields
        hits.append((s, s + length, name))
    return Layout(labels, hits, stops, list(known), [(h[0], h[2]) for h in headings], markup)


def _dash_contexts(w: list[str]) -> dict[str, list[tuple[list[str], list[str]]]]:
    """For every `` -- `` among the body's words ``w``: up to 7 words before it and 24 after it,
    by the word right before it."""
    out: dict[str, list[tuple[list[str], list[str]]]] = {}
    for i, x in enumerate(w):
        if x == "--" and i:
            out.setdefault(w[i - 1], []).append((w[max(0, i - 7) : i], w[i + 1 : i + 25]))
    return out


def _ends_sentence(w: str) -> bool:
    """A word that ends a sentence (or cuts one off) in running text, not an abbreviation."""
    return w in ("--", "–", "—") or (w[-1:] in ".?!…]\"”’)" and not _ABBREVIATION.fullmatch(w))


def _spoken_as_titled(words: list[str], before: str | None, contexts: dict[str, list]) -> tuple[list[list[str]], bool]:
    """Does the body use ``words`` as the name of a ``Name -- Title`` label? The body's
    continuations after every `` -- `` that ``words`` stand before where the word before them is
    neither ``before`` (the word before them in the roster) nor a word that may stand in a name
    or a firm; and whether one of those follows a sentence's end (or opens the body)."""
    k = len(words)
    found, strong = [], False
    for ctx, after in contexts.get(words[-1], []):
        if ctx[-k:] != words:
            continue
        prev = ctx[-k - 1] if len(ctx) > k else None
        if prev is None or (prev != before and not _name_like(prev)):
            found.append(after)
            strong = strong or prev is None or _ends_sentence(prev)
    return found, strong


def _bare_spoken(text: str, body: tuple[int, int], name: str, boundaries: set[int]) -> bool:
    """Does the body use ``name`` as a bare label (after a sentence's end, before speech)?"""
    for m in re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\S)").finditer(text, *body):
        if _SPEECH_START.match(text, m.end()) and not _DASH_AHEAD.match(text, m.end()):
            before = text[max(0, m.start() - 20) : m.start()].split()
            if m.start() in boundaries or (before and before[-1] != "--" and _ends_sentence(before[-1])):
                return True
    return False


def _peel_bare(words: list[str], spoken, from_end: bool) -> tuple[list[str], list[str]]:
    """Generic labels and names the body uses as bare labels at one end of ``words``: (the rest,
    those names). At the end of a title only words in the name grammar count; between entries
    (``from_end`` false) any bare label the body uses is a roster entry ("Analyst")."""
    names: list[str] = []
    words = list(words)
    while words:
        for n in (3, 2, 1):
            part = words[-n:] if from_end else words[:n]
            cand = " ".join(part)
            if len(part) == n and (cand in GENERIC_LABELS or ((is_name(cand, 1) or not from_end) and spoken(cand))):
                names = [cand, *names] if from_end else [*names, cand]
                words = words[:-n] if from_end else words[n:]
                break
        else:
            break
    return words, names


def _inline_roster(rwords: list[str], contexts, spoken) -> list[Label]:
    """The roster's entries from its words run together (see the module docstring)."""
    dashes = [i for i, w in enumerate(rwords) if w == "--"]

    def spoken_name(d: int, lo: int) -> int | None:
        """Where the longest name the body uses before the dash ``d`` starts (not before ``lo``)."""
        for i0 in range(max(lo, d - 6), d):
            words = rwords[i0:d]
            conts, strong = _spoken_as_titled(words, rwords[i0 - 1] if i0 else None, contexts)
            name = " ".join(words)
            if conts and (strong or name in GENERIC_LABELS or is_name(name, 1)):
                return i0
        return None

    def grammar_name(d: int, lo: int) -> int:
        """Where the name before the dash ``d`` starts by the grammar (``d`` when there is none):
        after a title's last word the whole run of name words; after other words (a title may end
        in capitalised words: "Head of Alternatives Wilson S. Warren") its last two full words."""
        i0 = _name_start(rwords, d, lo, 6)
        full = [i for i in range(i0, d) if _WORD.fullmatch(rwords[i]) and not _INITIALS.fullmatch(rwords[i])]
        if i0 > lo and rwords[i0 - 1] not in _TITLE_WORDS and len(full) > 2:
            i0 = full[-2]
        return i0

    out: list[Label] = []

    def add_bare(words: list[str]) -> None:
        rest, names = _peel_bare(words, spoken, from_end=False)
        while rest:  # two name-like words a name where the body says nothing
            if is_name(pair := " ".join(rest[:2]), 1):
                names.append(pair)
            rest, more = _peel_bare(rest[2:], spoken, from_end=False)
            names += more
        out.extend(Label(n, "", True, n) for n in names)

    pos = 0
    while (d := next((x for x in dashes if x > pos), None)) is not None or pos < len(rwords):
        if d is None:
            add_bare(rwords[pos:])
            break
        start = spoken_name(d, pos)
        if start is None:
            start = grammar_name(d, pos)
            if start == d:  # no name before this dash: the roster says nothing we can read
                pos = d + 1
                continue
        add_bare(rwords[pos:start])
        nxt = next((x for x in dashes if x > d), None)
        said = spoken_name(nxt, d + 1) if nxt is not None else None  # where the next name starts
        conts, _ = _spoken_as_titled(rwords[start:d], rwords[start - 1] if start else None, contexts)
        # the title runs up to the next name, bare entries before it aside; "Firm -- Analyst" is
        # one title; where the body does not say where the next name starts, the title is where
        # the body's labels of this speaker agree with the roster
        span = rwords[d + 1 : len(rwords) if nxt is None else nxt]
        agree = min(max((len(os.path.commonprefix([span, c])) for c in conts), default=0), len(span) - 1)
        if nxt is not None and said is None and is_analyst("".join(rwords[nxt + 1 : nxt + 2])):
            cut = nxt + 1 - d
        elif nxt is not None and said is None and agree:
            cut = agree
        else:
            end = len(rwords) if nxt is None else said if said is not None else grammar_name(nxt, d + 1)
            cut = len(_peel_bare(rwords[d + 1 : end], spoken, from_end=True)[0])
        out.append(Label(" ".join(rwords[start:d]), " ".join(rwords[d + 1 : d + 1 + cut]), True, " ".join(rwords[start : d + 1 + cut])))
        pos = d + 1 + cut
    return out


def _inline_layout(text: str, start: int) -> Layout:
    headings, body_end, (r0, r1) = _regions(text, start, by_line=False)
    spans = [m.span() for m in re.compile(r"\S+").finditer(text, start, body_end)]
    w = [text[a:b] for a, b in spans]  # the body's words
    boundaries = {spans[0][0]} if spans else set()  # where the body and each heading's text start
    boundaries |= {re.compile(r"\s*").match(text, e).end() for _, e, _ in headings}
    contexts = _dash_contexts(w)
    rwords = text[r0:r1].split()
    entries = _inline_roster(rwords, contexts, lambda n: _bare_spoken(text, (start, body_end), n, boundaries))
    known = {e.name: e for e in entries}
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []  # the labels' spans, sorted, never overlapping

    def free(a: int, b: int) -> bool:
        i = bisect_left(taken, (b,))
        return i == 0 or taken[i - 1][1] <= a

    def take(a: int, b: int, name: str) -> None:
        hits.append((a, b, name))
        insort(taken, (a, b))

    # 1. every roster label, as the roster writes it
    titled = sorted((e for e in entries if e.fields), key=lambda e: -len(e.text))
    if titled:
        alts = "|".join(r"\s+".join(map(re.escape, e.text.split())) for e in titled)
        by_text = {clean(e.text): e.name for e in titled}
        for m in re.compile(rf"(?<!\S)(?:{alts})(?!\S)").finditer(text, start, body_end):
            if free(*m.span()):
                take(*m.span(), by_text[clean(m.group())])
    # 2. roster and generic names standing alone
    bare = sorted({e.name for e in entries if not e.fields} | set(GENERIC_LABELS), key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, n.split())) for n in bare)
    for m in re.compile(rf"(?<!\S)(?:{alts})(?={_SPEECH_START.pattern})(?!\s+--)").finditer(text, start, body_end):
        a = m.start()
        generic = clean(m.group()) in GENERIC_LABELS  # never words of speech: no sentence end needed
        if free(*m.span()) and (generic or a in boundaries or _BOUNDARY.search(text, max(0, a - 4), a)):
            take(a, m.end(), clean(m.group()))
    # 3. any other "Name -- Title" after a sentence's end, and again where an established name
    # stands after other words ("Thanks Bobby Bobby Griffin -- ...")
    markup: list[tuple[int, str]] = []
    runs: list[tuple[int, int]] = []  # (dash, start of the name-like words before it)
    for i, x in enumerate(w):
        if x != "--" or not free(*spans[i]):
            continue
        j = _name_start([_TAG.sub("", x) or "<" for x in w[max(0, i - 6) : i]], min(i, 6), 0, 6) + max(0, i - 6)
        while j < i and not free(*spans[j]):
            j += 1
        if i and any(_TAG.search(t) for t in w[min(j, i - 1) : i]):
            markup.append((spans[min(j, i - 1)][0], clean(text[spans[min(j, i - 1)][0] : spans[i][1]])))
        firm = j > 0 and w[j - 1] == "--" and is_analyst("".join(w[i + 1 : i + 2]))  # "Name -- Firm -- Analyst"
        if j < i and not firm:
            runs.append((i, j))

    def name_of(i: int, j0: int) -> str:
        return clean(_TAG.sub(" ", " ".join(w[j0:i])))

    established = set(known)
    for i, j in runs:
        for j0 in range(j, i):
            a = spans[j0][0]
            sentence_end = a in boundaries or (_BOUNDARY.search(text, max(0, a - 4), a) if j0 == j else _ends_sentence(w[j0 - 1]))
            if is_name(name := name_of(i, j0)) and sentence_end:
                established.add(name)
                break
    # occurrences by name and the word after the dash: a label's title, or a name said in speech
    found: dict[tuple[str, str], list[tuple[int, int, list[str]]]] = {}
    for i, j in runs:
        if (j0 := next((j0 for j0 in range(j, i) if name_of(i, j0) in established), None)) is not None:
            found.setdefault((name_of(i, j0), "".join(w[i + 1 : i + 2])), []).append((spans[j0][0], i, w[i + 1 : i + 25]))
    for (name, _), occurrences in found.items():
        conts = [c for _, _, c in occurrences]
        fields = _trim_fields((os.path.commonprefix(conts) if len(conts) > 1 else conts[0])[:16])
        if not fields or not title_like(" ".join(fields)):
            continue
        for a, i, _ in occurrences:
            if free(a, b := spans[i + len(fields)][1]):
                take(a, b, name)
        if name not in known:
            known[name] = Label(name, " ".join(fields), False, clean(f"{name} -- {' '.join(fields)}"))
    hits.sort()
    labels = {e.name: e for e in entries}
    for a, b, name in hits:
        if name not in labels:
            labels[name] = known.get(name) or Label(name, "", False, name)
    stops = sorted({h[0] for h in headings} | {body_end})
    return Layout(labels, hits, stops, [e.name for e in entries], [(h[0], h[2]) for h in headings], markup)


def find_labels(text: str, start: int) -> Layout:
    """The roster, the labels and the headings of ``text`` after its header (which ends at
    ``start``), read in the line layout when the text has at least three line breaks."""
    if len(re.findall(r"\r\n|\r|\n", text[:100_000])) >= 3:
        layout = _line_layout(text, start)
        if layout.hits:
            return layout
    return _inline_layout(text, start)
