"""The plan as a list a person can page through: every unit in scope with its place on the plan (the annex's
number), its status and its reasons' codes, one row each, filtered by status, type, reason and a search of
name or code, then cut into pages. Columns, not objects: 50,000 units filter in a few milliseconds."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from plan.model import COMMITTEE_ADDED, RULE_REASONS, Plan, PlanUnit

STATUSES = ("planned", "taken_off", "not_planned", "all")  # the list's choices; "planned" first, as the annex
REASONS = (*RULE_REASONS, COMMITTEE_ADDED)
PAGE_SIZE = 50


@dataclass(frozen=True)
class Query:
    """What the person asked the list for: a status, a unit type and a reason ("" for any), text to find."""

    status: str = "planned"
    unit_type: str = ""
    reason: str = ""
    text: str = ""


def folded(text: pd.Series) -> pd.Series:
    """Text for a loose search: lower case, no diacritics (đ → d)."""
    plain = text.astype("str").str.replace("đ", "d").str.replace("Đ", "D").str.normalize("NFD")
    return plain.str.replace(r"[\u0300-\u036f]", "", regex=True).str.casefold()


def rows(plan: Plan, in_scope: pd.DataFrame) -> pd.DataFrame:
    """One row per unit: the plan's units in order (planned numbered 1…n, then those taken off), then the
    units in scope (store.plan_facts) the plan leaves out; columns number, unit_code, status, unit_type,
    unit_name, reasons ("|code|code|") and find (the folded name and code)."""
    def codes(u: PlanUnit) -> str:
        return "|" + "|".join(r.code for r in u.reasons) + "|"
    on: list[tuple[int | None, str, str, str, str, str]]
    on = [(i, u.unit_code, u.unit_name, "planned", u.unit_type, codes(u)) for i, u in enumerate(plan.planned, 1)]
    on += [(None, u.unit_code, u.unit_name, "taken_off", u.unit_type, codes(u)) for u in plan.removed]
    listed = pd.DataFrame(on, columns=["number", "unit_code", "unit_name", "status", "unit_type", "reasons"])
    rest = in_scope.loc[~in_scope["unit_code"].isin(listed["unit_code"]), ["unit_code", "unit_name", "unit_type"]]
    both = pd.concat([listed, rest.assign(number=None, status="not_planned", reasons="||")], ignore_index=True)
    both["number"] = both["number"].astype("Int64")
    both["find"] = folded(both["unit_name"] + " " + both["unit_code"])
    return both


def matching(listed: pd.DataFrame, query: Query) -> pd.DataFrame:
    """The rows the query keeps, in the list's order."""
    keep = pd.Series(True, index=listed.index)
    if query.status != "all":
        keep &= listed["status"] == query.status
    if query.unit_type:
        keep &= listed["unit_type"] == query.unit_type
    if query.reason:
        keep &= listed["reasons"].str.contains(f"|{query.reason}|", regex=False)
    words = folded(pd.Series([query.text])).iloc[0].split()
    for word in words:
        keep &= listed["find"].str.contains(word, regex=False)
    return listed[keep]


def pages(count: int, size: int = PAGE_SIZE) -> int:
    """How many pages `count` rows fill (at least one, so an empty list still has its page 1)."""
    return max(1, math.ceil(count / size))


def page(found: pd.DataFrame, number: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Page `number` (from 1) of the rows."""
    return found.iloc[(number - 1) * size: number * size]


def by_status(listed: pd.DataFrame) -> dict[str, int]:
    """How many units each status choice lists."""
    counts = listed["status"].value_counts()
    return {s: len(listed) if s == "all" else int(counts.get(s, 0)) for s in STATUSES}
