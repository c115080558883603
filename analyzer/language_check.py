"""Which language a call is in. The detectors read English; a call in another language gets a
clear 'not scored' error instead of a meaningless 0/100."""
from __future__ import annotations

from functools import lru_cache

from .model import InputError, Transcript

SAMPLE_CHARS = 6000
MIN_CHARS = 80  # too little text to tell: assume English
NAMES = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
         "nl": "Dutch", "pl": "Polish", "tr": "Turkish", "ru": "Russian", "zh": "Chinese",
         "ja": "Japanese", "hi": "Hindi", "ar": "Arabic", "sv": "Swedish", "da": "Danish"}


@lru_cache(maxsize=1)
def _identifier():
    from pathlib import Path

    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language."""
    if len(text.strip()) < MIN_CHARS:
        return "en", 1.0
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def require_english(transcript: Transcript) -> None:
    """Raise a one-line InputError when the call is confidently not in English."""
    text = " ".join(t.text for t in transcript.turns)
    lang, prob = detect(text)
    if lang != "en" and prob >= 0.9:
        name = NAMES.get(lang, lang)
        raise InputError(transcript.source or transcript.meta.call_id,
                         f"the call is in {name} ({lang}, {prob:.0%} sure); the analyzer reads "
                         f"English only, so it was not scored")
