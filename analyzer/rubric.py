"""Rubric YAML -> a validated Rubric with its detectors built: the one list of items, titles,
weights, status points, tips, checklist ticks and close types every stage reads.

The file's shape is the typed model in rubric_schema.py; every cue pattern is compiled here
(rubric_patterns.py), so a bad file fails at load with one line per problem naming the file."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Mapping

import yaml
from pydantic import ValidationError

from . import example_items  # noqa: F401  (registers the `examples` detector)
from .asks import AskParams
from .detectors import REGISTRY, Detector
from .meaning.example_heads import example_problems
from .meaning.params import MeaningParams
from .path import PathParams
from .rubric_patterns import pattern_problems
from .rubric_rules import condition_problems
from .rubric_schema import Examples, RubricFile

STATUSES = ("pass", "partial", "fail")
DEFAULT_POINTS = {"pass": 1.0, "partial": 0.5, "fail": 0.0}
EXTEND = "extend"  # under params or facts.path/ask: lists added to the defaults, not replacing them


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
    tip: str = ""  # a built-in tip writer (coaching.TIP_WRITERS); "" = the coaching text


@dataclass(frozen=True)
class PitfallSpec:
    id: str
    title: str
    detector: Detector
    coaching: str = ""


@dataclass(frozen=True)
class RuleSpec:
    """A checklist tick or a close type: its id, its label and when it holds."""
    id: str
    label: str
    when: Mapping[str, Any]


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
    report_title: str = ""
    checklist: tuple[RuleSpec, ...] = ()
    close_types: tuple[RuleSpec, ...] = ()
    report_sections: tuple[str, ...] = ("path", "plan", "recap")

    def item(self, item_id: str) -> ItemSpec:
        return next(i for i in self.items if i.id == item_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    @property
    def pitfall_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pitfalls)

    @property
    def weights(self) -> dict[str, float]:
        return {i.id: i.weight for i in self.items}

    @property
    def titles(self) -> dict[str, str]:
        return {i.id: i.title for i in self.items}

    def close_label(self, close_type: str) -> str:
        return next((c.label for c in self.close_types if c.id == close_type),
                    close_type.replace("_", " ").capitalize())


def default_rubric_path() -> Path:
    return builtin_rubric_path("backwards_close")


def builtin_rubric_path(name: str) -> Path:
    return Path(str(files("analyzer.rubrics").joinpath(f"{name}.yaml")))


def builtin_rubric_paths() -> list[Path]:
    """Every rubric that ships with the package (rubrics/*.yaml)."""
    return sorted(Path(str(p)) for p in files("analyzer.rubrics").iterdir()
                  if p.name.endswith(".yaml") and not p.name.endswith(".examples.yaml"))


def read_yaml(path: Path, what: str = "rubric") -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RubricError(f"{path}: {what} file not found") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{path}:{line + 1}" if line is not None else str(path)
        raise RubricError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None


def load_rubric(path: str | Path | None = None) -> Rubric:
    path = Path(path) if path else default_rubric_path()
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric is a mapping with id, version, items and pitfalls")
    return parse_rubric(data, str(path))


@lru_cache(maxsize=8)
def cached_rubric(path: str | None = None) -> Rubric:
    """One load per process (a worker scores many calls with the same file)."""
    return load_rubric(path)


def _schema_problems(exc: ValidationError) -> list[str]:
    out = []
    for e in exc.errors():
        loc = [str(x) for x in e["loc"] if not str(x).startswith(("function-", "union[", "[key]"))]
        if len(loc) >= 2 and loc[0] in ("items", "pitfalls"):
            where = f"{loc[0][:-1]} '{loc[1]}'" + (f": {'.'.join(loc[2:])}" if loc[2:] else "")
        else:
            where = ".".join(loc) or "rubric"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing" and len(loc) == 1:
            msg = f"missing top-level key '{loc[0]}'"
            where = ""
        out.append(f"{where}: {msg}" if where else msg)
    return list(dict.fromkeys(out))


def parse_rubric(data: dict[str, Any], source: str = "<rubric>") -> Rubric:
    def fail(msg: str):
        raise RubricError(f"{source}: {msg}")

    try:
        spec = RubricFile.model_validate(data)
    except ValidationError as exc:
        raise RubricError("\n".join(f"{source}: {p}" for p in _schema_problems(exc))) from None
    problems = pattern_problems(data)
    if problems:
        raise RubricError("\n".join(f"{source}: {p}" for p in problems))
    items = []
    for item_id, item in spec.items.items():
        det = (_example_detector(item.examples, item_id, source, fail) if item.examples is not None
               else _build(item.detector, item.params, f"item '{item_id}'", fail))
        items.append(ItemSpec(item_id, item.title or item_id.replace("_", " ").capitalize(),
                              float(item.weight), det, dict(item.coaching), item.tip or ""))
    pitfalls = tuple(PitfallSpec(pid, p.title or pid, _build(p.detector, p.params, f"pitfall '{pid}'", fail),
                                 p.coaching) for pid, p in spec.pitfalls.items())
    ids = set(spec.items)
    checklist = _rules(spec.checklist, ids, "checklist", fail, no_facts={"choice_ask"})
    close_types = _rules(spec.close_types, ids, "close_types", fail)
    path = _params(PathParams, spec.facts.path, "facts.path", fail)
    ask_params = dict(spec.facts.ask)
    if spec.thresholds.near_term_days is not None:
        ask_params["near_term_days"] = spec.thresholds.near_term_days
    ask = _params(AskParams, ask_params, "facts.ask", fail)
    try:
        meaning = MeaningParams.from_rubric(spec.facts.meaning)
    except (KeyError, ValueError, TypeError) as exc:
        fail(f"facts.meaning: {exc}")
    return Rubric(spec.id, spec.version, spec.name or spec.id, tuple(items), pitfalls, path, ask,
                  meaning, spec.thresholds.pause_seconds, spec.thresholds.talk_on_words,
                  {**DEFAULT_POINTS, **spec.scoring.status_points}, spec.scoring.pitfall_penalty,
                  source, spec.report_title or f"{spec.name or spec.id} call review",
                  checklist, close_types, tuple(spec.report_sections))


def _rules(rules, items: set[str], where: str, fail, no_facts=frozenset()) -> tuple[RuleSpec, ...]:
    out = []
    for rid, rule in rules.items():
        problems = condition_problems(rule.when, items) + \
            [f"'{k}' cannot be used here" for k in rule.when if k in no_facts]
        if problems:
            fail(f"{where} '{rid}': {problems[0]}")
        out.append(RuleSpec(rid, rule.label, dict(rule.when)))
    return tuple(out)


def load_examples(ref: Examples | str, source: str) -> Examples:
    """Inline examples, or a YAML file of them beside the rubric."""
    if isinstance(ref, Examples):
        return ref
    path = Path(source).parent / ref
    data = read_yaml(path, "examples")
    try:
        return Examples.model_validate(data)
    except ValidationError as exc:
        raise RubricError(f"{path}: {_schema_problems(exc)[0]}") from None


def _example_detector(ref, item_id: str, source: str, fail) -> Detector:
    ex = load_examples(ref, source)
    problems = example_problems(ex.does, ex.doesnt)
    if problems:
        fail(f"item '{item_id}': {problems[0]}")
    return REGISTRY["examples"](tuple(ex.does), tuple(ex.doesnt), ex.side, ex.threshold,
                                ex.needs_date, ex.question)


def _extended(defaults: Mapping[str, Any], params: Mapping[str, Any], where: str, fail) -> dict:
    """`params` with its `extend` section added to the defaults (lists, or mappings of lists)."""
    params = dict(params)
    for key, more in (params.pop(EXTEND, None) or {}).items():
        if key not in defaults:
            fail(f"{where}.{EXTEND}: unknown parameter '{key}' (parameters: {', '.join(sorted(defaults))})")
        base = params.get(key, defaults[key])
        if isinstance(base, (list, tuple)) and isinstance(more, list):
            params[key] = [*base, *more]
        elif isinstance(base, Mapping) and isinstance(more, Mapping):
            merged = {k: list(v) for k, v in base.items()}
            for k, v in more.items():
                merged[k] = [*merged.get(k, ()), *v]
            params[key] = merged
        else:
            fail(f"{where}.{EXTEND}.{key}: only a list parameter (or a mapping of lists) can be extended")
    return params


def _build(name: str, params: Mapping[str, Any], where: str, fail) -> Detector:
    cls = REGISTRY.get(name)
    if cls is None:
        fail(f"{where}: unknown detector '{name}' (known: {', '.join(sorted(REGISTRY))})")
    params = _extended(cls.parameters(), params, where, fail)
    try:
        return cls.build(params)
    except KeyError as exc:
        fail(f"{where}: detector '{name}' has no parameter {exc} "
             f"(parameters: {', '.join(cls.parameters()) or 'none'})")
    except TypeError as exc:
        fail(f"{where}: bad parameters for '{name}': {exc}")


def _params(cls, overrides: Mapping[str, Any] | None, where: str, fail):
    defaults = {f.name: getattr(cls(), f.name) for f in dataclasses.fields(cls)}
    overrides = _extended(defaults, overrides or {}, where, fail)
    for key, value in list(overrides.items()):
        if key not in defaults:
            fail(f"{where}: unknown parameter '{key}' (parameters: {', '.join(sorted(defaults))})")
        if isinstance(value, list):
            overrides[key] = tuple(value)
        if isinstance(value, dict):
            overrides[key] = {k: tuple(v) for k, v in value.items()}
    return cls(**overrides)
