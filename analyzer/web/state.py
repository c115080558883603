"""What every request needs: the store, the settings, sessions, CSRF, sign-in throttling,
the rubric."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from fastapi import Request

from ..rubric import Rubric, builtin_rubric_paths, load_rubric
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

    @cached_property
    def rubrics(self) -> dict[str, Rubric]:
        """Every rubric the store's cards may come from, by id: the served one, then the
        built-in ones (a store may hold several rubrics' cards)."""
        found = {self.rubric.id: self.rubric}
        for path in builtin_rubric_paths():
            found.setdefault(load_rubric(path).id, load_rubric(path))
        return found

    def rubric_for(self, rubric_id: str | None) -> Rubric:
        return self.rubrics.get(rubric_id or "", self.rubric)

    @cached_property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for r in self.rubrics.values() for i in r.item_ids))

    @cached_property
    def close_types(self) -> dict[str, str]:
        return {c.id: c.label for r in self.rubrics.values() for c in r.close_types}


def get_state(request: Request) -> WebState:
    return request.app.state.web
