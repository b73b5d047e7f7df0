"""Check a read table cell by cell and row by row: what would be stored, and every problem found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ingest import cells, rules
from ingest.columns import COUNT_COLUMNS, FIGURE_COLUMNS
from ingest.findings import Findings
from ingest.match import UNIT_COLUMNS, match_units
from ingest.problems import Problem
from ingest.read import RawTable

YEAR_COLUMNS = ("unit_code", "year", *FIGURE_COLUMNS)
INSPECTION_COLUMNS = ("unit_code", "year", "inspection_round", "inspected_on", "improved", "note")


@dataclass
class Checked:
    """What a file would store (units to create, unit-years, inspections) and its problems."""

    units_new: pd.DataFrame
    unit_years: pd.DataFrame | None
    inspections: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0

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


def check(raw: RawTable, units: pd.DataFrame, prior: pd.DataFrame, *, today: dt.date | None = None) -> Checked:
    """Check a table against the known units and the figures stored for earlier years."""
    f = Findings(raw)
    if raw.frame.empty:
        f.whole("ingest.no_rows")
        empty_years = pd.DataFrame(columns=list(YEAR_COLUMNS)).astype({"year": "Int64"})
        has_figures = any(c in raw.frame.columns for c in FIGURE_COLUMNS)
        no_units = units.iloc[0:0][list(UNIT_COLUMNS)]
        return _result(raw, f, _typed_empty(), no_units, empty_years if has_figures else None)
    t = _typed(raw.frame, f, today)
    t["unit_code"], units_new = match_units(raw.frame, t["unit_type"], t.attrs.pop("bad_type"), units, f)
    t["unit_year"] = rules.unit_year_keys(t["unit_code"], t["year"])
    valid = t["unit_year"].to_numpy() >= 0
    rules.within_row(t, f)
    repeated = rules.repeats(t, valid, f)
    keep = valid & ~repeated
    years = _unit_years(t, keep) if any(c in raw.frame.columns for c in FIGURE_COLUMNS) else None
    if years is not None:
        rules.continuity(years, prior, f)
    all_units = pd.concat([units[list(UNIT_COLUMNS)], units_new]) if len(units_new) else units
    rules.offices(t, keep, all_units, f)
    where = np.asarray(raw.rows)
    years_out = None if years is None else years.assign(source_row=where[years["pos"].to_numpy(dtype=int)])
    if years_out is not None:
        years_out = years_out.drop(columns="pos").reset_index(drop=True)
    return _result(raw, f, _inspections(t, keep, where), units_new, years_out)


def _typed(frame: pd.DataFrame, f: Findings, today: dt.date | None) -> pd.DataFrame:
    year = cells.years(frame, f, today)
    t = pd.DataFrame({"year": year, **cells.counts(frame, f)})
    t["iso_version"] = cells.iso_versions(frame, f)
    t["unit_type"], bad_type = cells.unit_types(frame, f)
    t["inspection_round"] = cells.rounds(frame, f)
    t["inspected_on"] = cells.dates(frame, f, year)
    t["improved"], x_style = cells.improved(frame, f)
    t["note"] = frame["note"] if "note" in frame.columns else None
    inspection = _filled(frame, ("inspected_on", "improved", "inspection_round"))
    if x_style:
        t["improved"] = t["improved"].mask(inspection & t["improved"].isna(), False)
    t["inspection_round"] = t["inspection_round"].mask(inspection & t["inspection_round"].isna(), 1)
    t["round_key"] = t["inspection_round"].where(inspection, 0).fillna(-1)
    t["inspection"] = inspection
    t.attrs["bad_type"] = bad_type
    return t


def _filled(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    filled = pd.Series(False, index=frame.index)
    for col in columns:
        if col in frame.columns:
            filled |= frame[col].notna()
    return filled


def _unit_years(t: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """One row per unit-year: each figure from the first row that gives it; `pos` is that unit-year's row."""
    sub = t.loc[keep, list(YEAR_COLUMNS)]
    if not t.loc[keep, "unit_year"].duplicated().any():  # the common case: one row per unit-year
        years = sub.assign(pos=sub.index).reset_index(drop=True)
        return years.astype({c: "Int64" for c in ("year", "iso_version", *COUNT_COLUMNS)})
    has = sub[list(FIGURE_COLUMNS)].notna().any(axis=1)
    sub = sub.assign(pos=sub.index, has=has).sort_values("has", ascending=False, kind="stable")
    years = sub.groupby(["unit_code", "year"], sort=False, dropna=True).first().reset_index()
    years = years.sort_values("pos", kind="stable").drop(columns="has").reset_index(drop=True)
    return years.astype({c: "Int64" for c in ("year", "iso_version", *COUNT_COLUMNS)})


def _inspections(t: pd.DataFrame, keep: np.ndarray, where: np.ndarray) -> pd.DataFrame:
    """One row per inspection, with `source_row`: the row a person sees in the file."""
    rows = t.loc[keep & t["inspection"].to_numpy(dtype=bool), list(INSPECTION_COLUMNS)]
    out = rows.assign(source_row=where[rows.index.to_numpy(dtype=int)]).reset_index(drop=True)
    return out.astype({"year": "Int64", "inspection_round": "Int64", "inspected_on": "datetime64[ns]",
                       "improved": "boolean", "note": "str"})


def _typed_empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in INSPECTION_COLUMNS}).astype(
        {"year": "Int64", "inspection_round": "Int64", "inspected_on": "datetime64[ns]", "improved": "boolean"})


def _result(raw: RawTable, f: Findings, inspections: pd.DataFrame, units_new: pd.DataFrame,
            years: pd.DataFrame | None) -> Checked:
    found = sorted(f.items, key=lambda p: (p.row is not None, p.row or 0))  # stable: file-wide first, then by row
    return Checked(units_new.reset_index(drop=True), years, inspections, [*raw.notes, *found], len(raw.frame))
