"""Audio calls (.wav, .mp3, ...): transcription seam, implemented in a later build."""
from __future__ import annotations

from pathlib import Path

from analyzer.model import InputError, Transcript


def load_audio(path: Path, meta_overrides: dict | None = None) -> Transcript:
    """Transcribe an audio call into a Transcript (not available yet)."""
    raise InputError(path, "audio transcription is not available in this build")
