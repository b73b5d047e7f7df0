"""What a plan of one year rests on, read once by `plan.gather` and handed to the pure functions of
`plan.build` (proposal, saved plan, plan vs done), which never query the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SavedHead:
    """Who saved the last plan of the year, when, and its id."""

    plan_id: int
    saved_by: str
    saved_at: dt.datetime

    @classmethod
    def of(cls, raw: dict[str, object]) -> SavedHead:
        """The head as the store gives it (store.saved_plan's first item)."""
        return cls(int(raw["plan_id"]), str(raw["saved_by"]), raw["saved_at"])  # type: ignore[call-overload, arg-type]


@dataclass(frozen=True)
class PlanFacts:
    """Everything the plan of `year` shows, as the store gave it."""

    year: int
    units: pd.DataFrame  # the units in scope with their last inspection and reorganisation (store.plan_facts)
    figures: pd.DataFrame  # last year's tie-breaking figures per unit (unit_code and plan.rules.TIE_METRICS)
    saved_head: SavedHead | None = None  # the last plan saved for the year, if any
    saved_rows: pd.DataFrame | None = None  # its units in order (store.saved_plan)
    inspected: tuple[str, ...] = ()  # the codes of the units inspected in the year

    @property
    def in_scope(self) -> int:
        """How many units the plan of the year covers."""
        return len(self.units)
