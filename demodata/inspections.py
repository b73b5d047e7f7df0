"""The demo's on-site inspections: how many units a year, which ones (rotation), in which round, and whether
they improved (near 80%), with the article's 2017 round 1 fixed."""

from __future__ import annotations

import random
from datetime import date

from demodata.units import Row

# the article's good performers of early 2017 (inspected in round 1 and improved)
GOOD_2017 = ["LS-SNV", "LS-SNNPTNT", "LS-SGDDT", "LS-STC", "LS-SCT", "LS-SKHCN"]
# deliberate defects an analyst should find (documented in data/README_DEMO.md): reports never sent
MISSING_REPORTS = {("LS-H-DL-TP", 2016), ("LS-TTDGTS", 2019), ("LS-X-TTND", 2022)}


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
