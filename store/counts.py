"""The counts behind every metric, aggregated in DuckDB at the grain a page asks for.

One row per group with the count columns that `metrics` turns into rates. A unit in scope is
one that exists at 31 December of the year; a unit that has not reported is counted in
`units_in_scope` but not in `units_reporting`, so it is never taken for a zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.columns import COUNT_COLUMNS, COUNT_FIGURES

__all__ = ["BREAK", "CHECKABLE", "COUNT_COLUMNS", "GAP", "GRAINS", "counts_sql", "rounds_sql"]

GRAINS = ("year", "unit_type", "admin_level", "unit_code", "inspection_round")

# The continuity rule in SQL, written once, over a unit-year row with `prev_total` (last year's process
# total) beside its figures: checkable when all four are known, broken when last year − removed + new
# is not this year's total; the gap is by how much. The Arrow form (ingest.checking.rules.continuity) is
# held equal by a test; there is no third form.
CHECKABLE = ("prev_total IS NOT NULL AND processes_total IS NOT NULL AND processes_removed IS NOT NULL "
             "AND processes_new IS NOT NULL")
GAP = "processes_total - (prev_total - processes_removed + processes_new)"
BREAK = f"{GAP} <> 0"


# Each unit maps to itself, or (rolled up) to the unit that finally succeeds it by merge or rename
# (by the events up to the end of year $through, when it is given: a year's own units, not later ones).
_IDENT = """
ident AS (
    WITH RECURSIVE chain(unit_code, ident, depth) AS (
        SELECT unit_code, unit_code, 0 FROM units
        UNION ALL
        SELECT c.unit_code, l.successor_code, c.depth + 1
        FROM chain c JOIN unit_lineage l
          ON l.predecessor_code = c.ident AND l.kind IN ('merge', 'rename') AND l.successor_code <> ''
         AND ($through IS NULL OR year(l.event_date) <= $through)
        WHERE c.depth < 20 AND $rollup
    )
    SELECT c.unit_code, arg_max(c.ident, c.depth) AS ident FROM chain c GROUP BY c.unit_code
)"""


def _filters(code: str) -> str:
    """Of some unit types, levels and units (all when a list is NULL); `code` is the unit a row counts for."""
    return """($types IS NULL OR list_contains($types, su.unit_type))
      AND ($levels IS NULL OR list_contains($levels, su.admin_level))
      AND ($codes IS NULL OR list_contains($codes, """ + code + "))"


_STAGES = """,
uy AS (
    SELECT f.*, p.processes_total AS prev_total, p.year AS prev_year
    FROM unit_years f LEFT JOIN unit_years p ON p.unit_code = f.unit_code AND p.year = f.year - 1
    WHERE f.year BETWEEN $y0 AND $y1
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
    FROM scope s FULL JOIN uy f
      ON s.unit_code = f.unit_code AND s.year = f.year
),
"""

# With roll-up a row counts for the unit that finally succeeds its own (`ident`); without, for its own.
_ROLLUP_JOIN = """    JOIN ident i ON i.unit_code = r.code
    JOIN units su ON su.unit_code = i.ident
"""
_PLAIN_JOIN = """    JOIN units su ON su.unit_code = r.code
"""


def _base(rollup: bool) -> str:
    """The rows to count; without roll-up each unit is its own ident, so the lineage join is left out."""
    ident, join = ("i.ident", _ROLLUP_JOIN) if rollup else ("r.code", _PLAIN_JOIN)
    named = ident if rollup else f"{ident} AS ident"
    return ("WITH" + _IDENT + _STAGES + """base AS (
    SELECT r.*, """ + named + """, su.unit_type, su.admin_level,
           n.unit_code IS NOT NULL AS inspected, coalesce(n.improved, false) AS improved,
           r.prev_year = r.year - 1 AND """ + CHECKABLE + """ AS checkable
    FROM rows r
""" + join + """    LEFT JOIN insp n ON n.unit_code = r.code AND n.year = r.year
    WHERE """ + _filters(ident) + """
)
""")


# The yearly figures add up the same way at every stage.
_SUMS = "".join(f"    sum({c}) AS {c},\n" for c in COUNT_FIGURES).rstrip("\n")

# Two stages instead of count(DISTINCT ident): first one row per group and unit (a unit counts
# in a group when any of its rows does, which matters when merged units roll up into one or a
# group spans years), then the group totals. Several distinct counts over a million rows cost
# seconds; two hash aggregations cost a fraction of that.
_PER_UNIT = f"""
    bool_or(in_scope) AS in_scope, bool_or(reporting) AS reporting,
    bool_or(iso_version IS NOT NULL) AS applying, bool_or(iso_version = 2015) AS iso2015,
    count(*) FILTER (processes_removed IS NOT NULL) AS with_figures,
{_SUMS}
    bool_or(inspected) AS inspected, bool_or(improved) AS improved,
    count(*) FILTER (checkable) AS checked,
    count(*) FILTER (checkable AND {BREAK}) AS breaks
"""

# The same values from a single row.
_ROW_VALUES = """
    in_scope, reporting, iso_version IS NOT NULL AS applying, coalesce(iso_version = 2015, false) AS iso2015,
    (processes_removed IS NOT NULL)::INTEGER AS with_figures,
    """ + ", ".join(COUNT_FIGURES) + """,
    inspected, improved, checkable::INTEGER AS checked,
    (checkable AND """ + BREAK + """)::INTEGER AS breaks
"""

# How each count column (common.columns.COUNT_COLUMNS) is totalled from the per-unit values; the query's
# columns follow the declared list, so none is missed, added or reordered by hand.
_TOTALS = {
    "units_in_scope": "count(*) FILTER (in_scope)",
    "units_reporting": "count(*) FILTER (reporting)",
    "units_applying": "count(*) FILTER (applying)",
    "units_iso2015": "count(*) FILTER (iso2015)",
    "units_with_figures": "sum(with_figures)",
    "units_inspected": "count(*) FILTER (inspected)",
    "units_improved": "count(*) FILTER (improved)",
    "continuity_checked": "sum(checked)",
    "continuity_breaks": "sum(breaks)",
} | {c: f"sum({c})" for c in COUNT_FIGURES}
_AGGREGATES = "\n" + ",\n".join(f"    {_TOTALS[c]} AS {c}" for c in COUNT_COLUMNS) + "\n"

_ROUNDS = """
WITH""" + _IDENT + """,
base AS (
    SELECT n.*, i.ident, su.unit_type, su.admin_level
    FROM inspections n
    JOIN ident i ON i.unit_code = n.unit_code
    JOIN units su ON su.unit_code = i.ident
    WHERE n.year BETWEEN $y0 AND $y1
      AND """ + _filters("i.ident") + """
)
"""


def _grain_sql(by: Sequence[str], allowed: Sequence[str]) -> tuple[str, str]:
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise ValueError(f"unknown grain {unknown}; choose from {list(allowed)}")
    cols = ["ident AS unit_code" if b == "unit_code" else b for b in by]
    return ", ".join(cols), ", ".join(str(i + 1) for i in range(len(by)))


def counts_sql(by: Sequence[str], one_row_per_unit: bool = False, rollup: bool = True) -> str:
    """The counts query grouped by `by` (a subset of year, unit_type, admin_level, unit_code).

    `rollup=False`: the caller passes rollup false, so units are not followed through the lineage.
    `one_row_per_unit`: the caller knows each group holds at most one row per unit (no roll-up,
    and the grain has the year or the span is one year), so the per-unit stage is skipped."""
    _grain_sql(by, GRAINS[:4])
    keys = [b for b in by if b != "unit_code"]
    if one_row_per_unit:
        inner = "SELECT " + "".join(f"{k}, " for k in keys) + "ident, " + _ROW_VALUES + " FROM base"
    else:
        inner = "SELECT " + "".join(f"{k}, " for k in keys) + "ident, " + _PER_UNIT
        inner += " FROM base GROUP BY " + ", ".join([*keys, "ident"])
    select = ", ".join("ident AS unit_code" if b == "unit_code" else b for b in by)
    group = ", ".join(str(i + 1) for i in range(len(by)))
    head = f"SELECT {select}, " if by else "SELECT "
    tail = f" GROUP BY {group} ORDER BY {group}" if by else ""
    per_unit = ", per_unit AS (" + inner + ")\n"
    return _base(rollup and not one_row_per_unit) + per_unit + head + _AGGREGATES + " FROM per_unit" + tail


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
