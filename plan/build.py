"""A plan from the store: the rules' proposal, the plan the committee saved, edits, and plan vs done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from common.errors import InputError
from metrics import evaluate
from plan.model import COMMITTEE_ADDED, NOTE_MAX, Plan, PlanUnit, Reason
from plan.rules import TIE_METRICS, propose
from store import SavedRow, Store


def recent_figures(store: Store, year: int) -> pd.DataFrame:
    """Per unit, the tie-breaking metrics of the year before `year`, from the metric registry."""
    counts = store.counts(["unit_code"], (year - 1, year - 1))
    out = counts[["unit_code"]].copy()
    for key in TIE_METRICS:
        out[key] = evaluate(counts, key)["value"].to_numpy()
    return out


def next_year(span: tuple[int, int], today: dt.date | None = None) -> int:
    """The year being planned: the year after the latest with reports, and never a year already begun, so
    at least next calendar year (in December 2026 with reports up to 2025: 2027, resting on 2025 and before)."""
    return max(span[1] + 1, (today or dt.date.today()).year + 1)


def plan_years(span: tuple[int, int], today: dt.date | None = None) -> tuple[int, int]:
    """The first and last year a plan can be made for: from the year after the first with data (a plan rests
    on the years before it) to the next year to plan."""
    return span[0] + 1, next_year(span, today)


def check_year(store: Store, year: int, today: dt.date | None = None) -> None:
    """InputError unless the database has data and `year` is one a plan can be made for (plan_years)."""
    span = store.year_range() if store.exists() else None
    if span is None:
        raise InputError("plan.no_data")
    first, last = plan_years(span, today)
    if not first <= year <= last:
        raise InputError("plan.bad_year", value=year, first=first, last=last)


def proposal(store: Store, year: int) -> Plan:
    """The plan the rules propose for `year`."""
    return propose(store.plan_facts(year), recent_figures(store, year), year)


def saved(store: Store, year: int) -> Plan | None:
    """The last plan saved for `year`, or None."""
    found = store.saved_plan(year)
    if found is None:
        return None
    head, rows = found
    units = tuple(
        PlanUnit(str(r.unit_code), str(r.unit_name), "" if pd.isna(r.unit_type) else str(r.unit_type),
                 tuple(Reason.from_json(x) for x in r.reasons), bool(r.included),
                 None if pd.isna(r.note) else str(r.note))
        for r in rows.itertuples()
    )
    in_scope = len(store.plan_facts(year))
    return Plan(year, in_scope, units, str(head["saved_by"]), head["saved_at"],  # type: ignore[arg-type]
                int(head["plan_id"]))  # type: ignore[call-overload]


def current(store: Store, year: int) -> Plan:
    """The plan of `year`: the one saved last, else the rules' proposal."""
    return saved(store, year) or proposal(store, year)


def committee_note(note: str) -> str:
    """The committee's reason as it will be kept; InputError when empty or longer than NOTE_MAX."""
    note = note.strip()
    if not note:
        raise InputError("plan.note_needed")
    if len(note) > NOTE_MAX:
        raise InputError("plan.note_too_long", count=len(note), limit=NOTE_MAX)
    return note


def add(plan: Plan, code: str, name: str, unit_type: str, note: str) -> Plan:
    """The plan with a unit added by the committee (or put back), with its reason."""
    note = committee_note(note)
    others = tuple(u for u in plan.units if u.unit_code != code)
    return plan.edited((*others, PlanUnit(code, name, unit_type, (Reason(COMMITTEE_ADDED, {"note": note}),),
                                          True, note)))


def remove(plan: Plan, code: str, note: str) -> Plan:
    """The plan with a unit taken off by the committee, with its reason (kept, so the annex says why)."""
    note = committee_note(note)
    units = tuple(PlanUnit(u.unit_code, u.unit_name, u.unit_type, u.reasons, False, note)
                  if u.unit_code == code else u for u in plan.units)
    return plan.edited(units)


def save(store: Store, plan: Plan, who: str) -> Plan:
    """Save the plan (who, when) and return it as saved; InputError ("plan.saved_meanwhile"), saving nothing,
    when someone saved another plan for the year since this one was opened."""
    rows = [SavedRow(u.unit_code, u.included, [r.as_json() for r in u.reasons], u.note) for u in plan.units]
    store.save_plan(plan.year, who, rows, plan.plan_id)
    found = saved(store, plan.year)
    assert found is not None
    return found


@dataclass(frozen=True)
class VsDone:
    """For a year with inspections: planned units not inspected, inspected units not planned."""

    planned_not_inspected: tuple[str, ...]
    inspected_not_planned: tuple[str, ...]


def vs_done(store: Store, plan: Plan) -> VsDone | None:
    """Plan against the inspections of its year; None when that year has no inspection yet."""
    done = store.inspected_units(plan.year)
    if not done:
        return None
    planned = plan.codes()
    return VsDone(tuple(c for c in planned if c not in set(done)), tuple(c for c in done if c not in set(planned)))
