"""A plan composed from its facts (plan.gather): the rules' proposal, the plan the committee saved, edits,
and plan vs done. Pure functions of a `PlanFacts` value; only `save` writes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from common.errors import InputError
from plan.facts import PlanFacts, SavedHead
from plan.gather import check_year, next_year, plan_years
from plan.model import COMMITTEE_ADDED, NOTE_MAX, Plan, PlanUnit, Reason
from plan.rules import propose
from store import SavedRow, Store

__all__ = ["VsDone", "add", "check_year", "committee_note", "current", "next_year", "plan_years", "proposal",
           "remove", "save", "saved", "vs_done"]


def proposal(facts: PlanFacts) -> Plan:
    """The plan the rules propose for the facts' year."""
    return propose(facts.units, facts.figures, facts.year)


def _saved_plan(year: int, in_scope: int, head: SavedHead, rows: pd.DataFrame) -> Plan:
    units = tuple(
        PlanUnit(str(code), str(name), "" if pd.isna(kind) else str(kind),
                 tuple(Reason.from_json(x) for x in reasons), bool(included), None if pd.isna(note) else str(note))
        for code, name, kind, reasons, included, note in zip(
            rows["unit_code"], rows["unit_name"], rows["unit_type"], rows["reasons"], rows["included"], rows["note"],
            strict=True))
    return Plan(year, in_scope, units, head.saved_by, head.saved_at, head.plan_id)


def saved(facts: PlanFacts) -> Plan | None:
    """The last plan saved for the facts' year, or None."""
    if facts.saved_head is None or facts.saved_rows is None:
        return None
    return _saved_plan(facts.year, facts.in_scope, facts.saved_head, facts.saved_rows)


def current(facts: PlanFacts) -> Plan:
    """The plan of the year: the one saved last, else the rules' proposal."""
    return saved(facts) or proposal(facts)


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
    found = store.saved_plan(plan.year)
    assert found is not None
    return _saved_plan(plan.year, plan.in_scope, SavedHead.of(found[0]), found[1])


@dataclass(frozen=True)
class VsDone:
    """For a year with inspections: planned units not inspected, inspected units not planned."""

    planned_not_inspected: tuple[str, ...]
    inspected_not_planned: tuple[str, ...]


def vs_done(facts: PlanFacts, plan: Plan) -> VsDone | None:
    """Plan against the inspections of its year; None when that year has no inspection yet."""
    done = facts.inspected
    if not done:
        return None
    planned, inspected = plan.codes(), set(done)
    chosen = set(planned)
    return VsDone(tuple(c for c in planned if c not in inspected), tuple(c for c in done if c not in chosen))
