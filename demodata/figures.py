"""The demo's figures per unit and year: process churn, simplified steps and procedures under ISO, in the
ranges of each unit type (TYPE_PROFILE), with the deliberate continuity breaks of data/README_DEMO.md."""

from __future__ import annotations

import random

from demodata.units import Row, in_scope

Profile = dict[str, tuple[int, int]]  # a unit type's ranges (TYPE_PROFILE)
Figures = dict[str, int]  # a unit-year's figures by column
Key = tuple[str, int]  # (unit code, year)

SEED = 2017
YEARS = range(2007, 2026)
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
CONTINUITY_BREAKS = {("LS-SYT", 2012): 6, ("LS-H-HL-TNMT", 2015): -5, ("LS-TTKSBT", 2021): 8}
SNV_2017 = {"processes_total": 46, "procedures_total": 62, "procedures_under_iso": 61}


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
