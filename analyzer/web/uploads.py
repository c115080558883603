"""Receive uploaded call files safely, then queue one job per call.

Each file is copied under a generated name (<uuid>.<suffix>) into the upload folder; the
client's file name is kept only as display text. A file is refused, with a message naming it,
when it is over the size limit (a transcript over limits.MAX_TRANSCRIPT_BYTES too), has a type
we do not take, or its content is not what its name says (a recording must start like one; a
transcript must be UTF-8 text). Nothing is parsed here: the worker reads every call, so a big
file never holds the request; a transcript the ingest cannot read fails its job with the
ingest's message. A recording's metadata (sidecar and form) is checked at once, since that is
cheap. A `NAME.meta.yaml` sent with `NAME.vtt` is kept beside it as the call's sidecar.
"""
from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..ingest import AUDIO_SUFFIXES, TEXT_SUFFIXES
from ..ingest.meta import SIDECAR_SUFFIXES, resolve
from ..model import InputError
from ..store import Store
from . import jobs
from .config import WebConfig
from .limits import MAX_TRANSCRIPT_BYTES, SPLIT
from .sniff import HEAD_BYTES, describe, sniff_audio, text_problem

CHUNK = 1024 * 1024
SIDECAR_MAX = 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Incoming:
    """One file of the request: its display name and its (temporary) content."""
    name: str
    file: BinaryIO


@dataclass
class Outcome:
    queued: list[tuple[int, str]] = field(default_factory=list)  # (job id, display name)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (display name, reason)


class Rejected(Exception):
    pass


def display_name(raw: str | None) -> str:
    """The last part of whatever the client sent as a name, without control characters;
    shown to people (escaped), never used as a path."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = _CONTROL.sub("", name).strip()[:200]
    return name or "(unnamed file)"


def mb(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


def size(n: int) -> str:
    """A file's size for people: 812 bytes, 8.1 KB, 3.4 MB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _sidecar_stem(name: str) -> str | None:
    low = name.lower()
    for suffix in SIDECAR_SUFFIXES:
        if low.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return None


def receive(files: list[Incoming], meta: dict[str, str], cfg: WebConfig, store: Store,
            user_id: int | None) -> Outcome:
    """Check and keep every file; queue a job for each call file that passes."""
    cfg.upload_dir.mkdir(parents=True, exist_ok=True)
    out = Outcome()
    sidecars: dict[str, Incoming] = {}
    calls: list[Incoming] = []
    for f in files:
        f = Incoming(display_name(f.name), f.file)
        stem = _sidecar_stem(f.name)
        if stem:
            sidecars.setdefault(stem.casefold(), f)
        else:
            calls.append(f)
    paired = set()
    for f in calls:
        side = sidecars.get(Path(f.name).stem.casefold())
        if side is not None:
            paired.add(Path(f.name).stem.casefold())
        try:
            out.queued.append((_accept(f, side, meta, cfg, store, user_id), f.name))
        except Rejected as exc:
            out.rejected.append((f.name, str(exc)))
    for stem, side in sidecars.items():
        if stem not in paired:
            out.rejected.append((side.name, "a metadata sidecar needs its call file in the same "
                                            f"upload (a file named {_sidecar_stem(side.name)}.*)"))
    return out


def _copy(src: BinaryIO, dest: Path, limit: int, too_big: str | None = None) -> int:
    """Copy at most `limit` bytes; Rejected (and nothing left behind) if there are more."""
    total = 0
    try:
        with open(dest, "xb") as out:
            while chunk := src.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise Rejected(too_big or f"larger than the {mb(limit)} limit per file")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    if total == 0:
        dest.unlink(missing_ok=True)
        raise Rejected("the file is empty")
    return total


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(HEAD_BYTES)


def _accept(f: Incoming, side: Incoming | None, meta: dict[str, str], cfg: WebConfig,
            store: Store, user_id: int | None) -> int:
    suffix = Path(f.name).suffix.lower()
    if suffix not in AUDIO_SUFFIXES + TEXT_SUFFIXES:
        raise Rejected(f"unsupported file type {suffix or '(no extension)'}: upload recordings "
                       f"({' '.join(AUDIO_SUFFIXES)}) or transcripts ({' '.join(TEXT_SUFFIXES)})")
    key = uuid.uuid4().hex
    incoming = cfg.upload_dir / f".incoming-{key}"
    limit, too_big = cfg.max_upload_bytes, None
    if suffix in TEXT_SUFFIXES and MAX_TRANSCRIPT_BYTES < limit:
        limit, too_big = MAX_TRANSCRIPT_BYTES, \
            f"larger than the {mb(MAX_TRANSCRIPT_BYTES)} limit for a transcript: {SPLIT}"
    nbytes = _copy(f.file, incoming, limit, too_big)
    kept: list[Path] = [incoming]
    try:
        head = _head(incoming)
        if suffix in AUDIO_SUFFIXES:
            kind, final_suffix = "audio", sniff_audio(head)
            if final_suffix is None:
                raise Rejected(f"not a {suffix[1:].upper()} recording: the content is "
                               f"{describe(head)}, not audio")
        else:
            kind, final_suffix = "text", suffix
            if sniff_audio(head):
                raise Rejected(f"this is {describe(head)}, not a {suffix} transcript: "
                               f"name it {sniff_audio(head)}")
            problem = text_problem(head, partial=nbytes > len(head))  # the ingest reads it all
            if problem:
                raise Rejected(f"not a {suffix} transcript: the file {problem}")
        final = cfg.upload_dir / f"{key}{final_suffix}"
        incoming.rename(final)
        kept = [final]
        names = {str(final): f.name, key: Path(f.name).stem}
        if side is not None:
            side_path = final.with_name(f"{key}.meta.yaml")
            try:
                _copy(side.file, side_path, SIDECAR_MAX)
            except Rejected as exc:
                raise Rejected(f"its sidecar {side.name}: {exc}") from None
            kept.append(side_path)
            names[str(side_path)] = side.name
            problem = text_problem(side_path.read_bytes())
            if problem:
                raise Rejected(f"its sidecar {side.name}: the file {problem}")
        if kind == "audio":
            _check_metadata(final, meta, names)
        return jobs.enqueue(store, f.name, final.name, kind, nbytes, meta, user_id,
                            side.name if side else None)
    except BaseException:
        for p in kept:
            p.unlink(missing_ok=True)
        raise


def _check_metadata(path: Path, meta: dict[str, str], names: dict[str, str]) -> None:
    """Refuse now what the worker would refuse after a long transcription: a recording whose
    metadata (sidecar and form) is incomplete or wrong."""
    try:
        resolve(path, None, meta)
    except InputError as exc:
        raise Rejected(public_reason(exc.one_line(), names)) from None


def public_reason(message: str, names: dict[str, str]) -> str:
    """An error line with our stored paths (and bare stored names) replaced by the names the
    user knows, and the command line's option for the call date named as the form's field."""
    for stored, shown in sorted(names.items(), key=lambda kv: -len(kv[0])):
        message = message.replace(stored, shown)
    return message.replace("or pass --call-date", "or fill in Call date on the upload form")
