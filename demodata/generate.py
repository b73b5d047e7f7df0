"""Deterministic generator of the illustrative ISO 9001 demo data (see data/README_DEMO.md).

Run from the project root: `.venv/bin/python -m demodata [OUT_DIR]` (default `data/`); it rewrites
units.csv, lineage.csv and demo/bao_cao_<YYYY>.csv byte-identically (seeded, no clock).
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from demodata.figures import SEED, YEARS, Figures, Key, carry_procedures, unit_figures
from demodata.inspections import GOOD_2017, MISSING_REPORTS, inspect_year, inspection_date
from demodata.units import Row, build_lineage, build_units, in_scope
from ingest.columns import COLUMNS

Plan = tuple[dict[str, int], dict[str, tuple[int, int]], dict[Key, Figures], dict[Key, str]]
DATA = Path(__file__).resolve().parent.parent / "data"  # where the generated files are committed

REPORT_COLUMNS = list(COLUMNS)  # the canonical file layout
ADOPTION_YEARS = {
    "ubnd_huyen": [2008, 2009, 2010],
    "dvsn_so": [2009, 2010, 2011, 2012],
    "phong_huyen": [2010, 2011, 2012, 2013, 2014],
    "dvsn_qlnn": [2011, 2012, 2013, 2014, 2015],
    "ubnd_xa": [2013, 2014, 2015, 2016, 2017],
}


def plan_adoption(units: list[Row], rng: random.Random) -> dict[str, int]:
    """The first year each unit applies ISO 9001 (all 122 units of 2017 by 2017)."""
    adopt = {u["unit_code"]: int(u["valid_from"][:4]) for u in units if u["valid_from"] >= "2018"}
    cqcm = [u["unit_code"] for u in units if u["unit_type"] == "cqcm_tinh" and u["unit_code"] not in adopt]
    rest = [c for c in cqcm if c not in GOOD_2017]
    rng.shuffle(rest)
    for i, code in enumerate(GOOD_2017 + rest):
        adopt[code] = 2007 if i < 14 else (2008 if i < 19 else 2009)
    for utype, years in ADOPTION_YEARS.items():
        codes = [u["unit_code"] for u in units if u["unit_type"] == utype and u["unit_code"] not in adopt]
        rng.shuffle(codes)
        adopt.update({c: years[i % len(years)] for i, c in enumerate(codes)})
    return adopt


def plan_versions(adopt: dict[str, int], rng: random.Random) -> dict[str, tuple[int, int]]:
    """Per unit: the year it moves to ISO 9001:2008 and the year it moves to 2015."""
    early = sorted(c for c, a in adopt.items() if a <= 2017)
    rng.shuffle(early)
    plan = {}
    for i, code in enumerate(early):
        share = i / len(early)
        to2015 = 2018 if share < 0.15 else 2019 if share < 0.45 else 2020 if share < 0.80 else 2021
        to2008 = rng.choice([2009, 2010]) if adopt[code] <= 2008 else adopt[code]
        plan[code] = (to2008, to2015)
    plan.update({c: (a, a) for c, a in adopt.items() if a > 2017})
    return plan


def iso_version(year: int, adopted: int, plan: tuple[int, int]) -> str:
    """The ISO 9001 version a unit applies in a year ('' before it adopts)."""
    if year < adopted:
        return ""
    if year >= plan[1]:
        return "2015"
    return "2008" if year >= plan[0] else "2000"


def lineage_notes(lineage: list[Row], starts: dict[str, str]) -> dict[tuple[str, int], str]:
    """Short notes for the successors of the 2025 mergers, renames and new communes."""
    notes = {}
    for link in lineage:
        code, when = link["successor_code"], link["event_date"]
        if code:
            day = f"{when[8:]}/{when[5:7]}/{when[:4]}"
            what = "Thành lập" if starts[code] == when else "Tiếp nhận đơn vị sáp nhập"
            notes[(code, int(when[:4]))] = f"{what} từ {day}"
    return notes


def report_row(u: Row, year: int, version: str, figures: Figures, inspection: tuple[int, bool, str] | None) -> Row:
    """One row of a yearly report; figures empty when the unit does not apply ISO."""
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(
        unit_code=u["unit_code"],
        unit_name=u["unit_name"],
        unit_type=u["unit_type"],
        year=str(year),
        iso_version=version,
    )
    if version:
        row.update({k: str(v) for k, v in figures.items()})
    if inspection:
        round_no, improved, when = inspection
        row.update(inspection_round=str(round_no), inspected_on=when, improved="có" if improved else "không")
    return row


def year_rows(
    year: int, scope: list[Row], plan: Plan, inspected: dict[str, tuple[int, bool]], rng: random.Random
) -> list[Row]:
    """The report rows of one year, leaving out the deliberate missing reports."""
    adopt, versions, figures, notes = plan
    rows = []
    for u in scope:
        code = u["unit_code"]
        if (code, year) not in MISSING_REPORTS:
            found = inspected.get(code)
            inspection = (*found, inspection_date(year, found[0], rng)) if found else None
            version = iso_version(year, adopt[code], versions[code])
            row = report_row(u, year, version, figures.get((code, year), {}), inspection)
            rows.append(row | {"note": notes.get((code, year), "")})
    return rows


def build_reports(units: list[Row], lineage: list[Row]) -> dict[int, list[Row]]:
    """The yearly report rows, 2007-2025."""
    rng = random.Random(SEED)
    adopt = plan_adoption(units, rng)
    by_code = {u["unit_code"]: u for u in units}
    notes = lineage_notes(lineage, {c: u["valid_from"] for c, u in by_code.items()})
    figures = carry_procedures(unit_figures(units, adopt), lineage, by_code)
    plan = (adopt, plan_versions(adopt, rng), figures, notes)
    last: dict[str, int] = {}
    reports = {}
    for year in YEARS:
        scope = [u for u in units if in_scope(u, year)]
        applying = [u["unit_code"] for u in scope if adopt[u["unit_code"]] <= year]
        inspected = inspect_year(year, applying, by_code, last, rng)
        reports[year] = year_rows(year, scope, plan, inspected, rng)
    return reports


def write_csv(rows: list[Row], columns: list[str], path: Path) -> None:
    """Write rows as UTF-8 CSV with a header, no index and \\n line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=columns, dtype="string")
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def generate(out_dir: Path) -> list[Path]:
    """Write units.csv, lineage.csv and demo/bao_cao_<YYYY>.csv under out_dir."""
    units, lineage = build_units(), build_lineage()
    written = [out_dir / "units.csv", out_dir / "lineage.csv"]
    write_csv(units, list(units[0]), written[0])
    write_csv(lineage, list(lineage[0]), written[1])
    for year, rows in build_reports(units, lineage).items():
        written.append(out_dir / "demo" / f"bao_cao_{year}.csv")
        write_csv(rows, REPORT_COLUMNS, written[-1])
    return written
