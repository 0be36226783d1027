"""Parse a Motley Fool-style earnings-call transcript into metadata, participants and turns.

It reads both layouts of fool.com transcripts (one line, or one paragraph per line with ``\n`` or
``\r\n`` endings; :mod:`callanalysis.parse.labels`) and saved fool.com HTML pages, whose visible
text is extracted first (:func:`callanalysis.parse.formats.html_to_text`).

``parse(text)`` promises:

* every turn's ``start``/``end`` are character offsets into ``Call.text`` such that
  ``call.text[start:end] == turn.text``. For plain text ``Call.text`` is the decoded file, never
  altered (curly quotes, non-breaking spaces and ``\r\n`` stay as they are); for an HTML page
  ``Call.text`` is the extracted text (``Call.format == "html"``) and offsets refer to it, not
  to the HTML source;
* speakers come from the labels the transcript itself uses (the roster first, then ``Name -- Title``,
  ``Name:``, ``Operator`` ...: :mod:`callanalysis.parse.labels`); a name said inside speech ("My
  name is Martin Viecha, ...") is not a turn;
* without a roster, the participants are the labels seen, in order of first turn; an analyst
  with no firm in their label gets the firm the moderator introduces them with ("Our first
  question comes from the line of Ann Lee with Big Bank");
* sections (opening remarks, investor Q&A, analyst Q&A, closing) come from the headings when
  there are any (Prepared Remarks -> opening; Questions & Answers -> analyst Q&A, or investor
  Q&A when the moderator opens it with a retail/investor cue) and otherwise from the
  moderator's own cues, never from fixed offsets; closing always comes from the moderator's cue;
* labels that are not in the roster (generic ones aside) are kept as turns, listed in
  ``Call.unknown_labels`` and noted; labels written with markup are noted too, and every such
  note is also a one-line ``Call.warnings`` entry;
* input that is not a transcript raises :class:`~callanalysis.errors.TranscriptError` with a
  one-line message: no speaker labels, an HTML label that never closes, a file that ends inside
  a speaker label (``Name --`` or a label with no speech after it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import takewhile
from pathlib import Path

from ..errors import TranscriptError
from .formats import html_to_text, looks_like_html, strip_span
from .header import CallMetadata, read_header
from .labels import GENERIC_LABELS, Layout, clean, find_labels, is_analyst, is_name
from .reading import read_transcript

SECTIONS: tuple[str, ...] = ("opening", "investor_qa", "analyst_qa", "closing")
SECTION_LABELS: dict[str, str] = dict(zip(SECTIONS, ("Opening remarks", "Investor Q&A", "Analyst Q&A", "Closing")))
ROLES: tuple[str, ...] = ("executive", "investor relations", "analyst", "operator", "unknown")


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
    kind: str  # "marker", "duration", "unknown speaker", "cut off", "unlisted label", "markup label"
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
    warnings: tuple[str, ...] = field(default=())  # one line each: unlisted and markup labels

    @property
    def date(self) -> date | None:
        return self.metadata.date


def load(path: str | Path) -> Call:
    """Read (:func:`~callanalysis.parse.reading.read_transcript`) and parse a transcript file."""
    return parse(read_transcript(path), source=str(path))


def _split_fields(fields: str, company: str | None) -> tuple[str, str, str]:
    """'Firm -- Analyst' or 'Title' -> (title, firm, role)."""
    parts = [p.strip() for p in fields.split("--") if p.strip()]
    if parts and is_analyst(parts[-1]):
        return "Analyst", " -- ".join(parts[:-1]), "analyst"
    title = " -- ".join(parts)
    role = "investor relations" if re.search(r"investor relations|\bIR\b", title, re.I) else "executive"
    return title, company or "", role


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


def _sections(turns: list[tuple[str, int, str]], headings: list[tuple[int, str]]) -> list[str]:
    """One section per turn ``(role, start, speech)`` (see the module docstring). The moderator's cues
    (any speaker's when nobody moderates) move it on, only forward; in a Q&A under its heading, an
    investor cue counts only before anyone but a moderator speaks."""
    moderators = {"investor relations", "operator"}
    any_moderator = any(role in moderators for role, _, _ in turns)
    qa_at = next((pos for pos, kind in headings if kind == "qa"), None)
    out: list[str] = []
    current = 0
    for i, (role, start, text) in enumerate(turns):
        in_qa = qa_at is not None and start > qa_at
        if in_qa and current < 1:
            first = takewhile(lambda t: t[0] in moderators or not any_moderator, turns[i:])
            current = 1 if any(_INVESTOR_QA.search(t[2]) for t in first) else 2
        if (role in moderators or not any_moderator) and (in_qa or qa_at is None):
            if current < 3 and _CLOSING.search(text):
                current = 3
            elif current < 2 and _ANALYST_QA.search(text):
                current = 2
            elif current < 1 and _INVESTOR_QA.search(text):
                current = 1
        out.append(SECTIONS[current])
    return out


_MARKER = re.compile(r"\[(?:[A-Z][a-z]+(?: [a-z]+)*)\]")
_DURATION = re.compile(r"Duration:\s*(\d+)\s*minutes?")


def _notes(text: str, turns: list[Turn], unknown: list[str], markup: list[tuple[int, str]]) -> list[QualityNote]:
    starts = [t.label_start for t in turns]
    notes = [
        QualityNote("markup label", turns[i].turn if (i := bisect_right(starts, a) - 1) >= 0 else None, a, a + len(label), f"'{label}' is written with markup")
        for a, label in markup
    ]
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

#: A moderator introducing an analyst; every alternative opens with a literal letter (fast to scan for).
_INTRO = re.compile(
    r"(?:questions?\s+(?:comes?|is coming|will come|is|are)\s+from|go\s+(?:on\s+)?to|move\s+(?:on\s+)?to"
    r"|turn\s+(?:on\s+)?to)\s+"
    r"(?:the\s+line\s+of\s+)?(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’.\-]*){1,4}?)"
    r"(?:\s*,\s*|\s+)(?:with|from|at|of)\s+(?P<firm>[A-Z][^,;:?!\n]{0,60}?)(?=\s*(?:[.,;?!](?:\s|$)|$))"
)


def parse(text: str, source: str = "<text>") -> Call:
    """Parse a transcript's text into a :class:`Call` (see the module docstring)."""
    where = None if source == "<text>" else source
    if not text.strip():
        raise TranscriptError("file is empty", where)
    fmt = "text"
    if looks_like_html(text):
        text, fmt = html_to_text(text, where), "html"
    _check_dangling_label(text, where)

    meta, header_end = read_header(text)
    layout = find_labels(text, header_end)
    if not layout.hits:
        if fmt == "html":
            raise TranscriptError("HTML page with no transcript in it (no speaker labels found)", where)
        raise TranscriptError("no speaker labels found (expected 'Name -- Title', 'Name:' or a roster name before each turn)", where)
    return _assemble(text, meta, layout, source, fmt, where)


def _check_dangling_label(text: str, where: str | None) -> None:
    """A file that ends in 'Name --' (after a sentence's end) was cut off inside a speaker label."""
    tail = text[-300:].rstrip()
    if not tail.endswith("--"):
        return
    words = tail[:-2].split()[-7:]
    for k in range(min(6, len(words)), 0, -1):
        before = words[-k - 1] if k < len(words) else "."
        if is_name(" ".join(words[-k:]), 1) and before[-1] in ".?!]\"”’)":
            label = " ".join(words[-k:]) + " --"
            raise TranscriptError(f"speaker label '{label}' at the end of the file never closes (no title, no speech)", where)


def _assemble(text: str, meta: CallMetadata, layout: Layout, source: str, fmt: str, where: str | None) -> Call:
    """Participants, turns, sections and notes from the labels' positions."""
    labels, hits = layout.labels, layout.hits
    first_turn = {name: i for i, (_, _, name) in reversed(list(enumerate(hits)))}  # every speaker's

    participants: dict[str, Participant] = {}
    for name, lab in labels.items():
        if not (lab.in_roster or name in first_turn):
            continue
        if lab.fields:
            title, firm, role = _split_fields(lab.fields, meta.company)
        else:
            title, firm, role = "", "", GENERIC_LABELS.get(name, "unknown")
            if role == "executive":
                firm = meta.company or ""
        participants[name] = Participant(name, title, firm, role, lab.text, lab.in_roster)

    stops = sorted(set(layout.stops) | {s for s, _, _ in hits} | {len(text)})
    raw_turns = [(name, s, *strip_span(text, e, stops[bisect_right(stops, s)])) for s, e, name in hits]
    name, s, a, b = raw_turns[-1]
    if a == b and not text[a:].strip():
        raise TranscriptError(f"speaker label '{clean(text[s:a])}' at the end of the file has no speech after it", where)

    # Investor relations: a bare-labelled speaker who introduces themself as IR or moderates.
    for name, p in list(participants.items()):
        if p.role != "unknown" or name in GENERIC_LABELS:
            continue
        speech = " ".join(text[a:b] for n, _, a, b in raw_turns if n == name)
        intro = (re.search(re.escape(name) + r",\s+(?P<title>[^,.]{0,60}?investor relations)", speech, re.I)
                 or re.search(re.escape(name) + r",\s+(?P<title>[^,.]{0,40}?\bIR\b)", speech))
        moderates = len(re.findall(r"\bnext question\b|\bquestion (?:comes )?from\b|\bplease go ahead\b", speech, re.I))
        if intro or moderates >= 2:
            title = intro.group("title").strip() if intro else "Moderator"
            participants[name] = replace(p, title=title, firm=meta.company or "", role="investor relations")

    # Analysts the moderator introduces ("... from the line of Ann Lee with Big Bank"), first mention.
    introduced = [m for _, _, a, b in raw_turns for m in _INTRO.finditer(text, a, b)]
    for name, firm in [(clean(m["name"]), clean(m["firm"])) for m in introduced]:
        p = participants.get(name)
        if p and name not in GENERIC_LABELS and (p.role == "unknown" or (p.role == "analyst" and not p.firm)):
            participants[name] = replace(p, title="Analyst", firm=firm, role="analyst")

    sections = _sections([(participants[n].role, a, text[a:b]) for n, _, a, b in raw_turns], layout.headings)

    # A named speaker with no title who gives prepared remarks speaks for the company.
    for name, p in list(participants.items()):
        opens = name in first_turn and sections[first_turn[name]] == "opening"
        if p.role == "unknown" and name not in GENERIC_LABELS and opens and layout.headings:
            participants[name] = replace(p, firm=meta.company or "", role="executive")

    turns = [
        Turn(i + 1, n, participants[n].title, participants[n].firm, participants[n].role, sections[i], a, b, text[a:b], s)
        for i, (n, s, a, b) in enumerate(raw_turns)
    ]
    unlisted = (n for n in first_turn if not labels[n].in_roster and n not in GENERIC_LABELS)
    unknown = sorted(unlisted) if layout.roster else []
    notes = _notes(text, turns, unknown, layout.markup)
    warnings = [f"speaker label '{n}' is not in the roster (turns kept)" for n in unknown]
    warnings += [f"speaker label '{label}' is written with markup" for _, label in layout.markup]
    rank = {name: i for i, name in reversed(list(enumerate(layout.roster)))}
    ordered = sorted(participants.values(),  # the roster's order, then the order of first turns
                     key=lambda p: (0, rank[p.name]) if p.name in rank else (1, first_turn[p.name]))
    return Call(text, meta, tuple(ordered), tuple(turns), tuple(notes), tuple(unknown), source, fmt, tuple(warnings))
