"""A small pre-aggregated table of the counts per year × unit type × level, kept current by every write.

The pages ask on every visit for the counts by year, by type, or by both, of some types and levels, without
roll-up and without picking units (store.counts). Over a million unit-years that query builds every unit's
scope for every year and joins the figures and the inspections: seconds. Its rows per year do not depend on
the span asked for (a unit's scope, figures, last year's total and inspections are all of its own year), and
without roll-up every unit counts once in its own year, so the counts of any such question are the sums of
this table's rows over the years, types and levels asked for: a few hundred rows instead of a million.

The table is rebuilt by the same query (counts_sql at this grain, bound to every year with data) inside the
transaction of every import, undo and bulk load, so it never disagrees with the rows it sums; a test holds
it equal to the raw query after an import and after its undo.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from common.columns import COUNT_COLUMNS
from store.counts import counts_sql

GRAIN = ("year", "unit_type", "admin_level")
TABLE = "counts_by_type"

# The raw query's parameters bound for the whole span: every year with data, every type, level and unit.
_BOUND = {
    "$y0": "getvariable('counts_y0')", "$y1": "getvariable('counts_y1')", "$types": "CAST(NULL AS VARCHAR[])",
    "$levels": "CAST(NULL AS VARCHAR[])", "$codes": "CAST(NULL AS VARCHAR[])", "$rollup": "false",
    "$through": "CAST(NULL AS INTEGER)",
}
_YEARS = "(SELECT year FROM unit_years UNION ALL SELECT year FROM inspections)"


def _fill_sql() -> str:
    sql = counts_sql(list(GRAIN), one_row_per_unit=True, rollup=False)
    for name in sorted(_BOUND, key=len, reverse=True):  # $types before a shorter name it could contain
        sql = sql.replace(name, _BOUND[name])
    return sql


# Run in order inside the writer's transaction (and as the migration that creates the tables).
REBUILD: tuple[str, ...] = (
    f"SET VARIABLE counts_y0 = (SELECT coalesce(min(year), 0) FROM {_YEARS})",
    f"SET VARIABLE counts_y1 = (SELECT coalesce(max(year), -1) FROM {_YEARS})",
    f"CREATE OR REPLACE TABLE {TABLE} AS {_fill_sql()}",
    f"CREATE OR REPLACE TABLE {TABLE}_span AS SELECT getvariable('counts_y0') AS y0, getvariable('counts_y1') AS y1",
)



def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the table from the rows as they are now, inside the caller's transaction."""
    for sql in REBUILD:
        con.execute(sql)


SPAN_SQL = f"SELECT y0, y1 FROM {TABLE}_span"


def answers(by: Sequence[str], years: tuple[int, int], rollup: bool, codes: Sequence[str] | None) -> bool:
    """Whether the table answers this counts question: grouped by some of its grain, the year among them or
    one year asked for, no roll-up, no units picked (the span is checked against the table's own)."""
    return (bool(by) and set(by) <= set(GRAIN) and not rollup and not codes
            and ("year" in by or years[0] == years[1]))


def read_sql(by: Sequence[str]) -> str:
    """The counts grouped by `by` (a subset of GRAIN) as sums of the table's rows (counts_sql's parameters)."""
    keys = ", ".join(by)
    order = ", ".join(str(i + 1) for i in range(len(by)))
    sums = ", ".join(f"sum({c}) AS {c}" for c in COUNT_COLUMNS)
    return f"""SELECT {keys}, {sums} FROM {TABLE}
        WHERE year BETWEEN $y0 AND $y1
          AND ($types IS NULL OR list_contains($types, unit_type))
          AND ($levels IS NULL OR list_contains($levels, admin_level))
        GROUP BY {order} ORDER BY {order}"""
