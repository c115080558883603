"""The training corpus: sentence-in-context examples in JSON Lines (conventions in corpus/README.md)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .roles import ROLES

CORPUS_DIR = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Example:
    text: str
    prev: str
    seller: bool
    roles: frozenset[str]
    group: str  # the writer or source: cross-validation holds a whole group out
    style: str = "clean"
    near_miss: str | None = None
    weight: float = 1.0


class CorpusError(ValueError):
    pass


def example(row: dict, group: str, weight: float = 1.0) -> Example:
    """One corpus row (the JSON Lines object) as an Example; CorpusError names what is wrong."""
    roles = frozenset(row.get("roles") or ())
    unknown = roles - set(ROLES)
    if unknown:
        raise CorpusError(f"unknown role {sorted(unknown)[0]!r}")
    side = row.get("side", "seller")
    if side not in ("seller", "buyer"):
        raise CorpusError(f"side must be seller or buyer, not {side!r}")
    text = str(row.get("text") or "").strip()
    if not text:
        raise CorpusError("empty text")
    return Example(text, str(row.get("prev") or "").strip(), side == "seller", roles,
                   row.get("group") or group, row.get("style", "clean"), row.get("near_miss"), weight)


def read_jsonl(path: Path, group: str | None = None, weight: float = 1.0) -> list[Example]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(example(json.loads(line), group or path.parent.name, weight))
        except (json.JSONDecodeError, CorpusError) as exc:
            raise CorpusError(f"{path}:{n}: {exc}") from None
    return out


def load_corpus(folder: Path = CORPUS_DIR) -> list[Example]:
    """Every *.jsonl under the folder; the sub-folder (one per writer) is the group."""
    files = sorted(folder.rglob("*.jsonl"))
    if not files:
        raise CorpusError(f"{folder}: no *.jsonl training files")
    examples = []
    for path in files:
        examples += read_jsonl(path, group=path.parent.name if path.parent != folder else path.stem)
    return examples


_PUNCT = re.compile(r"[^\w\s']")
_FILLERS = ("um", "uh", "like", "you know", "so")


def asr_variant(ex: Example, n: int) -> Example:
    """The same example as raw ASR would give it: lowercase, no punctuation, a filler."""
    def rough(t: str) -> str:
        words = _PUNCT.sub(" ", t.lower()).split()
        if len(words) > 4:
            words.insert(1 + n % (len(words) - 2), _FILLERS[n % len(_FILLERS)])
        return " ".join(words)
    return Example(rough(ex.text), rough(ex.prev) if ex.prev else "", ex.seller, ex.roles,
                   ex.group, "asr", ex.near_miss, ex.weight)


def with_asr_variants(examples: list[Example]) -> list[Example]:
    return examples + [asr_variant(e, i) for i, e in enumerate(examples) if e.style == "clean"]
