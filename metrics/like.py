"""Like-for-like change on last year: the same units in both years, across a reorganisation.

The counts come rolled up through the lineage by the store (`Store.counts(..., rollup=True)`: a merged
or renamed unit's figures count for the unit that succeeds it, the rule the trends page uses), one row
per year and unit. A unit is matched for a metric when it has figures for that metric (a denominator
above zero) in both years; the change is then taken between the summed numerators and denominators of
the matched units only, so units that came, went or have not reported yet move nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from metrics.change import NONE, Change, change_on_last_year
from metrics.compute import evaluate
from metrics.registry import get

# Below 10 matched units a change says more about which units reported than about the province
# (the same floor as a share resting on few cases, metrics.compute.MIN_RELIABLE_N).
MIN_MATCHED = 10


@dataclass(frozen=True)
class Matched:
    """A metric's change on last year over the units with its figures in both years."""

    units: int  # units with figures for the metric in both years, after roll-up
    now: tuple[float, float]  # this year's summed numerator and denominator over those units
    before: tuple[float, float]  # last year's, over the same units
    change: Change  # NONE when too few units match

    @property
    def enough(self) -> bool:
        """Whether enough units match for a change to be shown (MIN_MATCHED)."""
        return self.units >= MIN_MATCHED


def _with_figures(values: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of a year whose metric has figures: a denominator above zero and a known numerator."""
    rows = values[values["year"] == year]
    return rows[(rows["denominator"] > 0) & rows["numerator"].notna()].set_index("unit_code")


def matched_change(rolled: pd.DataFrame, key: str, year: int) -> Matched:
    """The change of metric `key` from year − 1 to `year` over the units with its figures in both years."""
    values = evaluate(rolled, key)
    now, before = _with_figures(values, year), _with_figures(values, year - 1)
    codes = now.index.intersection(before.index)
    sums_now = (float(now.loc[codes, "numerator"].sum()), float(now.loc[codes, "denominator"].sum()))
    sums_before = (float(before.loc[codes, "numerator"].sum()), float(before.loc[codes, "denominator"].sum()))
    if len(codes) < MIN_MATCHED:
        return Matched(len(codes), sums_now, sums_before, NONE)
    return Matched(len(codes), sums_now, sums_before, change_on_last_year(get(key), sums_now, sums_before))


def units_with_figures(by_unit: pd.DataFrame, key: str) -> int:
    """How many units of a by-unit counts frame have figures for metric `key` (the metric's own n)."""
    values = evaluate(by_unit, key)
    return int(((values["denominator"] > 0) & values["numerator"].notna()).sum())


@dataclass(frozen=True)
class Reorganisation:
    """Whether the set of units changed by the lineage in a year, and the units in scope either side."""

    year: int
    in_scope: int
    in_scope_before: int
    reorganised: bool


def reorganisation(by_year: pd.DataFrame, lineage: pd.DataFrame, year: int) -> Reorganisation:
    """Units in scope this year and last (a by-year counts frame) and whether a lineage event fell in the year."""
    scope = dict(zip(by_year["year"].astype(int), by_year["units_in_scope"], strict=True))
    dates = pd.to_datetime(lineage["event_date"], errors="coerce")
    # A unit is in scope when it exists at 31 December: an event after last year's end changes this year's set.
    after, until = pd.Timestamp(dt.date(year - 1, 12, 31)), pd.Timestamp(dt.date(year, 12, 31))
    changed = bool(((dates > after) & (dates <= until)).any()) and year - 1 in scope
    return Reorganisation(year, _count(scope.get(year)), _count(scope.get(year - 1)), changed)


def _count(value: object) -> int:
    number = pd.to_numeric(value, errors="coerce")
    return 0 if number is None or math.isnan(float(number)) else int(number)
