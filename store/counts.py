"""The counts behind every metric, aggregated in DuckDB at the grain a page asks for.

One row per group with the count columns that `metrics` turns into rates. A unit in scope is
one that exists at 31 December of the year; a unit that has not reported is counted in
`units_in_scope` but not in `units_reporting`, so it is never taken for a zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.columns import COUNT_COLUMNS

__all__ = ["COUNT_COLUMNS", "GRAINS", "counts_sql", "rounds_sql"]

GRAINS = ("year", "unit_type", "admin_level", "unit_code", "inspection_round")


# Each unit maps to itself, or (rolled up) to the unit that finally succeeds it by merge or rename.
_IDENT = """
ident AS (
    WITH RECURSIVE chain(unit_code, ident, depth) AS (
        SELECT unit_code, unit_code, 0 FROM units
        UNION ALL
        SELECT c.unit_code, l.successor_code, c.depth + 1
        FROM chain c JOIN unit_lineage l
          ON l.predecessor_code = c.ident AND l.kind IN ('merge', 'rename') AND l.successor_code <> ''
        WHERE c.depth < 20 AND $rollup
    )
    SELECT c.unit_code, arg_max(c.ident, c.depth) AS ident FROM chain c GROUP BY c.unit_code
)"""

_BASE = (
    "WITH"
    + _IDENT
    + """,
uy AS (
    SELECT *, lag(processes_total) OVER w AS prev_total, lag(year) OVER w AS prev_year
    FROM unit_years WINDOW w AS (PARTITION BY unit_code ORDER BY year)
),
yrs AS (SELECT range::INTEGER AS year FROM range($y0, $y1 + 1)),
scope AS (
    SELECT u.unit_code, y.year FROM units u, yrs y
    WHERE coalesce(u.valid_from, DATE '1900-01-01') <= make_date(y.year, 12, 31)
      AND coalesce(u.valid_to, DATE '9999-12-31') >= make_date(y.year, 12, 31)
),
insp AS (
    SELECT unit_code, year, bool_or(coalesce(improved, false)) AS improved
    FROM inspections WHERE year BETWEEN $y0 AND $y1 GROUP BY unit_code, year
),
rows AS (
    SELECT coalesce(s.unit_code, f.unit_code) AS code, coalesce(s.year, f.year) AS year,
           s.unit_code IS NOT NULL AS in_scope, f.unit_code IS NOT NULL AS reporting,
           f.* EXCLUDE (unit_code, year)
    FROM scope s FULL JOIN (SELECT * FROM uy WHERE year BETWEEN $y0 AND $y1) f
      ON s.unit_code = f.unit_code AND s.year = f.year
),
base AS (
    SELECT r.*, i.ident, su.unit_type, su.admin_level,
           n.unit_code IS NOT NULL AS inspected, coalesce(n.improved, false) AS improved,
           r.prev_year = r.year - 1 AND r.prev_total IS NOT NULL AND r.processes_total IS NOT NULL
             AND r.processes_removed IS NOT NULL AND r.processes_new IS NOT NULL AS checkable
    FROM rows r
    JOIN ident i ON i.unit_code = r.code
    JOIN units su ON su.unit_code = i.ident
    LEFT JOIN insp n ON n.unit_code = r.code AND n.year = r.year
    WHERE ($types IS NULL OR list_contains($types, su.unit_type))
      AND ($levels IS NULL OR list_contains($levels, su.admin_level))
      AND ($codes IS NULL OR list_contains($codes, i.ident))
)
"""
)

_AGGREGATES = """
    count(DISTINCT ident) FILTER (in_scope) AS units_in_scope,
    count(DISTINCT ident) FILTER (reporting) AS units_reporting,
    count(DISTINCT ident) FILTER (iso_version IS NOT NULL) AS units_applying,
    count(DISTINCT ident) FILTER (iso_version = 2015) AS units_iso2015,
    count(*) FILTER (processes_removed IS NOT NULL) AS units_with_figures,
    sum(processes_total) AS processes_total,
    sum(processes_removed) AS processes_removed,
    sum(processes_new) AS processes_new,
    sum(processes_amended) AS processes_amended,
    sum(steps_before) AS steps_before,
    sum(steps_after) AS steps_after,
    sum(procedures_total) AS procedures_total,
    sum(procedures_under_iso) AS procedures_under_iso,
    count(DISTINCT ident) FILTER (inspected) AS units_inspected,
    count(DISTINCT ident) FILTER (improved) AS units_improved,
    count(*) FILTER (checkable) AS continuity_checked,
    count(*) FILTER (checkable AND prev_total - processes_removed + processes_new <> processes_total)
        AS continuity_breaks
"""

_ROUNDS = """
WITH""" + _IDENT + """,
base AS (
    SELECT n.*, i.ident, su.unit_type, su.admin_level
    FROM inspections n
    JOIN ident i ON i.unit_code = n.unit_code
    JOIN units su ON su.unit_code = i.ident
    WHERE n.year BETWEEN $y0 AND $y1
      AND ($types IS NULL OR list_contains($types, su.unit_type))
      AND ($levels IS NULL OR list_contains($levels, su.admin_level))
      AND ($codes IS NULL OR list_contains($codes, i.ident))
)
"""


def _grain_sql(by: Sequence[str], allowed: Sequence[str]) -> tuple[str, str]:
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise ValueError(f"unknown grain {unknown}; choose from {list(allowed)}")
    cols = ["ident AS unit_code" if b == "unit_code" else b for b in by]
    return ", ".join(cols), ", ".join(str(i + 1) for i in range(len(by)))


def counts_sql(by: Sequence[str]) -> str:
    """The counts query grouped by `by` (a subset of year, unit_type, admin_level, unit_code)."""
    select, group = _grain_sql(by, GRAINS[:4])
    head = f"SELECT {select}, " if by else "SELECT "
    tail = f" GROUP BY {group} ORDER BY {group}" if by else ""
    return _BASE + head + _AGGREGATES + " FROM base" + tail


def rounds_sql(by: Sequence[str]) -> str:
    """Inspected and improved units per inspection round, grouped by `by`."""
    select, group = _grain_sql(by, GRAINS)
    head = f"SELECT {select}, " if by else "SELECT "
    tail = f" GROUP BY {group} ORDER BY {group}" if by else ""
    agg = (
        "count(DISTINCT ident) AS units_inspected, "
        "count(DISTINCT ident) FILTER (coalesce(improved, false)) AS units_improved"
    )
    return _ROUNDS + head + agg + " FROM base" + tail
