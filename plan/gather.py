"""The plan's one trip to the store: what the plan of a year needs, read once into a `plan.facts.PlanFacts`
value. The rules, the saved plan, edits and plan vs done (plan.build) are pure functions of it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from common.errors import InputError
from metrics import evaluate
from plan.facts import PlanFacts, SavedHead
from plan.rules import TIE_METRICS
from store import Store


def next_year(span: tuple[int, int], today: dt.date | None = None) -> int:
    """The year being planned: the year after the latest with reports, and never a year already begun, so
    at least next calendar year (in December 2026 with reports up to 2025: 2027, resting on 2025 and before)."""
    return max(span[1] + 1, (today or dt.date.today()).year + 1)


def plan_years(span: tuple[int, int], today: dt.date | None = None) -> tuple[int, int]:
    """The first and last year a plan can be made for: from the year after the first with data (a plan rests
    on the years before it) to the next year to plan."""
    return span[0] + 1, next_year(span, today)


def check_year(span: tuple[int, int] | None, year: int, today: dt.date | None = None) -> None:
    """InputError unless there are data (`span`, the store's year range) and `year` is one a plan can be
    made for (plan_years)."""
    if span is None:
        raise InputError("plan.no_data")
    first, last = plan_years(span, today)
    if not first <= year <= last:
        raise InputError("plan.bad_year", value=year, first=first, last=last)


def recent_figures(store: Store, year: int) -> pd.DataFrame:
    """Per unit, the tie-breaking metrics of the year before `year`, from the metric registry."""
    counts = store.counts(["unit_code"], (year - 1, year - 1))
    out = counts[["unit_code"]].copy()
    for key in TIE_METRICS:
        out[key] = evaluate(counts, key)["value"].to_numpy()
    return out


def gather(store: Store, year: int, span: tuple[int, int] | None = None) -> PlanFacts:
    """Read what the plan of `year` needs; InputError when the database has no data or `year` cannot be
    planned (check_year). `span`: the store's year range, when the caller has already read it."""
    check_year(span or (store.year_range() if store.exists() else None), year)
    found = store.saved_plan(year)
    return PlanFacts(year, store.plan_facts(year), recent_figures(store, year),
                     None if found is None else SavedHead.of(found[0]), None if found is None else found[1],
                     tuple(store.inspected_units(year)))
