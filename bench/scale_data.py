"""A deterministic national dataset for the page benchmark: 34 provinces, units of the six
types, 2006–2025, one yearly report row per unit in scope (about 1% missing, a few continuity
breaks), inspections on about a third of the applying units, and the 2025 commune merges.

Two ways into a database give the same tables (tests/store/test_scale_data.py proves it):
- the normal import path: `write_files(folder, rows)` writes units.csv, lineage.csv and one
  bao_cao_<year>.csv per year, imported with `python -m ingest` (slow at 1M rows);
- the bulk path: `build(db, rows)` hands the same rows, file by file, to `Store.bulk_load`,
  which writes them with the same batch bookkeeping (one batch per file, prior rows for undo).

The messy variant (`messy=True`, same seed, same units and rows) breaks the continuity rule on
most unit-years that can be checked, as a careless national collection would.

Usage: python bench/scale_data.py ROWS DB [--messy]   (e.g. 1000000 /tmp/national.duckdb)
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store import BatchMeta, Store  # noqa: E402

SEED = 2025
YEARS = np.arange(2006, 2026)
PROVINCES = 34
WHO = "bench"
# One province's mix of types in 20 slots: communes dominate, as in the registry.
SLOTS = ["ubnd_xa"] * 10 + ["phong_huyen"] * 5 + ["dvsn_qlnn"] * 2 + ["dvsn_so", "ubnd_huyen", "cqcm_tinh"]
LEVEL = {"cqcm_tinh": "tinh", "dvsn_so": "tinh", "dvsn_qlnn": "tinh", "ubnd_huyen": "huyen",
         "phong_huyen": "huyen", "ubnd_xa": "xa"}
MERGED_ON = date(2025, 7, 1)
BASIS = "Nghị quyết 1656/NQ-UBTVQH15 (minh hoạ / illustrative)"
REPORT_COLUMNS = [
    "unit_code", "unit_name", "unit_type", "year", "inspection_round", "inspected_on", "iso_version",
    "processes_total", "processes_removed", "processes_new", "processes_amended", "steps_before",
    "steps_after", "procedures_total", "procedures_under_iso", "improved", "note",
]
FIGURES = REPORT_COLUMNS[6:15]
# The messy variant (a careless national collection): this share of the unit-years whose continuity
# can be checked (a process count last year and this year) breaks it.
MESSY_SHARE = 0.8


@dataclass(frozen=True)
class Dataset:
    """The registry and every yearly report row (with its inspection, if any)."""

    units: pd.DataFrame
    lineage: pd.DataFrame
    reports: pd.DataFrame


def make_units(n: int) -> pd.DataFrame:
    """n units spread over the provinces; three communes in ten merge into a neighbour in 2025."""
    i = np.arange(n)
    slot = i % len(SLOTS)
    province = (i // len(SLOTS)) % PROVINCES + 1
    types = np.array(SLOTS)[slot]
    codes = [f"P{p:02d}-{k:06d}" for p, k in zip(province, i, strict=True)]
    units = pd.DataFrame({
        "unit_code": codes,
        "unit_name": [f"Đơn vị {k:06d} tỉnh {p:02d}" for p, k in zip(province, i, strict=True)],
        "short_name": None,
        "unit_type": types,
        "admin_level": [LEVEL[t] for t in types],
        "parent_code": [f"P{p:02d}-UBND" for p in province],
        "valid_from": None,
        "valid_to": None,
    })
    merged = np.isin(slot, (1, 3, 5))  # communes; the one just before (slots 0, 2, 4) takes each in
    units.loc[merged, "valid_to"] = date(2025, 6, 30)
    return units


def make_lineage(units: pd.DataFrame) -> pd.DataFrame:
    """Each merged commune goes into the commune registered just before it (same province)."""
    ended = units.index[units["valid_to"].notna()]
    return pd.DataFrame({
        "predecessor_code": units.loc[ended, "unit_code"].to_numpy(),
        "successor_code": units.loc[ended - 1, "unit_code"].to_numpy(),
        "event_date": MERGED_ON, "kind": "merge", "legal_basis": BASIS,
    })


def _chain(rng: np.random.Generator, n: int, applying: np.ndarray) -> dict[str, np.ndarray]:
    """Process figures that add up year on year (the first applying year carries only the total)."""
    shape = applying.shape
    removed, new = rng.integers(2, 11, shape), rng.integers(3, 16, shape)
    first = applying & ~np.concatenate([np.zeros((n, 1), bool), applying[:, :-1]], axis=1)
    start = rng.integers(20, 61, n)[:, None]
    step = np.where(applying & ~first, new - removed, 0)
    total = np.where(applying, start + np.cumsum(step, axis=1), 0)
    churn = applying & ~first
    k = rng.integers(2, 7, shape)
    return {
        "processes_total": np.where(applying, total, -1),
        "processes_removed": np.where(churn, removed, -1),
        "processes_new": np.where(churn, new, -1),
        "processes_amended": np.where(churn, rng.integers(0, 21, shape), -1),
        "steps_before": np.where(churn, k * rng.integers(7, 11, shape), -1),
        "steps_after": np.where(churn, k * rng.integers(3, 6, shape), -1),
    }


def _figures(rng: np.random.Generator, n: int, messy: bool = False) -> dict[str, np.ndarray]:
    """Every figure as a units × years array, -1 where the figure is not given. Messy: most
    unit-years that can be checked say more new processes than their totals account for."""
    adopt = rng.integers(2006, 2016, n)[:, None]
    applying = YEARS[None, :] >= adopt
    to2008, to2015 = rng.integers(2009, 2011, n)[:, None], rng.integers(2018, 2022, n)[:, None]
    version = np.where(to2015 <= YEARS, 2015, np.where(to2008 <= YEARS, 2008, 2000))
    figures = _chain(rng, n, applying)
    procedures = np.broadcast_to(rng.integers(20, 151, n)[:, None], applying.shape)
    share = np.minimum(1.0, 0.4 + 0.05 * (YEARS[None, :] - adopt))
    figures["iso_version"] = np.where(applying, version, -1)
    figures["procedures_total"] = procedures
    figures["procedures_under_iso"] = np.where(applying, np.floor(procedures * share), -1).astype(int)
    breaks = applying & (rng.random(applying.shape) < 0.003)
    figures["processes_total"] = np.where(breaks, figures["processes_total"] + 5, figures["processes_total"])
    if messy:
        figures["processes_new"] = _careless(figures["processes_new"])
    figures["applying"] = applying
    return figures


def _careless(new: np.ndarray) -> np.ndarray:
    """Most given counts of new processes too high by 1–5, from a generator of their own (the tidy
    draws, hence the units, rows and inspections, stay the same). On `new`, not on the total: a total
    off by k would mend next year's check when that year is off by k too."""
    rng = np.random.default_rng(SEED + 1)
    careless = (new >= 0) & (rng.random(new.shape) < MESSY_SHARE)
    return np.where(careless, new + rng.integers(1, 6, new.shape), new)


def make_reports(units: pd.DataFrame, rng: np.random.Generator, messy: bool = False) -> pd.DataFrame:
    """One row per unit in scope and year, about 1% missing; the inspection on the same row."""
    n = len(units)
    figures = _figures(rng, n, messy)
    in_scope = np.ones((n, len(YEARS)), bool)
    in_scope[units["valid_to"].notna().to_numpy(), -1] = False
    keep = in_scope & (rng.random(in_scope.shape) >= 0.01)
    inspected = figures.pop("applying") & (rng.random(keep.shape) < 0.35)
    rounds = np.where(rng.random(keep.shape) < 0.6, 1, 2)
    improved = rng.random(keep.shape) < 0.7
    days = rng.integers(0, 120, keep.shape) + np.where(rounds == 1, 60, 220)
    u, y = np.nonzero(keep)
    out = pd.DataFrame({"unit_code": units["unit_code"].to_numpy()[u], "unit_name": units["unit_name"].to_numpy()[u],
                        "unit_type": units["unit_type"].to_numpy()[u], "year": YEARS[y]})
    insp = inspected[u, y]
    out["inspection_round"] = pd.Series(rounds[u, y], dtype="Int64").where(insp)
    dates = pd.to_datetime(YEARS[y].astype(str)) + pd.to_timedelta(days[u, y], unit="D")
    out["inspected_on"] = pd.Series(dates.date, dtype=object).where(insp)
    for col in FIGURES:
        values = figures[col][u, y]
        out[col] = pd.Series(values, dtype="Int64").where(values >= 0)
    out["improved"] = pd.Series(improved[u, y], dtype="boolean").where(insp)
    out["note"] = None
    return out.sort_values(["year", "unit_code"], kind="stable").reset_index(drop=True)


def dataset(rows: int, messy: bool = False) -> Dataset:
    """About `rows` unit-year rows: rows ÷ 20 units over the twenty years (messy: most break continuity)."""
    rng = np.random.default_rng(SEED)
    units = make_units(max(rows // len(YEARS), 2 * len(SLOTS)))
    return Dataset(units, make_lineage(units), make_reports(units, rng, messy))


def report_csv(rows: pd.DataFrame) -> bytes:
    """A yearly report as people send it: UTF-8, dd/mm/yyyy dates, có/không."""
    out = rows[REPORT_COLUMNS].copy()
    out["inspected_on"] = [d.strftime("%d/%m/%Y") if isinstance(d, date) else "" for d in out["inspected_on"]]
    out["improved"] = out["improved"].map({True: "có", False: "không"})
    text: str = out.to_csv(index=False)
    return text.encode("utf-8")


def registry_csv(data: Dataset) -> tuple[bytes, bytes]:
    """units.csv and lineage.csv in the registry format."""
    units = data.units.assign(source="registry")
    return units.to_csv(index=False).encode("utf-8"), data.lineage.to_csv(index=False).encode("utf-8")


def yearly(data: Dataset) -> Iterator[tuple[int, pd.DataFrame]]:
    """The report rows of each year, in year order."""
    for year, rows in data.reports.groupby("year", sort=True):
        yield int(year), rows.reset_index(drop=True)


def write_files(folder: Path, rows: int, messy: bool = False) -> list[Path]:
    """The dataset as the files the import path reads: registry first, then one report per year."""
    data = dataset(rows, messy)
    folder.mkdir(parents=True, exist_ok=True)
    units, lineage = registry_csv(data)
    (folder / "units.csv").write_bytes(units)
    (folder / "lineage.csv").write_bytes(lineage)
    paths = []
    for year, part in yearly(data):
        path = folder / f"bao_cao_{year}.csv"
        path.write_bytes(report_csv(part))
        paths.append(path)
    return paths


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tables(part: pd.DataFrame, source: np.ndarray) -> dict[str, pd.DataFrame]:
    """What the import path would write for these report rows."""
    years = part[["unit_code", "year", *FIGURES]].assign(source_row=source)
    insp = part[part["inspection_round"].notna()]
    inspections = insp[["unit_code", "year", "inspection_round", "inspected_on", "improved", "note"]]
    return {"unit_years": years, "inspections": inspections.assign(source_row=source[insp.index])}


def build(db: Path, rows: int, messy: bool = False) -> Path:
    """The dataset bulk-loaded into `db` (a new file), one batch per file as the import path makes."""
    data = dataset(rows, messy)
    store = Store(db)
    units, lineage = registry_csv(data)
    source_units = np.arange(2, len(data.units) + 2)
    registry = {"units": data.units.assign(source_row=source_units),
                "unit_lineage": data.lineage.assign(source_row=np.arange(2, len(data.lineage) + 2))}
    batches = [(BatchMeta("units.csv + lineage.csv", _sha(units + lineage), WHO,
                          len(data.units) + len(data.lineage)), registry)]
    for year, part in yearly(data):
        meta = BatchMeta(f"bao_cao_{year}.csv", _sha(report_csv(part)), WHO, len(part))
        batches.append((meta, _tables(part, np.arange(2, len(part) + 2))))
    store.bulk_load(batches)
    return db


if __name__ == "__main__":
    built = build(Path(sys.argv[2]), int(sys.argv[1]), "--messy" in sys.argv[3:])
    print(f"{built}: {Store(built).counts([], (2006, 2025))['units_in_scope'].iloc[0]} units")
