"""The SQL of the queries that answer one view's question whole in DuckDB, so that the page gets a few
rows instead of every unit-year: the ISO version mix, the continuity breaks, the median of a metric
over the units of a type, and finding units by code or name. Run by the Store's methods of those names."""

from __future__ import annotations

from common.columns import COUNT_COLUMNS, DERIVED_DIFFERENCES
from store.counts import BREAK, CHECKABLE, GAP, counts_sql

VERSION_COUNTS_SQL = """
SELECT y.year, CAST(y.iso_version AS BIGINT) AS iso_version, count(*) AS units
FROM unit_years y JOIN units u USING (unit_code)
WHERE y.year BETWEEN $y0 AND $y1 AND y.iso_version IS NOT NULL
  AND ($types IS NULL OR list_contains($types, u.unit_type))
  AND ($levels IS NULL OR list_contains($levels, u.admin_level))
GROUP BY 1, 2 ORDER BY 1, 2"""

# The same rule as the counts query's continuity_breaks (store.counts.CHECKABLE, BREAK and GAP), one row
# per unit-year that breaks it, with by how much (gap).
BREAKS_SQL = """
SELECT year, unit_code, processes_total, processes_removed, processes_new, prev_total,
       """ + GAP + """ AS gap, unit_name FROM (
    SELECT f.year, f.unit_code, f.processes_total, f.processes_removed, f.processes_new,
           p.processes_total AS prev_total, u.unit_name
    FROM unit_years f
    JOIN unit_years p ON p.unit_code = f.unit_code AND p.year = f.year - 1
    JOIN units u ON u.unit_code = f.unit_code
    WHERE f.year BETWEEN $y0 AND $y1
)
WHERE """ + CHECKABLE + " AND " + BREAK + """
ORDER BY year, unit_code"""

# The first $first of those, with how many there are in all (on every row): a page lists the first
# ones whatever the number of breaks (on careless national data, most of a million unit-years).
FIRST_BREAKS_SQL = ("SELECT *, count(*) OVER () AS breaks_in_all FROM (" + BREAKS_SQL
                    + ") ORDER BY year, unit_code LIMIT $first")

FIND_UNITS_SQL = """
SELECT unit_code, unit_name FROM units
WHERE $text = '' OR strip_accents(lower(unit_code || ' ' || unit_name)) LIKE '%' || strip_accents(lower($text)) || '%'
ORDER BY unit_code LIMIT $limit"""

UNITS_BY_CODE_SQL = """
SELECT unit_code, unit_name, short_name, unit_type, admin_level, parent_code, valid_from, valid_to, batch_id
FROM units WHERE list_contains($codes, unit_code) ORDER BY unit_code"""

UNIT_COUNT_SQL = "SELECT count(*) FROM units"


def _term(column: str) -> str:
    """A count column, or a derived one, as SQL over the counts frame (missing counts as 0, as there)."""
    if column in COUNT_COLUMNS:
        return f"coalesce({column}, 0)"
    a, b = DERIVED_DIFFERENCES[column]
    return f"({_term(a)} - {_term(b)})"


def median_sql(numerator: str, denominator: str) -> str:
    """Per year, the median over units of numerator ÷ denominator (units with a zero denominator left out)."""
    per_unit = counts_sql(["year", "unit_code"], one_row_per_unit=True)
    ratio = f"CAST({_term(numerator)} AS DOUBLE) / nullif({_term(denominator)}, 0)"
    return f"SELECT year, median({ratio}) AS value FROM ({per_unit}) GROUP BY year ORDER BY year"
