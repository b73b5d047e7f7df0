"""Complete and incomplete years: a year is complete when enough of the units in scope reported.

The share is a setting (`CCHC_COMPLETE_SHARE`, see `common.settings`); the pages pass it in,
so this module stays pure pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.compute import column


@dataclass(frozen=True)
class YearStatus:
    """How many units in scope reported in a year, and whether that makes the year complete."""

    year: int
    reporting: int
    in_scope: int
    complete: bool


def year_status(totals: pd.DataFrame, share: float) -> dict[int, YearStatus]:
    """Each year of a counts frame grouped by year: units reporting, in scope, complete or not."""
    reporting = column(totals, "units_reporting").fillna(0)
    in_scope = column(totals, "units_in_scope").fillna(0)
    out: dict[int, YearStatus] = {}
    for year, rep, scope in zip(totals["year"], reporting, in_scope, strict=True):
        complete = bool(scope > 0 and rep >= share * scope)
        out[int(year)] = YearStatus(int(year), int(rep), int(scope), complete)
    return out


def latest_complete(status: dict[int, YearStatus]) -> int | None:
    """The last complete year; the last year of all when none is complete; None without years."""
    complete = [y for y, s in status.items() if s.complete]
    if complete:
        return max(complete)
    return max(status) if status else None
