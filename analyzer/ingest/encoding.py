"""A text file's bytes -> its text, and the encoding it was read with.

UTF-8 (with or without a BOM) is read as it is. Anything else, typically a transcript saved by
a Windows tool in Windows-1252 or latin-1, is detected with charset-normalizer and read, and
the encoding is kept so the report can say so. Binary data is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from analyzer.model import InputError

# When several encodings read the bytes equally well (short texts: cp1250, cp1252 and cp1257
# agree on "José" but not on "Núñez"), Windows' Western default is the likely one.
PREFERRED = "cp1252"


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str = ""  # "" for UTF-8, else the codec the file was read with


def read_text(path: Path) -> Text:
    """Read a text file; InputError when it is missing, binary or empty."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read file: {e.strerror or e}") from None
    decoded = decode(data)
    if decoded is None or "\x00" in decoded.text:
        raise InputError(path, "not a text file (binary data): save the transcript as text, "
                               "preferably UTF-8")
    if not decoded.text.strip():
        raise InputError(path, "file is empty")
    return decoded


def decode(data: bytes) -> Text | None:
    """UTF-8 if it is, else the encoding charset-normalizer finds; None for binary data."""
    try:
        return Text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if PREFERRED in m.could_be_from_charset), best)
    # could_be_from_charset: the encodings that give this very text
    encoding = PREFERRED if PREFERRED in chosen.could_be_from_charset else chosen.encoding
    return Text(str(chosen), encoding)
