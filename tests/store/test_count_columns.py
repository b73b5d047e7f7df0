"""The counts query's columns are built from the one declared list (common.columns.COUNT_COLUMNS)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from common.columns import COUNT_COLUMNS
from store import Store


def test_every_shape_of_the_counts_query_returns_the_declared_count_columns_in_order(demo_db: Path) -> None:
    store = Store(demo_db)
    shapes = [
        (["year"], (2017, 2017), False),  # one row per unit: the single-row form
        (["unit_type"], (2016, 2017), False),  # two years, no roll-up: the per-unit stage
        (["year", "unit_type"], (2016, 2017), True),  # rolled up through the lineage
    ]
    for by, years, rollup in shapes:
        frame = store.counts(by, years, rollup=rollup)
        assert list(frame.columns) == [*by, *COUNT_COLUMNS], (by, rollup)


def test_the_single_row_and_the_per_unit_forms_total_each_column_alike(demo_db: Path) -> None:
    """Rolled up by the events up to 2017 (none) through the per-unit stage, or not (the single-row form): the
    same totals, column by column."""
    store = Store(demo_db)
    single = store.counts(["year"], (2017, 2017), rollup=False)
    per_unit = store.counts(["year"], (2017, 2017), rollup=True, rollup_through=2017)
    pd.testing.assert_frame_equal(single, per_unit)
    assert single.loc[0, "units_in_scope"] == 122 and single.loc[0, "units_inspected"] == 42
