"""How to read one call, typed: metadata that beats the file's own, and for recordings the
transcription engine and model (kept apart, so metadata never carries engine options)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

ENGINE_KEYS = ("engine", "model")


@dataclass(frozen=True)
class LoadOptions:
    meta: Mapping[str, Any] = field(default_factory=dict)  # rep, call_date, call_id, account, ...
    engine: str | None = None  # faster-whisper | openai-whisper (None: the default)
    model: str | None = None  # tiny.en | base | a path to weights (None: the default)

    @classmethod
    def of(cls, value: "LoadOptions | Mapping[str, Any] | None") -> "LoadOptions":
        """Options as given, or from one flat mapping ({"rep": ..., "engine": ...})."""
        if isinstance(value, LoadOptions):
            return value
        flat = dict(value or {})
        engine = {k: flat.pop(k, None) for k in ENGINE_KEYS}
        return cls(flat, **engine)
