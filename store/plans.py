"""What an inspection plan reads and writes: the units in scope of a year with their inspection
history and any reorganisation, and the plans the committee saved (who, when, which units, why)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from common.errors import InputError
from store.reads import frame

if TYPE_CHECKING:
    import pandas as pd

# In scope: the units that exist on 31 December of the plan's year (the counts' rule). For each, the
# last year and round it was inspected before that year and whether that inspection found improvement,
# and the reorganisation (merge, split, rename as successor, or creation) it went through the year before.
PLAN_FACTS_SQL = """
WITH scope AS (
    SELECT unit_code, unit_name, unit_type, valid_from FROM units
    WHERE coalesce(valid_from, DATE '1900-01-01') <= make_date($year, 12, 31)
      AND coalesce(valid_to, DATE '9999-12-31') >= make_date($year, 12, 31)
),
last_insp AS (
    SELECT unit_code, arg_max(year, year * 100 + inspection_round) AS last_year,
           arg_max(improved, year * 100 + inspection_round) AS last_improved
    FROM inspections WHERE year < $year GROUP BY unit_code
),
events AS (
    SELECT successor_code AS unit_code, min(kind) AS kind, min(event_date) AS event_date
    FROM unit_lineage
    WHERE successor_code <> '' AND kind IN ('merge', 'split', 'rename') AND year(event_date) = $year - 1
    GROUP BY successor_code
)
SELECT s.unit_code, s.unit_name, s.unit_type, i.last_year, i.last_improved,
       coalesce(e.kind, CASE WHEN year(s.valid_from) = $year - 1 THEN 'created' END) AS event_kind,
       coalesce(e.event_date, CASE WHEN year(s.valid_from) = $year - 1 THEN s.valid_from END) AS event_date
FROM scope s LEFT JOIN last_insp i USING (unit_code) LEFT JOIN events e USING (unit_code)
ORDER BY s.unit_code"""

INSPECTED_SQL = "SELECT DISTINCT unit_code FROM inspections WHERE year = $year ORDER BY unit_code"

LATEST_PLAN_SQL = """
SELECT plan_id, saved_by, saved_at FROM inspection_plans WHERE year = $year
ORDER BY plan_id DESC LIMIT 1"""

PLAN_UNITS_SQL = """
SELECT p.unit_code, coalesce(u.unit_name, p.unit_code) AS unit_name, u.unit_type, p.included, p.reasons, p.note
FROM inspection_plan_units p LEFT JOIN units u USING (unit_code)
WHERE p.plan_id = $plan_id ORDER BY p.position"""


@dataclass(frozen=True)
class SavedRow:
    """One unit of a saved plan: kept or taken out, its reasons (codes and values), the committee's note."""

    unit_code: str
    included: bool
    reasons: list[dict[str, object]]
    note: str | None = None


def save(con: duckdb.DuckDBPyConnection, year: int, who: str, rows: Sequence[SavedRow], based_on: int | None) -> int:
    """Write one plan (inside the caller's transaction) and return its id; InputError, writing nothing, when
    the last plan saved for the year is no longer `based_on`, the one the person started from (None: none)."""
    head = con.execute(LATEST_PLAN_SQL, {"year": year}).fetchall()
    if (int(head[0][0]) if head else None) != based_on:
        _, other, at = head[0]
        raise InputError("plan.saved_meanwhile", year=year, who=str(other), when=at.strftime("%d/%m/%Y %H:%M"))
    found = con.execute("SELECT coalesce(max(plan_id), 0) + 1 FROM inspection_plans").fetchall()
    plan_id = int(found[0][0])
    con.execute("INSERT INTO inspection_plans VALUES ($id, $year, $who, current_timestamp)",
                {"id": plan_id, "year": year, "who": who})
    con.executemany(
        "INSERT INTO inspection_plan_units VALUES (?, ?, ?, ?, ?, ?)",
        [[plan_id, r.unit_code, i, r.included, json.dumps(r.reasons, ensure_ascii=False), r.note]
         for i, r in enumerate(rows)],
    )
    return plan_id


def latest(con: duckdb.DuckDBPyConnection, year: int) -> tuple[dict[str, object], pd.DataFrame] | None:
    """The last plan saved for `year`: (id, who, when) and its rows; None when none was saved."""
    head = con.execute(LATEST_PLAN_SQL, {"year": year}).fetchall()
    if not head:
        return None
    plan_id, who, when = head[0]
    rows = frame(con, PLAN_UNITS_SQL, {"plan_id": plan_id})
    rows["reasons"] = [json.loads(r) for r in rows["reasons"]]
    return {"plan_id": int(plan_id), "saved_by": str(who), "saved_at": when}, rows
