"""Checks across cells and rows: totals against parts, repeated rows, year-on-year continuity and the
three-offices rule for districts.

Rows are worked on as Arrow columns and numpy masks; a unit-year is one int64 (unit number × 10,000 +
year), because hashing integers is far cheaper than hashing pairs of text and year."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.checking.findings import Findings
from ingest.columns import FIGURE_COLUMNS
from ingest.values import ints, mask

MAX_OFFICES = 3
_YEARS = 10_000


@dataclass(frozen=True)
class UnitYears:
    """The unit-year key of rows: units numbered by their place among the distinct codes of the file."""

    codes: pa.Array  # the distinct unit codes of the file

    def keys(self, ids: np.ndarray, years: pa.Array) -> np.ndarray:
        """Each row's unit-year as one int64 from its unit's number (−1: none); −1 when either is missing."""
        year = ints(years, -1)
        out: np.ndarray = np.where((ids >= 0) & (year >= 0), ids * _YEARS + year, -1)
        return out

    def stored_keys(self, codes: pa.ChunkedArray, years: pa.ChunkedArray) -> np.ndarray:
        """The keys of stored rows; −1 for a unit this file does not name."""
        return self.keys(ints(pc.index_in(codes, value_set=self.codes), -1), years)


def repeated_keys(keys: np.ndarray) -> np.ndarray:
    """A mask of the keys that occur more than once (a stable sort: cheaper than hashing a million keys)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    out = np.zeros(len(keys), dtype=bool)
    if same.any():
        flags = np.zeros(len(keys), dtype=bool)
        flags[1:] |= same
        flags[:-1] |= same
        out[order] = flags
    return out


def _lookup(keys: np.ndarray, wanted: np.ndarray) -> pa.Array:
    """For each wanted key, the position of its first occurrence in `keys`, or null."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    at = np.minimum(np.searchsorted(ordered, wanted), max(len(keys) - 1, 0))
    hit = (ordered[at] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    return pa.array(order[at] if len(keys) else np.zeros(len(wanted), dtype=np.int64), mask=~hit)


def within_row(t: pa.Table, f: Findings) -> None:
    """procedures_under_iso ≤ procedures_total (error); steps_after ≤ steps_before (warning)."""
    under, total = t.column("procedures_under_iso"), t.column("procedures_total")
    f.cells(mask(pc.greater(under, total)), "procedures_under_iso", "ingest.under_iso_above_total",
            params=lambda p: {"under": under[p].as_py(), "total": total[p].as_py()})
    after, before = t.column("steps_after"), t.column("steps_before")
    f.cells(mask(pc.greater(after, before)), "steps_after", "ingest.steps_increased", "warning",
            params=lambda p: {"after": after[p].as_py(), "before": before[p].as_py()})


def repeats(t: pa.Table, keys: np.ndarray, round_key: np.ndarray, valid: np.ndarray, f: Findings) -> np.ndarray:
    """Errors for a unit-year-round given twice, and for one unit-year given two sets of figures.

    Returns the positions that repeat a unit-year-round (left out of the results)."""
    shared = np.zeros(len(keys), dtype=bool)
    shared[valid] = repeated_keys(keys[valid])
    repeated = np.zeros(len(keys), dtype=bool)
    if not shared.any():
        return repeated  # the common case: one row per unit-year
    first_of: dict[tuple[int, int], int] = {}
    first_pos: dict[int, int] = {}
    for pos in np.flatnonzero(shared).tolist():
        seen = first_of.setdefault((int(keys[pos]), int(round_key[pos])), pos)
        if seen != pos:
            repeated[pos] = True
            first_pos[pos] = seen
    f.cells(repeated, None, "ingest.duplicate_round", params=lambda p: {"first": f.row(first_pos[p])})
    _figures_differ(t, keys, shared & ~repeated, f)
    return repeated


def _figures_differ(t: pa.Table, keys: np.ndarray, usable: np.ndarray, f: Findings) -> None:
    """The first row giving other figures for a unit-year already given figures, per distinct set."""
    positions = np.flatnonzero(usable)
    figures = list(zip(*(t.column(c).take(pa.array(positions)).to_pylist() for c in FIGURE_COLUMNS), strict=True))
    first: dict[int, tuple[int, tuple[object, ...]]] = {}
    seen: set[tuple[int, tuple[object, ...]]] = set()
    clashes = 0
    for pos, values in zip(positions.tolist(), figures, strict=True):
        key = int(keys[pos])
        if all(v is None for v in values) or (key, values) in seen:
            continue
        seen.add((key, values))
        if key not in first:
            first[key] = (pos, values)
            continue
        clashes += 1
        if clashes > 1000:
            continue
        at, given = first[key]
        column = next(c for c, a, b in zip(FIGURE_COLUMNS, values, given, strict=True) if a != b)
        f.at(pos, column, "ingest.figures_differ", "error", {"first": f.row(at), "other": f.value(at, column) or ""})


def continuity(years: pa.Table, last: LastYear, f: Findings) -> None:
    """Warnings: more processes removed than last year's total; last year − removed + new ≠ this year."""
    prev = last.values("processes_total")
    removed, new = years.column("processes_removed"), years.column("processes_new")
    total, year = years.column("processes_total"), years.column("year")
    expected = pc.add(pc.subtract(prev, removed), new)
    pos = years.column("pos").to_numpy()

    def params(i: int) -> dict[str, object]:
        j = int(np.searchsorted(pos, i))
        return {"last_total": prev[j].as_py(), "last_year": year[j].as_py() - 1, "removed": removed[j].as_py(),
                "new": new[j].as_py(), "expected": expected[j].as_py(), "total": total[j].as_py()}

    n = len(f.raw.rows)
    f.cells(_at(pos, mask(pc.greater(removed, prev)), n), "processes_removed", "ingest.removed_beyond_total",
            "warning", params)
    f.cells(_at(pos, mask(pc.not_equal(expected, total)), n), "processes_total", "ingest.continuity_break",
            "warning", params)


class LastYear:
    """Where each unit-year's year before stands: in this file when it gives that unit-year, else in the store.
    Found once for every figure: continuity and the jump check both read last year's values."""

    def __init__(self, years: pa.Table, own: np.ndarray, index: UnitYears, prior: pa.Table) -> None:
        """`own`: the unit-year key of each row of `years`; `prior`: the stored figures of earlier years."""
        wanted = np.where(own >= 0, own - 1, -2)
        self.years, self.prior = years, prior
        self.in_file = _lookup(own, wanted)
        self.in_store: pa.Array | None = None
        if {"unit_code", "year"} <= set(prior.column_names) and prior.num_rows:
            stored = index.stored_keys(prior.column("unit_code"), prior.column("year"))
            self.in_store = _lookup(stored, wanted)

    def values(self, column: str) -> pa.Array:
        """Each unit-year's figure of the year before; missing when neither the file nor the store has it."""
        last = pc.take(self.years.column(column), self.in_file)
        if self.in_store is not None and column in self.prior.column_names:
            from_store = pc.take(self.prior.column(column), self.in_store)
            last = pc.if_else(pc.is_null(self.in_file), pc.cast(from_store, pa.int64()), last)
        return last


def _at(pos: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[pos[hit]] = True
    return out


def offices(t: pa.Table, keys: np.ndarray, valid: np.ndarray, units: pa.Table, f: Findings) -> None:
    """A warning when more than three district offices of one district run their own system in a year."""
    is_office = pc.and_(pc.equal(units.column("unit_type"), "phong_huyen"), pc.is_valid(units.column("parent_code")))
    known = units.filter(is_office)
    if not known.num_rows:
        return
    where = pc.index_in(t.column("unit_code"), value_set=known.column("unit_code"))
    rows = np.flatnonzero(valid & mask(pc.is_valid(where)))
    first = np.unique(keys[rows], return_index=True)[1]  # each unit-year once, at its first row
    rows = np.sort(rows[first])
    parents = pc.take(known.column("parent_code"), pc.take(where, pa.array(rows))).to_pylist()
    groups: dict[tuple[str, int], list[int]] = {}
    for pos, parent, year in zip(rows.tolist(), parents, t.column("year").take(pa.array(rows)).to_pylist(),
                                 strict=True):
        groups.setdefault((parent, year), []).append(pos)
    column = "unit_code" if "unit_code" in f.raw.frame.column_names else "unit_name"
    names: dict[str, str] | None = None
    for (parent, year), members in groups.items():
        if len(members) > MAX_OFFICES:
            if names is None:
                names = dict(zip(units.column("unit_code").to_pylist(), units.column("unit_name").to_pylist(),
                                 strict=True))
            f.at(members[MAX_OFFICES], column, "ingest.too_many_offices", "warning",
                 {"count": len(members), "district": names.get(parent, parent), "year": year})
