"""The book's configuration for another call: the root ``_config.yml`` with that call's title.

``python -m callanalysis.bookconfig TRANSCRIPT OUT.yml`` reads the transcript's header, and
writes ``_config.yml`` with its ``title:`` line replaced by the call's own (every other setting,
comment and path unchanged). A transcript that cannot be read gets the package's one-line error
and exit status 2, and nothing is written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import TranscriptError
from .parse.transcript import CallMetadata, load

from .paths import ROOT
BASE_CONFIG = ROOT / "_config.yml"
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


def book_title(meta: CallMetadata) -> str:
    """'What <Company>'s Q<n> <year> call claims, hedges and forecasts' (parts the header lacks are left out)."""
    who = f"{meta.company}’s" if meta.company else "an earnings"
    when = f" Q{meta.quarter} {meta.fiscal_year}" if meta.quarter and meta.fiscal_year else ""
    return f"What {who}{when} call claims, hedges and forecasts"


def config_for(meta: CallMetadata, base: str) -> str:
    """``base`` (the text of ``_config.yml``) with its title replaced by the call's."""
    title = book_title(meta).replace('"', "'")
    if not _TITLE_LINE.search(base):
        raise ValueError("the base _config.yml has no top-level 'title:' line")
    return _TITLE_LINE.sub(lambda _: f'title: "{title}"', base, count=1)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m callanalysis.bookconfig TRANSCRIPT OUT.yml", file=sys.stderr)
        return 2
    try:
        meta = load(args[0]).metadata
    except TranscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(config_for(meta, BASE_CONFIG.read_text(encoding="utf-8")), encoding="utf-8")
    print(book_title(meta))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
