"""Check a read table cell by cell and row by row: what would be stored, and every problem found.

The work is done on Arrow columns and numpy masks (no pandas): a national file of a million rows is
checked in well under a second."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.checking import cells, rules
from ingest.checking.findings import Findings
from ingest.checking.hidden import refuse_hidden
from ingest.checking.jumps import jumps
from ingest.checking.match import UNIT_COLUMNS, match_units, unit_cells
from ingest.checking.near import UnitChoices
from ingest.columns import FIGURE_COLUMNS
from ingest.problems import Problem
from ingest.reading.table import RawTable
from ingest.values import mask

YEAR_COLUMNS = ("unit_code", "year", *FIGURE_COLUMNS)
INSPECTION_VALUES = ("inspected_on", "improved", "note")
INSPECTION_COLUMNS = ("unit_code", "year", "inspection_round", *INSPECTION_VALUES)
_TYPES = {"unit_code": pa.string(), "year": pa.int64(), "inspection_round": pa.int64(),
          "inspected_on": pa.date32(), "improved": pa.bool_(), "note": pa.string(),
          **dict.fromkeys(FIGURE_COLUMNS, pa.int64())}


@dataclass
class Checked:
    """What a file would store (units to create, unit-years, inspections) and its problems; each table
    has `source_row`, the row a person sees in the file, except the units."""

    units_new: pa.Table
    unit_years: pa.Table | None
    inspections: pa.Table
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    absent: frozenset[str] = frozenset()  # stored columns the file has no column for: it says nothing of them

    @property
    def errors(self) -> list[Problem]:
        """The problems that reject the file."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not reject the file."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """Whether the file may be imported (no errors)."""
        return not self.errors


def check(raw: RawTable, units: pa.Table, prior: pa.Table | Future[pa.Table], *,
          today: dt.date | None = None, choices: UnitChoices | None = None) -> Checked:
    """Check a table against the known units (UNIT_COLUMNS) and the figures stored for earlier years
    (unit_code, year, processes_total), which may still be on their way from the store."""
    f = Findings(raw)
    refuse_hidden(raw.frame, f)  # every format's cells, not only a CSV's bytes
    has_figures = any(c in raw.frame.column_names for c in FIGURE_COLUMNS)
    if raw.frame.num_rows == 0:
        f.whole("ingest.no_rows")
        no_units = _empty(UNIT_COLUMNS, dict.fromkeys(UNIT_COLUMNS, pa.string()))
        years = _empty((*YEAR_COLUMNS, "source_row"), _TYPES) if has_figures else None
        return _result(raw, f, _empty((*INSPECTION_COLUMNS, "source_row"), _TYPES), no_units, years)
    with ThreadPoolExecutor(2) as pool:  # Arrow lets go of the GIL: the columns are parsed on both cores
        given = pool.submit(unit_cells, raw.frame)
        t, bad_type = _typed(raw.frame, f, today, pool)
        matched = match_units(given.result(), t.column("unit_type"), bad_type, units, f, choices)
    t = t.append_column("unit_code", matched.codes)
    index = rules.UnitYears(matched.units)
    keys = index.keys(matched.ids, t.column("year"))
    valid = keys >= 0
    rules.within_row(t, f)
    repeated = rules.repeats(t, keys, _round_keys(t), valid, f)
    keep = valid & ~repeated
    where = np.asarray(raw.rows, dtype=np.int64)
    years = None
    if has_figures:
        years = _unit_years(t, keys, keep)
        stored = prior.result() if isinstance(prior, Future) else prior
        last = rules.LastYear(years, keys[years.column("pos").to_numpy()], index, stored)
        rules.continuity(years, last, f)
        jumps(years, last, f)
        years = years.append_column("source_row", pa.array(where[years.column("pos").to_numpy()])).drop(["pos"])
    rules.offices(t, keys, keep, _all_units(units, matched.new), f)
    return _result(raw, f, _inspections(t, keep, where), matched.new, years)


def _typed(frame: pa.Table, f: Findings, today: dt.date | None, pool: Executor) -> tuple[pa.Table, np.ndarray]:
    year = cells.years(frame, f, today)
    columns = {"year": year, **cells.counts(frame, f, pool), "iso_version": cells.iso_versions(frame, f)}
    columns["unit_type"], bad_type = cells.unit_types(frame, f)
    rounds = cells.rounds(frame, f)
    columns["inspected_on"] = cells.dates(frame, f, year)
    improved, x_style = cells.improved(frame, f)
    columns["note"] = frame.column("note") if "note" in frame.column_names else cells.blank(len(year), pa.string())
    inspection = _filled(frame, ("inspected_on", "improved", "inspection_round"))
    if x_style:
        improved = pc.if_else(pa.array(inspection & mask(pc.is_null(improved))), False, improved)
    columns["improved"] = improved
    columns["inspection_round"] = pc.if_else(pa.array(inspection & mask(pc.is_null(rounds))), 1, rounds)
    columns["inspection"] = pa.array(inspection)
    return pa.table(columns), bad_type


def _round_keys(t: pa.Table) -> np.ndarray:
    """The round of an inspection row, 0 for a row without an inspection, −1 for an unreadable round."""
    rounds = pc.fill_null(t.column("inspection_round"), -1).to_numpy()
    out: np.ndarray = np.where(t.column("inspection").to_numpy(), rounds, 0)
    return out


def _filled(frame: pa.Table, columns: tuple[str, ...]) -> np.ndarray:
    filled = np.zeros(frame.num_rows, dtype=bool)
    for col in columns:
        if col in frame.column_names:
            filled |= mask(pc.is_valid(frame.column(col)))
    return filled


def _unit_years(t: pa.Table, keys: np.ndarray, keep: np.ndarray) -> pa.Table:
    """One row per unit-year: each figure from the first row that gives it; `pos` is that unit-year's row
    (the first that gives figures, else its first row). Ordered by `pos`."""
    rows = np.flatnonzero(keep)
    several = rules.repeated_keys(keys[rows])
    single = rows[~several]
    out = _take(t, single, YEAR_COLUMNS)
    if several.any():  # rounds of one unit-year on several rows: merge them (a few rows in practice)
        merged = _merged(t, keys, rows[several])
        out = pa.concat_tables([out, merged]).sort_by("pos")
    return out


def _take(t: pa.Table, rows: np.ndarray, columns: tuple[str, ...]) -> pa.Table:
    every = len(rows) == t.num_rows  # the usual case: every row kept, in order
    taken = t.select(list(columns)) if every else t.select(list(columns)).take(pa.array(rows, pa.int64()))
    return pa.table({c: pc.cast(taken.column(c), _TYPES[c]) for c in columns} | {"pos": pa.array(rows, pa.int64())})


def _merged(t: pa.Table, keys: np.ndarray, rows: np.ndarray) -> pa.Table:
    values = _take(t, rows, YEAR_COLUMNS).to_pylist()
    groups: dict[int, list[dict[str, object]]] = {}
    for key, row in zip(keys[rows].tolist(), values, strict=True):
        groups.setdefault(key, []).append(row)
    merged = []
    for group in groups.values():
        with_figures = [r for r in group if any(r[c] is not None for c in FIGURE_COLUMNS)]
        ordered = with_figures + [r for r in group if r not in with_figures]
        row = dict(ordered[0])
        for c in FIGURE_COLUMNS:
            row[c] = next((r[c] for r in ordered if r[c] is not None), None)
        merged.append(row)
    schema = pa.schema([(c, _TYPES[c]) for c in YEAR_COLUMNS] + [("pos", pa.int64())])
    return pa.Table.from_pylist(merged, schema=schema)


def _inspections(t: pa.Table, keep: np.ndarray, where: np.ndarray) -> pa.Table:
    """One row per inspection, with `source_row`: the row a person sees in the file."""
    rows = np.flatnonzero(keep & t.column("inspection").to_numpy())
    out = _take(t, rows, INSPECTION_COLUMNS).drop(["pos"])
    return out.append_column("source_row", pa.array(where[rows], pa.int64()))


def _all_units(units: pa.Table, units_new: pa.Table) -> pa.Table:
    wanted = ("unit_code", "unit_name", "unit_type", "parent_code")
    both = [pa.table({c: pc.cast(u.column(c), pa.string()) for c in wanted}) for u in (units, units_new)]
    return pa.concat_tables(both)


def _empty(columns: tuple[str, ...], types: dict[str, pa.DataType]) -> pa.Table:
    return pa.table({c: pa.array([], types.get(c, pa.int64())) for c in columns})


def _result(raw: RawTable, f: Findings, inspections: pa.Table, units_new: pa.Table,
            years: pa.Table | None) -> Checked:
    found = sorted(f.items, key=lambda p: (p.row is not None, p.row or 0))  # stable: file-wide first, then by row
    absent = frozenset(c for c in (*FIGURE_COLUMNS, *INSPECTION_VALUES) if c not in raw.frame.column_names)
    return Checked(units_new, years, inspections, [*raw.notes, *found], raw.frame.num_rows, absent)

