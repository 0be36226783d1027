"""Parse a Motley Fool-style earnings-call transcript into metadata, participants and turns.

The parser reads the layouts fool.com transcripts come in:

* one line of text, labels between sentences (the seed transcript);
* one paragraph per line, with headings ``Prepared Remarks:``, ``Questions & Answers:`` and
  ``Call participants:``, and speaker lines ``Name -- Title``, ``Name -- Firm -- Analyst``, a
  bare listed ``Name``, or ``Name: text`` (label and colon on their own line or opening a
  paragraph); line endings may be ``\n`` or Windows ``\r\n``;
* a saved fool.com HTML page, whose visible text is extracted first
  (:func:`callanalysis.parse.formats.html_to_text`).

``parse(text)`` promises:

* every turn's ``start``/``end`` are character offsets into ``Call.text`` such that
  ``call.text[start:end] == turn.text``. For plain text ``Call.text`` is the decoded file, never
  altered (curly quotes, non-breaking spaces and ``\r\n`` stay as they are); for an HTML page
  ``Call.text`` is the extracted text (``Call.format == "html"``) and offsets refer to it, not
  to the HTML source;
* speakers come from the labels the transcript itself uses (``Name -- Title``,
  ``Name -- Firm -- Analyst``, ``Name:``, a bare ``Name`` listed in the participant roster,
  ``Operator``, ``Unknown speaker``, ``Unidentified Analyst``); a name said inside speech
  ("My name is Martin Viecha, ...") is not a turn;
* without a roster, the participants are the labels seen, in order of first turn; an analyst
  with no firm in their label gets the firm the moderator introduces them with ("Our first
  question comes from the line of Ann Lee with Big Bank");
* sections (opening remarks, investor Q&A, analyst Q&A, closing) come from the headings when
  there are any (Prepared Remarks -> opening; Questions & Answers -> analyst Q&A, or investor
  Q&A when the moderator opens it with a retail/investor cue) and otherwise from the
  moderator's own cues, never from fixed offsets; closing always comes from the moderator's cue;
* labels that are not in the roster are kept as turns and listed in ``Call.unknown_labels``;
* input that is not a transcript raises :class:`~callanalysis.errors.TranscriptError` with a
  one-line message: no speaker labels, an HTML label that never closes, a file that ends inside
  a speaker label (``Name --`` or a label with no speech after it).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import takewhile
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from ..errors import TranscriptError
from .formats import html_to_text, lines, looks_like_html

SECTIONS: tuple[str, ...] = ("opening", "investor_qa", "analyst_qa", "closing")
SECTION_LABELS: dict[str, str] = {
    "opening": "Opening remarks",
    "investor_qa": "Investor Q&A",
    "analyst_qa": "Analyst Q&A",
    "closing": "Closing",
}
ROLES: tuple[str, ...] = ("executive", "investor relations", "analyst", "operator", "unknown")

#: Labels a transcript may use without listing them in its roster.
GENERIC_LABELS: dict[str, str] = {
    "Operator": "operator",
    "Unknown speaker": "unknown",
    "Unknown Speaker": "unknown",
    "Unidentified speaker": "unknown",
    "Unidentified Speaker": "unknown",
    "Unidentified Participant": "unknown",
    "Unidentified Company Representative": "executive",
    "Unidentified Analyst": "analyst",
}

MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class CallMetadata:
    """What the transcript's header says about the call."""

    company: str | None
    ticker: str | None
    quarter: int | None
    fiscal_year: int | None
    date: date | None
    time: str | None  # "17:30", 24-hour clock
    timezone: str | None  # as written, e.g. "ET"

    @property
    def title(self) -> str:
        """A short human title such as 'Tesla (TSLA) Q1 2024 earnings call'."""
        who = self.company or "Unknown company"
        if self.ticker:
            who += f" ({self.ticker})"
        when = f"Q{self.quarter} {self.fiscal_year} " if self.quarter and self.fiscal_year else ""
        return f"{who} {when}earnings call"


@dataclass(frozen=True)
class Participant:
    """One person (or generic label) on the call."""

    name: str
    title: str
    firm: str
    role: str
    label: str  # the exact label string used in the transcript
    in_roster: bool


@dataclass(frozen=True)
class Turn:
    """One uninterrupted stretch of speech by one speaker."""

    turn: int  # 1-based, in order of the call
    speaker: str
    title: str
    firm: str
    role: str
    section: str
    start: int  # offset of the first character of the speech in the raw text
    end: int  # offset one past its last character
    text: str
    label_start: int  # offset of the speaker label that opens the turn


@dataclass(frozen=True)
class QualityNote:
    """Something in the transcript that a reader should know is not clean speech."""

    kind: str  # "marker", "duration", "unknown speaker", "cut off", "unlisted label"
    turn: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Call:
    """A parsed call: the text (raw, or extracted from HTML) and everything found in it."""

    text: str  # the decoded file; for an HTML page, its extracted text (offsets refer to this)
    metadata: CallMetadata
    participants: tuple[Participant, ...]
    turns: tuple[Turn, ...]
    notes: tuple[QualityNote, ...] = field(default=())
    unknown_labels: tuple[str, ...] = field(default=())
    source: str = "<text>"
    format: str = "text"  # "text" or "html"

    @property
    def date(self) -> date | None:
        return self.metadata.date


# --------------------------------------------------------------------------- reading input


def read_text(path: str | Path) -> str:
    """Read a transcript file as text, or raise a one-line :class:`TranscriptError`."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise TranscriptError("no such file", name)
    if p.is_dir():
        raise TranscriptError("is a directory, not a transcript file", name)
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise TranscriptError(
            f"file is {size / 1e6:.0f} MB; transcripts are expected under {MAX_BYTES // 1_000_000} MB",
            name,
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"cannot read file ({exc.strerror or exc})", name) from None
    return decode(data, name)


def decode(data: bytes, name: str | None = None) -> str:
    """Decode transcript bytes as UTF-8 (a BOM is allowed) or raise a one-line error."""
    if not data.strip():
        raise TranscriptError("file is empty", name)
    if b"\x00" in data[:8192]:
        raise TranscriptError("file is binary, not text", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"file is not UTF-8 text (invalid byte at position {exc.start})", name
        ) from None


def load(path: str | Path) -> Call:
    """Read and parse a transcript file."""
    return parse(read_text(path), source=str(path))


# --------------------------------------------------------------------------- header

_HEADER = re.compile(
    r"(?P<company>[A-Z][^()]{0,80}?)\s*\((?:(?:NASDAQ|NYSE|NYSEMKT|OTC)\s*:\s*)?(?P<ticker>[A-Z][A-Z.]{0,6})"
    r"(?:\s*[-+]?\d[\d.]*%)?\s*\)\s*"
    r"Q(?P<quarter>[1-4])\s+(?:(?:FY|Fiscal(?: Year)?)\s*)?(?P<year>(?:19|20)\d\d)\s+Earnings\s+Call\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?,?\s*"
    r"(?P<time>\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?)?\s*(?P<tz>ET|EST|EDT|CT|PT|PST|PDT|GMT|UTC)?"
)


def _parse_date(s: str) -> date | None:
    s = s.replace(".", "")
    for fmt in ("%b %d, %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    if s.startswith("Sept"):
        return _parse_date("Sep" + s[4:])
    return None


def _parse_time(s: str) -> str | None:
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*([ap])", s)
    if not m:
        return None
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return f"{hour:02d}:{int(m.group(2) or 0):02d}"


def _metadata(text: str) -> tuple[CallMetadata, int]:
    """The metadata and the offset where the header ends (0 when there is no header)."""
    # A page title ("... Q1 2024 Earnings Call Transcript") may precede the dated header.
    found = list(_HEADER.finditer(text, 0, 5000))
    m = next((h for h in found if h.group("date")), found[0] if found else None)
    if not m:
        return CallMetadata(None, None, None, None, None, None, None), 0
    company = m.group("company").strip()
    # "Image source: The Motley Fool. Tesla" -> "Tesla"
    company = re.split(r"[.:]\s+|[\r\n]+", company)[-1].strip() or None
    return CallMetadata(
        company=company,
        ticker=m.group("ticker"),
        quarter=int(m.group("quarter")),
        fiscal_year=int(m.group("year")),
        date=_parse_date(m.group("date")) if m.group("date") else None,
        time=_parse_time(m.group("time")) if m.group("time") else None,
        timezone=m.group("tz"),
    ), m.end()


# --------------------------------------------------------------------------- labels

_DASH = " -- "
#: Lower-case words that may stand inside a name ("Ann de Vries").
_PARTICLES = frozenset("de van von der da di del la le bin al".split())
_NOT_NAME = {
    "The", "So", "And", "But", "I", "We", "It", "This", "That", "Our", "Yes", "Yeah", "OK",
    "Okay", "Well", "Now", "Then", "If", "In", "On", "At", "For", "To", "A", "An", "Or", "As",
    "Thank", "Thanks", "Hi", "Hello", "Sure", "Right", "Great", "No", "You", "They", "He",
    "She", "What", "How", "When", "Why", "Where", "Which", "Just", "Like", "Also", "Q&A",
}
_BOUNDARY_BEFORE = re.compile(r"(?:^|[.?!\]\"”’)]|--)\s*$")
_SPEECH_OPENERS = {
    "Thank", "Thanks", "Yeah", "Yes", "OK", "Okay", "Sure", "Great", "Hi", "Hello", "Good",
    "So", "Well", "I", "We", "And", "Just", "Right", "No", "All", "Hey", "Absolutely",
}
_NAME_WORD = re.compile(r"[A-Z][\w'’.\-]*(?<!\.)")
_TITLE_CONNECTORS = {"and", "of", "the", "for", "&", "--", "in", "to", "on", "at"}
_ROSTER_HEADING = re.compile(r"Call [Pp]articipants:|Duration:\s*\d+\s*minutes?")
_WHITE_SPACE = re.compile(r"\s*")
_FOOTER = re.compile(
    r"\s*(?:More [A-Z][A-Z.]{0,6} analysis|All earnings call transcripts|This article is a transcript)"
)


def _name_before(text: str, pos: int, max_tokens: int = 6) -> tuple[int, str] | None:
    """The run of name-like tokens that ends right before ``pos`` (where a " -- " starts).

    The run is the last at most ``max_tokens`` white-space separated tokens of the 200
    characters before ``pos`` that are all name words (a capital then word characters,
    apostrophes, dots and hyphens, not ending in a dot; or one of :data:`_PARTICLES`), with the
    white space after them: ``(start, text[start:pos])``, or None when the last token is not
    a name word.
    """
    base = max(0, pos - 200)
    run: list[re.Match[str]] = []
    for token in reversed(list(re.finditer(r"\S+", text[base:pos]))):
        word = token.group()
        if not (_NAME_WORD.fullmatch(word) or word in _PARTICLES) or len(run) == max_tokens:
            break
        run.append(token)
    if not run:
        return None
    start = base + run[-1].start()
    return start, text[start:pos]


def _word_lcp(conts: list[str]) -> list[str]:
    """The longest list of words that every string in ``conts`` starts with."""
    return os.path.commonprefix([c.split() for c in conts]) if conts else []


def _trim_fields(words: list[str]) -> str:
    """Keep the title-like prefix of ``words`` (the text after 'Name -- ')."""
    kept: list[str] = []
    for w in words:
        bare = w.rstrip(",")
        if not (bare[:1].isupper() or bare[:1].isdigit() or bare in _TITLE_CONNECTORS):
            break
        if w.endswith((".", "?", "!")) and not re.fullmatch(r"(?:Inc|Co|Corp|Ltd|Jr|Sr)\.", w):
            break
        kept.append(w)
        if bare == "Analyst" and "--" in kept:
            break
    while kept and (kept[-1] in _SPEECH_OPENERS or kept[-1] in _TITLE_CONNECTORS):
        kept.pop()
    return " ".join(kept).rstrip(",")


def _split_fields(fields: str, company: str | None) -> tuple[str, str, str]:
    """'Firm -- Analyst' or 'Title' -> (title, firm, role)."""
    parts = [p.strip() for p in fields.split("--") if p.strip()]
    if parts and parts[-1].lower() in {"analyst", "analysts"}:
        return "Analyst", " -- ".join(parts[:-1]), "analyst"
    title = " -- ".join(parts)
    role = "investor relations" if re.search(r"investor relations|\bIR\b", title, re.I) else "executive"
    return title, company or "", role


@dataclass
class _Label:
    name: str
    fields: str  # "" for a bare label
    in_roster: bool

    @property
    def text(self) -> str:
        return f"{self.name}{_DASH}{self.fields}" if self.fields else self.name


def _split_body_roster(text: str) -> tuple[int, int, int]:
    """Offsets: end of the call body, start and end of the roster (roster may be empty)."""
    m = None
    for m in _ROSTER_HEADING.finditer(text):
        pass
    if m is None:
        return len(text), len(text), len(text)
    roster_start = m.end()
    foot = _FOOTER.search(text, roster_start)
    roster_end = foot.start() if foot else len(text)
    return m.start(), roster_start, roster_end


def _titled_labels(text: str, body_end: int, roster: tuple[int, int]) -> dict[str, list[str]]:
    """Names that precede ' -- ' at a turn boundary in the body, with every continuation."""
    names: dict[str, list[str]] = {}
    for m in re.finditer(re.escape(_DASH), text[:body_end]):
        found = _name_before(text, m.start())
        if not found:
            continue
        start, run = found
        words = run.split()
        # Drop leading words until the run begins at a boundary: "well. Vaibhav Taneja"
        if not _BOUNDARY_BEFORE.search(text[max(0, start - 3) : start]):
            continue
        if len(words) < 2 and run not in GENERIC_LABELS:
            continue
        if words[0] in _NOT_NAME:
            continue
        names.setdefault(run, [])
    for name in names:
        for _, end in _literal_spans(name + _DASH, text):
            names[name].append(text[end : end + 300])
    return names


_AFTER_TITLED_LABEL = re.compile(r"(?=\s)")
_AFTER_BARE_LABEL = re.compile(r"(?=\s+[\[\"“A-Z0-9])(?!\s+--)")


def _literal_spans(needle: str, text: str, after: re.Pattern[str] | None = None) -> Iterator[tuple[int, int]]:
    """The spans of ``needle`` in ``text``, each followed by what ``after`` (a zero-width test) wants."""
    return (m.span() for m in re.finditer(re.escape(needle) + (after.pattern if after else ""), text))


def _roster_entries(text: str, roster: tuple[int, int], titled: dict[str, str]) -> tuple[list[str], list[str]]:
    """(titled names, bare names) in roster order."""
    r0, r1 = roster
    rtext = text[r0:r1]
    spans: list[tuple[int, int, str]] = []
    for name, fields in titled.items():
        label = f"{name}{_DASH}{fields}" if fields else name
        for start, end in _literal_spans(label, rtext):
            spans.append((start, end, name))
    # Roster-only titled participants (never spoke): "... Name -- Title" runs not covered yet.
    for m in re.finditer(re.escape(_DASH), rtext):
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        found = _name_before(rtext, m.start(), max_tokens=2)
        if found:
            s, run = found
            rest = rtext[m.end() :]
            fields = _trim_fields(rest.split()[:12])
            spans.append((s, m.end() + len(fields), run))
            titled.setdefault(run, fields)
    spans.sort()
    titled_order = [n for _, _, n in spans]
    bare: list[str] = []
    cursor = 0
    gaps = []
    for s, e, _ in spans:
        gaps.append(rtext[cursor:s])
        cursor = max(cursor, e)
    gaps.append(rtext[cursor:])
    for gap in gaps:
        words = gap.split()
        i = 0
        while i < len(words):
            for n in (3, 2):
                cand = " ".join(words[i : i + n])
                if cand in GENERIC_LABELS:
                    bare.append(cand)
                    i += n
                    break
            else:
                if i + 1 < len(words) or (i < len(words) and words[i] in GENERIC_LABELS):
                    if words[i] in GENERIC_LABELS:
                        bare.append(words[i])
                        i += 1
                        continue
                    bare.append(" ".join(words[i : i + 2]))
                    i += 2
                else:
                    i += 1
    return titled_order, bare


# --------------------------------------------------------------------------- sections

_INVESTOR_QA = re.compile(
    r"\b(?:investor|retail|shareholder)s?\W+(?:\w+\W+){0,3}?(?:Q&A|questions)\b"
    r"|\bQ&A\b(?:\W+\w+){0,4}?\W+(?:investors|shareholders)\b"
    r"|\bquestions? (?:submitted|asked) (?:by|from|on)\b",
    re.I,
)
_ANALYST_QA = re.compile(
    r"\banalysts?(?:'s)? (?:questions|Q&A)\b"
    r"|\bquestion (?:comes|is coming) from\b"
    r"|\b(?:from|of) the line of\b"
    r"|\b(?:go|move) (?:on )?to (?:the )?(?:line of )?[A-Z][a-z]+(?: [A-Z][a-z]+)? (?:from|with|at) [A-Z]",
    re.I,
)
_CLOSING = re.compile(
    r"\bthat's all the time\b|\b(?:that|this) concludes\b|\bconclude[sd]? (?:today's|the|our|this) (?:call|conference)\b"
    r"|\bthank you (?:all )?for joining\b|\bno further questions\b|\bend of (?:today's|the|our) (?:call|Q&A|question)",
    re.I,
)


def _sections(turns: list[tuple[str, str, str]]) -> list[str]:
    """One section per turn from the moderator's cues (monotone: it only moves forward)."""
    out: list[str] = []
    current = 0
    moderators = {"investor relations", "operator"}
    any_moderator = any(role in moderators for _, role, _ in turns)
    for _, role, text in turns:
        if role in moderators or not any_moderator:
            if current < 3 and _CLOSING.search(text):
                current = 3
            elif current < 2 and _ANALYST_QA.search(text):
                current = 2
            elif current < 1 and _INVESTOR_QA.search(text):
                current = 1
        out.append(SECTIONS[current])
    return out


# --------------------------------------------------------------------------- notes

_MARKER = re.compile(r"\[(?:[A-Z][a-z]+(?: [a-z]+)*)\]")
_DURATION = re.compile(r"Duration:\s*(\d+)\s*minutes?")


def _notes(text: str, turns: list[Turn], unknown: list[str]) -> list[QualityNote]:
    notes: list[QualityNote] = []
    for t in turns:
        for m in _MARKER.finditer(t.text):
            notes.append(QualityNote("marker", t.turn, t.start + m.start(), t.start + m.end(), m.group()))
        if t.role == "unknown":
            notes.append(QualityNote("unknown speaker", t.turn, t.label_start, t.start, f"turn {t.turn} is by '{t.speaker}'"))
        if t.text.rstrip().endswith("--"):
            notes.append(QualityNote("cut off", t.turn, t.end - 2, t.end, f"turn {t.turn} ends mid-sentence ('--')"))
        if t.speaker in unknown:
            notes.append(QualityNote("unlisted label", t.turn, t.label_start, t.start, f"'{t.speaker}' is not in the roster"))
    d = _DURATION.search(text)
    if d and int(d.group(1)) == 0:
        notes.append(QualityNote("duration", None, d.start(), d.end(), "the transcript gives the call's duration as 0 minutes"))
    notes.sort(key=lambda n: (n.start, n.kind))
    return notes


# --------------------------------------------------------------------------- layouts


@dataclass
class _Layout:
    """Where the labels are: what both layouts (one line, or line by line) hand to assembly."""

    labels: dict[str, _Label]  # every label the transcript uses or lists, by speaker name
    hits: list[tuple[int, int, str]]  # (label start, label end, name) of every turn, in order
    stops: list[int]  # offsets where speech ends besides the next label (headings, roster, footer)
    roster_rank: dict[str, int]  # name -> position in the roster
    label_text: dict[str, str] = field(default_factory=dict)  # name -> exact label, when known
    headings: list[tuple[int, str]] = field(default_factory=list)  # (offset, "opening" | "qa")


def _inline_layout(text: str, company: str | None, header_end: int) -> _Layout:
    """Labels in the one-line form: found between sentences, checked against the roster."""
    body_end, r0, r1 = _split_body_roster(text)
    conts = _titled_labels(text, body_end, (r0, r1))
    titled = {name: _trim_fields(_word_lcp(c)) if len(c) > 1 else _trim_fields(c[0].split()[:12]) for name, c in conts.items()}
    # "Adam Jonas -- Morgan Stanley -- Analyst": the firm is a field, not a speaker.
    titled = {
        name: fields
        for name, fields in titled.items()
        if not any(f"{_DASH}{name}{_DASH}" in f"{_DASH}{other}" for other in titled.values())
    }
    roster_titled, roster_bare = _roster_entries(text, (r0, r1), titled) if r1 > r0 else ([], [])
    in_roster = set(roster_titled) | set(roster_bare)

    labels: dict[str, _Label] = {}
    for name in roster_titled + [n for n in titled if n not in roster_titled]:
        labels[name] = _Label(name, titled[name], name in in_roster)
    for name in roster_bare + [g for g in GENERIC_LABELS if g not in roster_bare]:
        labels.setdefault(name, _Label(name, "", name in in_roster))

    # Every label occurrence in the body at a turn boundary.
    hits: list[tuple[int, int, str]] = []
    body = text[:body_end]
    speech_start = _WHITE_SPACE.match(text, header_end).end()  # first non-space after the header
    for lab in labels.values():
        for start, end in _literal_spans(lab.text, body, _AFTER_TITLED_LABEL if lab.fields else _AFTER_BARE_LABEL):
            at_header_end = start <= speech_start  # only white space between the header and the label
            if not at_header_end and not _BOUNDARY_BEFORE.search(text[max(0, start - 3) : start]):
                continue
            hits.append((start, end, lab.name))
    hits.sort()
    # Overlapping hits: keep the longest label at a position.
    dedup: list[tuple[int, int, str]] = []
    for h in hits:
        if dedup and h[0] < dedup[-1][1]:
            if h[1] - h[0] > dedup[-1][1] - dedup[-1][0]:
                dedup[-1] = h
            continue
        dedup.append(h)

    rtext = text[r0:r1]
    rank: dict[str, int] = {}
    for name in in_roster:
        i = rtext.find(labels[name].text)
        rank[name] = i if i >= 0 else rtext.find(name)
    return _Layout(labels, dedup, [body_end], rank)


_SPACE = r"[ \t\u00a0\u2007\u202f]"
_HEADINGS: dict[str, re.Pattern[str]] = {
    "opening": re.compile(r"Prepared\s+[Rr]emarks\s*:"),
    "qa": re.compile(r"(?:Questions?\s*(?:&|and)\s*[Aa]nswers?|Q\s*&\s*A(?:\s+[Ss]ession)?)\s*:"),
    "roster": re.compile(r"Call\s+[Pp]articipants\s*:"),
    "duration": re.compile(r"Duration\s*:\s*\d+\s*minutes?"),
    "footer": re.compile(r"(?:More [A-Z][A-Z.]{0,6} analysis|All earnings call transcripts|This article is a transcript)\b.*"),
}
#: The first of the _HEADINGS forms that a whole line is (``lastgroup``): one search, not five.
_ANY_HEADING = re.compile("|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in _HEADINGS.items()))
_TITLED_LINE = re.compile(rf"(?P<name>[^:]{{1,80}}?){_SPACE}+--(?:{_SPACE}+(?P<fields>.*))?")
_COLON_LINE = re.compile(rf"(?P<name>[^:\d]{{1,60}}?){_SPACE}*:(?:\s+|$)")
_PERSON_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_SENTENCE_END = re.compile(r"[.?!]\s+\S|[.?!]$")


def _clean(s: str) -> str:
    """Whitespace (including non-breaking spaces) collapsed to single spaces."""
    return " ".join(s.split())


def _person(name: str, known: set[str]) -> bool:
    """Could ``name`` be a speaker label (a known name, a generic label, or 2-6 name tokens)?"""
    if name in known or name in GENERIC_LABELS:
        return True
    words = name.split()
    return (
        2 <= len(words) <= 6
        and words[0] not in _NOT_NAME
        and words[0][:1].isupper()
        and all(w in _PARTICLES or (w[:1].isupper() and _PERSON_TOKEN.fullmatch(w)) for w in words)
    )


def _title_like(fields: str) -> bool:
    """A label's title or firm: short, not a sentence."""
    bare = re.sub(r"\b(?:Inc|Co|Corp|Ltd|Jr|Sr|LLC|L\.P|S\.A)\.", "", fields)
    return not fields or (
        (fields[0].isupper() or fields[0].isdigit()) and len(fields) <= 120 and len(fields.split()) <= 16 and not _SENTENCE_END.search(bare)
    )


def _line_label(ln: str, known: set[str]) -> tuple[str, str, int] | None:
    """The speaker label a stripped body line ``ln`` is or opens with, or None for speech.

    ``(name, fields, length of the label in ln)`` from the first that fits: the whole line is
    ``Name -- Title``; the whole line is a ``known`` (roster) or generic name; the line opens
    with ``Name:``.
    """
    m = _TITLED_LINE.fullmatch(ln)
    if m and _person(name := _clean(m["name"]), known) and _title_like(m["fields"] or ""):
        return name, _clean(m["fields"] or ""), len(ln)
    if (clean := _clean(ln)) in known or clean in GENERIC_LABELS:
        return clean, "", len(ln)
    m = _COLON_LINE.match(ln)
    if m and _person(name := _clean(m["name"]), known) and not _ANY_HEADING.match(ln):
        return name, "", m.end()
    return None


def _line_layout(text: str, header_end: int) -> _Layout:
    """Labels in the line form: speaker lines, headings, a roster section, a footer."""
    has_roster_heading = bool(_HEADINGS["roster"].search(text))
    region = "body"
    body: list[tuple[int, str]] = []  # (offset, stripped line) of non-empty lines outside the roster
    stops: list[int] = []
    headings: list[tuple[int, str]] = []
    roster: list[tuple[str, str, str]] = []  # (name, fields, label)
    for s, e in lines(text, header_end):
        line = text[s:e]
        ln = line.strip()
        if not ln:
            continue
        s += len(line) - len(line.lstrip())
        heading = _ANY_HEADING.fullmatch(ln)
        if heading:
            kind = heading.lastgroup
            stops.append(s)
            if kind == "footer":
                break
            if kind in ("opening", "qa"):
                headings.append((s, kind))
                region = "body"
            elif kind == "roster" or not has_roster_heading:
                region = "roster"
            continue
        if region == "roster":
            m = _TITLED_LINE.fullmatch(ln)
            name, fields = (_clean(m["name"]), _clean(m["fields"] or "")) if m else (_clean(ln), "")
            if _person(name, set()) or (len(name.split()) == 1 and name[:1].isupper() and name.isalpha()):
                roster.append((name, fields, ln))
            continue
        body.append((s, ln))

    known = {n for n, _, _ in roster}
    labels: dict[str, _Label] = {}
    label_text: dict[str, str] = {}
    hits: list[tuple[int, int, str]] = []
    for s, ln in body:
        label = _line_label(ln, known)
        if label is None:
            continue
        name, fields, length = label
        hits.append((s, s + length, name))
        if name not in label_text:
            label_text[name] = _clean(ln[:length])
        if name not in labels or (fields and not labels[name].fields):
            labels[name] = _Label(name, fields, False)
    for i, (name, fields, ln) in enumerate(roster):
        lab = labels.setdefault(name, _Label(name, fields, True))
        lab.in_roster = True
        lab.fields = lab.fields or fields
        label_text.setdefault(name, _clean(ln))
    rank = {name: i for i, (name, _, _) in reversed(list(enumerate(roster)))}
    return _Layout(labels, hits, sorted(stops) + [len(text)], rank, label_text, headings)


# --------------------------------------------------------------------------- roles

_INTRO = re.compile(
    # Every alternative opens with a literal letter (not "(?:go|move|turn)"), so the regex engine
    # tries a match only where one of q, g, m, t stands; the alternatives match what they did.
    r"(?:questions?\s+(?:comes?|is coming|will come|is|are)\s+from|go\s+(?:on\s+)?to|move\s+(?:on\s+)?to"
    r"|turn\s+(?:on\s+)?to)\s+"
    r"(?:the\s+line\s+of\s+)?(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’.\-]*){1,4}?)"
    r"(?:\s*,\s*|\s+)(?:with|from|at|of)\s+(?P<firm>[A-Z][^,;:?!\n]{0,60}?)(?=\s*(?:[.,;?!](?:\s|$)|$))"
)


def _introduced_analysts(speech: list[str]) -> dict[str, str]:
    """Analysts the moderator introduces by name and firm: 'question comes from Ann Lee with Big Bank'."""
    out: dict[str, str] = {}
    for text in speech:
        for m in _INTRO.finditer(text):
            out.setdefault(_clean(m["name"]), _clean(m["firm"]))
    return out


# --------------------------------------------------------------------------- parse


def parse(text: str, source: str = "<text>") -> Call:
    """Parse a transcript's text into a :class:`Call` (see the module docstring)."""
    where = None if source == "<text>" else source
    if not text.strip():
        raise TranscriptError("file is empty", where)
    fmt = "text"
    if looks_like_html(text):
        text, fmt = html_to_text(text, where), "html"
    _check_dangling_label(text, where)

    meta, header_end = _metadata(text)
    layout = None
    if len(re.findall(r"\r\n|\r|\n", text[:100_000])) >= 3:  # the line form
        layout = _line_layout(text, header_end)
    if layout is None or not layout.hits:
        layout = _inline_layout(text, meta.company, header_end)
    if not layout.hits:
        if fmt == "html":
            raise TranscriptError("HTML page with no transcript in it (no speaker labels found)", where)
        raise TranscriptError("no speaker labels found (expected 'Name -- Title', 'Name:' or a roster name before each turn)", where)
    return _assemble(text, meta, layout, source, fmt)


_DANGLING = re.compile(
    rf"(?:^|[.?!\]\"”’)\n]){_SPACE}*(?P<label>(?:[A-Z][\w'’.\-]*{_SPACE}+){{0,5}}[A-Z][\w'’.\-]*{_SPACE}+--)\s*$"
)


def _check_dangling_label(text: str, where: str | None) -> None:
    """A file that ends in 'Name --' was cut off inside a speaker label."""
    m = _DANGLING.search(text[-300:])
    if m and m["label"].split()[0] not in _NOT_NAME:
        raise TranscriptError(f"speaker label '{_clean(m['label'])}' at the end of the file never closes (no title, no speech)", where)


def _assemble(text: str, meta: CallMetadata, layout: _Layout, source: str, fmt: str) -> Call:
    """Participants, turns, sections and notes from the labels' positions."""
    where = None if source == "<text>" else source
    labels, hits = layout.labels, layout.hits
    spoke = {name for _, _, name in hits}
    has_roster = bool(layout.roster_rank)

    participants: dict[str, Participant] = {}
    for name, lab in labels.items():
        if not (lab.in_roster or name in spoke):
            continue
        if lab.fields:
            title, firm, role = _split_fields(lab.fields, meta.company)
        else:
            title, firm, role = "", "", GENERIC_LABELS.get(name, "unknown")
            if role == "executive":
                firm = meta.company or ""
        label = layout.label_text.get(name, lab.text)
        participants[name] = Participant(name, title, firm, role, label, lab.in_roster)

    stops = sorted(set(layout.stops) | {s for s, _, _ in hits})
    raw_turns: list[tuple[str, int, int, int]] = []
    for s, e, name in hits:
        nxt = stops[bisect_right(stops, s)] if bisect_right(stops, s) < len(stops) else len(text)
        a = e
        while a < nxt and text[a].isspace():
            a += 1
        b = nxt
        while b > a and text[b - 1].isspace():
            b -= 1
        raw_turns.append((name, s, a, b))
    name, s, a, b = raw_turns[-1]
    if a == b and not text[a:].strip():
        raise TranscriptError(f"speaker label '{_clean(text[s:a])}' at the end of the file has no speech after it", where)

    # Investor relations: a bare-labelled speaker who introduces themself as IR or moderates.
    for name, p in list(participants.items()):
        if p.role != "unknown" or name in GENERIC_LABELS:
            continue
        speech = " ".join(text[a:b] for n, _, a, b in raw_turns if n == name)
        intro = re.search(
            re.escape(name) + r",\s+(?P<title>[^,.]{0,60}?investor relations)", speech, re.I
        ) or re.search(re.escape(name) + r",\s+(?P<title>[^,.]{0,40}?\bIR\b)", speech)
        moderates = len(re.findall(r"\bnext question\b|\bquestion (?:comes )?from\b|\bplease go ahead\b", speech, re.I))
        if intro or moderates >= 2:
            title = intro.group("title").strip() if intro else "Moderator"
            participants[name] = replace(p, title=title, firm=meta.company or "", role="investor relations")

    # Analysts the moderator introduces ("... from the line of Ann Lee with Big Bank").
    for name, firm in _introduced_analysts([text[a:b] for n, _, a, b in raw_turns]).items():
        p = participants.get(name)
        if p and name not in GENERIC_LABELS and (p.role == "unknown" or (p.role == "analyst" and not p.firm)):
            participants[name] = replace(p, title="Analyst", firm=firm, role="analyst")

    turn_info = [(participants[n].role, a, text[a:b]) for n, _, a, b in raw_turns]
    sections = _heading_sections(turn_info, layout.headings) if layout.headings else _sections([(n, r, t) for (n, *_), (r, _, t) in zip(raw_turns, turn_info)])

    # A named speaker with no title who gives prepared remarks speaks for the company.
    for name, p in list(participants.items()):
        first = next((i for i, (n, *_) in enumerate(raw_turns) if n == name), None)
        if p.role == "unknown" and name not in GENERIC_LABELS and first is not None and sections[first] == "opening" and layout.headings:
            participants[name] = replace(p, firm=meta.company or "", role="executive")

    turns = [
        Turn(i + 1, n, participants[n].title, participants[n].firm, participants[n].role, sections[i], a, b, text[a:b], s)
        for i, (n, s, a, b) in enumerate(raw_turns)
    ]
    unknown = sorted(n for n in spoke if has_roster and not labels[n].in_roster and n not in GENERIC_LABELS)
    notes = _notes(text, turns, unknown)
    first_hit = {}
    for s, _, n in hits:
        first_hit.setdefault(n, s)
    ordered = sorted(
        participants.values(),
        key=lambda p: (0, layout.roster_rank[p.name]) if p.name in layout.roster_rank else (1, first_hit.get(p.name, len(text))),
    )
    return Call(text, meta, tuple(ordered), tuple(turns), tuple(notes), tuple(unknown), source, fmt)


def _heading_sections(turns: list[tuple[str, int, str]], headings: list[tuple[int, str]]) -> list[str]:
    """Sections from 'Prepared Remarks:' / 'Questions & Answers:' headings, refined by cues.

    Prepared remarks are the opening. Q&A is analyst Q&A unless the moderator opens it with an
    investor (retail) cue before anyone else speaks; from there the moderator's cues move it on
    to analyst Q&A and closing, as in :func:`_sections`. The section only moves forward.
    """
    moderators = {"investor relations", "operator"}
    any_moderator = any(role in moderators for role, _, _ in turns)
    has_qa = any(kind == "qa" for _, kind in headings)
    out: list[str] = []
    current = 0
    for i, (role, start, text) in enumerate(turns):
        before = [kind for pos, kind in headings if pos < start]
        kind = before[-1] if before else None
        cue = role in moderators or not any_moderator
        if kind == "qa" and current < 1:
            first = takewhile(lambda t: t[0] in moderators or not any_moderator, turns[i:])
            current = 1 if any(_INVESTOR_QA.search(t[2]) for t in first) else 2
        if cue and (kind == "qa" or not has_qa):
            if current < 3 and _CLOSING.search(text):
                current = 3
            elif kind == "qa" and current < 2 and _ANALYST_QA.search(text):
                current = 2
        out.append(SECTIONS[current])
    return out
