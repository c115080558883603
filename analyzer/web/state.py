"""What every request needs: the store, the settings, sessions, CSRF, sign-in throttling,
the rubric."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from fastapi import Request

from ..rubric import Rubric, load_rubric
from ..store import Store
from .config import WebConfig
from .csrf import Csrf
from .sessions import SessionStore
from .throttle import Throttle


@dataclass
class WebState:
    cfg: WebConfig
    store: Store
    sessions: SessionStore
    csrf: Csrf

    @cached_property
    def throttle(self) -> Throttle:
        return Throttle(self.store)

    @cached_property
    def rubric(self) -> Rubric:
        return load_rubric(self.cfg.rubric)


def get_state(request: Request) -> WebState:
    return request.app.state.web
