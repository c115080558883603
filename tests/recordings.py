"""Short test recordings, made afresh with espeak-ng + sox by scripts/make_sample_audio.py.

`audio_script()` is that script as a module; `make_recordings(folder)` writes its calls there
and returns {stem: audio path}. Both skip the calling test when a tool is missing, unless
$CALLREVIEW_REQUIRE_AUDIO is set (CI sets it, so there a missing tool fails the run).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("ffmpeg", "ffprobe", "espeak-ng", "sox", "soxi")


def audio_script():
    spec = importlib.util.spec_from_file_location("make_sample_audio",
                                                  ROOT / "scripts" / "make_sample_audio.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require_audio_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        if os.environ.get("CALLREVIEW_REQUIRE_AUDIO"):
            pytest.fail(f"audio tools missing: {', '.join(missing)}")
        pytest.skip(f"audio tools missing: {', '.join(missing)} (apt-get install ffmpeg espeak-ng sox)")


def make_recordings(folder: Path, timeline: bool = False) -> dict[str, Path]:
    require_audio_tools()
    folder.mkdir(parents=True, exist_ok=True)
    return audio_script().make_calls(folder, timeline=timeline)
