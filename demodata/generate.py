"""Deterministic generator of the illustrative ISO 9001 demo data (see data/README_DEMO.md).

Run from the project root: `.venv/bin/python -m demodata [OUT_DIR]` (default `data/`); it rewrites
units.csv, lineage.csv and demo/bao_cao_<YYYY>.csv byte-identically (seeded, no clock).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pandas as pd

from demodata.units import Row, build_lineage, build_units, in_scope
from ingest.columns import COLUMNS

Profile = dict[str, tuple[int, int]]  # a unit type's ranges (TYPE_PROFILE)
Figures = dict[str, int]  # a unit-year's figures by column
Key = tuple[str, int]  # (unit code, year)
Plan = tuple[dict[str, int], dict[str, tuple[int, int]], dict[Key, Figures], dict[Key, str]]
DATA = Path(__file__).resolve().parent.parent / "data"  # where the generated files are committed

SEED = 2017
YEARS = range(2007, 2026)
REPORT_COLUMNS = list(COLUMNS)  # the canonical file layout
# the article's good performers of early 2017 (inspected in round 1 and improved)
GOOD_2017 = ["LS-SNV", "LS-SNNPTNT", "LS-SGDDT", "LS-STC", "LS-SCT", "LS-SKHCN"]
ADOPTION_YEARS = {
    "ubnd_huyen": [2008, 2009, 2010],
    "dvsn_so": [2009, 2010, 2011, 2012],
    "phong_huyen": [2010, 2011, 2012, 2013, 2014],
    "dvsn_qlnn": [2011, 2012, 2013, 2014, 2015],
    "ubnd_xa": [2013, 2014, 2015, 2016, 2017],
}
PROCEDURE_RANGE = {
    "cqcm_tinh": (40, 150),
    "ubnd_huyen": (150, 250),
    "phong_huyen": (10, 40),
    "dvsn_so": (5, 30),
    "dvsn_qlnn": (5, 30),
    "ubnd_xa": (80, 130),
}
# How unit types differ, all within the article's province-wide ranges (removed 4-10, new 10-20, about
# 25 amended, 7-10 steps cut to 3-5): provincial departments run more processes and cut deeper, districts'
# offices and communes fewer and shallower. start: processes in the first year; then per year removed, new,
# amended; steps per simplified process before and after.
TYPE_PROFILE = {
    "cqcm_tinh": {"start": (45, 60), "removed": (7, 10), "new": (13, 20), "amended": (25, 30),
                  "before": (8, 10), "after": (3, 4)},
    "ubnd_huyen": {"start": (40, 55), "removed": (6, 10), "new": (12, 18), "amended": (24, 29),
                   "before": (7, 10), "after": (3, 5)},
    "dvsn_so": {"start": (35, 50), "removed": (5, 9), "new": (11, 16), "amended": (22, 28),
                "before": (7, 9), "after": (3, 5)},
    "phong_huyen": {"start": (30, 40), "removed": (4, 7), "new": (10, 13), "amended": (21, 26),
                    "before": (7, 8), "after": (4, 5)},
    "ubnd_xa": {"start": (30, 38), "removed": (4, 6), "new": (10, 12), "amended": (21, 25),
                "before": (7, 8), "after": (4, 5)},
}
TYPE_PROFILE["dvsn_qlnn"] = TYPE_PROFILE["dvsn_so"]  # public service units, under a department or not
# National programmes that cut administrative procedures (illustrative sizes): the simplification of
# Đề án 30 (done by 2011), the 2017-2018 cuts, and the 2021-2025 programme (NQ 68/NQ-CP).
REFORMS = {2011: 0.92, 2018: 0.94, 2021: 0.90}
# deliberate defects an analyst should find (documented in data/README_DEMO.md)
MISSING_REPORTS = {("LS-H-DL-TP", 2016), ("LS-TTDGTS", 2019), ("LS-X-TTND", 2022)}
CONTINUITY_BREAKS = {("LS-SYT", 2012): 6, ("LS-H-HL-TNMT", 2015): -5, ("LS-TTKSBT", 2021): 8}
SNV_2017 = {"processes_total": 46, "procedures_total": 62, "procedures_under_iso": 61}


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


def churn(rng: random.Random, total: int, cap: int, profile: Profile) -> tuple[int, int]:
    """Processes removed and written this year, in the type's ranges; growth slows once the total passes
    its cap (as many written as removed, within the article's 10-20 new)."""
    removed = rng.randint(*profile["removed"])
    if total < cap:
        return removed, rng.randint(*profile["new"])
    return max(removed, 8 if total < cap + 15 else 9), 10


def snv_churns(rng: random.Random, n: int) -> tuple[int, list[tuple[int, int]]]:
    """Sở Nội vụ: a 2007 start of 26-30 and slow churn that reaches 46 processes in 2017."""
    while True:
        draws = [(rng.randint(8, 10), rng.randint(10, 11)) for _ in range(n)]
        start = SNV_2017["processes_total"] - sum(new - rem for rem, new in draws[:10])
        if 26 <= start <= 30:
            return start, draws


def steps(rng: random.Random, profile: Profile, year: int) -> tuple[int, int]:
    """Steps before and after over the k processes simplified this year; cuts deepen from 2019 (online
    public services), by one step at the most, never below 3 steps."""
    k = rng.randint(2, 6)
    low, high = profile["after"]
    high = max(low, high - 1) if year >= 2019 else high
    return sum(rng.randint(*profile["before"]) for _ in range(k)), sum(rng.randint(low, high) for _ in range(k))


def process_series(code: str, utype: str, years: list[int], rng: random.Random) -> dict[int, Figures]:
    """Process figures per applying year, in the ranges of the unit's type; the first year carries only the total."""
    profile = TYPE_PROFILE[utype]
    total, cap = rng.randint(*profile["start"]), 0
    snv = code == "LS-SNV"
    if snv:
        total, draws = snv_churns(rng, len(years) - 1)
    else:
        cap = total + rng.randint(10, 25)
    series = {years[0]: {"processes_total": total}}
    for i, year in enumerate(years[1:]):
        removed, new = draws[i] if snv else churn(rng, total, cap, profile)
        total = total - removed + new + CONTINUITY_BREAKS.get((code, year), 0)
        before, after = steps(rng, profile, year)
        series[year] = {
            "processes_total": total,
            "processes_removed": removed,
            "processes_new": new,
            "processes_amended": rng.randint(*profile["amended"]),
            "steps_before": before,
            "steps_after": after,
        }
    return series


def procedure_series(code: str, utype: str, years: list[int], rng: random.Random) -> dict[int, Figures]:
    """Administrative procedures and those under ISO; the share under ISO rises yearly, and the count
    falls with each national programme that cut procedures (REFORMS)."""
    low, high = PROCEDURE_RANGE[utype]
    count, share, step = rng.randint(low, high), rng.randint(860, 920), rng.randint(8, 15)
    if code == "LS-SNV":
        count, share, step = 67, 885, 10  # 67 x 0.92 in 2011 -> 62 in 2017; 885 + 10 x 10 permille -> 61 of 62
    series = {}
    for i, year in enumerate(years):
        if year in REFORMS and i:
            count = min(high, max(low, round(count * REFORMS[year])))
        elif code != "LS-SNV" and i and rng.random() < 0.3:
            count = min(high, max(low, count + rng.randint(-3, 3)))
        permille = min(1000, share + step * i)
        under = max(-(-85 * count // 100), count * permille // 1000)
        series[year] = {"procedures_total": count, "procedures_under_iso": min(count, under)}
    return series


def unit_figures(units: list[Row], adopt: dict[str, int]) -> dict[Key, Figures]:
    """All figures per (unit, year) for every year the unit applies ISO."""
    figures = {}
    for u in units:
        code = u["unit_code"]
        if code not in adopt:
            continue
        rng = random.Random(f"{SEED}/{code}")
        years = [y for y in YEARS if y >= adopt[code] and in_scope(u, y)]
        procs = procedure_series(code, u["unit_type"], years, rng)
        for year, values in process_series(code, u["unit_type"], years, rng).items():
            figures[(code, year)] = {**values, **procs[year]}
    return figures


def carry_procedures(figures: dict[Key, Figures], lineage: list[Row], units: dict[str, Row]) -> dict[Key, Figures]:
    """The 2025 successors of a merge or rename take over their predecessors' procedures (last year's
    count, capped at the range of the successor's type), with the same share under ISO as before."""
    for link in lineage:
        pred, succ, year = link["predecessor_code"], link["successor_code"], int(link["event_date"][:4])
        own, old = figures.get((succ, year)), figures.get((pred, year - 1))
        if not succ or own is None or old is None or link["kind"] not in ("merge", "rename"):
            continue
        new_unit = units[succ]["valid_from"][:4] == str(year)
        total = old["procedures_total"] + (0 if new_unit and not own.get("carried") else own["procedures_total"])
        total = min(PROCEDURE_RANGE[units[succ]["unit_type"]][1], total)
        share = own["procedures_under_iso"] / own["procedures_total"]
        own.update(procedures_total=total, procedures_under_iso=max(-(-85 * total // 100), int(total * share)),
                   carried=True)
    for values in figures.values():
        values.pop("carried", None)
    return figures


def inspection_count(year: int, applying: int, rng: random.Random) -> int:
    """Units inspected on site: at least a third, 41-43 a year once all 122 apply."""
    if year == 2017:
        return 42
    if 2018 <= year <= 2024:
        return rng.randint(41, 43)
    return min(applying, -(-applying // 3) + rng.randint(0, 2))


def improved_count(n: int, rng: random.Random) -> int:
    """How many of n inspected units improved: near 80%, always within 72-88%."""
    low, high = -(-72 * n // 100), 88 * n // 100
    return min(high, max(low, round(n * rng.randint(76, 84) / 100)))


def pick_inspected(pool: list[str], n: int, last: dict[str, int], rng: random.Random) -> list[str]:
    """Rotation: the units inspected longest ago come first, ties broken at random."""
    keys = {code: (last.get(code, 0), rng.random()) for code in pool}
    return sorted(pool, key=keys.__getitem__)[:n]


def rounds_2017(picked: list[str], units: dict[str, Row]) -> tuple[list[str], set[str]]:
    """2017 round 1: the six good performers + 13 others (4 district offices); 15 improved."""
    offices = [c for c in picked if units[c]["unit_type"] == "phong_huyen"][:4]
    others = [c for c in picked if c not in offices][:9]
    round1 = GOOD_2017 + offices + others
    return round1, set(GOOD_2017 + offices + others[:5])


def inspect_year(
    year: int, applying: list[str], units: dict[str, Row], last: dict[str, int], rng: random.Random
) -> dict[str, tuple[int, bool]]:
    """Inspected units of a year: code -> (round, improved)."""
    n = inspection_count(year, len(applying), rng)
    forced = GOOD_2017 if year == 2017 else []
    pool = [
        c
        for c in applying
        if c not in forced and (c, year) not in MISSING_REPORTS and units[c]["valid_from"] <= f"{year}-05-31"
    ]  # units formed after May: not inspected yet
    picked = pick_inspected(pool, n - len(forced), last, rng)
    if year == 2017:
        round1, improved = rounds_2017(picked, units)
        round2 = [c for c in picked if c not in round1]
        improved |= set(rng.sample(round2, improved_count(n, rng) - len(improved)))
    else:
        rng.shuffle(picked)
        round1, round2 = picked[: n // 2], picked[n // 2 :]
        improved = set(rng.sample(picked, improved_count(n, rng)))
    last.update({c: year for c in round1 + round2})
    result = {c: (1, c in improved) for c in round1}
    return result | {c: (2, c in improved) for c in round2}


def inspection_date(year: int, round_no: int, rng: random.Random) -> str:
    """A working day in April-May (round 1) or September-October (round 2), dd/mm/yyyy."""
    first = date(year, 4, 1) if round_no == 1 else date(year, 9, 3)
    while True:
        day = date.fromordinal(first.toordinal() + rng.randint(0, 58))
        if day.weekday() < 5:
            return day.strftime("%d/%m/%Y")


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

