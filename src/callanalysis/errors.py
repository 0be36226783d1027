"""The one exception the package raises for input it cannot use.

Every failure a user can cause (a missing file, an empty or binary file, text that is not a
transcript) is a :class:`TranscriptError` whose message is one line, fit to print as is. The
command line turns it into that line on stderr and exit status 2.
"""

from __future__ import annotations


class TranscriptError(ValueError):
    """Input that cannot be read as a transcript: ``str(error)`` is one line, the file (if any) then the problem."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        self.problem = " ".join(message.split())
        super().__init__(f"{path}: {self.problem}" if path else self.problem)
