"""The schema as a list of versioned migrations, applied in order when a database is opened."""

from __future__ import annotations

from dataclasses import dataclass

from common.columns import FIGURE_COLUMNS
from store.mappings import SCHEMA as MAPPINGS_SCHEMA
from store.rollups import REBUILD as ROLLUPS_REBUILD

__all__ = ["FIGURE_COLUMNS"]


@dataclass(frozen=True)
class TableSpec:
    """A table that imports write: its key and value columns. Every change keeps the prior row."""

    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Key columns then value columns."""
        return self.keys + self.values


UNITS = TableSpec(
    "units",
    ("unit_code",),
    ("unit_name", "short_name", "unit_type", "admin_level", "parent_code", "valid_from", "valid_to"),
)
LINEAGE = TableSpec(
    "unit_lineage", ("predecessor_code", "successor_code", "event_date"), ("kind", "legal_basis")
)
UNIT_YEARS = TableSpec("unit_years", ("unit_code", "year"), FIGURE_COLUMNS)
INSPECTIONS = TableSpec(
    "inspections", ("unit_code", "year", "inspection_round"), ("inspected_on", "improved", "note")
)
WRITTEN_TABLES: tuple[TableSpec, ...] = (UNITS, LINEAGE, UNIT_YEARS, INSPECTIONS)

# The two big tables, declared once: v1 created them with a primary key, v2 rebuilds them without.
_UNIT_YEARS_COLUMNS = """
        unit_code VARCHAR NOT NULL,
        year INTEGER NOT NULL,
        iso_version SMALLINT CHECK (iso_version IN (2000, 2008, 2015)),
        processes_total INTEGER CHECK (processes_total >= 0),
        processes_removed INTEGER CHECK (processes_removed >= 0),
        processes_new INTEGER CHECK (processes_new >= 0),
        processes_amended INTEGER CHECK (processes_amended >= 0),
        steps_before INTEGER CHECK (steps_before >= 0),
        steps_after INTEGER CHECK (steps_after >= 0),
        procedures_total INTEGER CHECK (procedures_total >= 0),
        procedures_under_iso INTEGER CHECK (procedures_under_iso >= 0),
        batch_id INTEGER NOT NULL"""
_UNIT_YEARS_CHECK = "CHECK (procedures_under_iso <= procedures_total)"
_INSPECTIONS_COLUMNS = """
        unit_code VARCHAR NOT NULL,
        year INTEGER NOT NULL,
        inspection_round SMALLINT NOT NULL CHECK (inspection_round >= 1),
        inspected_on DATE,
        improved BOOLEAN,
        note VARCHAR,
        batch_id INTEGER NOT NULL"""

_V1 = [
    """CREATE TABLE import_batches (
        batch_id INTEGER PRIMARY KEY,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        imported_by VARCHAR NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_new INTEGER NOT NULL,
        rows_changed INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL,
        units_created INTEGER NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false,
        undone_at TIMESTAMP,
        undone_by VARCHAR)""",
    """CREATE TABLE units (
        unit_code VARCHAR PRIMARY KEY,
        unit_name VARCHAR NOT NULL,
        short_name VARCHAR,
        unit_type VARCHAR NOT NULL,
        admin_level VARCHAR,
        parent_code VARCHAR,
        valid_from DATE,
        valid_to DATE,
        batch_id INTEGER NOT NULL)""",
    # successor_code is '' for an abolished unit: key columns cannot be NULL.
    """CREATE TABLE unit_lineage (
        predecessor_code VARCHAR NOT NULL,
        successor_code VARCHAR NOT NULL,
        event_date DATE NOT NULL,
        kind VARCHAR NOT NULL CHECK (kind IN ('merge', 'split', 'rename', 'abolish')),
        legal_basis VARCHAR,
        batch_id INTEGER NOT NULL,
        PRIMARY KEY (predecessor_code, successor_code, event_date))""",
    f"CREATE TABLE unit_years ({_UNIT_YEARS_COLUMNS}, PRIMARY KEY (unit_code, year), {_UNIT_YEARS_CHECK})",
    f"CREATE TABLE inspections ({_INSPECTIONS_COLUMNS}, PRIMARY KEY (unit_code, year, inspection_round))",
]


def _prior_table(spec: TableSpec, types: str) -> str:
    return f"CREATE TABLE {spec.name}_prior (batch_id INTEGER NOT NULL, existed BOOLEAN NOT NULL, {types})"


# The rows as they were before each batch changed them: what undo restores. A key a batch created has
# none (undo finds it by batch_id); databases written before 2026-11-28 also hold `existed = false` rows.
_V1 += [
    _prior_table(
        UNITS,
        "unit_code VARCHAR, unit_name VARCHAR, short_name VARCHAR, unit_type VARCHAR, "
        "admin_level VARCHAR, parent_code VARCHAR, valid_from DATE, valid_to DATE, prior_batch INTEGER",
    ),
    _prior_table(
        LINEAGE,
        "predecessor_code VARCHAR, successor_code VARCHAR, event_date DATE, kind VARCHAR, "
        "legal_basis VARCHAR, prior_batch INTEGER",
    ),
    _prior_table(
        UNIT_YEARS,
        "unit_code VARCHAR, year INTEGER, iso_version SMALLINT, processes_total INTEGER, "
        "processes_removed INTEGER, processes_new INTEGER, processes_amended INTEGER, "
        "steps_before INTEGER, steps_after INTEGER, procedures_total INTEGER, "
        "procedures_under_iso INTEGER, prior_batch INTEGER",
    ),
    _prior_table(
        INSPECTIONS,
        "unit_code VARCHAR, year INTEGER, inspection_round SMALLINT, inspected_on DATE, "
        "improved BOOLEAN, note VARCHAR, prior_batch INTEGER",
    ),
    "CREATE INDEX unit_years_year ON unit_years (year)",
    "CREATE INDEX inspections_year ON inspections (year)",
]



def _rebuilt(spec: TableSpec, body: str) -> list[str]:
    """The statements that give a table a new definition, rows kept: DuckDB cannot drop a primary key.

    Dropping the table drops its indexes with it."""
    cols = ", ".join((*spec.columns, "batch_id"))
    return [
        f"CREATE TABLE {spec.name}_v2 ({body})",
        f"INSERT INTO {spec.name}_v2 ({cols}) SELECT {cols} FROM {spec.name}",
        f"DROP TABLE {spec.name}",
        f"ALTER TABLE {spec.name}_v2 RENAME TO {spec.name}",
    ]


# v2: the two big tables without their primary key and without the index on year. The key's index
# cost more than half of writing a million new rows (insert and checkpoint); the store keeps the keys
# unique itself (store.unique). DuckDB never read the year index (EXPLAIN: a sequential scan, pruned by the
# zone maps, both for the province's 2,262 unit-years and for a national million, where a year's tens of
# thousands of rows are past index_scan_max_count), while it cost 0.17 s of every million-row commit.
_V2 = [
    *_rebuilt(UNIT_YEARS, f"{_UNIT_YEARS_COLUMNS}, {_UNIT_YEARS_CHECK}"),
    *_rebuilt(INSPECTIONS, _INSPECTIONS_COLUMNS),
]

# v3: column mappings people chose for files whose headings the import did not know (store.mappings).
_V3 = list(MAPPINGS_SCHEMA)

# v4: the inspection plans the committee saves (issue 16). A plan is never changed: saving again adds one.
_V4 = [
    """CREATE TABLE inspection_plans (
        plan_id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        saved_by VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL)""",
    # reasons: a JSON list of {"code", "params"}, put into words in the reader's language when shown.
    """CREATE TABLE inspection_plan_units (
        plan_id INTEGER NOT NULL,
        unit_code VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        included BOOLEAN NOT NULL,
        reasons VARCHAR NOT NULL,
        note VARCHAR,
        PRIMARY KEY (plan_id, unit_code))""",
]

# v5: a batch records what it wrote in the preview's words, unit-year figures and inspection rounds apart (a
# file row that overwrote a unit-year's figures and added a round counted only as "new"), and the year and
# round given for a file that has no column for them (its title's, or the person's). Older batches: NULL.
_V5 = [f"ALTER TABLE import_batches ADD COLUMN {name} {kind}" for name, kind in (
    ("figures_new", "INTEGER"), ("figures_changed", "INTEGER"), ("figures_unchanged", "INTEGER"),
    ("rounds_new", "INTEGER"), ("rounds_changed", "INTEGER"), ("rounds_unchanged", "INTEGER"),
    ("year", "INTEGER"), ("inspection_round", "SMALLINT"))]

# v6: the counts per year × unit type × level that the pages read on every visit, pre-aggregated and rebuilt
# by every write in its transaction (store.rollups).
_V6 = list(ROLLUPS_REBUILD)

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, tuple(_V1)), (2, tuple(_V2)), (3, tuple(_V3)), (4, tuple(_V4)), (5, tuple(_V5)),
    (6, tuple(_V6)))
LATEST = MIGRATIONS[-1][0]
