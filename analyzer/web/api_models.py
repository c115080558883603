"""Shapes of the JSON API, for the OpenAPI document at /openapi.json."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field


class Me(BaseModel):
    name: str
    role: str = Field(description="manager or rep")
    rep_label: Optional[str] = Field(None, description="a rep sees the calls whose rep is this")


class CallSummary(BaseModel):
    id: int = Field(description="the call's key in this app (URLs use it)")
    call_id: str
    rep: str
    account: Optional[str]
    call_date: str
    week: str
    moment: Optional[str]
    score: int = Field(description="0-100, with the manager's verdicts applied")
    machine_score: int = Field(description="the analyzer's score, before any manager verdict")
    close_type: Optional[str]
    overrides: int = Field(description="how many of its verdicts a manager overrode")
    recorded: bool = Field(False, description="whether its recording can be played")
    url: str


class CallList(BaseModel):
    calls: list[CallSummary] = Field(description="this page of the matching calls")
    total: int = Field(description="how many calls match")
    page: int
    per_page: int
    pages: int


class CallDetail(CallSummary):
    scorecard: dict[str, Any] = Field(description="the scorecard JSON, as `callreview score --format json`")
    manager_overrides: dict[str, dict[str, str]] = Field(
        description="item id -> the manager's {status, note, author}")
    effective_items: dict[str, str] = Field(description="item statuses with manager overrides applied")


class JobOut(BaseModel):
    id: int
    status: str = Field(description="queued, running, done, failed or cancelled")
    filename: str
    kind: str
    size: int
    reason: Optional[str] = Field(None, description="why a failed job failed")
    call: Optional[int] = Field(None, description="the call's id once done")
    created_at: str
    finished_at: Optional[str]
    progress: Optional[float] = Field(None, description="share of the recording transcribed, 0-1")
    eta_s: Optional[float] = Field(None, description="seconds of transcription left, estimated")
    cancel_requested: bool = Field(False, description="cancelled while running: stops soon")


class JobList(BaseModel):
    jobs: list[JobOut]
    counts: dict[str, int] = Field(description="all jobs by status: queued, running, done, failed, cancelled")


class Problem(BaseModel):
    detail: Any
