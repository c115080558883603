"""What a file really is, from its first bytes: recordings by their container's signature,
text by decoding it. A file's name only says what it claims to be.
"""
from __future__ import annotations

from analyzer.ingest.encoding import decode

HEAD_BYTES = 64 * 1024  # enough for every check here

# MPEG audio frame header tables (kbit/s; index 0 "free" and 15 "bad" are refused).
_BITRATES = {
    (3, 3): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),  # MPEG-1 layer I
    (3, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),  # MPEG-1 layer II
    (3, 1): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1 layer III
    (2, 3): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),  # MPEG-2/2.5 layer I
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2/2.5 layer II, III
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mp3_frame_length(h: bytes) -> int | None:
    """Length in bytes of the MPEG audio frame whose 4-byte header is `h`, or None."""
    if len(h) < 4 or h[0] != 0xFF or (h[1] & 0xE0) != 0xE0:
        return None
    version, layer = (h[1] >> 3) & 3, (h[1] >> 1) & 3
    bitrate_i, rate_i, padding = h[2] >> 4, (h[2] >> 2) & 3, (h[2] >> 1) & 1
    if version == 1 or layer == 0 or bitrate_i in (0, 15) or rate_i == 3:
        return None
    table = _BITRATES[(3, layer) if version == 3 else (2, 3 if layer == 3 else 2)]
    bitrate, rate = table[bitrate_i] * 1000, _RATES[version][rate_i]
    if layer == 3:  # layer I
        return (12 * bitrate // rate + padding) * 4
    per = 144 if (version == 3 or layer == 2) else 72
    return per * bitrate // rate + padding


def _is_mp3(head: bytes) -> bool:
    if head[:3] == b"ID3":  # ID3v2 tag: version, flags, then a 28-bit "syncsafe" size
        return len(head) >= 10 and head[3] < 0xFF and head[4] < 0xFF and all(b < 0x80 for b in head[6:10])
    first = _mp3_frame_length(head)
    if not first:
        return False
    if len(head) < first + 4:  # a one-frame file: the header alone must do
        return len(head) == first
    return _mp3_frame_length(head[first:first + 4]) is not None  # the next frame follows


def sniff_audio(head: bytes) -> str | None:
    """The suffix of the recording format `head` starts, or None if it is not one we take."""
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return ".wav"
    if head[:4] == b"OggS":
        return ".ogg"
    if head[:4] == b"fLaC":
        return ".flac"
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML: WebM / Matroska
        return ".webm"
    if head[4:8] == b"ftyp" and all(32 <= b < 127 for b in head[8:12]):  # MPEG-4 audio
        return ".m4a"
    if _is_mp3(head):
        return ".mp3"
    return None


def describe(head: bytes) -> str:
    """A few words on what the bytes look like, for a rejection message."""
    kinds = ((b"MZ", "a Windows program"), (b"\x7fELF", "a Linux program"),
             (b"PK\x03\x04", "a ZIP archive or Office document"), (b"%PDF", "a PDF document"),
             (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
             (b"#!", "a script"), (b"\x1f\x8b", "a gzip archive"))
    for magic, what in kinds:
        if head.startswith(magic):
            return what
    if sniff_audio(head):
        return f"a {sniff_audio(head)[1:].upper()} recording"
    return "text" if text_problem(head, partial=True) is None else "unrecognised binary data"


def text_problem(data: bytes, partial: bool = False) -> str | None:
    """Why `data` is not readable text, or None. `partial`: data may end mid-character."""
    if b"\x00" in data:
        return "contains NUL bytes, so it is not a text file"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if partial and e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return None
        if decode(data) is not None:
            return None  # a Windows encoding (cp1252, latin-1): the ingest reads and notes it
        line = data[:e.start].count(b"\n") + 1
        return (f"is not text in any encoding we can read (bad byte 0x{data[e.start]:02x} on line "
                f"{line}); re-save it as UTF-8")
    return None
