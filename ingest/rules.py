"""Checks across cells and rows: totals against parts, repeated rows, year-on-year continuity and the
three-offices rule for districts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingest.columns import FIGURE_COLUMNS
from ingest.findings import Findings

KEY = ["unit_code", "year"]
MAX_OFFICES = 3
_YEARS = 10_000  # a unit-year as one integer: unit number × _YEARS + year


def unit_year_keys(codes: pd.Series, years: pd.Series) -> np.ndarray:
    """Each row's unit-year as one int64 (hashing ints is far cheaper than pairs of text and year); −1 when
    the unit or the year is missing."""
    unit, _ = pd.factorize(codes, use_na_sentinel=True)
    year = years.fillna(-1).to_numpy(dtype=np.int64)
    keys: np.ndarray = np.where((unit >= 0) & (year >= 0), unit.astype(np.int64) * _YEARS + year, -1)
    return keys


def _bool(mask: pd.Series) -> np.ndarray:
    out: np.ndarray = mask.fillna(False).to_numpy(dtype=bool)
    return out


def within_row(t: pd.DataFrame, f: Findings) -> None:
    """procedures_under_iso ≤ procedures_total (error); steps_after ≤ steps_before (warning)."""
    over = _bool(t["procedures_under_iso"] > t["procedures_total"])
    f.cells(over, "procedures_under_iso", "ingest.under_iso_above_total",
            params=lambda p: {"under": t["procedures_under_iso"].iat[p], "total": t["procedures_total"].iat[p]})
    more = _bool(t["steps_after"] > t["steps_before"])
    f.cells(more, "steps_after", "ingest.steps_increased", "warning",
            params=lambda p: {"after": t["steps_after"].iat[p], "before": t["steps_before"].iat[p]})


def repeats(t: pd.DataFrame, valid: np.ndarray, f: Findings) -> np.ndarray:
    """Errors for a unit-year-round given twice, and for one unit-year given two sets of figures.

    Returns the positions that repeat a unit-year-round (left out of the results)."""
    keyed = t.loc[valid, [*KEY, "round_key"]]
    several = pd.Series(t["unit_year"].to_numpy()[valid]).duplicated(keep=False).to_numpy()
    if not several.any():
        return np.zeros(len(t), dtype=bool)  # the common case: one row per unit-year
    keyed = keyed[several]
    twice = keyed.duplicated(keep="first")
    first_of = keyed.reset_index().groupby([*KEY, "round_key"], sort=False)["index"].transform("first")
    repeated = np.zeros(len(t), dtype=bool)
    repeated[keyed.index[twice.to_numpy()]] = True
    first_pos = pd.Series(first_of.to_numpy(), index=keyed.index)
    f.cells(repeated, None, "ingest.duplicate_round", params=lambda p: {"first": f.row(int(first_pos[p]))})
    shared = np.zeros(len(t), dtype=bool)
    shared[keyed.index] = True
    _figures_differ(t, shared & ~repeated, f)
    return repeated


def _figures_differ(t: pd.DataFrame, usable: np.ndarray, f: Findings) -> None:
    with_figures = usable & t[list(FIGURE_COLUMNS)].notna().any(axis=1).to_numpy()
    sub = t.loc[with_figures, [*KEY, *FIGURE_COLUMNS]]
    distinct = sub[~sub.duplicated(keep="first")]
    clash = distinct.duplicated(subset=KEY, keep="first")
    if not clash.any():
        return
    firsts = distinct[~clash].reset_index().set_index(KEY)["index"]
    for pos in distinct.index[clash.to_numpy()][:1000]:
        first = int(firsts.loc[tuple(t.loc[pos, KEY])])
        column = next(c for c in FIGURE_COLUMNS if not _same(t.at[pos, c], t.at[first, c]))
        f.at(int(pos), column, "ingest.figures_differ", "error",
             {"first": f.row(first), "other": f.value(first, column) or ""})


def _same(a: object, b: object) -> bool:
    return bool((pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b))


def continuity(years: pd.DataFrame, prior: pd.DataFrame, f: Findings) -> None:
    """Warnings: more processes removed than last year's total; last year − removed + new ≠ this year."""
    both = years.assign(last_total=_last_totals(years, prior))
    pos = both["pos"].to_numpy()
    removed, new = both["processes_removed"], both["processes_new"]
    total, prev = both["processes_total"], both["last_total"]
    expected = prev - removed + new

    where = pd.Series(np.arange(len(pos)), index=pos)
    year = both["year"]

    def params(i: int) -> dict[str, object]:
        j = int(where[i])
        return {"last_total": prev.iat[j], "last_year": year.iat[j] - 1, "removed": removed.iat[j],
                "new": new.iat[j], "expected": expected.iat[j], "total": total.iat[j]}

    f.cells(_at(pos, _bool(removed > prev), len(f.raw.rows)), "processes_removed", "ingest.removed_beyond_total",
            "warning", params)
    f.cells(_at(pos, _bool(expected != total), len(f.raw.rows)), "processes_total", "ingest.continuity_break",
            "warning", params)


def _last_totals(years: pd.DataFrame, prior: pd.DataFrame) -> pd.Series:
    """Each unit-year's process total of the year before: from this file when it gives that unit-year,
    else from the store; missing when neither has a total."""
    cols = [*KEY, "processes_total"]
    stored = prior[cols] if set(cols) <= set(prior.columns) else pd.DataFrame(columns=cols)
    both = pd.concat([years[cols], stored.astype({"year": "Int64", "processes_total": "Int64"})], ignore_index=True)
    keys = unit_year_keys(both["unit_code"], both["year"])
    first = ~pd.Series(keys).duplicated(keep="first").to_numpy() & (keys >= 0)  # the file's own rows win
    has_total = first & both["processes_total"].notna().to_numpy()
    found = pd.Index(keys[has_total]).get_indexer(keys[: len(years)] - 1)
    totals = both["processes_total"].to_numpy(dtype="float64", na_value=np.nan)[has_total]
    last = np.full(len(years), np.nan)
    last[found >= 0] = totals[found[found >= 0]]
    return pd.Series(last, index=years.index).astype("Int64")


def _at(pos: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[pos[hit]] = True
    return mask


def offices(t: pd.DataFrame, valid: np.ndarray, units: pd.DataFrame, f: Findings) -> None:
    """A warning when more than three district offices of one district run their own system in a year."""
    known = units.loc[units["unit_type"] == "phong_huyen", ["unit_code", "parent_code"]].dropna()
    if known.empty:
        return
    offices = valid & t["unit_code"].isin(known["unit_code"]).to_numpy(dtype=bool)
    rows = t.loc[offices, KEY].reset_index().merge(known, on="unit_code")
    firsts = rows.drop_duplicates(subset=KEY).sort_values("index")
    names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    for (parent, year), group in firsts.groupby(["parent_code", "year"], sort=False):
        if len(group) > MAX_OFFICES:
            column = "unit_code" if "unit_code" in f.raw.frame.columns else "unit_name"
            f.at(int(group["index"].iat[MAX_OFFICES]), column, "ingest.too_many_offices", "warning",
                 {"count": len(group), "district": names.get(parent, parent), "year": year})
