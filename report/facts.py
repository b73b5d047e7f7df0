"""What a briefing rests on: the store's frames for one year and some unit types, read once by
`report.gather` and handed to the writers (content, figures, summary), which never query the store."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Facts:
    """What a briefing for one year and some unit types rests on, as the store gave it."""

    year: int
    unit_types: tuple[str, ...]  # in the registry's order; empty means every type
    demo: bool  # whether the data in force come from the illustrative demo files
    by_year: pd.DataFrame  # counts by year: last year and this year, or every year up to this one with trends
    by_type: pd.DataFrame  # counts by unit type, this year
    by_unit: pd.DataFrame  # counts by unit, this year, with unit_name and unit_type
    rounds: pd.DataFrame  # inspected and improved units by inspection round, this year
    trends: pd.DataFrame | None = None  # counts by year and unit type, every year up to this one (for the charts)
    # Counts by year and unit, last year and this year, rolled up through the lineage into successor units
    # (metrics.like): the changes on last year rest on the units matched in it. None: no change is shown.
    rolled: pd.DataFrame | None = None
    lineage: pd.DataFrame | None = None  # the lineage events (store.lineage), to tell a reorganised year

    def last_two_years(self) -> pd.DataFrame:
        """The by-year counts of last year and this year (the cards, the year in words)."""
        return self.by_year[self.by_year["year"] >= self.year - 1].reset_index(drop=True)
