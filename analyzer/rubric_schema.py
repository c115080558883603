"""The rubric file's schema as typed models: what `load_rubric` validates and what
`callreview rubric schema` publishes as JSON Schema for editors."""
from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

Status = Literal["pass", "partial", "fail"]
# A condition on one call: an item id -> the status (or statuses) it must have, or a fact of the
# call -> the value it must have (see analyzer.rubric_rules.FACTS).
Condition = Dict[str, Union[Status, List[Status], bool, int]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Examples(_Strict):
    """An item judged from example sentences, by a head trained on the meaning layer's encoder."""
    side: Literal["seller", "buyer", "any"] = Field("seller", description="Who says it.")
    does: List[str] = Field(..., description="10-30 sentences that do what the item asks.")
    doesnt: List[str] = Field(default_factory=list,
                              description="Sentences that come close but do not do it.")
    threshold: float = Field(0.5, gt=0, lt=1, description="Probability a sentence needs to count.")
    needs_date: bool = Field(False, description="The sentence must also name a future date.")
    question: bool = Field(False, description="The sentence must be a question.")


class Item(_Strict):
    title: Optional[str] = None
    weight: float = Field(1.0, ge=0)
    detector: Optional[str] = Field(None, description="A name from `callreview detectors`.")
    params: Dict[str, Any] = Field(default_factory=dict,
                                   description="The detector's parameters; `extend` adds to "
                                               "list defaults instead of replacing them.")
    examples: Union[Examples, str, None] = Field(
        None, description="Example sentences inline, or a YAML file of them beside the rubric.")
    tip: Optional[str] = Field(None, description="A built-in tip writer that quotes the call's own "
                                                 "facts (default: the coaching text).")
    coaching: Dict[Status, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_judge(self) -> "Item":
        if (self.detector is None) == (self.examples is None):
            raise ValueError("name a 'detector' or give 'examples' (one of the two)")
        return self


class Pitfall(_Strict):
    title: Optional[str] = None
    detector: str
    params: Dict[str, Any] = Field(default_factory=dict)
    coaching: str = ""


class Tick(_Strict):
    """A manager checklist tick, seeded from the call."""
    label: str
    when: Condition


class CloseType(_Strict):
    """A close type; the first whose condition holds names the call (no condition: always)."""
    label: str
    when: Condition = Field(default_factory=dict)


class Thresholds(_Strict):
    pause_seconds: float = 2.0
    talk_on_words: int = 3
    near_term_days: Optional[int] = None


class Scoring(_Strict):
    status_points: Dict[Status, float] = Field(default_factory=dict)
    pitfall_penalty: float = 5.0


class FactParams(_Strict):
    path: Dict[str, Any] = Field(default_factory=dict)
    ask: Dict[str, Any] = Field(default_factory=dict)
    meaning: Optional[Dict[str, Any]] = None


class RubricFile(_Strict):
    id: str
    version: str
    name: Optional[str] = None
    report_title: Optional[str] = Field(None, description="The call report's heading.")
    report_sections: List[Literal["path", "plan", "recap"]] = Field(
        ["path", "plan", "recap"], description="The Backwards Close sections the call report shows: "
                                               "the backward path, the drafted plan, the recap e-mail.")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    scoring: Scoring = Field(default_factory=Scoring)
    facts: FactParams = Field(default_factory=FactParams)
    items: Dict[str, Item] = Field(..., min_length=1, description="In report order.")
    pitfalls: Dict[str, Pitfall] = Field(default_factory=dict)
    checklist: Dict[str, Tick] = Field(default_factory=dict)
    close_types: Dict[str, CloseType] = Field(default_factory=dict, description="In precedence order.")


def json_schema() -> dict[str, Any]:
    schema = RubricFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "callreview rubric"
    return schema
