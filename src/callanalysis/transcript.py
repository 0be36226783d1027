"""Parse a Motley Fool-style earnings-call transcript into metadata, participants and turns.

``parse(text)`` promises:

* every turn's ``start``/``end`` are character offsets into ``text`` (the raw file, never
  altered) such that ``text[start:end] == turn.text``;
* speakers come from the labels the transcript itself uses (``Name -- Title``,
  ``Name -- Firm -- Analyst``, a bare ``Name`` listed in the participant roster, ``Operator``,
  ``Unknown speaker``); a name said inside speech ("My name is Martin Viecha, ...") is not a turn;
* sections (opening remarks, investor Q&A, analyst Q&A, closing) come from the moderator's own
  cues, never from fixed offsets;
* labels that are not in the roster are kept as turns and listed in ``Call.unknown_labels``;
* input that is not a transcript raises :class:`~callanalysis.errors.TranscriptError` with a
  one-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import TranscriptError

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
    """A parsed call: the raw text and everything found in it."""

    text: str
    metadata: CallMetadata
    participants: tuple[Participant, ...]
    turns: tuple[Turn, ...]
    notes: tuple[QualityNote, ...] = field(default=())
    unknown_labels: tuple[str, ...] = field(default=())
    source: str = "<text>"

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


def parse_metadata(header: str) -> CallMetadata:
    """Company, ticker, quarter, fiscal year, date and time from the transcript's header."""
    return _metadata(header)[0]


def _metadata(text: str) -> tuple[CallMetadata, int]:
    """The metadata and the offset where the header ends (0 when there is no header)."""
    m = _HEADER.search(text[:3000])
    if not m:
        return CallMetadata(None, None, None, None, None, None, None), 0
    company = m.group("company").strip()
    # "Image source: The Motley Fool. Tesla" -> "Tesla"
    company = re.split(r"[.:]\s+", company)[-1].strip() or None
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
_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.\-]*|de|van|von|der|da|di|del|la|le|bin|al)$")
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
_TITLE_CONNECTORS = {"and", "of", "the", "for", "&", "--", "in", "to", "on", "at"}
_ROSTER_HEADING = re.compile(r"Call [Pp]articipants:|Duration:\s*\d+\s*minutes?")
_FOOTER = re.compile(
    r"\s*(?:More [A-Z][A-Z.]{0,6} analysis|All earnings call transcripts|This article is a transcript)"
)


def _name_before(text: str, pos: int, max_tokens: int = 6) -> tuple[int, str] | None:
    """The run of name-like tokens that ends right before ``pos`` (where a " -- " starts)."""
    tokens = list(_TOKEN.finditer(text[max(0, pos - 200) : pos]))
    base = max(0, pos - 200)
    run: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group()
        if not _NAME_TOKEN.match(word) or word.endswith((".", ",", "?", "!", ":", ";")):
            break
        run.insert(0, tok)
        if len(run) == max_tokens:
            break
    if not run:
        return None
    start = base + run[0].start()
    return start, text[start:pos]


def _word_lcp(conts: list[str]) -> list[str]:
    words = [c.split() for c in conts]
    out: list[str] = []
    for column in zip(*words):
        if all(w == column[0] for w in column):
            out.append(column[0])
        else:
            break
    return out


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
        for m in re.finditer(re.escape(name + _DASH), text):
            names[name].append(text[m.end() : m.end() + 300])
    return names


def _roster_entries(text: str, roster: tuple[int, int], titled: dict[str, str]) -> tuple[list[str], list[str]]:
    """(titled names, bare names) in roster order."""
    r0, r1 = roster
    rtext = text[r0:r1]
    spans: list[tuple[int, int, str]] = []
    for name, fields in titled.items():
        label = f"{name}{_DASH}{fields}" if fields else name
        for m in re.finditer(re.escape(label), rtext):
            spans.append((m.start(), m.end(), name))
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


# --------------------------------------------------------------------------- parse


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def parse(text: str, source: str = "<text>") -> Call:
    """Parse a transcript's text into a :class:`Call` (see the module docstring)."""
    if not text.strip():
        raise TranscriptError("file is empty", None if source == "<text>" else source)
    where = None if source == "<text>" else source
    if _looks_like_html(text):
        raise TranscriptError("HTML page with no transcript in it (no speaker labels found)", where)

    company_meta, header_end = _metadata(text)
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
    has_roster = bool(in_roster)

    labels: dict[str, _Label] = {}
    for name in roster_titled + [n for n in titled if n not in roster_titled]:
        labels[name] = _Label(name, titled[name], name in in_roster)
    for name in roster_bare + [g for g in GENERIC_LABELS if g not in roster_bare]:
        labels.setdefault(name, _Label(name, "", name in in_roster))

    # Find every label occurrence in the body at a turn boundary.
    hits: list[tuple[int, int, str]] = []
    for lab in labels.values():
        pattern = re.escape(lab.text) + (r"(?=\s)" if lab.fields else r"(?=\s+[\[\"“A-Z0-9])(?!\s+--)")
        for m in re.finditer(pattern, text[:body_end]):
            at_header_end = not text[header_end : m.start()].strip()
            if not at_header_end and not _BOUNDARY_BEFORE.search(text[max(0, m.start() - 3) : m.start()]):
                continue
            hits.append((m.start(), m.end(), lab.name))
    hits.sort()
    # Overlapping hits: keep the longest label at a position.
    dedup: list[tuple[int, int, str]] = []
    for h in hits:
        if dedup and h[0] < dedup[-1][1]:
            if h[1] - h[0] > dedup[-1][1] - dedup[-1][0]:
                dedup[-1] = h
            continue
        dedup.append(h)
    hits = dedup
    if not hits:
        raise TranscriptError("no speaker labels found (expected 'Name -- Title' or a roster name before each turn)", where)

    # Participants and roles.
    spoke = {name for _, _, name in hits}
    participants: dict[str, Participant] = {}
    for name, lab in labels.items():
        if not (lab.in_roster or name in spoke):
            continue
        if lab.fields:
            title, firm, role = _split_fields(lab.fields, company_meta.company)
        else:
            title, firm, role = "", "", GENERIC_LABELS.get(name, "unknown")
            if role == "executive":
                firm = company_meta.company or ""
        participants[name] = Participant(name, title, firm, role, lab.text, lab.in_roster)

    raw_turns: list[tuple[str, int, int, int]] = []
    for i, (s, e, name) in enumerate(hits):
        nxt = hits[i + 1][0] if i + 1 < len(hits) else body_end
        a = e
        while a < nxt and text[a].isspace():
            a += 1
        b = nxt
        while b > a and text[b - 1].isspace():
            b -= 1
        raw_turns.append((name, s, a, b))

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
            participants[name] = Participant(name, title, company_meta.company or "", "investor relations", p.label, p.in_roster)

    sections = _sections([(n, participants[n].role, text[a:b]) for n, _, a, b in raw_turns])
    turns = [
        Turn(i + 1, n, participants[n].title, participants[n].firm, participants[n].role, sections[i], a, b, text[a:b], s)
        for i, (n, s, a, b) in enumerate(raw_turns)
    ]
    unknown = sorted(n for n in spoke if has_roster and not labels[n].in_roster and n not in GENERIC_LABELS)
    notes = _notes(text, turns, unknown)
    ordered = sorted(participants.values(), key=lambda p: (not p.in_roster, (roster_bare + roster_titled).index(p.name) if p.in_roster else 0))
    roster_order = _roster_order(text, r0, r1, ordered)
    return Call(text, company_meta, tuple(roster_order), tuple(turns), tuple(notes), tuple(unknown), source)


def _roster_order(text: str, r0: int, r1: int, people: list[Participant]) -> list[Participant]:
    """Participants in the order the roster lists them, then unlisted speakers by first turn."""
    rtext = text[r0:r1]

    def key(p: Participant) -> tuple[int, int]:
        if p.in_roster:
            i = rtext.find(p.label)
            return (0, i if i >= 0 else rtext.find(p.name))
        return (1, text.find(p.label))

    return sorted(people, key=key)
