"""Reading a transcript file: the one way every part of the package gets a transcript's text.

:func:`read_transcript` (and :func:`read_bytes` under it) promise:

* only a regular file is read (a symbolic link to one is fine): anything else is refused with a
  one-line :class:`~callanalysis.errors.TranscriptError` before a read, also when the path is
  swapped for a FIFO after the first check, so ``/dev/zero`` or a FIFO never hangs or fills memory;
* at most ``MAX_BYTES + 1`` bytes are read, whatever the file system says, and a larger file is refused;
* a missing file, a symbolic link loop and an unreadable file each get their own message;
* text is UTF-8 (a byte-order mark is allowed) or UTF-16/UTF-32 with a byte-order mark (when
  that reads as text); UTF-16 without one, other binary data and invalid UTF-8 are refused with a
  message that says which.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from ..errors import TranscriptError

MAX_BYTES = 20_000_000

#: Byte-order marks of wide encodings; UTF-32 first (its little-endian mark starts like UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a transcript file"
    kinds = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}
    what = next((name for test, name in kinds.items() if test(mode)), "not a regular file")
    return f"is {what}; only regular files are read"


def _os_error(exc: OSError, name: str) -> TranscriptError:
    if exc.errno == errno.ENOENT:
        return TranscriptError("no such file", name)
    if exc.errno == errno.ELOOP:
        return TranscriptError("symbolic link loop (the link leads back to itself)", name)
    return TranscriptError(f"cannot read file ({exc.strerror or exc})", name)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of the regular file ``path`` (see the module docstring)."""
    name = str(path)
    try:
        if problem := _kind(os.stat(path).st_mode):
            raise TranscriptError(problem, name)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise _os_error(exc, name) from None
    with open(fd, "rb") as fh:
        st = os.fstat(fd)
        if problem := _kind(st.st_mode):
            raise TranscriptError(problem, name)
        if st.st_size > MAX_BYTES:
            raise TranscriptError(f"file is {st.st_size / 1e6:.0f} MB; transcripts are expected under {MAX_BYTES // 1_000_000} MB", name)
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _os_error(exc, name) from None
    if len(data) > MAX_BYTES:
        raise TranscriptError(f"file is over {MAX_BYTES // 1_000_000} MB; transcripts are expected under that", name)
    return data


def _wide(data: bytes, codec: str) -> str | None:
    """``data`` read as UTF-16 or UTF-32, when that gives text (mostly ASCII, as a transcript is)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[:2000]
    return text if sum(c.isascii() for c in head) >= 0.8 * len(head) else None


def decode(data: bytes, name: str | None = None) -> str:
    """Transcript bytes as text (see the module docstring), or a one-line error."""
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8-sig")
    text = _wide(data, codec) if codec in ("utf-16", "utf-32") else None
    if text is None and b"\x00" in data[:8192]:
        half = data[:400]
        if half[1::2].count(0) > 0.8 * len(half[1::2]) or half[0::2].count(0) > 0.8 * len(half[0::2]):
            raise TranscriptError(
                "file looks like UTF-16 text without a byte-order mark; convert it to UTF-8 "
                "(for example: iconv -f UTF-16LE -t UTF-8 FILE > FILE.txt)", name)
        raise TranscriptError("file is binary, not text", name)
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TranscriptError(f"file is not UTF-8 text (invalid byte at position {exc.start})", name) from None
    if not text.strip():
        raise TranscriptError("file is empty", name)
    return text


def read_transcript(path: str | Path) -> str:
    """The text of the transcript file ``path``, or a one-line :class:`TranscriptError`."""
    return decode(read_bytes(path), str(path))
