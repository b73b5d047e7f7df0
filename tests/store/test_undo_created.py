"""Undo of the rows a batch created, found by its batch_id: no prior row is kept for a new key.

Databases written before that change hold a prior row with `existed = false` for each created
key; they must undo exactly the same way."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from common.errors import UndoError
from store import BatchMeta, Store
from tests.store.test_batches import UNITS, committed, figures, meta


def _prior_rows(store: Store, table: str) -> int:
    con = duckdb.connect(str(store.path))
    found = con.execute(f"SELECT count(*) FROM {table}_prior").fetchone()
    con.close()
    return int(found[0]) if found else -1


def _old_style(store: Store) -> None:
    """What the earlier writer also kept: a prior row with `existed = false` for every key, in the batch
    that created it (the earliest batch that wrote it, counting the batches later writers overwrote)."""
    con = duckdb.connect(str(store.path))
    for table, keys in (("units", "unit_code"), ("unit_years", "unit_code, year")):
        con.execute(f"""INSERT INTO {table}_prior ({keys}, batch_id, existed)
            SELECT {keys}, min(batch_id), false FROM (
                SELECT {keys}, batch_id FROM {table}_prior UNION ALL SELECT {keys}, prior_batch FROM {table}_prior
                UNION ALL SELECT {keys}, batch_id FROM {table})
            GROUP BY {keys}""")
    con.close()


def test_a_batch_of_new_rows_keeps_no_prior_rows_and_undo_removes_them(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    assert _prior_rows(empty_store, "units") == 0 and _prior_rows(empty_store, "unit_years") == 0
    second = committed(empty_store, {"unit_years": figures(50, year=2018)}, meta("b.csv"))
    assert empty_store.undo_blockers(first) == [second]  # a row of a unit the first batch created
    empty_store.undo(second, "t")
    assert empty_store.unit_years()["year"].tolist() == [2017]
    empty_store.undo(first, "t")
    assert empty_store.unit_years().empty and empty_store.units().empty


@pytest.mark.parametrize("old_style", [False, True])
def test_undo_is_blocked_by_every_later_writer_of_a_created_row(empty_store: Store, old_style: bool) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    renamed = UNITS.assign(unit_name=["Sở A mới", "UBND xã B"])
    second = committed(empty_store, {"units": renamed}, meta("b.csv"))  # changes a unit the first created
    third = committed(empty_store, {"unit_years": figures(50)}, meta("c.csv"))  # changes a created row
    if old_style:
        _old_style(empty_store)
    assert empty_store.undo_blockers(first) == [second, third]
    assert empty_store.undo_blockers(second) == []
    empty_store.undo(second, "t")
    assert empty_store.units()["unit_name"].tolist()[:1] == ["Sở A"]
    with pytest.raises(UndoError) as caught:
        empty_store.undo(first, "t")
    assert f"#{third}" in caught.value.message("en") and f"#{second}" not in caught.value.message("en")
    empty_store.undo(third, "t")
    assert empty_store.undo_blockers(first) == []
    empty_store.undo(first, "t")
    assert empty_store.unit_years().empty and empty_store.units().empty


@pytest.mark.parametrize("old_style", [False, True])
def test_a_row_changed_by_an_undone_batch_then_by_another_still_blocks(empty_store: Store, old_style: bool) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    second = committed(empty_store, {"unit_years": figures(50)}, meta("b.csv"))
    empty_store.undo(second, "t")
    third = committed(empty_store, {"unit_years": figures(52)}, meta("c.csv"))
    if old_style:
        _old_style(empty_store)
    assert empty_store.undo_blockers(first) == [third]
    empty_store.undo(third, "t")
    assert int(empty_store.unit_years()["processes_total"].iloc[0]) == 46
    empty_store.undo(first, "t")
    assert empty_store.unit_years().empty and empty_store.units().empty


def test_rows_reimported_unchanged_block_only_as_rows_of_a_created_unit(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    again, _ = empty_store.commit({"units": UNITS, "unit_years": figures(46)}, meta("b.csv"))
    assert again is None
    two_years = pd.concat([figures(46), figures(47, year=2018).assign(source_row=[3])])
    second, found = empty_store.commit({"unit_years": two_years}, meta("c.csv"))
    assert second is not None and (found.new, found.unchanged) == (1, 1)
    assert empty_store.undo_blockers(first) == [second]
    empty_store.undo(second, "t")
    assert empty_store.unit_years()["year"].tolist() == [2017]
    assert int(empty_store.unit_years()["batch_id"].iloc[0]) == first


def test_an_old_database_with_prior_rows_for_new_keys_undoes_the_same(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    second = committed(empty_store, {"unit_years": figures(50)}, meta("b.csv"))
    _old_style(empty_store)
    assert _prior_rows(empty_store, "units") == 2 and _prior_rows(empty_store, "unit_years") == 2
    before = empty_store.unit_years()
    empty_store.undo(second, "t")
    assert int(empty_store.unit_years()["processes_total"].iloc[0]) == 46
    again = committed(empty_store, {"unit_years": figures(50)}, BatchMeta("d.csv", "sha-d", "t", 1))
    pd.testing.assert_frame_equal(empty_store.unit_years().drop(columns="batch_id"),
                                  before.drop(columns="batch_id"))
    assert empty_store.undo_blockers(first) == [again]
    empty_store.undo(again, "t")
    empty_store.undo(first, "t")
    assert empty_store.unit_years().empty and empty_store.units().empty
