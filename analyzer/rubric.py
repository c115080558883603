"""Rubric YAML -> a validated Rubric with its detectors built. Errors name the item at fault."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .asks import AskParams
from .detectors import REGISTRY, Detector
from .meaning.params import MeaningParams
from .path import PathParams
from .rubric_patterns import pattern_problems

ITEM_IDS = ("value_summary", "buyer_anchored_date", "milestones", "dated_ask", "pause",
            "risk_relief", "map_captured")
PITFALL_IDS = ("manufactured_deadline", "binary_trap", "over_detailing", "vague_timeline",
               "missing_stakeholder")
STATUSES = ("pass", "partial", "fail")


class RubricError(ValueError):
    """A rubric that cannot be used; the message names the file and the item, one line per
    problem."""


@dataclass(frozen=True)
class ItemSpec:
    id: str
    title: str
    weight: float
    detector: Detector
    coaching: dict[str, str]


@dataclass(frozen=True)
class PitfallSpec:
    id: str
    title: str
    detector: Detector
    coaching: str = ""


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    name: str
    items: tuple[ItemSpec, ...]
    pitfalls: tuple[PitfallSpec, ...]
    path: PathParams
    ask: AskParams
    meaning: MeaningParams
    pause_seconds: float
    talk_on_words: int
    status_points: dict[str, float]
    pitfall_penalty: float
    source: str = ""

    def item(self, item_id: str) -> ItemSpec:
        return next(i for i in self.items if i.id == item_id)


def default_rubric_path() -> Path:
    return Path(str(files("analyzer.rubrics").joinpath("backwards_close.yaml")))


def load_rubric(path: str | Path | None = None) -> Rubric:
    path = Path(path) if path else default_rubric_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RubricError(f"{path}: rubric file not found") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{path}:{line + 1}" if line is not None else str(path)
        raise RubricError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric is a mapping with id, version, items and pitfalls")
    return parse_rubric(data, str(path))


def parse_rubric(data: dict[str, Any], source: str = "<rubric>") -> Rubric:
    def fail(msg: str):
        raise RubricError(f"{source}: {msg}")

    for key in ("id", "version", "items"):
        if key not in data:
            fail(f"missing top-level key '{key}'")
    items_data = data.get("items") or {}
    missing = [i for i in ITEM_IDS if i not in items_data]
    if missing:
        fail(f"items missing: {', '.join(missing)}")
    unknown = [i for i in items_data if i not in ITEM_IDS]
    if unknown:
        fail(f"unknown item '{unknown[0]}' (known: {', '.join(ITEM_IDS)})")
    problems = pattern_problems(data)
    if problems:
        raise RubricError("\n".join(f"{source}: {p}" for p in problems))
    items = []
    for item_id in ITEM_IDS:
        spec = items_data[item_id] or {}
        det = _build(spec, f"item '{item_id}'", fail)
        weight = spec.get("weight", 1)
        if not isinstance(weight, (int, float)) or weight < 0:
            fail(f"item '{item_id}': weight must be a number >= 0, got {weight!r}")
        coaching = spec.get("coaching") or {}
        if not isinstance(coaching, dict) or any(k not in STATUSES for k in coaching):
            fail(f"item '{item_id}': coaching must map pass/partial/fail to text")
        items.append(ItemSpec(item_id, spec.get("title", item_id), float(weight), det,
                              {k: str(v) for k, v in coaching.items()}))
    pitfalls = []
    for pid, spec in (data.get("pitfalls") or {}).items():
        if pid not in PITFALL_IDS:
            fail(f"unknown pitfall '{pid}' (known: {', '.join(PITFALL_IDS)})")
        spec = spec or {}
        pitfalls.append(PitfallSpec(pid, spec.get("title", pid), _build(spec, f"pitfall '{pid}'", fail),
                                    str(spec.get("coaching", ""))))
    thresholds = data.get("thresholds") or {}
    scoring = data.get("scoring") or {}
    facts = data.get("facts") or {}
    path = _params(PathParams, facts.get("path"), "facts.path", fail)
    ask = _params(AskParams, dict(facts.get("ask") or {},
                                  **({"near_term_days": thresholds["near_term_days"]}
                                     if "near_term_days" in thresholds else {})), "facts.ask", fail)
    try:
        meaning = MeaningParams.from_rubric(facts.get("meaning"))
    except (KeyError, ValueError, TypeError) as exc:
        fail(f"facts.meaning: {exc}")
    points = {"pass": 1.0, "partial": 0.5, "fail": 0.0, **(scoring.get("status_points") or {})}
    try:
        pause = float(thresholds.get("pause_seconds", 2.0))
        talk_on = int(thresholds.get("talk_on_words", 3))
        penalty = float(scoring.get("pitfall_penalty", 5))
    except (TypeError, ValueError) as exc:
        fail(f"thresholds/scoring: {exc}")
    return Rubric(str(data["id"]), str(data["version"]), str(data.get("name", data["id"])),
                  tuple(items), tuple(pitfalls), path, ask, meaning, pause, talk_on, points, penalty, source)


def _build(spec: dict, where: str, fail) -> Detector:
    name = spec.get("detector")
    if not name:
        fail(f"{where}: no 'detector' named")
    cls = REGISTRY.get(name)
    if cls is None:
        fail(f"{where}: unknown detector '{name}' (known: {', '.join(sorted(REGISTRY))})")
    try:
        return cls.build(spec.get("params"))
    except KeyError as exc:
        fail(f"{where}: detector '{name}' has no parameter {exc} "
             f"(parameters: {', '.join(cls.parameters()) or 'none'})")
    except TypeError as exc:
        fail(f"{where}: bad parameters for '{name}': {exc}")


def _params(cls, overrides: dict | None, where: str, fail):
    overrides = dict(overrides or {})
    known = {f.name for f in dataclasses.fields(cls)}
    for key, value in list(overrides.items()):
        if key not in known:
            fail(f"{where}: unknown parameter '{key}' (parameters: {', '.join(sorted(known))})")
        if isinstance(value, list):
            overrides[key] = tuple(value)
        if isinstance(value, dict):
            overrides[key] = {k: tuple(v) for k, v in value.items()}
    return cls(**overrides)
