"""Synthetic earnings-call transcripts for benchmarks: invented companies, people and numbers.

``generate(folder, n)`` writes ``n`` transcripts of about ``size_kb`` KB each into ``folder``,
cycling through the three layouts the parser reads (one line like the seed, one paragraph per
line with headings and ``Name -- Title`` labels, and a fool.com-style HTML page). Every
sentence of speech names an invented product line, so no two are alike (within a call or
across calls); the operator's lines and the analysts' questions repeat, as in real calls. The
same arguments always write the same bytes. Run as a script: ``python benchmarks/synth.py DIR N``.
"""

from __future__ import annotations

import argparse
import html
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = "Avery Blake Casey Devon Elena Farah Gideon Hana Ivan Jonas Keiko Luca Mira Nikhil Oona Pavel Quinn Rosa Soren Tara".split()
LAST = "Abbott Brennan Castillo Dubois Eriksen Fontaine Gallo Hartmann Iwata Jaramillo Kowalski Lindqvist Moreno Novak Okafor".split()
FIRMS = ["Alder Capital", "Birchwood Securities", "Cobalt Research", "Dunmore & Pike", "Everly Partners", "Foxglove Bank"]
WORDS = "Orbital Quartz Lumen Harbor Summit Vantage Meridian Cinder Willow Granite".split()
KINDS = "Robotics Foods Energy Software Textiles Health Logistics Materials".split()
TITLES = ["Chief Executive Officer", "Chief Financial Officer", "Chief Operating Officer", "Vice President, Investor Relations"]
SENTENCES = [
    "Revenue from {w} grew {p}% to ${m} million in the quarter.",
    "We expect margins on {w} to improve by about {p} basis points in {y}.",
    "I think demand for {w} will probably stay strong through the second half.",
    "Our backlog for {w} is now {n} units, which is clearly a record.",
    "We may see some pressure on input costs at {w} next year.",
    "Operating expenses at {w} were roughly ${m} million, up {p}% from a year ago.",
    "We are confident the new {w} plant will open in early {y}.",
    "It is hard to say exactly when pricing for {w} will normalize.",
    "Free cash flow from {w} was ${m} million, and we returned most of it to shareholders.",
    "Over the next three years, we plan to double {w} capacity.",
]
SYLLABLES = "ka ri mo ven tal dor sa lu pex qui ron bel fa zin cor ta mi los ner vu".split()
QUESTIONS = [
    "How should we think about margins next year?",
    "Can you talk about pricing in Europe?",
    "What is the timeline for the new product?",
    "How much of the growth came from new customers?",
]


def _coined(rng: random.Random) -> str:
    """An invented product line ("Venlusa 412"): what makes each sentence one never seen before."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {rng.randint(100, 999)}"


def _speech(rng: random.Random, k: int) -> str:
    out = []
    for _ in range(k):
        t = rng.choice(SENTENCES)
        out.append(t.format(w=_coined(rng), p=rng.randint(1, 40), m=rng.randint(10, 900), n=rng.randint(100, 9000), y=rng.randint(2025, 2028)))
    return " ".join(out)


def transcript(i: int, size_kb: int = 60, seed: int = 0) -> tuple[str, str]:
    """(suffix, text) of synthetic transcript number ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    company = f"{rng.choice(WORDS)} {rng.choice(KINDS)}"
    ticker = "".join(rng.choice("ABCDEFGHKLMNPRSTVWXZ") for _ in range(4))
    day = date(2023, 1, 15) + timedelta(days=rng.randint(0, 700))
    quarter = (day.month - 1) // 3 + 1
    names = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], 8)
    ir, execs, analysts = names[0], names[1:3], names[3:]
    titles = {ir: TITLES[3], execs[0]: TITLES[0], execs[1]: TITLES[1]}
    firms = {a: rng.choice(FIRMS) for a in analysts}

    def label(name: str) -> str:
        return f"{name} -- {titles[name]}" if name in titles else f"{name} -- {firms[name]} -- Analyst"

    turns: list[tuple[str, str, str]] = [("opening", "Operator", f"Welcome to the {company} call. I will now hand over to {ir}.")]
    turns.append(("opening", ir, f"Thank you. With me today are {execs[0]} and {execs[1]}. {execs[0].split()[0]}?"))
    turns += [("opening", e, _speech(rng, 12)) for e in execs]
    size = 0
    while size < size_kb * 1000 * 0.9:
        a = rng.choice(analysts)
        turns.append(("qa", "Operator", f"Our next question comes from the line of {a} with {firms[a]}."))
        turns.append(("qa", a, f"Thanks for taking my question on {_coined(rng)}. {rng.choice(QUESTIONS)}"))
        turns.append(("qa", rng.choice(execs), _speech(rng, rng.randint(3, 9))))
        size += sum(len(t) + 60 for _, _, t in turns[-3:])
    turns.append(("qa", "Operator", "This concludes today's conference call. You may now disconnect."))
    roster = [ir, *execs, *analysts]
    header = (company, ticker, quarter, day.year, day.strftime("%b %-d, %Y"))
    layout = i % 3
    if layout == 0:
        return ".txt", _one_line(header, turns, roster, label)
    if layout == 1:
        return ".txt", _lines(header, turns, roster, label)
    return ".html", _page(header, turns, roster, label)


def _one_line(header, turns, roster, label) -> str:
    company, ticker, q, year, day = header
    parts = [f"Image source: The Motley Fool. {company} ({ticker} 1.10%)Q{q} {year} Earnings Call{day}, 5:00 p.m. ET"]
    parts += [f"{label(n) if n != 'Operator' else n} {t}" for _, n, t in turns]
    parts.append("Duration: 0 minutes " + " ".join(label(n) for n in roster) + f"   More {ticker} analysis All earnings call transcripts")
    return " ".join(parts)


def _lines(header, turns, roster, label) -> str:
    company, ticker, q, year, day = header
    out = [f"{company} ({ticker} 1.10%)", f"Q{q} {year} Earnings Call", f"{day}, 5:00 p.m. ET", "", "Prepared Remarks:", ""]
    section = "opening"
    for sec, n, t in turns:
        if sec != section:
            out += ["Questions & Answers:", ""]
            section = sec
        out += [label(n) if n != "Operator" else n, "", t, ""]
    out += ["Duration: 45 minutes", "", "Call participants:", ""] + [x for n in roster for x in (label(n), "")]
    out += [f"More {ticker} analysis", "", "All earnings call transcripts", ""]
    return "\n".join(out)


def _page(header, turns, roster, label) -> str:
    company, ticker, q, year, day = header
    e = html.escape

    def speaker(n: str) -> str:
        if n == "Operator":
            return "<p><strong>Operator</strong></p>"
        name, _, rest = label(n).partition(" -- ")
        return f"<p><strong>{e(name)}</strong> -- <em>{e(rest)}</em></p>"

    out = [
        "<!DOCTYPE html><html><head><title>Transcript</title><script>var x = 1;</script></head><body>",
        f"<nav><a href='/'>Home</a></nav><h1>{e(company)} ({ticker}) Q{q} {year} Earnings Call Transcript</h1>",
        f"<p>{e(company)}&nbsp;({ticker} 1.10%)<br>Q{q} {year} Earnings Call<br>{day}, 5:00 p.m. ET</p>",
        "<h2>Prepared Remarks:</h2>",
    ]
    section = "opening"
    for sec, n, t in turns:
        if sec != section:
            out.append("<h2>Questions &amp; Answers:</h2>")
            section = sec
        out += [speaker(n), f"<p>{e(t)}</p>"]
    out += ["<p><strong>Duration: 45 minutes</strong></p>", "<h2>Call participants:</h2>", *map(speaker, roster)]
    out += [f"<p><a href='/'>More {ticker} analysis</a></p></body></html>"]
    return "\n".join(out)


def generate(folder: str | Path, n: int, size_kb: int = 60, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic transcripts into ``folder`` (created if missing)."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        suffix, text = transcript(i, size_kb, seed)
        path = root / f"synthetic-{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("n", type=int)
    ap.add_argument("--size-kb", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(f"wrote {len(generate(args.folder, args.n, args.size_kb, args.seed))} transcripts to {args.folder}")
